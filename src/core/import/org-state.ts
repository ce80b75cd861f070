import { JumpCloudApiError, sudoOf, type JumpCloudClient, type JumpCloudUser, type SudoAttributes, type UserLookup } from '../jumpcloud';
import { orgKey } from '../org';
import type { ImportState } from './plan-types';
import type { NewUserState } from './settings';
import { eachLimited } from './each-limited';

/**
 * Reads what the planner needs of the organization, once per run and in proportion to the file (never per row):
 *
 * | what | requests |
 * | --- | --- |
 * | users | every user matching a value the file names (its usernames, e-mails, employeeIdentifiers and managers, which the lint's organization checks look up): one search per `SEARCH_BATCH` (50) values, or the whole user list (⌈org users / 100⌉ pages) when that is fewer; with more than one batch and the organization's size unknown, one request first reads the size |
 * | groups | the group list (⌈groups / 100⌉ pages), plus the members of each group the file names (one page per 100 members) |
 * | devices | the device list (ids and names), plus the users bound to each device the file names |
 * | LDAP | the server list, plus the users bound to each server the file names |
 *
 * The users read are exactly those the lint's organization checks would find in a snapshot of every user, so the
 * lint of the file against this state gives the verdict it gives against the whole organization (see planImport).
 */

/** What the file names, gathered from its rows (see importRefs). */
export interface ImportRefs {
  readonly usernames: readonly string[];
  /** The Email and employeeIdentifier cells: values that must not belong to another user. */
  readonly emails: readonly string[];
  readonly employeeIds: readonly string[];
  readonly groupNames: readonly string[];
  readonly systemIds: readonly string[];
  readonly ldapServerIds: readonly string[];
  /** Manager cells: a user id (24 hexadecimal digits), an e-mail, or a username. */
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

/** Values per user search: each is one anchored regex, so a batch stays a small body and a quick query. */
export const SEARCH_BATCH = 50;
const PAGE = 100;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Whether to read the whole user list rather than search the file's values in batches. */
export function listUsersInstead(lookups: number, orgUserCount: number): boolean {
  return Math.max(1, Math.ceil(orgUserCount / PAGE)) < Math.ceil(lookups / SEARCH_BATCH);
}

/**
 * The searches that find every user the lint's organization checks look up: by username, e-mail and
 * employeeIdentifier, and each manager by username, e-mail or id (as `unknown-manager` accepts any of the three).
 */
export function userLookups(refs: ImportRefs): UserLookup[] {
  const seen = new Set<string>();
  const out: UserLookup[] = [];
  const add = (field: UserLookup['field'], value: string) => {
    const v = value.trim();
    const k = `${field}\0${v.toLowerCase()}`;
    if (!v || seen.has(k)) return;
    seen.add(k);
    out.push({ field, value: v } as UserLookup);
  };
  for (const u of refs.usernames) add('username', u);
  for (const e of refs.emails) add('email', e);
  for (const e of refs.employeeIds) add('employeeIdentifier', e);
  for (const m of refs.managers) {
    add('username', m);
    add('email', m);
    if (OBJECT_ID.test(m.trim())) add('_id', m);
  }
  return out;
}

/** Whether a user is one a lookup names. */
function matcher(lookups: readonly UserLookup[]): (u: JumpCloudUser) => boolean {
  const wanted = { username: new Set<string>(), email: new Set<string>(), employeeIdentifier: new Set<string>(), _id: new Set<string>() };
  for (const l of lookups) wanted[l.field].add(l.value.toLowerCase());
  const has = (set: Set<string>, v: string | null | undefined) => typeof v === 'string' && set.has(v.toLowerCase());
  return u => has(wanted._id, u._id) || has(wanted.username, u.username) || has(wanted.email, u.email) || has(wanted.employeeIdentifier, u.employeeIdentifier);
}

const lower = orgKey;
const distinct = (values: readonly string[]) => [...new Set(values.map(lower).filter(v => v.length > 0))];

/** Each manager cell (lower-cased) → the id of the user it names: by id first, then username, then e-mail. */
function resolveManagers(cells: readonly string[], users: readonly JumpCloudUser[]): Map<string, string> {
  const by = (key: (u: JumpCloudUser) => string | null | undefined) => new Map(users.flatMap(u => (key(u) ? [[key(u)!.toLowerCase(), u._id] as const] : [])));
  const lookups = [by(u => u._id), by(u => u.username), by(u => u.email)];
  const managers = new Map<string, string>();
  for (const cell of distinct(cells)) {
    const id = lookups.map(m => m.get(cell)).find(v => v !== undefined);
    if (id) managers.set(cell, id);
  }
  return managers;
}

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

  const lookups = userLookups(refs);
  const readUsers = async (): Promise<JumpCloudUser[]> => {
    const batches: UserLookup[][] = [];
    for (let i = 0; i < lookups.length; i += SEARCH_BATCH) batches.push(lookups.slice(i, i + SEARCH_BATCH));
    let size = options.orgUserCount;
    if (size === undefined && batches.length > 1) size = await track(() => client.countUsers({ signal }));
    if (size !== undefined && listUsersInstead(lookups.length, size)) {
      const named = matcher(lookups);
      return (await track(() => client.listUsers({ signal }))).filter(named);
    }
    const found = new Map<string, JumpCloudUser>();
    await eachLimited(batches, limit, async batch => {
      for (const u of await track(() => client.searchUsers(batch, { signal }))) found.set(u._id, u);
    });
    return [...found.values()];
  };

  /** The organization's name, and its default state for CSV-imported users (its record: one request more). */
  const readOrganizationInfo = async (): Promise<{ name: string; csvImportState?: NewUserState }> => {
    const { organization } = await track(() => client.testConnection({ signal }));
    if (!organization) return { name: '' };
    // A key that may list its organization but not read its record (403), or a proxy without the route (404), still
    // imports: without the organization's preference, as the setting or --state says (else ACTIVATED).
    const details = await track(() => client.getOrganization(organization._id, { signal })).catch((e: unknown) => {
      if (e instanceof JumpCloudApiError && (e.status === 403 || e.status === 404)) return undefined;
      throw e;
    });
    if (!details) return { name: organization.displayName ?? organization._id };
    const csvImportState = details.settings?.newSystemUserStateDefaults?.csvImport ?? undefined;
    return { name: organization.displayName ?? organization._id, ...(csvImportState ? { csvImportState } : {}) };
  };

  const [organization, users, groups, systems, ldapServers] = await Promise.all([
    options.organization !== undefined ? Promise.resolve<{ name: string; csvImportState?: NewUserState }>({ name: options.organization }) : readOrganizationInfo(),
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
  const managers = resolveManagers(refs.managers, users);

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
  ];
  await eachLimited(tasks, limit, task => task());

  return {
    organization: organization.name,
    ...(organization.csvImportState ? { csvImportState: organization.csvImportState } : {}),
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
