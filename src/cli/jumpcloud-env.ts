import { createJumpCloudClient, REGIONS, type JumpCloudClient, type JumpCloudClientOptions, type Region } from '../core/jumpcloud';
import { fetchOrgSnapshot, type OrgSnapshot } from '../core/org';
import { UsageError, type CliIo } from './io';
import { createUndiciTransport } from './undici-transport';

/**
 * The CLI's connection to JumpCloud, from the environment only: JC_API_KEY (the key never comes from a flag, so it
 * stays out of shell history and process lists), JC_ORG_ID, JC_REGION (us, eu, in) and JC_API_URL (another address,
 * such as `jumpcloud-csv emulator`'s).
 */
export interface EnvConnection {
  readonly client: JumpCloudClient;
  close(): Promise<void>;
}

export function connectionFromEnv(io: CliIo, extra: Partial<JumpCloudClientOptions> = {}): EnvConnection | undefined {
  const apiKey = io.env.JC_API_KEY?.trim();
  if (!apiKey) return undefined;
  const region = (io.env.JC_REGION?.trim() || 'us') as Region;
  if (!REGIONS.includes(region)) throw new UsageError(`JC_REGION must be one of ${REGIONS.join(', ')}, not "${region}"`);
  const transport = createUndiciTransport({ env: io.env });
  const orgId = io.env.JC_ORG_ID?.trim();
  const baseUrl = io.env.JC_API_URL?.trim();
  const client = createJumpCloudClient({
    apiKey,
    region,
    ...(orgId ? { orgId } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    transport,
    version: io.version,
    ...extra,
  });
  return { client, close: () => transport.close() };
}

/**
 * Reads the organization the environment points at, once (its name for messages, then users, groups, devices and
 * LDAP servers); undefined without JC_API_KEY. API errors are thrown; their messages never hold the key.
 */
export async function readOrganizationFromEnv(io: CliIo): Promise<OrgSnapshot | undefined> {
  const connection = connectionFromEnv(io);
  if (!connection) return undefined;
  try {
    const info = await connection.client.testConnection({ signal: io.signal });
    const name = info.organization?.displayName ?? connection.client.orgId ?? 'the organization';
    return await fetchOrgSnapshot(connection.client, name, io.signal);
  } finally {
    await connection.close();
  }
}
