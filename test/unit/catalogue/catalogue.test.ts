import * as assert from 'node:assert/strict';
import { COLUMNS, NUMBERED_COLUMNS, canonicalSpelling, columnsFor, headerKey, matchHeader, readValue, cellText } from '../../../src/core/catalogue';

describe('column catalogue', () => {
  it('has one entry per key: no header or alias is listed twice', () => {
    const keys = COLUMNS.flatMap(c => [c.header, ...c.aliases].map(headerKey));
    assert.equal(new Set(keys).size, keys.length);
  });

  it('knows every column the reference importers accept', () => {
    // The reference's Update allow-list (Import's plus external_dn and external_source_type), and its row-level columns.
    const reference =
      'Username FirstName LastName Email Password alternateEmail recoveryEmail manager managedAppleId middlename preferredName jobTitle employeeIdentifier department costCenter company employeeType description location work_streetAddress work_poBox work_locality work_region work_city work_state work_postalCode work_country home_poBox home_locality home_region home_city home_state home_postalCode home_country home_streetAddress mobile_number home_number work_number work_mobile_number work_fax_number account_locked allow_public_key enable_managed_uid enable_user_portal_multifactor EnrollmentDays externally_managed ldap_binding_user passwordless_sudo sudo unix_guid unix_uid password_never_expires external_dn external_source_type ldapserver_id SystemID Administrator'.split(' ');
    for (const header of reference) assert.equal(matchHeader(header).kind, 'fixed', header);
    const known = new Set(COLUMNS.flatMap(c => [c.header, ...c.aliases]));
    assert.deepEqual([...known].filter(h => !reference.includes(h)), []);
  });

  it('keeps Update-only columns out of import templates', () => {
    const importHeaders = columnsFor('import').map(c => c.header);
    for (const h of ['account_locked', 'externally_managed', 'external_dn', 'external_source_type']) {
      assert.ok(!importHeaders.includes(h), h);
      assert.ok(columnsFor('update').some(c => c.header === h), h);
    }
    // and the one the API cannot update stays out of update templates
    assert.ok(importHeaders.includes('passwordless_sudo'));
    assert.ok(!columnsFor('update').some(c => c.header === 'passwordless_sudo'));
  });

  it('matches headers case-insensitively and says how they were spelled', () => {
    assert.deepEqual(pick(matchHeader('Username')), { kind: 'fixed', header: 'Username', spelling: 'canonical' });
    assert.deepEqual(pick(matchHeader('USERNAME')), { kind: 'fixed', header: 'Username', spelling: 'case' });
    assert.deepEqual(pick(matchHeader(' Email ')), { kind: 'fixed', header: 'Email', spelling: 'case' });
    assert.deepEqual(pick(matchHeader('work_locality')), { kind: 'fixed', header: 'work_city', spelling: 'alias' });
    assert.deepEqual(pick(matchHeader('Work_Locality')), { kind: 'fixed', header: 'work_city', spelling: 'case' });
    assert.equal(canonicalSpelling('Work_Locality'), 'work_locality');
    assert.equal(canonicalSpelling('MiddleName'), 'middlename');
    assert.equal(matchHeader('Emial').kind, 'unknown');
    assert.equal(matchHeader('displayname').kind, 'unknown');
  });

  it('recognises numbered columns and rejects look-alikes the reference caught by substring', () => {
    const g = matchHeader('group12');
    assert.ok(g.kind === 'numbered' && g.column.id === 'group' && g.n === 12 && g.spelling === 'case');
    const a = matchHeader('Attribute3_value');
    assert.ok(a.kind === 'numbered' && a.column.id === 'attributeValue' && a.n === 3 && a.spelling === 'canonical');
    for (const h of ['Group0', 'Group01', 'UserGroup1', 'CustomAttributeNote', 'Attribute1', 'Group']) assert.equal(matchHeader(h).kind, 'unknown', h);
    assert.equal(canonicalSpelling('ATTRIBUTE2_NAME'), 'Attribute2_name');
  });

  it('gives every column a doc text', () => {
    for (const c of [...COLUMNS, ...NUMBERED_COLUMNS]) assert.ok(c.doc.length > 10, c.doc);
  });

  it('takes the spellings JumpCloud itself writes as written, not as case mistakes', () => {
    assert.equal(pick(matchHeader('MiddleName')).spelling, 'canonical');
    assert.equal(pick(matchHeader('managedAppleID')).spelling, 'canonical');
    assert.equal(pick(matchHeader('email')).spelling, 'canonical');
    assert.equal(pick(matchHeader('USERNAME')).spelling, 'case');
  });
});

