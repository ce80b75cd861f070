import * as assert from 'node:assert/strict';
import { columnsFor, type BlockId, type UserCsvKind } from '../../../src/core/catalogue';
import { answersFromState, buildTemplate, checkCount, newWizardState, templateFileName, templateHeaders, wizardPlan } from '../../../src/core/template';

/**
 * The reference wizard's blocks (New-JCImportTemplate, powershell-csv-workflow.md §1.3), written out as it lists them.
 * Two spellings differ on purpose: the reference wizard wrote `MiddleName` and `email`, while its allow-list, its
 * all-columns template and the API use `middlename` and `Email`; the catalogue has one canonical spelling each.
 */
const REFERENCE: Record<string, string[]> = {
  importBase: ['FirstName', 'LastName', 'Username', 'Password', 'Email'],
  updateBase: ['Username'],
  email: ['email'],
  'ldap-info': ['alternateEmail', 'recoveryEmail', 'manager', 'managedAppleId', 'MiddleName', 'preferredName', 'jobTitle', 'employeeIdentifier', 'department', 'costCenter', 'company', 'employeeType', 'description', 'location'],
  location: ['home_streetAddress', 'home_poBox', 'home_city', 'home_state', 'home_postalCode', 'home_country', 'work_streetAddress', 'work_poBox', 'work_city', 'work_state', 'work_postalCode', 'work_country'],
  telephony: ['mobile_number', 'home_number', 'work_number', 'work_mobile_number', 'work_fax_number'],
  unix: ['unix_uid', 'unix_guid'],
  mfa: ['enable_user_portal_multifactor', 'EnrollmentDays'],
  'ldap-bind': ['ldap_binding_user', 'ldapserver_id'],
  systems: ['SystemID', 'Administrator'],
};
const DELIBERATE = new Map([['MiddleName', 'middlename'], ['email', 'Email']]);
const REFERENCE_BLOCKS: BlockId[] = ['ldap-info', 'location', 'telephony', 'unix', 'mfa', 'ldap-bind', 'systems', 'groups', 'attributes'];

function referenceHeaders(type: UserCsvKind, email: boolean, blocks: Set<BlockId>, groups: number, attributes: number): string[] {
  const out = [...(type === 'import' ? REFERENCE.importBase : REFERENCE.updateBase)];
  if (type === 'update' && email) out.push(...REFERENCE.email);
  for (const b of REFERENCE_BLOCKS) {
    if (!blocks.has(b)) continue;
    if (b === 'groups') for (let n = 1; n <= groups; n++) out.push(`Group${n}`);
    else if (b === 'attributes') for (let n = 1; n <= attributes; n++) out.push(`Attribute${n}_name`, `Attribute${n}_value`);
    else out.push(...REFERENCE[b]);
  }
  return out.map(h => DELIBERATE.get(h) ?? h);
}

