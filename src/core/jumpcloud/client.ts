import type { z } from 'zod/mini';
import { systemClock, type Clock } from './clock';
import { JumpCloudApiError, JumpCloudNetworkError, JumpCloudResponseError } from './errors';
import { collectPages, MAX_PAGE_SIZE, totalFromHeader, type Page } from './paginate';
import { baseUrlFor, type Region } from './regions';
import { createRequester, type QueryValue, type RequestGate, type Requester } from './requester';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryEvent, type RetryPolicy } from './retry';
import {
  graphConnectionSchema,
  ldapServerSchema,
  organizationDetailsSchema,
  organizationSchema,
  systemSchema,
  userGroupSchema,
  userSchema,
  v1List,
  v2List,
  type GraphConnection,
  type JumpCloudLdapServer,
  type JumpCloudOrganization,
  type JumpCloudOrganizationDetails,
  type JumpCloudSystem,
  type JumpCloudUser,
  type JumpCloudUserGroup,
  type SudoAttributes,
} from './schemas';
import { exactMatch, sameText, searchBody } from './search-filter';
import type { Transport } from './transport';
import type { NewUser, UserChanges } from './user-fields';

export type { GateOutcome, RequestGate } from './requester';
import { buildUserPut } from './user-merge';

export interface JumpCloudClientOptions {
  /** The administrator's API key, sent as `x-api-key` and never written into any message. */
  readonly apiKey: string;
  /** The organization for multi-tenant (MSP) keys, sent as `x-org-id` on every call but the organization list. */
  readonly orgId?: string;
  /** Regional console; default `us`. Ignored when `baseUrl` is given. */
  readonly region?: Region;
  /** Overrides the region, e.g. the local emulator's `http://127.0.0.1:PORT`. */
  readonly baseUrl?: string;
  readonly transport: Transport;
  /** The product version, sent as `User-Agent: jumpcloud-csv/<version>`. */
  readonly version: string;
  readonly clock?: Clock;
  /** In [0, 1); the retry jitter. Tests pass a constant. */
  readonly random?: () => number;
  readonly retry?: Partial<RetryPolicy>;
  /** Items per page of list calls, at most 100 (the default). */
  readonly pageSize?: number;
  /** Told before every wait (rate limit, server error, dropped connection), for progress and logs. */
  readonly onRetry?: (event: RetryEvent) => void;
  /**
   * Every request attempt passes through it; one gate shared by concurrent callers paces them together (the import's
   * limiter). Without it each request only retries on its own.
   */
  readonly gate?: RequestGate;
}

export interface CallOptions {
  /** Aborting stops the call at once, also while it waits to retry. */
  readonly signal?: AbortSignal;
}

/** What "Test Connection" learns from `GET /api/organizations`. */
export interface ConnectionInfo {
  /** The organizations the key can reach. */
  readonly organizations: readonly JumpCloudOrganization[];
  /** The organization the client works in: the configured `orgId`, or the only one of a single-tenant key. */
  readonly organization?: JumpCloudOrganization;
  /** The key reaches several organizations and no reachable `orgId` was configured: ask the user to choose. */
  readonly needsOrgId: boolean;
}

export interface CreateUserResult {
  readonly user: JumpCloudUser;
  /** The create's response was lost (dropped connection or 5xx) and the user was found by username afterwards. */
  readonly recovered: boolean;
}

export interface UpdateUserResult {
  readonly user: JumpCloudUser;
  /** The fields sent; empty when the user already matched and no PUT was made. */
  readonly changed: readonly string[];
}

/** How a graph write ended; an `add` of an existing edge answers "Already Exists", which is success. */
export type GraphWriteOutcome = 'added' | 'updated' | 'already-exists';

export type UserLookupField = 'username' | 'email' | 'employeeIdentifier';
/** One exact value a user search looks for: a field ignoring case, or an id. */
export type UserLookup = { readonly field: UserLookupField; readonly value: string } | { readonly field: '_id'; readonly value: string };

export interface JumpCloudClient {
  readonly baseUrl: string;
  readonly orgId: string | undefined;

  testConnection(options?: CallOptions): Promise<ConnectionInfo>;
  /** One organization's record, with the settings the import follows. */
  getOrganization(orgId: string, options?: CallOptions): Promise<JumpCloudOrganizationDetails>;

