import { JumpCloudApiError, sudoOf, type JumpCloudClient, type JumpCloudUser, type SudoAttributes } from '../jumpcloud';
import { orgKey } from '../org';
import type { ImportState } from './plan-types';

/**
 * Reads what the planner needs of the organization, once per run and in proportion to the file (never per row):
 *
 * | what | requests |
 * | --- | --- |
 * | users the file names | one search per username when there are at most `USER_SEARCH_LIMIT` (20) of them, else the whole user list (⌈org users / 100⌉ pages). With `orgUserCount` known, whichever is fewer. |
 * | groups | the group list (⌈groups / 100⌉ pages), plus the members of each group the file names (one page per 100 members) |
 * | devices | the device list (ids and names), plus the users bound to each device the file names |
 * | LDAP | the server list, plus the users bound to each server the file names |
 * | managers | none when the value is already known (an id, or a user read above); otherwise one search (by e-mail when it has an @, else by username) or one GET (an id) per distinct value |
 *
 * So the count grows with the distinct groups, devices, servers and managers the file names, and with the usernames
 * only up to the cheaper of the two user reads; a file of N rows naming the same few groups costs O(min(N, 20) + pages).
 */

/** What the file names, as the lead's planner gathers it from the rows. */
export interface ImportRefs {
  readonly usernames: readonly string[];
  readonly groupNames: readonly string[];
  readonly systemIds: readonly string[];
  readonly ldapServerIds: readonly string[];
  /** Manager cells: a user id (24 hex digits), an e-mail, or a username. */
  readonly managers: readonly string[];
}

export interface ReadStateOptions {
  readonly signal?: AbortSignal;
  /** Reads done, of reads known so far (the total grows once the lists are in). */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  /** The organization's display name; read with `testConnection` (one request) when not given. */
  readonly organization?: string;
  /** Users in the organization, when known (e.g. from the cached org snapshot): picks the cheaper user read exactly. */
  readonly orgUserCount?: number;
  /** Reads in flight at once (default 4). */
  readonly concurrency?: number;
}

