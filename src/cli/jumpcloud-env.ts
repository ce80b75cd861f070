import type { JumpCloudClient, JumpCloudClientOptions } from '../core/jumpcloud';
import { JumpCloudApiError, JumpCloudError, JumpCloudNetworkError } from '../core/jumpcloud/errors';
import { REGIONS, type Region } from '../core/jumpcloud/regions';
import { checkApiUrl, orgReadFailureKind, readOrganization, type OrgSnapshot } from '../core/org';
import { UsageError, type CliIo } from './io';

/**
 * The organization could not be read: a set-up problem (key, region, address, organization id) or JumpCloud not
 * answering after the client's retries. Either way the command stops with exit code 2, so CI never passes without
 * the checks it asked for.
 */
export class OrganizationError extends UsageError {}

/**
 * The CLI's connection to JumpCloud, from the environment only: JC_API_KEY (the key never comes from a flag, so it
 * stays out of shell history and process lists), JC_ORG_ID, JC_REGION (us, eu, in) and JC_API_URL (another address,
 * such as `jumpcloud-csv emulator`'s; https://, or http:// only for this computer).
 */
export interface EnvConnection {
  readonly client: JumpCloudClient;
  close(): Promise<void>;
}

/** A client for the environment's settings, or undefined without JC_API_KEY; bad settings throw an OrganizationError. */
export async function connectionFromEnv(io: CliIo, options: Partial<JumpCloudClientOptions> & { readonly connections?: number } = {}): Promise<EnvConnection | undefined> {
  const { connections, ...extra } = options;
  const raw = io.env.JC_API_KEY;
  const apiKey = raw?.trim();
  if (!apiKey) return undefined;
  // A key HTTP cannot carry (a zero-width space or a line break pasted with it) would fail every request.
  const bad = [...apiKey].findIndex(c => c < '!' || c > '~');
  if (bad >= 0) {
    const code = apiKey.codePointAt([...apiKey].slice(0, bad).join('').length)!.toString(16).toUpperCase().padStart(4, '0');
    throw new OrganizationError(`JC_API_KEY holds a character an API key cannot have (U+${code} at character ${bad + 1}); paste the key again`);
  }
  if (raw !== apiKey) io.stderr('jumpcloud-csv: JC_API_KEY had spaces or a line break around it; they were trimmed\n');
  const region = (io.env.JC_REGION?.trim() || 'us') as Region;
  if (!REGIONS.includes(region)) throw new OrganizationError(`JC_REGION must be one of ${REGIONS.join(', ')}, not "${region}"`);
  const orgId = io.env.JC_ORG_ID?.trim();
  const rawUrl = io.env.JC_API_URL?.trim();
  let baseUrl: string | undefined;
  if (rawUrl) {
    const check = checkApiUrl(rawUrl);
    if (!check.ok) throw new OrganizationError(`JC_API_URL: ${check.reason}`);
    baseUrl = check.url;
  }
  // Loaded here, not at start-up: commands that never reach the network do not pay for undici and the client.
  const [{ createJumpCloudClient }, { createUndiciTransport }] = await Promise.all([import('../core/jumpcloud'), import('./undici-transport')]);
  // As many connections as the import sends requests at once (the pool's default is 8).
  const transport = createUndiciTransport({ env: io.env, ...(connections ? { connections } : {}) });
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

/** The settings a failed request points at, so the message says what to change. */
function settingsToCheck(e: unknown): string {
  if (e instanceof JumpCloudNetworkError) return 'check the network, JC_REGION and JC_API_URL';
  if (e instanceof JumpCloudApiError && e.status === 401) return 'check JC_API_KEY (and JC_ORG_ID for a key that reaches several organizations)';
  if (e instanceof JumpCloudApiError && e.status === 403) return 'check that JC_API_KEY is an administrator key of the organization JC_ORG_ID names';
  if (e instanceof JumpCloudApiError && (e.status === 400 || e.status === 404) && /org/i.test(e.serverMessage)) return 'check JC_ORG_ID';
  return 'check JC_API_KEY, JC_ORG_ID, JC_REGION and JC_API_URL';
}

/** The one-line reason for a failed read; API errors never hold the key. */
export function organizationFailure(e: unknown, hint: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const kind = orgReadFailureKind(e);
  if (kind === 'cancelled') return 'reading the organization was cancelled';
  if (e instanceof JumpCloudNetworkError) return `could not reach JumpCloud (${message}); ${settingsToCheck(e)}, or try again later${hint}`;
  if (kind === 'transient') return `could not read the organization: JumpCloud did not answer successfully after retrying (${message}); try again later${hint}`;
  return `could not read the organization (${message}); ${settingsToCheck(e)}${hint}`;
}

/**
 * A request that failed because of how the CLI is set up (a refused key, an unknown organization, an address that
 * does not answer, a server that is not JumpCloud), or JumpCloud failing after retries, while reading before any change: an OrganizationError
 * (exit 2) naming the setting to check. Anything else (a bug, a file error) is returned as it was.
 */
export function asSetUpFailure(e: unknown, hint = ''): unknown {
  if (!(e instanceof JumpCloudError)) return e;
  return new OrganizationError(organizationFailure(e, hint));
}

/**
 * Reads the organization the environment points at, once; undefined without JC_API_KEY. Any failure throws an
 * OrganizationError whose message ends with `hint` (what else the person can do, e.g. `--offline`).
 */
export async function readOrganizationFromEnv(io: CliIo, hint = ''): Promise<OrgSnapshot | undefined> {
  const connection = await connectionFromEnv(io);
  if (!connection) return undefined;
  try {
    return await readOrganization(connection.client, io.signal);
  } catch (e) {
    throw new OrganizationError(organizationFailure(e, hint));
  } finally {
    await connection.close();
  }
}