  /** Users whose field equals `value`, ignoring case (exact: no partial or pattern matches). */
  findUsers(field: UserLookupField, value: string, options?: CallOptions): Promise<JumpCloudUser[]>;
  /**
   * Users matching any of the lookups (one search, paged): a batch of exact, case-insensitive values, so a file's
   * usernames, e-mails and ids cost one request per batch instead of one each. Callers keep the batch small.
   */
  searchUsers(lookups: readonly UserLookup[], options?: CallOptions): Promise<JumpCloudUser[]>;
  /** How many users the organization has (one request for one record: the reported total). */
  countUsers(options?: CallOptions): Promise<number>;
  findUserByUsername(username: string, options?: CallOptions): Promise<JumpCloudUser | undefined>;
  getUser(id: string, options?: CallOptions): Promise<JumpCloudUser>;
  /** Creates a user; a lost response is reconciled by a username lookup, never by a blind second POST. */
  createUser(user: NewUser, options?: CallOptions): Promise<CreateUserResult>;
  /**
   * Read-merge-write: reads the user (unless `current` is given), merges arrays, and PUTs only what differs.
   * `current` must be fresh (e.g. the record a create or get just returned).
   */
  updateUser(id: string, changes: UserChanges, options?: CallOptions & { readonly current?: JumpCloudUser }): Promise<UpdateUserResult>;
  /** Deletes a user (undo of an import's creates). A 404 means it is already gone. */
  deleteUser(id: string, options?: CallOptions): Promise<void>;
  /** Makes the user an LDAP bind (service) account or not; the module's order is association first, then this. */
  setLdapBindingUser(userId: string, value: boolean, options?: CallOptions): Promise<UpdateUserResult>;

  /** Every user; `fields` narrows the records (`_id`, `username` and `email` are always included). */
  listUsers(options?: CallOptions & { readonly fields?: readonly string[] }): Promise<JumpCloudUser[]>;
  /**
   * Every user, one page at a time: only the page being read is held, so a caller that writes each page out before
   * taking the next (the export) holds at most one page however large the organization. `sort` is `_id` by default.
   */
  pagesOfUsers(options?: CallOptions & { readonly fields?: readonly string[]; readonly sort?: 'username' | '_id' }): AsyncIterable<JumpCloudUser[]>;
  listSystems(options?: CallOptions & { readonly fields?: readonly string[] }): Promise<JumpCloudSystem[]>;
  listUserGroups(options?: CallOptions): Promise<JumpCloudUserGroup[]>;
  listLdapServers(options?: CallOptions): Promise<JumpCloudLdapServer[]>;

  addUserToGroup(groupId: string, userId: string, options?: CallOptions): Promise<GraphWriteOutcome>;
  /**
   * Binds a user to a system. Without `sudo` the user is a standard user; `op: 'update'` changes the sudo pair of an
   * existing binding (to revoke admin, send `{enabled: false, withoutPassword: false}`).
   */
  bindUserToSystem(systemId: string, userId: string, options?: CallOptions & { readonly sudo?: SudoAttributes; readonly op?: 'add' | 'update' }): Promise<GraphWriteOutcome>;
  bindUserToLdapServer(ldapServerId: string, userId: string, options?: CallOptions): Promise<GraphWriteOutcome>;

  /** Direct members of a user group. */
  getGroupMembers(groupId: string, options?: CallOptions): Promise<GraphConnection[]>;
  /** The users bound directly to a system, with their `attributes.sudo`. */
  getSystemUsers(systemId: string, options?: CallOptions): Promise<GraphConnection[]>;
  /** The users bound directly to an LDAP server. */
  getLdapServerUsers(ldapServerId: string, options?: CallOptions): Promise<GraphConnection[]>;
}

const id = (value: string) => encodeURIComponent(value);
const ALREADY_EXISTS = /already exists/i;

