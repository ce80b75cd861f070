import * as assert from 'node:assert/strict';
import { readCsv } from '../../../src/core/csv';
import { importRefs, planCounts, planImport, planPreview, planRows, streamedPreview, type ImportState, type PlannedRow, type PlannedUser, type PlanOptions } from '../../../src/core/import';
import type { JumpCloudUser } from '../../../src/core/jumpcloud';
import { lintText } from '../../../src/core/lint';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(24 - prefix.length, '0')}`;
const USER = (n: number) => id('a0', n);
const GROUP = (n: number) => id('b0', n);
const SYSTEM = (n: number) => id('c0', n);
const LDAP = id('d0', 1);

function user(n: number, extra: Partial<JumpCloudUser> = {}): JumpCloudUser {
  return { _id: USER(n), username: `user${n}`, email: `user${n}@example.com`, firstname: `First${n}`, lastname: 'Tester', ...extra } as JumpCloudUser;
}

/** An organization state as `readImportState` returns it, built from a few facts. */
function state(init: { users?: JumpCloudUser[]; members?: Record<string, string[]>; bound?: Record<string, Record<string, boolean | undefined>>; ldap?: string[]; managers?: Record<string, string> } = {}): ImportState {
  return {
    organization: 'Example Org',
    users: init.users ?? [],
    groups: [{ id: GROUP(1), name: 'Sales' }, { id: GROUP(2), name: 'Engineering' }],
    groupMembers: new Map(Object.entries(init.members ?? {}).map(([g, users]) => [g, new Set(users)])),
    systems: [{ id: SYSTEM(1), hostname: 'mac-01' }, { id: SYSTEM(2), hostname: 'linux-02' }],
    systemUsers: new Map(
      Object.entries(init.bound ?? {}).map(([s, users]) => [s, new Map(Object.entries(users).map(([u, admin]) => [u, admin === undefined ? undefined : { enabled: admin, withoutPassword: false }]))]),
    ),
    ldapServers: [{ id: LDAP, name: 'JumpCloud LDAP' }],
    ldapUsers: new Map([[LDAP, new Set(init.ldap ?? [])]]),
    managers: new Map(Object.entries(init.managers ?? {})),
  };
}

function plan(text: string, s: ImportState, options: Partial<PlanOptions> = {}) {
  return planImport(text, s, { kind: 'update', now: NOW, newUserState: 'ACTIVATED', ...options });
}

function sent(row: PlannedRow | undefined): PlannedUser {
  assert.ok(row && row.action !== 'skipped', `row is planned: ${JSON.stringify(row)}`);
  return row as PlannedUser;
}

describe('import planner', () => {
  describe('updates', () => {
    it('sends only the fields that differ; a row with nothing to change is unchanged and sends nothing', () => {
      const s = state({ users: [user(1, { jobTitle: 'Engineer' } as Partial<JumpCloudUser>), user(2, { jobTitle: 'Lead' } as Partial<JumpCloudUser>)] });
      const p = plan('Username,jobTitle,FirstName\nuser1,Engineer,First1\nuser2,Manager,First2\n', s);
      const [same, changed] = p.rows.map(sent);
      assert.equal(same.action, 'unchanged');
      assert.equal(same.update, undefined);
      assert.equal(changed.action, 'update');
      assert.deepEqual(changed.update, { jobTitle: 'Manager' });
      assert.deepEqual(changed.fields, [{ key: 'jobTitle', header: 'jobTitle', field: 'jobTitle', before: 'Lead', after: 'Manager' }]);
      assert.equal(changed.userId, USER(2));
    });

    it('treats empty cells as "leave unchanged", even in JumpCloud\'s 49-column update template', () => {
      const header = 'Username,FirstName,LastName,Password,Email,alternateEmail,recoveryEmail,manager,managedAppleId,middlename,preferredName,jobTitle,employeeIdentifier,department,costCenter,company,employeeType,description,location,home_streetAddress,home_city,home_state,home_postalCode,home_poBox,home_country,work_streetAddress,work_poBox,work_city,work_state,work_postalCode,mobile_number,home_number,work_number,work_mobile_number,work_fax_number,unix_guid,unix_uid,enable_user_portal_multifactor,EnrollmentDays,ldap_binding_user,ldapserver_id,account_locked,allow_public_key,enable_managed_uid,externally_managed,external_dn,external_source_type,passwordless_sudo,sudo,password_never_expires';
      const text = `${header}\nuser1${','.repeat(49)}\nuser2${','.repeat(49)}\n`;
      assert.deepEqual(lintText(text, { type: 'update' }).problems, []);
      const p = plan(text, state({ users: [user(1), user(2)] }));
      assert.deepEqual(p.rows.map(r => r.action), ['unchanged', 'unchanged']);
    });

    it('merges phones, addresses and custom attributes item by item in the preview', () => {
      const current = user(1, {
        phoneNumbers: [{ type: 'mobile', number: '111' }, { type: 'work', number: '222' }],
        addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
        attributes: [{ name: 'costCode', value: 'A1' }],
      } as Partial<JumpCloudUser>);
      const p = plan('Username,mobile_number,work_number,work_city,work_country,Attribute1_name,Attribute1_value\nuser1,111,333,Lyon,FR,costCode,B2\n', state({ users: [current] }));
      const row = sent(p.rows[0]);
      assert.deepEqual(row.fields.map(f => [f.field, f.before, f.after]), [
        ['addresses[work].locality', 'Paris', 'Lyon'],
        ['phoneNumbers[work]', '222', '333'],
        ['attributes[costCode]', 'A1', 'B2'],
      ]);
      assert.deepEqual(Object.keys(row.update ?? {}).sort(), ['addresses', 'attributes', 'phoneNumbers']);
    });

    it('adds only the memberships the user lacks, and binds or changes a device only as needed', () => {
      const s = state({
        users: [user(1), user(2), user(3)],
        members: { [GROUP(1)]: [USER(1)] },
        bound: { [SYSTEM(1)]: { [USER(1)]: false, [USER(2)]: true } },
      });
      const text = 'Username,Group1,Group2,SystemID,Administrator\nuser1,Sales,engineering,' + SYSTEM(1) + ',$true\nuser2,Sales,,' + SYSTEM(1) + ',\nuser3,,,' + SYSTEM(2) + ',FALSE\n';
      const [one, two, three] = plan(text, s).rows.map(sent);
      assert.deepEqual(one.groups, [{ name: 'engineering', groupId: GROUP(2) }], 'already in Sales; the name is matched case-insensitively');
      assert.deepEqual(one.system, { systemId: SYSTEM(1), op: 'update', sudo: { enabled: true, withoutPassword: false } });
      assert.equal(two.system, undefined, 'bound already, and Administrator is empty: nothing to change');
      assert.deepEqual(two.groups, [{ name: 'Sales', groupId: GROUP(1) }]);
      assert.deepEqual(three.system, { systemId: SYSTEM(2), op: 'add' });
    });

    it('binds to an LDAP server only when not bound, and sets the bind-user flag only when it differs', () => {
      const s = state({ users: [user(1, { ldap_binding_user: false } as Partial<JumpCloudUser>), user(2)], ldap: [USER(1)] });
      const [one, two] = plan(`Username,ldapserver_id,ldap_binding_user\nuser1,${LDAP},true\nuser2,${LDAP},\n`, s).rows.map(sent);
      assert.deepEqual(one.ldap, { serverId: LDAP, associate: false, bindingUser: true });
      assert.deepEqual(two.ldap, { serverId: LDAP, associate: true });
    });

    it('turns MFA on with a fresh enrollment window, and does not restart a window already running', () => {
      const s = state({ users: [user(1), user(2, { enable_user_portal_multifactor: true } as Partial<JumpCloudUser>)] });
      const [one, two] = plan('Username,enable_user_portal_multifactor,EnrollmentDays\nuser1,True,14\nuser2,true,14\n', s).rows.map(sent);
      assert.deepEqual(one.update, { enable_user_portal_multifactor: true, mfa: { exclusion: true, exclusionUntil: '2026-12-16T09:00:00.000Z' } });
      assert.equal(two.action, 'unchanged');
    });

    it('resolves the manager to an id and compares ids', () => {
      // The state holds every user the file's values name, the manager too (see readImportState).
      const s = state({ users: [user(1, { manager: USER(9) } as Partial<JumpCloudUser>), user(2), user(9, { username: 'boss' })], managers: { boss: USER(9) } });
      const [one, two] = plan('Username,manager\nuser1,Boss\nuser2,boss\n', s).rows.map(sent);
      assert.equal(one.action, 'unchanged');
      assert.deepEqual(two.update, { manager: USER(9) });
      assert.deepEqual(two.fields, [{ key: 'manager', header: 'manager', field: 'manager', after: 'boss' }]);
    });
  });

  describe('new users', () => {
    it('creates with the chosen state, an MFA window (7 days by default), and every step', () => {
      const text = `FirstName,LastName,Username,Email,Password,enable_user_portal_multifactor,SystemID,Administrator,Group1,ldapserver_id,ldap_binding_user\nAda,Lovelace,ada,ada@example.com,S3cret!pass,$True,${SYSTEM(1)},True,Sales,${LDAP},true\n`;
      const row = sent(plan(text, state(), { kind: 'import' }).rows[0]);
      assert.equal(row.action, 'create');
      assert.deepEqual(row.create, {
        firstname: 'Ada',
        lastname: 'Lovelace',
        email: 'ada@example.com',
        password: 'S3cret!pass',
        enable_user_portal_multifactor: true,
        mfa: { exclusion: true, exclusionUntil: '2026-12-09T09:00:00.000Z' },
        state: 'ACTIVATED',
        username: 'ada',
      });
      assert.deepEqual(row.system, { systemId: SYSTEM(1), op: 'add', sudo: { enabled: true, withoutPassword: false } });
      assert.deepEqual(row.groups, [{ name: 'Sales', groupId: GROUP(1) }]);
      assert.deepEqual(row.ldap, { serverId: LDAP, associate: true, bindingUser: true });
      const password = row.fields.find(f => f.key === 'password');
      assert.equal(password?.after, '(set)', 'the preview never shows a password');
      assert.ok(!JSON.stringify(row.fields).includes('S3cret'));
    });

    it('gives staged users an enrollment window in days from activation', () => {
      const row = sent(plan('FirstName,LastName,Username,Email,enable_user_portal_multifactor,EnrollmentDays\nA,B,ab,ab@example.com,true,3\n', state(), { kind: 'import', newUserState: 'STAGED' }).rows[0]);
      assert.deepEqual(row.create?.mfa, { exclusion: true, exclusionDays: 3 });
      assert.equal(row.create?.state, 'STAGED');
    });

    it('defers a manager the same file creates', () => {
      const text = 'FirstName,LastName,Username,Email,manager\nB,Oss,boss,boss@example.com,\nE,Mp,emp,emp@example.com,boss\n';
      const [boss, emp] = plan(text, state(), { kind: 'import' }).rows.map(sent);
      assert.equal(boss.managerFromFile, undefined);
      assert.equal(emp.managerFromFile, 'boss');
      assert.equal(emp.create?.manager, undefined);
    });

    it('skips a username the organization has, unless an earlier run of this file created it', () => {
      const s = state({ users: [user(1)] });
      const text = 'FirstName,LastName,Username,Email\nFirst1,Tester,user1,user1@example.com\n';
      const skipped = plan(text, s, { kind: 'import' }).rows[0];
      assert.equal(skipped.action, 'skipped');
      assert.deepEqual(skipped.action === 'skipped' && skipped.problems.map(p => p.code), ['user-exists']);
      const resumed = sent(plan(text, s, { kind: 'import', createdByRun: new Map([['user1', { run: 'run-1', userId: USER(1) }]]) }).rows[0]);
      assert.equal(resumed.action, 'unchanged');
      assert.equal(resumed.note, 'created by run run-1');
    });
  });

  describe('rows that are not sent', () => {
    it('skips rows with errors, with their problems, leaves out blank rows, and sends warnings', () => {
      const text = 'Username,Email,sudo,EnrollmentDays\nuser1,not-an-email,,\n,,,\nuser2,,yes,\nuser3,,,5\n';
      const p = plan(text, state({ users: [user(1), user(2), user(3)] }));
      assert.deepEqual(p.rows.map(r => [r.row, r.action]), [[2, 'skipped'], [4, 'skipped'], [5, 'unchanged']]);
      const [email, sudo] = p.rows;
      assert.deepEqual(email.action === 'skipped' && email.problems.map(x => x.code), ['invalid-email']);
      assert.deepEqual(sudo.action === 'skipped' && sudo.problems.map(x => x.code), ['invalid-boolean']);
      assert.deepEqual(planCounts(p), { create: 0, update: 0, unchanged: 1, skipped: 2, memberships: 0, devices: 0, ldap: 0 });
    });

    it('skips rows with errors past the lint cap too', () => {
      const text = 'Username,sudo\n' + Array.from({ length: 1500 }, (_, i) => `user${i},maybe\n`).join('');
      const p = plan(text, state());
      assert.equal(p.rows.filter(r => r.action === 'skipped').length, 1500);
    });

    it('plans nothing for a file whose header has errors, and says why', () => {
      const p = plan('Email,Email\na@example.com,b@example.com\n', state());
      assert.deepEqual(p.rows, []);
      assert.deepEqual(p.blocked?.map(b => b.code).sort(), ['duplicate-header', 'missing-header']);
    });

    it('reports unknown groups, devices and managers from what the import read', () => {
      const text = `Username,Group1,SystemID,manager\nuser1,Nope,${SYSTEM(7)},ghost\n`;
      const row = plan(text, state({ users: [user(1)] })).rows[0];
      assert.deepEqual(row.action === 'skipped' && row.problems.map(p => p.code).sort(), ['unknown-group', 'unknown-manager', 'unknown-system']);
    });
  });

  it('a dry run streams the same preview and counts as the whole plan gives, without holding the rows', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `user${(i % 3) + 1},Title ${i},${i % 2 ? 'Sales' : 'Nowhere'},${i % 5 ? SYSTEM(1) : ''}`);
    const text = `Username,jobTitle,Group1,SystemID\n${rows.join('\n')}\n`;
    const s = state({ users: [user(1), user(2), user(3)], members: { [GROUP(1)]: [USER(1)] } });
    const options: PlanOptions = { kind: 'update', now: NOW, newUserState: 'ACTIVATED' };
    const whole = planImport(text, s, options);
    let handed = 0;
    const chunks: string[] = [];
    const outline = streamedPreview(onRow => planRows(text, s, options, row => (handed++, onRow(row))), chunk => chunks.push(chunk));
    assert.equal(handed, 6000, 'planned twice: to count, then to write');
    assert.ok(chunks.length > 2, 'written in several chunks');
    assert.equal(chunks.join(''), planPreview(whole));
    assert.deepEqual(outline.counts, planCounts(whole));
    assert.ok(outline.counts.skipped > 0 && outline.counts.update > 0, 'both kinds of row are in the file');
  });

  it('lists what a file names, once each, for the organization reads', () => {
    const text = `Username,Group1,Group2,SystemID,ldapserver_id,manager\nA,Sales,sales,${SYSTEM(1)},${LDAP},boss\na,Eng,,${SYSTEM(1)},,Boss\nb,,,,,\n`;
    const { columns } = lintText(`Username,Group1,Group2,SystemID,ldapserver_id,manager\n`);
    assert.deepEqual(importRefs(text, columns!), { usernames: ['A', 'b'], emails: [], employeeIds: [], groupNames: ['Sales', 'Eng'], systemIds: [SYSTEM(1)], ldapServerIds: [LDAP], managers: ['boss'] });
  });
});

describe('import planner on the compatibility corpus (files written for JumpCloud\'s PowerShell module)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const dir = path.resolve(__dirname, '../../../../test/fixtures/compat');
  const cases = (JSON.parse(fs.readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as { file: string; type: 'import' | 'update'; expect: { severity: string }[] }[]).filter(
    c => c.type === 'import' && c.expect.every(e => e.severity === 'info'),
  );

  it('has new-user files the module imports', () => assert.ok(cases.length >= 3));

  for (const c of cases) {
    it(`${c.file}: every row is created, and every filled cell of a JumpCloud column is sent`, () => {
      const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
      const p = plan(text, { ...state(), systems: [{ id: '5f3c6a1b2c3d4e5f6a7b8c9d' }, { id: '5f3c6a1b2c3d4e5f6a7b8c9e' }], groups: ['One', 'Two', 'Three', 'Four', 'Five', 'Engineering'].map((name, i) => ({ id: GROUP(i + 10), name })) }, { kind: 'import' });
      const document = readCsv(text);
      const lint = lintText(text, { type: 'import' });
      assert.ok(p.rows.every(r => r.action === 'create'), JSON.stringify(p.rows.filter(r => r.action !== 'create')));
      for (const row of p.rows as PlannedUser[]) {
        const record = document.records.find(r => r.index === row.record)!;
        const sentHeaders = new Set([...row.fields.map(f => f.header), ...(row.system ? ['SystemID'] : []), ...row.groups.map(() => 'group')]);
        for (const column of lint.columns!.columns) {
          const cell = record.fields[column.index]?.value.trim() ?? '';
          if (!cell || !column.spec || column.wrongType) continue;
          const kind = column.spec.api.kind;
          if (kind === 'groupMembership') assert.ok(row.groups.some(g => g.name === cell), `${c.file} row ${row.row}: group ${cell}`);
          else if (kind === 'customAttribute') assert.ok(row.create?.attributes?.some(a => a.name === cell || a.value === cell), `${c.file} row ${row.row}: attribute ${cell}`);
          else if (kind === 'association' || kind === 'systemAdministrator') assert.ok(row.system || row.ldap, `${c.file} row ${row.row}: ${column.name}`);
          else if (kind === 'field' && column.spec.api.name === 'username') assert.equal(row.create?.username, cell);
          else assert.ok(sentHeaders.has(column.name), `${c.file} row ${row.row}: ${column.name} = ${cell} is sent`);
        }
      }
    });
  }
});