describe('template headers', () => {
  for (const type of ['import', 'update'] as const) {
    it(`match the reference wizard for every ${type} combination of blocks`, () => {
      let checked = 0;
      const emails = type === 'update' ? [false, true] : [false];
      for (let mask = 0; mask < 1 << REFERENCE_BLOCKS.length; mask++) {
        const blocks = new Set(REFERENCE_BLOCKS.filter((_, i) => mask & (1 << i)));
        for (const email of emails) {
          for (const [groups, attributes] of [[1, 1], [3, 2], [0, 0]]) {
            const chosen = new Set<BlockId>(blocks);
            if (email) chosen.add('email');
            const ours = templateHeaders({ type, blocks: chosen, groups, attributes });
            assert.deepEqual(ours, referenceHeaders(type, email, blocks, groups, attributes), `${type} ${[...chosen]} ${groups}/${attributes}`);
            checked++;
          }
        }
      }
      assert.equal(checked, (type === 'update' ? 2 : 1) * 512 * 3);
    });
  }

  it('all columns: every fixed column of the type in catalogue order, work_country included, no Update-only column on import', () => {
    const all = templateHeaders({ type: 'import', blocks: 'all', groups: 0, attributes: 0 });
    assert.deepEqual(all, columnsFor('import').map(c => c.header));
    assert.ok(all.includes('work_country'));
    assert.ok(all.includes('SystemID') && all.includes('Administrator'));
    for (const h of ['account_locked', 'externally_managed', 'external_dn', 'external_source_type']) assert.ok(!all.includes(h), h);
    const update = templateHeaders({ type: 'update', blocks: 'all', groups: 2, attributes: 1 });
    assert.equal(update[0], 'Username');
    assert.equal(update[1], 'Email');
    assert.deepEqual(update.slice(-4), ['Group1', 'Group2', 'Attribute1_name', 'Attribute1_value']);
    assert.ok(update.includes('account_locked'));
  });

  it('rejects counts outside 0..50', () => {
    assert.throws(() => templateHeaders({ type: 'import', blocks: 'all', groups: -1, attributes: 0 }), RangeError);
    assert.throws(() => templateHeaders({ type: 'import', blocks: 'all', groups: 0, attributes: 51 }), RangeError);
    assert.throws(() => templateHeaders({ type: 'import', blocks: 'all', groups: 1.5, attributes: 0 }), RangeError);
    assert.equal(checkCount('50'), undefined);
    assert.equal(checkCount(' 0 '), undefined);
    assert.match(checkCount('51') ?? '', /At most 50/);
    assert.match(checkCount('-1') ?? '', /whole number/);
    assert.match(checkCount('two') ?? '', /whole number/);
    assert.match(checkCount('') ?? '', /whole number/);
  });
});

describe('template files', () => {
  const date = new Date(2026, 2, 7); // local 03-07-2026

  it('are named per type with the local date', () => {
    assert.equal(templateFileName('import', date), 'JCUserImport_03-07-2026.csv');
    assert.equal(templateFileName('update', date), 'JCUserUpdateImport_03-07-2026.csv');
  });

  it('hold only the header line: no all-empty data row', () => {
    const t = buildTemplate({ type: 'import', blocks: new Set(), groups: 0, attributes: 0 }, date);
    assert.equal(t.text, 'FirstName,LastName,Username,Password,Email\r\n');
  });

  it('list populated usernames sorted, one row each, only Username filled', () => {
    const t = buildTemplate({ type: 'update', blocks: new Set(['email']), groups: 0, attributes: 0, usernames: ['zed', 'Ada', 'bob'] }, date);
    assert.equal(t.text, 'Username,Email\r\nAda,\r\nbob,\r\nzed,\r\n');
  });
});

describe('wizard plan', () => {
  it('asks the reference questions in order and follows the answers', () => {
    const state = newWizardState();
    const blocks = ['ldap-info', 'location', 'telephony', 'unix', 'mfa', 'ldap-bind', 'account', 'systems', 'groups', 'attributes'];
    assert.deepEqual(wizardPlan(state), ['type', 'folder', 'columns', ...blocks.map(b => `block:${b}`)], 'before any answer: the usual path');
    state.type = 'update';
    state.preset = 'choose';
    assert.deepEqual(wizardPlan(state), [
      'type', 'folder', 'populate', 'columns',
      'block:email', 'block:names', 'block:ldap-info', 'block:location', 'block:telephony', 'block:unix', 'block:mfa',
      'block:ldap-bind', 'block:account', 'block:systems', 'block:groups', 'block:attributes',
    ]);
    state.blocks.set('groups', true);
    assert.ok(wizardPlan(state).includes('count:groups'));
    assert.equal(wizardPlan(state).indexOf('count:groups'), wizardPlan(state).indexOf('block:groups') + 1);
    state.preset = 'all';
    assert.deepEqual(wizardPlan(state), ['type', 'folder', 'populate', 'columns', 'count:groups', 'count:attributes']);
  });

  it('turns answers into a template description', () => {
    const state = newWizardState();
    state.type = 'import';
    state.preset = 'choose';
    state.blocks.set('mfa', true).set('unix', false).set('groups', true);
    state.groups = 2;
    const answers = answersFromState({ ...state, type: 'import' });
    assert.deepEqual(templateHeaders(answers), [...REFERENCE.importBase, ...REFERENCE.mfa, 'Group1', 'Group2']);
  });
});