export function createJumpCloudClient(options: JumpCloudClientOptions): JumpCloudClient {
  if (!options.apiKey) throw new TypeError('An API key is required');
  const baseUrl = baseUrlFor(options);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const pageSize = Math.min(MAX_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE);
  const call: Requester = createRequester({
    baseUrl,
    apiKey: options.apiKey,
    ...(options.orgId ? { orgId: options.orgId } : {}),
    userAgent: `jumpcloud-csv/${options.version}`,
    transport: options.transport,
    clock,
    random,
    retry,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.gate ? { gate: options.gate } : {}),
  });

  /** A paged v1 GET list (`{totalCount, results}`). */
  const v1Pages = <T>(path: string, item: z.ZodMiniType<T>, signal: AbortSignal | undefined, extra: Record<string, QueryValue> = {}, orgScoped = true) =>
    collectPages<T>(pageSize, async (limit, skip): Promise<Page<T>> => {
      const { data } = await call({ method: 'GET', path, query: { ...extra, limit, skip }, schema: v1List(item), idempotent: true, orgScoped, signal });
      return { items: data.results as T[], total: data.totalCount };
    });

  /** A paged v2 GET list (a bare array, the total in `x-total-count`). */
  const v2Pages = <T>(path: string, item: z.ZodMiniType<T>, signal: AbortSignal | undefined, extra: Record<string, QueryValue> = {}) =>
    collectPages<T>(pageSize, async (limit, skip): Promise<Page<T>> => {
      const result = await call({ method: 'GET', path, query: { ...extra, limit, skip }, schema: v2List(item), idempotent: true, signal });
      const total = totalFromHeader(result.header('x-total-count'));
      return total === undefined ? { items: result.data } : { items: result.data, total };
    });

  /** A graph write: POST `{op, type, id, attributes?}`, 204. Repeating it is safe (see retry.ts). */
  const graphWrite = async (path: string, body: Record<string, unknown>, signal: AbortSignal | undefined): Promise<GraphWriteOutcome> => {
    try {
      await call({ method: 'POST', path, body, idempotent: true, signal });
      return body.op === 'update' ? 'updated' : 'added';
    } catch (e) {
      if (body.op === 'add' && e instanceof JumpCloudApiError && (e.status === 409 || ALREADY_EXISTS.test(e.serverMessage))) return 'already-exists';
      throw e;
    }
  };

  /** Every user a search filter matches, paged (`and`: all conditions hold; `or`: any does). */
  const search = (conditions: readonly Record<string, unknown>[], join: 'and' | 'or', o: CallOptions) =>
    collectPages(pageSize, async (limit, skip) => {
      const { data } = await call({
        method: 'POST',
        path: '/api/search/systemusers',
        body: searchBody(conditions, { limit, skip }, undefined, join),
        schema: v1List(userSchema),
        idempotent: true,
        signal: o.signal,
      });
      return { items: data.results as JumpCloudUser[], total: data.totalCount };
    });

  const findUsers = async (field: UserLookupField, value: string, o: CallOptions = {}) => {
    const found = await search([exactMatch(field, value)], 'and', o);
    // The regex is only a pre-filter; the exact comparison decides.
    return found.filter(u => sameText(u[field], value));
  };

  const searchUsers = async (lookups: readonly UserLookup[], o: CallOptions = {}) => {
    if (lookups.length === 0) return [];
    const conditions = lookups.map(l => (l.field === '_id' ? { _id: { $eq: l.value.toLowerCase() } } : exactMatch(l.field, l.value)));
    const found = await search(conditions, 'or', o);
    // The regexes are only a pre-filter; the exact comparison decides.
    return found.filter(u => lookups.some(l => (l.field === '_id' ? u._id.toLowerCase() === l.value.toLowerCase() : sameText(u[l.field], l.value))));
  };

  const preferExact = (users: JumpCloudUser[], field: UserLookupField, value: string) => users.find(u => u[field] === value) ?? users[0];

  const getUser = async (userId: string, o: CallOptions = {}) =>
    (await call({ method: 'GET', path: `/api/systemusers/${id(userId)}`, schema: userSchema, idempotent: true, signal: o.signal })).data;

  const updateUser: JumpCloudClient['updateUser'] = async (userId, changes, o = {}) => {
    const current = o.current ?? (await getUser(userId, o));
    const put = buildUserPut(current, changes);
    if (put.changed.length === 0) return { user: current, changed: [] };
    const { data } = await call({ method: 'PUT', path: `/api/systemusers/${id(userId)}`, body: put.body, schema: userSchema, idempotent: true, signal: o.signal });
    return { user: data, changed: put.changed };
  };

  const listOrganizations = (o: CallOptions = {}) => v1Pages('/api/organizations', organizationSchema, o.signal, { fields: '_id displayName' }, false);

  return {
    baseUrl,
    orgId: options.orgId,

    async testConnection(o = {}) {
      const organizations = await listOrganizations(o);
      const configured = options.orgId ? organizations.find(org => org._id === options.orgId) : undefined;
      const organization = configured ?? (options.orgId === undefined && organizations.length === 1 ? organizations[0] : undefined);
      return { organizations, ...(organization ? { organization } : {}), needsOrgId: organization === undefined };
    },

    getOrganization: async (orgId, o = {}) =>
      (await call({ method: 'GET', path: `/api/organizations/${id(orgId)}`, query: { fields: '_id displayName settings' }, schema: organizationDetailsSchema, idempotent: true, signal: o.signal })).data,
    findUsers,
    searchUsers,
    async countUsers(o = {}) {
      const { data } = await call({ method: 'GET', path: '/api/systemusers', query: { limit: 1, skip: 0, fields: '_id username email' }, schema: v1List(userSchema), idempotent: true, signal: o.signal });
      return data.totalCount ?? data.results.length;
    },
    async findUserByUsername(username, o) {
      return preferExact(await findUsers('username', username, o), 'username', username);
    },
    getUser,

    async createUser(user, o = {}) {
      let lost = false;
      for (let attempt = 1; ; attempt++) {
        try {
          const { data } = await call({ method: 'POST', path: '/api/systemusers', body: user, schema: userSchema, idempotent: false, signal: o.signal });
          return { user: data, recovered: false };
        } catch (e) {
          if (o.signal?.aborted) throw e;
          // No answer, a 5xx, or an unreadable 200: the user may or may not exist now.
          const ambiguous = e instanceof JumpCloudNetworkError || e instanceof JumpCloudResponseError || (e instanceof JumpCloudApiError && e.status >= 500);
          // A duplicate after a lost attempt is most likely our own first attempt having succeeded.
          const echo = lost && e instanceof JumpCloudApiError && e.isConflict;
          if (!ambiguous && !echo) throw e;
          lost = true;
          const existing = preferExact(await findUsers('username', user.username, o), 'username', user.username);
          // Same username but another e-mail: someone else's user, not our lost create.
          if (existing && sameText(existing.email, user.email)) {
            options.onRetry?.({ method: 'POST', url: `${baseUrl}/api/systemusers`, attempt, delayMs: 0, reason: 'create-reconciled' });
            return { user: existing, recovered: true };
          }
          if (echo || existing || attempt >= retry.maxAttempts) throw e;
          await clock.sleep(backoffDelay(attempt, retry, random), o.signal);
        }
      }
    },
    updateUser,
    async deleteUser(userId, o = {}) {
      // Repeating a DELETE is safe: the second one answers 404, which the caller reads as "already gone".
      await call({ method: 'DELETE', path: `/api/systemusers/${id(userId)}`, idempotent: true, signal: o.signal });
    },
    setLdapBindingUser: (userId, value, o) => updateUser(userId, { ldap_binding_user: value }, o),

    listUsers(o = {}) {
      const fields = o.fields?.length ? [...new Set(['_id', 'username', 'email', ...o.fields])].join(' ') : undefined;
      return v1Pages('/api/systemusers', userSchema, o.signal, { sort: '_id', fields }) as Promise<JumpCloudUser[]>;
    },
    async *pagesOfUsers(o = {}) {
      const fields = o.fields?.length ? [...new Set(['_id', 'username', 'email', ...o.fields])].join(' ') : undefined;
      const limit = Math.max(1, Math.floor(pageSize));
      // The stop rules of collectPages: a short page, or the reported total reached.
      for (let skip = 0; ; skip += limit) {
        const { data } = await call({
          method: 'GET',
          path: '/api/systemusers',
          query: { sort: o.sort ?? '_id', fields, limit, skip },
          schema: v1List(userSchema),
          idempotent: true,
          signal: o.signal,
        });
        const users = data.results as JumpCloudUser[];
        if (users.length) yield users;
        if (users.length < limit || skip + limit >= data.totalCount) return;
      }
    },
    listSystems(o = {}) {
      const fields = o.fields?.length ? [...new Set(['_id', ...o.fields])].join(' ') : undefined;
      return v1Pages('/api/systems', systemSchema, o.signal, { sort: '_id', fields });
    },
    listUserGroups: (o = {}) => v2Pages('/api/v2/usergroups', userGroupSchema, o.signal),
    listLdapServers: (o = {}) => v2Pages('/api/v2/ldapservers', ldapServerSchema, o.signal),

    addUserToGroup: (groupId, userId, o = {}) => graphWrite(`/api/v2/usergroups/${id(groupId)}/members`, { op: 'add', type: 'user', id: userId }, o.signal),
    async bindUserToSystem(systemId, userId, o = {}) {
      if (o.sudo?.withoutPassword && !o.sudo.enabled) throw new RangeError('sudo.withoutPassword requires sudo.enabled');
      // Without sudo the key is omitted: `attributes: null` fails the schema (the module's bug).
      const body = { op: o.op ?? 'add', type: 'user', id: userId, ...(o.sudo ? { attributes: { sudo: { enabled: o.sudo.enabled, withoutPassword: o.sudo.withoutPassword } } } : {}) };
      return graphWrite(`/api/v2/systems/${id(systemId)}/associations`, body, o.signal);
    },
    bindUserToLdapServer: (ldapServerId, userId, o = {}) =>
      graphWrite(`/api/v2/ldapservers/${id(ldapServerId)}/associations`, { op: 'add', type: 'user', id: userId }, o.signal),

    getGroupMembers: (groupId, o = {}) => v2Pages(`/api/v2/usergroups/${id(groupId)}/members`, graphConnectionSchema, o.signal),
    getSystemUsers: (systemId, o = {}) => v2Pages(`/api/v2/systems/${id(systemId)}/associations`, graphConnectionSchema, o.signal, { targets: 'user' }),
    getLdapServerUsers: (ldapServerId, o = {}) =>
      v2Pages(`/api/v2/ldapservers/${id(ldapServerId)}/associations`, graphConnectionSchema, o.signal, { targets: 'user' }),
  };
}
