import type { ImportPlan, ImportState } from '../../../src/core/import';
import type { JumpCloudClient } from '../../../src/core/jumpcloud';
import type { EmulatorSeed } from '../../../src/emulator';
import { ids } from '../jumpcloud/helpers';

/**
 * An organization with every kind of value the export writes, and the values it must not: formula-like text, a
 * comma, quotes, line breaks, edge spaces, an e-mail the lint refuses, ambiguous and unwritable group names.
 */
export const ADA = ids.user(1);
export const BOB = ids.user(2);
export const CAROL = ids.user(3);
export const GROUPS = { sales: ids.group(1), engineering: ids.group(2), everyone: ids.group(3), formula: ids.group(4), dup1: ids.group(5), dup2: ids.group(6), spaced: ids.group(7) };

const member = (group: string, user: string) => ({ from: { type: 'user_group' as const, id: group }, to: { type: 'user' as const, id: user } });

export function richSeed(): EmulatorSeed {
  return {
    users: [
      {
        _id: ADA,
        username: 'ada',
        email: 'ada@example.com',
        firstname: 'Ada',
        lastname: 'Lovelace',
        middlename: 'King',
        displayname: 'Ada L.',
        alternateEmail: 'ada.alt@example.com',
        recoveryEmail: { address: 'ada.recovery@example.com' },
        managedAppleId: 'ada@apple.example.com',
        jobTitle: 'Engineer',
        employeeIdentifier: 'E-001',
        department: 'R&D, Analytics',
        costCenter: 'CC "7"',
        company: '  Acme  ',
        employeeType: 'Full-time',
        description: 'Line one\nLine two',
        location: 'Room 1\r\nBuilding 2',
        addresses: [
          { type: 'home', streetAddress: '1 Home St', poBox: '12', locality: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
          { type: 'work', streetAddress: '2 Work Ave', poBox: '', locality: 'Boulder', region: 'CO', postalCode: '80301', country: 'US' },
        ],
        phoneNumbers: [
          { type: 'mobile', number: '+1 (555) 010-0100' },
          { type: 'home', number: '555 0101' },
          { type: 'work', number: '+44 20 7946 0958 x12' },
          { type: 'work_mobile', number: '-' },
          { type: 'work_fax', number: '555-0199' },
        ],
        unix_uid: 5001,
        unix_guid: 2147483647,
        enable_user_portal_multifactor: true,
        ldap_binding_user: true,
        sudo: true,
        allow_public_key: false,
        enable_managed_uid: true,
        password_never_expires: true,
        account_locked: false,
        externally_managed: true,
        external_dn: 'CN=Ada,OU=Users,DC=example,DC=com',
        external_source_type: 'ActiveDirectory',
        attributes: [{ name: 'costCode', value: 'A1' }, { name: 'badge', value: '-' }, { name: 'shoe', value: '42' }],
        password: 'Never-Exported-9f2c',
      },
      {
        _id: BOB,
        username: 'bob',
        // The API takes it; the lint (and JumpCloud's console) want a dot in the domain.
        email: 'bob@localhost',
        firstname: 'Bob',
        lastname: 'Builder',
        manager: ADA,
        jobTitle: '=HYPERLINK("http://evil.example","click")',
        department: '@SUM(1+1)',
        employeeType: '\tContractor',
        description: ' leading space',
        employeeIdentifier: ' E-002 ',
        costCenter: '-',
        phoneNumbers: [{ type: 'mobile', number: '+1 555 0102' }],
        account_locked: true,
        attributes: [{ name: 'nick', value: '+cmd|calc' }, { name: 'team', value: 'Blue, "the best"' }],
      },
      { _id: CAROL, username: 'carol', email: 'carol@example.com', manager: BOB, sudo: false },
    ],
    userGroups: [
      { _id: GROUPS.sales, name: 'Sales' },
      { _id: GROUPS.engineering, name: 'Engineering' },
      { _id: GROUPS.everyone, name: 'Everyone' },
      { _id: GROUPS.formula, name: '=cmd|calc' },
      { _id: GROUPS.dup1, name: 'Dup' },
      { _id: GROUPS.dup2, name: 'dup' },
      { _id: GROUPS.spaced, name: ' Ops' },
    ],
    systems: [{ _id: ids.system(1), hostname: 'host-1' }],
    ldapServers: [{ _id: ids.ldap(1), name: 'JumpCloud LDAP' }],
    associations: [
      member(GROUPS.sales, ADA),
      member(GROUPS.engineering, ADA),
      member(GROUPS.everyone, ADA),
      member(GROUPS.sales, BOB),
      member(GROUPS.everyone, BOB),
      member(GROUPS.formula, BOB),
      member(GROUPS.dup1, CAROL),
      member(GROUPS.spaced, CAROL),
    ],
  };
}

/**
 * The planner's view of the organization, from client reads (what `readImportState` will read): every user, every
 * group with its direct members, devices, LDAP servers, and each user findable as a manager by username, e-mail or id.
 */
export async function importStateFrom(client: JumpCloudClient): Promise<ImportState> {
  const [users, groups, systems, ldapServers] = await Promise.all([client.listUsers(), client.listUserGroups(), client.listSystems(), client.listLdapServers()]);
  const groupMembers = new Map<string, Set<string>>();
  for (const group of groups) {
    const members = await client.getGroupMembers(group.id);
    groupMembers.set(group.id.toLowerCase(), new Set(members.filter(m => m.to.type === 'user').map(m => m.to.id)));
  }
  const managers = new Map<string, string>();
  for (const u of users) for (const name of [u._id, u.email, u.username]) managers.set(name.trim().toLowerCase(), u._id);
  return {
    organization: 'Example Org',
    users,
    groups: groups.map(g => ({ id: g.id, name: g.name })),
    groupMembers,
    systems: systems.map(s => ({ id: s._id, ...(s.hostname ? { hostname: s.hostname } : {}) })),
    systemUsers: new Map(),
    ldapServers: ldapServers.map(l => ({ id: l.id, name: l.name })),
    ldapUsers: new Map(),
    managers,
  };
}

/**
 * Sends a plan the way the import will (user changes by read-merge-write, then memberships), for the request-log
 * assertions until the executor lands.
 */
export async function sendPlan(client: JumpCloudClient, plan: ImportPlan): Promise<void> {
  for (const row of plan.rows) {
    if (row.action !== 'update' || !row.userId) continue;
    if (row.update) await client.updateUser(row.userId, row.update);
    for (const group of row.groups) await client.addUserToGroup(group.groupId, row.userId);
  }
}

/** Reads an async iterable of text pieces into one string. */
export async function textOf(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
