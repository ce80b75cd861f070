import * as assert from 'node:assert/strict';
import { createFetchTransport, createJumpCloudClient, type Clock, type JumpCloudClient, type NewUser, type UserChanges } from '../../src/core/jumpcloud';
import { startEmulator, type Emulator, type LoggedRequest } from '../../src/emulator';

/**
 * A representative run that calls every client operation, with every field the CSV can write, against the emulator,
 * plus the error paths (401, 404, 409, 429, a lost create). Its request log is what the contract test checks.
 */

export const SCENARIO_KEY = 'jc-contract-key-5b2d8e4f1a7c9036';
export const SCENARIO_ORG = '5f0c1a2b3c4d5e6f70819203';

const id = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(16, '0')}`;
const GROUP = id('b1b1b1b1', 1);
const SYSTEM = id('c1c1c1c1', 1);
const LDAP = id('d1d1d1d1', 1);
const MANAGER = id('a1a1a1a1', 1);

/** Every operation the client offers; the contract test asserts the scenario reached each one's endpoint. */
export const CLIENT_OPERATIONS: Readonly<Record<keyof JumpCloudClient, string | null>> = {
  baseUrl: null,
  orgId: null,
  testConnection: 'Organization_List',
  getOrganization: 'Organization_Get',
  findUsers: 'User_Search',
  searchUsers: 'User_Search',
  countUsers: 'User_List',
  findUserByUsername: 'User_Search',
  getUser: 'User_Get',
  createUser: 'User_Create',
  updateUser: 'User_Set',
  setLdapBindingUser: 'User_Set',
  listUsers: 'User_List',
  pagesOfUsers: 'User_List',
  listSystems: 'System_List',
  listUserGroups: 'UserGroup_List',
  listLdapServers: 'LdapServer_List',
  addUserToGroup: 'UserGroupMembers_Set',
  bindUserToSystem: 'SystemAssociation_Set',
  bindUserToLdapServer: 'LdapServerAssociation_Set',
  getGroupMembers: 'UserGroupMembers_Get',
  getSystemUsers: 'SystemAssociation_Get',
  getLdapServerUsers: 'LdapServerAssociation_Get',
  deleteUser: 'User_Delete',
};

/** A create body with every field the CSV can fill. */
function fullNewUser(): NewUser {
  return {
    username: 'contract.user',
    email: 'contract.user@example.com',
    firstname: 'Con',
    lastname: 'Tract',
    middlename: 'T',
    displayname: 'Con Tract',
    password: 'Str0ng-Passw0rd!',
    alternateEmail: 'con.alt@example.com',
    recoveryEmail: { address: 'con.recovery@example.com' },
    managedAppleId: 'con@appleid.example.com',
    jobTitle: 'Auditor',
    employeeIdentifier: 'C-0001',
    department: 'Compliance',
    costCenter: 'CC-7',
    company: 'Example Corp',
    employeeType: 'Full-time',
    description: 'Created by the contract scenario',
    location: 'Denver',
    manager: MANAGER,
    addresses: [
      { type: 'home', streetAddress: '1 Home St', poBox: '12', locality: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
      { type: 'work', streetAddress: '2 Work Ave', locality: 'Boulder', region: 'CO', postalCode: '80301', country: 'US' },
    ],
    phoneNumbers: [
      { type: 'mobile', number: '+1 303 555 0101' },
      { type: 'home', number: '+1 303 555 0102' },
      { type: 'work', number: '+1 303 555 0103' },
      { type: 'work_mobile', number: '+1 303 555 0104' },
      { type: 'work_fax', number: '+1 303 555 0105' },
    ],
    unix_uid: 5001,
    unix_guid: 5001,
    enable_user_portal_multifactor: true,
    mfa: { exclusion: true, exclusionUntil: '2026-03-08T09:00:00.000Z' },
    sudo: false,
    passwordless_sudo: false,
    allow_public_key: true,
    enable_managed_uid: false,
    password_never_expires: false,
    attributes: [{ name: 'costCode', value: 'A1' }],
    external_dn: 'CN=Con Tract,OU=Users,DC=example,DC=com',
    external_source_type: 'ad',
  };
}

/** An update with every field the CSV update can change. */
function fullChanges(): UserChanges {
  return {
    firstname: 'Conrad',
    lastname: 'Tracts',
    middlename: 'U',
    displayname: 'Conrad Tracts',
    password: 'An0ther-Passw0rd!',
    email: 'conrad.tracts@example.com',
    alternateEmail: 'conrad.alt@example.com',
    recoveryEmail: { address: 'conrad.recovery@example.com' },
    managedAppleId: 'conrad@appleid.example.com',
    jobTitle: 'Lead Auditor',
    employeeIdentifier: 'C-0002',
    department: 'Risk',
    costCenter: 'CC-8',
    company: 'Example Corp EU',
    employeeType: 'Contractor',
    description: 'Updated by the contract scenario',
    location: 'Berlin',
    addresses: [{ type: 'home', postalCode: '10115', country: 'DE' }],
    phoneNumbers: [{ type: 'mobile', number: '+49 30 555 0101' }],
    unix_uid: 5002,
    unix_guid: 5002,
    enable_user_portal_multifactor: true,
    mfa: { exclusion: true, exclusionUntil: '2026-03-15T09:00:00.000Z' },
    ldap_binding_user: false,
    sudo: true,
    allow_public_key: false,
    enable_managed_uid: true,
    password_never_expires: true,
    account_locked: false,
    externally_managed: false,
    external_dn: 'CN=Conrad Tracts,OU=Users,DC=example,DC=com',
    external_source_type: 'ad',
    attributes: [{ name: 'costCode', value: 'B2' }, { name: 'floor', value: '3' }],
    state: 'ACTIVATED',
    suspended: false,
  };
}

export interface ScenarioResult {
  readonly log: readonly LoggedRequest[];
  readonly orgId: string;
}

/** Virtual time shared by client and emulator, so Retry-After waits cost nothing. */
function virtualClock(): Clock {
  let now = Date.parse('2026-03-01T09:00:00Z');
  return {
    now: () => now,
    sleep: async ms => {
      now += ms;
    },
  };
}

async function withEmulator<T>(options: Parameters<typeof startEmulator>[0], run: (emulator: Emulator, client: (extra?: object) => JumpCloudClient) => Promise<T>): Promise<LoggedRequest[]> {
  const clock = virtualClock();
  const emulator = await startEmulator({ apiKey: SCENARIO_KEY, clock, ...options });
  try {
    const client = (extra: object = {}) =>
      createJumpCloudClient({
        apiKey: SCENARIO_KEY,
        orgId: SCENARIO_ORG,
        baseUrl: emulator.url,
        transport: createFetchTransport(),
        version: '0.1.0-contract',
        clock,
        random: () => 0.5,
        ...extra,
      });
    await run(emulator, client);
    return [...emulator.log.entries];
  } finally {
    await emulator.close();
  }
}

/** Runs the scenario; the log holds every exchange with its answer. */
export async function runRepresentativeScenario(): Promise<ScenarioResult> {
  const seed = {
    users: [{ _id: MANAGER, username: 'the.manager', email: 'manager@example.com', employeeIdentifier: 'M-1' }],
    userGroups: [{ _id: GROUP, name: 'Auditors' }],
    systems: [{ _id: SYSTEM, hostname: 'audit-01', displayName: 'Audit box' }],
    ldapServers: [{ _id: LDAP, name: 'JumpCloud LDAP' }],
  };
  const organizations = [{ _id: SCENARIO_ORG, displayName: 'Contract Org', settings: { newSystemUserStateDefaults: { csvImport: 'STAGED' as const, manualEntry: 'ACTIVATED' as const } } }];

  const main = await withEmulator({ seed, organizations }, async (emulator, make) => {
    const c = make();
    await c.testConnection();
    assert.equal((await c.getOrganization(SCENARIO_ORG)).settings?.newSystemUserStateDefaults?.csvImport, 'STAGED');
    await c.listUsers();
    await c.listUsers({ fields: ['employeeIdentifier'] });
    for await (const page of c.pagesOfUsers({ sort: 'username', fields: ['manager', 'attributes'] })) void page;
    await c.listSystems({ fields: ['hostname', 'displayName'] });
    await c.listUserGroups();
    await c.listLdapServers();
    const { user } = await c.createUser(fullNewUser());
    await c.createUser({ username: 'staged.user', email: 'staged@example.com', state: 'STAGED', mfa: { exclusion: true, exclusionDays: 7 } });
    await c.findUserByUsername('CONTRACT.USER');
    await c.findUsers('employeeIdentifier', 'c-0001');
    await c.searchUsers([{ field: 'username', value: 'Contract.User' }, { field: 'email', value: 'x@example.com' }, { field: 'employeeIdentifier', value: 'c-0001' }, { field: '_id', value: MANAGER }]);
    await c.countUsers();
    await c.getUser(user._id);
    await c.updateUser(user._id, fullChanges());
    await c.updateUser(user._id, { manager: MANAGER, state: 'SUSPENDED' });
    await c.setLdapBindingUser(user._id, true);
    await c.addUserToGroup(GROUP, user._id);
    await c.addUserToGroup(GROUP, user._id); // 409 Already Exists
    await c.bindUserToSystem(SYSTEM, user._id);
    await c.bindUserToSystem(SYSTEM, user._id, { op: 'update', sudo: { enabled: true, withoutPassword: false } });
    await c.bindUserToSystem(SYSTEM, MANAGER, { sudo: { enabled: true, withoutPassword: true } });
    await c.bindUserToLdapServer(LDAP, user._id);
    await c.getGroupMembers(GROUP);
    await c.getSystemUsers(SYSTEM);
    await c.getLdapServerUsers(LDAP);
    // Error paths: the answers must still be in the API's error shapes.
    await c.getUser('ffffffffffffffffffffffff').catch(() => undefined); // 404
    await c.createUser({ username: 'the.manager', email: 'x@example.com' }).catch(() => undefined); // 409
    await make({ apiKey: 'jc-wrong-key-000000000000' }).getUser(MANAGER).catch(() => undefined); // 401

    // Emulator routes the client does not use yet, so that all of its answers are checked against the spec too.
    const raw = (method: string, route: string, body?: unknown) =>
      fetch(emulator.url + route, {
        method,
        headers: {
          'x-api-key': SCENARIO_KEY,
          'x-org-id': SCENARIO_ORG,
          accept: 'application/json',
          'user-agent': 'jumpcloud-csv/0.1.0-contract',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(r => r.text());
    await raw('GET', `/api/v2/users/${user._id}/memberof?limit=100`);
    await raw('GET', `/api/v2/users/${user._id}/associations?targets=system&limit=100`);
    await raw('GET', `/api/v2/users/${user._id}/systems?limit=100`);
    await raw('GET', `/api/v2/users/${user._id}/ldapservers?limit=100`);
    await raw('GET', `/api/v2/systems/${SYSTEM}/users?limit=100`);
    await raw('GET', `/api/v2/usergroups/${GROUP}`);
    await raw('GET', `/api/v2/ldapservers/${LDAP}`);
    await raw('GET', `/api/systems/${SYSTEM}`);
    await raw('POST', '/api/search/systems', { filter: { or: [{ hostname: 'audit-01' }] }, fields: 'hostname displayName', limit: 100, skip: 0 });
    await raw('POST', `/api/v2/users/${user._id}/associations`, { op: 'remove', type: 'system', id: SYSTEM });
    await c.deleteUser(user._id);
    await c.deleteUser(user._id).catch(() => undefined); // 404: already gone
  });

  // A rate-limited org, and a create whose answer is lost (reconciled by a search, never re-POSTed).
  const troubled = await withEmulator(
    { seed, organizations, rateLimit: { perSecond: 1 }, faults: [{ fault: 'lost-response', method: 'POST', path: '/api/systemusers', nth: 1 }] },
    async (_emulator, make) => {
      const c = make();
      await c.createUser({ username: 'lost.create', email: 'lost.create@example.com' });
      await c.getUser(MANAGER);
    },
  );

  // Sequence numbers restart per emulator; keep them unique across the combined log.
  const log = [...main, ...troubled.map(e => ({ ...e, seq: e.seq + 10_000 }))];
  return { log, orgId: SCENARIO_ORG };
}
