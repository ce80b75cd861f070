import type { JumpCloudClient } from '../jumpcloud';
import { JumpCloudApiError, JumpCloudNetworkError } from '../jumpcloud/errors';
import { fetchOrgSnapshot, type OrgSnapshot } from './snapshot';

/**
 * Reads the organization a client points at: tests the connection first (a wrong key or organization fails on one
 * cheap call, and the organization's name is learnt for messages), then reads the snapshot once.
 */
export async function readOrganization(client: JumpCloudClient, signal?: AbortSignal): Promise<OrgSnapshot> {
  const info = await client.testConnection(signal ? { signal } : {});
  const name = info.organization?.displayName ?? info.organization?._id ?? client.orgId ?? 'the organization';
  return fetchOrgSnapshot(client, name, signal);
}

/**
 * Why reading the organization failed, for someone deciding what to do next: `set-up` needs a change by the person
 * (key, region, address, organization id), `transient` may pass if tried later (no answer, rate limit or server error
 * after the client's retries), `cancelled` was asked for.
 */
export type OrgReadFailureKind = 'set-up' | 'transient' | 'cancelled';

export function orgReadFailureKind(e: unknown): OrgReadFailureKind {
  if (e instanceof Error && e.name === 'AbortError') return 'cancelled';
  if (e instanceof JumpCloudNetworkError) return 'transient';
  if (e instanceof JumpCloudApiError && (e.status === 429 || e.status >= 500)) return 'transient';
  return 'set-up';
}