describe('cell values', () => {
  const rule = (header: string) => {
    const m = matchHeader(header);
    if (m.kind === 'unknown') throw new Error(header);
    return m.column.value;
  };
  const read = (header: string, text: string) => readValue(rule(header), text);
  const issue = (header: string, text: string) => read(header, text).issue;

  it('reads booleans as true/false in any case and offers fixes for look-alikes', () => {
    assert.deepEqual(read('sudo', 'TRUE'), { value: true });
    assert.deepEqual(read('Administrator', 'false'), { value: false });
    assert.deepEqual(read('sudo', '$True'), { value: true, issue: { code: 'powershell-boolean', message: 'is PowerShell syntax; the import reads it as true, but write true', fix: 'true' } });
    assert.equal(issue('sudo', 'yes')?.code, 'invalid-boolean');
    assert.equal(read('sudo', 'yes').value, undefined, 'a guess is never sent');
    assert.equal(issue('sudo', 'yes')?.fix, 'true');
    assert.equal(issue('sudo', 'maybe')?.fix, undefined);
  });

  it('reads $true and $false without a note where JumpCloud\'s module read them', () => {
    for (const header of ['Administrator', 'enable_user_portal_multifactor']) {
      assert.deepEqual(read(header, '$true'), { value: true }, header);
      assert.deepEqual(read(header, '$False'), { value: false }, header);
    }
  });

  it('checks integers and their ranges', () => {
    assert.deepEqual(read('EnrollmentDays', '14'), { value: 14 });
    assert.equal(issue('EnrollmentDays', '400')?.code, 'out-of-range');
    assert.equal(issue('EnrollmentDays', '0')?.code, 'out-of-range');
    assert.equal(issue('EnrollmentDays', '9/15/2022 2:20:25 PM')?.code, 'invalid-integer');
    assert.equal(issue('unix_uid', '2147483648')?.code, 'out-of-range');
    assert.deepEqual(read('unix_uid', '2147483647'), { value: 2147483647 });
  });

  it('checks e-mails, ids, attribute names, lengths and spaces, and sends identifiers trimmed', () => {
    assert.equal(issue('Email', 'sam.ng@example')?.code, 'invalid-email');
    assert.deepEqual(read('Email', 'sam.ng@example.com'), { value: 'sam.ng@example.com' });
    assert.deepEqual(read('Email', ' sam.ng@example.com'), {
      value: 'sam.ng@example.com',
      issue: { code: 'whitespace', message: 'has leading or trailing spaces; the import sends it without them', fix: 'sam.ng@example.com' },
    });
    assert.equal(issue('SystemID', 'abc123')?.code, 'invalid-id');
    assert.deepEqual(read('SystemID', '5F1A2B3C4D5E6F7A8B9C0D1E'), { value: '5f1a2b3c4d5e6f7a8b9c0d1e' });
    assert.deepEqual(issue('Attribute1_name', 'Cost Center'), { code: 'attribute-name', message: 'may contain only letters and digits', fix: 'CostCenter' });
    assert.equal(issue('description', 'x'.repeat(1025))?.code, 'too-long');
    assert.equal(issue('description', 'x'.repeat(1024)), undefined);
    assert.equal(issue('employeeIdentifier', 'x'.repeat(256)), undefined);
    assert.equal(issue('employeeIdentifier', 'x'.repeat(257))?.code, 'too-long', 'the API caps employeeIdentifier at 256');
    assert.equal(issue('Username', 'ada ')?.code, 'whitespace');
    assert.equal(read('Username', 'ada ').value, 'ada');
    assert.deepEqual(read('department', ' Sales '), { value: ' Sales ' }, 'free text keeps its spaces');
  });

  it('drops the spaces Import-Csv drops before an unquoted field, and keeps quoted text', () => {
    assert.equal(cellText({ value: '  LastName', quoted: false }), 'LastName');
    assert.equal(cellText({ value: '\tx', quoted: false }), 'x');
    assert.equal(cellText({ value: '  x', quoted: true }), '  x');
    assert.equal(cellText(undefined), '');
  });
});

function pick(m: ReturnType<typeof matchHeader>) {
  return m.kind === 'fixed' ? { kind: m.kind, header: m.column.header, spelling: m.spelling } : { kind: m.kind };
}
