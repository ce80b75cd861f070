import * as assert from 'node:assert/strict';
import { cellText } from '../../../src/core/catalogue';
import { formatCsv, readCsv } from '../../../src/core/csv';
import { describeNote, exportUsers, ExportError, type UserExport } from '../../../src/core/export';
import { executeImport, planCounts, prepareImport, type ImportPlan, type PlannedUser } from '../../../src/core/import';
import { lintText } from '../../../src/core/lint';
import { API_KEY, harness, requestsTo, TRANSPORTS, type Harness } from '../jumpcloud/helpers';
import { ADA, BOB, GROUPS, richSeed, textOf } from './helpers';

const DATE = new Date(2026, 11, 2, 9, 30);
const NOW = Date.parse('2026-12-02T09:30:00Z');

/** The file as a table: header → cell text as the row model reads it, one map per row. */
function table(text: string): Map<string, string>[] {
  const document = readCsv(text);
  const headers = document.header!.fields.map(f => f.value);
  return document.records.map(r => new Map(headers.map((h, i) => [h, cellText(r.fields[i])])));
}

/** The file with one cell replaced, written back as a spreadsheet would save it. */
function edit(text: string, username: string, header: string, value: string): string {
  const document = readCsv(text);
  const headers = document.header!.fields.map(f => f.value);
  const rows = document.records.map(r => headers.map((_, i) => cellText(r.fields[i])));
  const row = rows.find(r => r[0] === username);
  assert.ok(row, `a row for ${username}`);
  row[headers.indexOf(header)] = value;
  return formatCsv([headers, ...rows], '\r\n');
}

const writes = (h: Harness) => h.emulator.log.entries.filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/'));