/** Up to this many usernames are searched one by one; more, and the whole list is read (when the org size is unknown). */
export const USER_SEARCH_LIMIT = 20;
const PAGE = 100;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Whether to read the whole user list rather than search each username. */
export function listUsersInstead(usernames: number, orgUserCount: number | undefined): boolean {
  if (orgUserCount === undefined) return usernames > USER_SEARCH_LIMIT;
  return Math.max(1, Math.ceil(orgUserCount / PAGE)) < usernames;
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

const lower = orgKey;
const distinct = (values: readonly string[]) => [...new Set(values.map(lower).filter(v => v.length > 0))];

export async function readImportState(client: JumpCloudClient, refs: ImportRefs, options: ReadStateOptions = {}): Promise<ImportState> {
  const { signal } = options;
  const limit = options.concurrency ?? 4;
  let done = 0;
  let total = 0;
  const track = async <T>(read: () => Promise<T>): Promise<T> => {
    total++;
    options.onProgress?.({ done, total });
    const value = await read();
    done++;
    options.onProgress?.({ done, total });
    return value;
  };

  const usernames = distinct(refs.usernames);
  const wantedUsers = new Set(usernames);
  const listAll = listUsersInstead(usernames.length, options.orgUserCount);
  /** Every user read, by lower-cased id, username and e-mail: managers resolve against it first. */
  const known = new Map<string, JumpCloudUser>();
  const remember = (u: JumpCloudUser) => {
    known.set(u._id.toLowerCase(), u);
    known.set(u.username.toLowerCase(), u);
    if (u.email) known.set(u.email.toLowerCase(), u);
  };

  const readUsers = async (): Promise<JumpCloudUser[]> => {
    if (listAll) {
      const all = await track(() => client.listUsers({ signal }));
      all.forEach(remember);
      return all.filter(u => wantedUsers.has(u.username.toLowerCase()));
    }
    const found: JumpCloudUser[] = [];
    await eachLimited(usernames, limit, async name => {
      const matches = await track(() => client.findUsers('username', name, { signal }));
      matches.forEach(remember);
      found.push(...matches);
    });
    return found;
  };

  const [organization, users, groups, systems, ldapServers] = await Promise.all([
    options.organization !== undefined ? Promise.resolve(options.organization) : track(() => client.testConnection({ signal })).then(c => c.organization?.displayName ?? c.organization?._id ?? ''),
    readUsers(),
    track(() => client.listUserGroups({ signal })),
    track(() => client.listSystems({ signal, fields: ['hostname', 'displayName'] })),
    track(() => client.listLdapServers({ signal })),
  ]);

  const groupNames = new Set(distinct(refs.groupNames));
  const namedGroups = groups.filter(g => groupNames.has(g.name.toLowerCase()));
  const systemIds = new Set(distinct(refs.systemIds));
  const namedSystems = systems.filter(s => systemIds.has(s._id.toLowerCase()));
  const ldapIds = new Set(distinct(refs.ldapServerIds));
  const namedLdap = ldapServers.filter(l => ldapIds.has(l.id.toLowerCase()));

  const groupMembers = new Map<string, ReadonlySet<string>>();
  const systemUsers = new Map<string, ReadonlyMap<string, SudoAttributes | undefined>>();
  const ldapUsers = new Map<string, ReadonlySet<string>>();
  const managers = new Map<string, string>();

  // Only values not resolved by the users already read cost a request.
  const managerValues = distinct(refs.managers).filter(value => {
    const hit = known.get(value);
    if (hit) managers.set(value, hit._id);
    // A username of the file not found above is a user this file creates: the planner defers it, no lookup.
    return !hit && !listAll && !wantedUsers.has(value);
  });

  type Task = () => Promise<void>;
  const tasks: Task[] = [
    ...namedGroups.map(g => async () => {
      const members = await track(() => client.getGroupMembers(g.id, { signal }));
      groupMembers.set(g.id.toLowerCase(), new Set(members.filter(m => m.to.type === 'user').map(m => m.to.id.toLowerCase())));
    }),
    ...namedSystems.map(s => async () => {
      const bound = await track(() => client.getSystemUsers(s._id, { signal }));
      systemUsers.set(s._id.toLowerCase(), new Map(bound.filter(b => b.to.type === 'user').map(b => [b.to.id.toLowerCase(), sudoOf(b.attributes ?? b.to.attributes)])));
    }),
    ...namedLdap.map(l => async () => {
      const bound = await track(() => client.getLdapServerUsers(l.id, { signal }));
      ldapUsers.set(l.id.toLowerCase(), new Set(bound.filter(b => b.to.type === 'user').map(b => b.to.id.toLowerCase())));
    }),
    ...managerValues.map(value => async () => {
      let match: JumpCloudUser | undefined;
      if (OBJECT_ID.test(value)) {
        match = await track(() => client.getUser(value, { signal }).catch((e: unknown) => (e instanceof JumpCloudApiError && e.isNotFound ? undefined : Promise.reject(e))));
      } else {
        const found = await track(() => client.findUsers(value.includes('@') ? 'email' : 'username', value, { signal }));
        match = found[0];
      }
      if (match) managers.set(value, match._id);
    }),
  ];
  await eachLimited(tasks, limit, task => task());

  return {
    organization,
    users,
    groups: groups.map(g => ({ id: g.id, name: g.name })),
    groupMembers,
    systems: systems.map(s => ({ id: s._id, ...(s.hostname ? { hostname: s.hostname } : {}), ...(s.displayName ? { displayName: s.displayName } : {}) })),
    systemUsers,
    ldapServers: ldapServers.map(l => ({ id: l.id, name: l.name })),
    ldapUsers,
    managers,
  };
}