describe('export: round trip through the local JumpCloud', () => {
  let h: Harness;
  let exported: UserExport;
  let text: string;
  // The import's own pipeline: what the file names is read from the organization once, then planned and sent.
  const plan = async (csv: string) => (await prepareImport({ client: h.client, bytes: new TextEncoder().encode(csv), kind: 'update', newUserState: 'ACTIVATED', now: NOW })).plan;
  const sendPlan = (p: ImportPlan) => executeImport(p, { client: h.client, newUserState: 'ACTIVATED' });

  before(async () => {
    h = await harness(TRANSPORTS[0], { emulator: { seed: richSeed() } });
    exported = await exportUsers(h.client, { blocks: 'all', date: DATE });
    text = await textOf(exported.chunks);
  });
  after(() => h.close());
  beforeEach(() => h.emulator.log.clear());

  it('names the file as the update template and writes every exportable column, groups and attribute pairs last', () => {
    assert.equal(exported.fileName, 'JCUserUpdateImport_12-02-2026.csv');
    assert.deepEqual(exported.headers, [
      'Username', 'Email', 'FirstName', 'LastName', 'alternateEmail', 'recoveryEmail', 'manager', 'managedAppleId', 'middlename',
      'preferredName', 'jobTitle', 'employeeIdentifier', 'department', 'costCenter', 'company', 'employeeType', 'description', 'location',
      'home_streetAddress', 'home_poBox', 'home_city', 'home_state', 'home_postalCode', 'home_country',
      'work_streetAddress', 'work_poBox', 'work_city', 'work_state', 'work_postalCode', 'work_country',
      'mobile_number', 'home_number', 'work_number', 'work_mobile_number', 'work_fax_number', 'unix_uid', 'unix_guid',
      'enable_user_portal_multifactor', 'ldap_binding_user', 'sudo', 'allow_public_key', 'enable_managed_uid', 'password_never_expires',
      'account_locked', 'externally_managed', 'external_dn', 'external_source_type',
      'Group1', 'Group2', 'Group3', 'Attribute1_name', 'Attribute1_value', 'Attribute2_name', 'Attribute2_value', 'Attribute3_name', 'Attribute3_value',
    ]);
    for (const never of ['Password', 'EnrollmentDays', 'ldapserver_id', 'SystemID', 'Administrator', 'passwordless_sudo']) assert.ok(!exported.headers.includes(never), never);
    assert.ok(!text.includes('Never-Exported'), 'no password');
    assert.ok(!text.includes(API_KEY), 'no API key');
  });

  it('writes one row per user, sorted by username, each value as the row model reads it back', () => {
    const rows = table(text);
    assert.deepEqual(rows.map(r => r.get('Username')), ['ada', 'bob', 'carol']);
    const [ada, bob, carol] = rows;
    const pick = (row: Map<string, string>, headers: string[]) => headers.map(hd => row.get(hd));
    assert.deepEqual(pick(ada, ['department', 'costCenter', 'company', 'description', 'location']), ['R&D, Analytics', 'CC "7"', '  Acme  ', 'Line one\nLine two', 'Room 1\r\nBuilding 2']);
    assert.deepEqual(pick(ada, ['mobile_number', 'work_number', 'work_mobile_number', 'work_poBox', 'recoveryEmail', 'preferredName']), ['+1 (555) 010-0100', '+44 20 7946 0958 x12', '-', '', 'ada.recovery@example.com', 'Ada L.']);
    assert.deepEqual(pick(ada, ['unix_uid', 'unix_guid', 'enable_user_portal_multifactor', 'ldap_binding_user', 'sudo', 'allow_public_key', 'account_locked']), ['5001', '2147483647', 'true', 'true', 'true', 'false', 'false']);
    assert.deepEqual(pick(ada, ['Group1', 'Group2', 'Group3']), ['Engineering', 'Everyone', 'Sales']);
    assert.deepEqual(pick(ada, ['Attribute1_name', 'Attribute1_value', 'Attribute2_name', 'Attribute2_value', 'Attribute3_name', 'Attribute3_value']), ['costCode', 'A1', 'badge', '-', 'shoe', '42']);
    assert.deepEqual(pick(bob, ['manager', 'employeeType', 'description', 'costCenter', 'Group1', 'Group2', 'Group3', 'Attribute1_name', 'Attribute1_value', 'Attribute2_name']), [
      'ada', '\tContractor', ' leading space', '-', 'Everyone', 'Sales', '', 'team', 'Blue, "the best"', '',
    ]);
    assert.deepEqual(pick(carol, ['manager', 'Email', 'sudo', 'jobTitle', 'Group1']), ['bob', 'carol@example.com', 'false', '', '']);
  });

  it('leaves out, and says so, every value that cannot be written or read back as it is', () => {
    assert.deepEqual(exported.summary.notes.map(describeNote), [
      'group "=cmd|calc" left out of every row: its name starts with "=": a spreadsheet would run it as a formula',
      'group "Dup" left out of every row: several user groups have this name',
      'group "dup" left out of every row: several user groups have this name',
      'group " Ops" left out of every row: its name has leading or trailing spaces; the import sends it without them',
      'bob: Email left empty: the value is not a valid e-mail address',
      'bob: jobTitle left empty: the value starts with "=": a spreadsheet would run it as a formula',
      'bob: employeeIdentifier left empty: the value has leading or trailing spaces; the import sends it without them',
      'bob: department left empty: the value starts with "@": a spreadsheet would run it as a formula',
      'bob: custom attribute nick left out: its value starts with "+": a spreadsheet would run it as a formula',
    ]);
    assert.equal(exported.summary.users, 3);
    const bob = table(text)[1];
    for (const header of ['Email', 'jobTitle', 'employeeIdentifier', 'department']) assert.equal(bob.get(header), '', header);
    assert.ok(!/HYPERLINK|@SUM|cmd\|calc/.test(text), 'no formula reaches the file');
  });

  it('lints with no problem at all, not even a note', () => {
    assert.deepEqual(lintText(text, { type: 'update' }).problems, []);
  });

  it('plans every row of the untouched file as unchanged, so importing it sends nothing', async () => {
    const p = await plan(text);
    assert.equal(p.blocked, undefined);
    assert.deepEqual(p.rows.map(r => [r.username, r.action]), [['ada', 'unchanged'], ['bob', 'unchanged'], ['carol', 'unchanged']]);
    assert.deepEqual(planCounts(p), { create: 0, update: 0, unchanged: 3, skipped: 0, memberships: 0, devices: 0, ldap: 0 });
    await sendPlan(p);
    assert.deepEqual(writes(h), []);
  });

  it('turns one edited cell into exactly one change of that field, shown old → new, and one PUT', async () => {
    const p = await plan(edit(text, 'ada', 'jobTitle', 'Lead Engineer'));
    const changed = p.rows.filter(r => r.action !== 'unchanged') as PlannedUser[];
    assert.equal(changed.length, 1);
    assert.equal(changed[0].username, 'ada');
    assert.equal(changed[0].action, 'update');
    assert.deepEqual(changed[0].update, { jobTitle: 'Lead Engineer' });
    assert.deepEqual(changed[0].fields, [{ key: 'jobTitle', header: 'jobTitle', field: 'jobTitle', before: 'Engineer', after: 'Lead Engineer' }]);
    assert.deepEqual(changed[0].groups, []);
    await sendPlan(p);
    const sent = writes(h);
    assert.deepEqual(sent.map(e => [e.method, e.path, e.body]), [['PUT', `/api/systemusers/${ADA}`, { jobTitle: 'Lead Engineer' }]]);
    await h.client.updateUser(ADA, { jobTitle: 'Engineer' });
  });

  it('turns a group written in an empty GroupN cell into one membership to add, and one POST', async () => {
    const p = await plan(edit(text, 'bob', 'Group3', 'Engineering'));
    const changed = p.rows.filter(r => r.action !== 'unchanged') as PlannedUser[];
    assert.deepEqual(changed.map(r => [r.username, r.action, r.fields.length]), [['bob', 'update', 0]]);
    assert.deepEqual(changed[0].groups, [{ name: 'Engineering', groupId: GROUPS.engineering }]);
    assert.equal(planCounts(p).memberships, 1);
    await sendPlan(p);
    assert.deepEqual(writes(h).map(e => [e.method, e.path, e.body]), [['POST', `/api/v2/usergroups/${GROUPS.engineering}/members`, { op: 'add', type: 'user', id: BOB }]]);
  });

  it('exports only the members of --groups-of groups, any case, and refuses a name that is no group or several', async () => {
    const only = await exportUsers(h.client, { blocks: new Set(['ldap-info']), groupsOf: ['SALES'], date: DATE });
    const rows = table(await textOf(only.chunks));
    assert.deepEqual(rows.map(r => r.get('Username')), ['ada', 'bob']);
    assert.ok(!only.headers.includes('Group1'), 'no group columns unless the groups block is chosen');
    await assert.rejects(exportUsers(h.client, { blocks: 'all', groupsOf: ['Nobody'], date: DATE }), (e: unknown) => e instanceof ExportError && e.message === 'no user group is named "Nobody"');
    await assert.rejects(exportUsers(h.client, { blocks: 'all', groupsOf: ['dup'], date: DATE }), (e: unknown) => e instanceof ExportError && e.message === '2 user groups are named "dup"');
  });

  it('pages users with the client\'s page size, stopping at a short page', async () => {
    const pages: string[][] = [];
    for await (const page of h.clientWith({ pageSize: 2 }).pagesOfUsers({ sort: 'username' })) pages.push(page.map(u => u.username));
    assert.deepEqual(pages, [['ada', 'bob'], ['carol']]);
    assert.deepEqual(h.emulator.log.entries.map(e => [e.query.limit, e.query.skip, e.query.sort]), [['2', '0', 'username'], ['2', '2', 'username']]);
  });

  it('with the base block only, writes usernames and reads no group, attribute or manager', async () => {
    const base = await exportUsers(h.client, { blocks: new Set(), date: DATE });
    assert.equal(await textOf(base.chunks), 'Username\r\nada\r\nbob\r\ncarol\r\n');
    assert.deepEqual(h.emulator.log.entries.map(e => `${e.method} ${e.path} ${e.query.fields ?? ''}`), ['GET /api/systemusers ']);
    assert.equal(requestsTo(h.emulator, 'GET', /usergroups/).length, 0);
  });
});
