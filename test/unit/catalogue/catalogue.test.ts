import * as assert from 'node:assert/strict';
import { COLUMNS, NUMBERED_COLUMNS, canonicalSpelling, columnsFor, headerKey, matchHeader, parseCell } from '../../../src/core/catalogue';

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

  it('gives every column a doc text and a schema', () => {
    for (const c of [...COLUMNS, ...NUMBERED_COLUMNS]) {
      assert.ok(c.doc.length > 10, 'doc');
      assert.ok(c.schema, 'schema');
    }
  });
});

describe('cell values', () => {
  const rule = (header: string) => {
    const m = matchHeader(header);
    if (m.kind === 'unknown') throw new Error(header);
    return m.column.schema;
  };
  const issue = (header: string, text: string) => {
    const r = parseCell(rule(header), text);
    return r.ok ? undefined : r.issue;
  };

  it('parses booleans as true/false in any case and offers fixes for look-alikes', () => {
    assert.deepEqual(parseCell(rule('sudo'), 'TRUE'), { ok: true, value: true });
    assert.deepEqual(parseCell(rule('Administrator'), 'false'), { ok: true, value: false });
    assert.deepEqual(issue('sudo', '$True'), { code: 'powershell-boolean', message: 'is PowerShell syntax; write true', fix: 'true' });
    assert.equal(issue('sudo', 'yes')?.code, 'invalid-boolean');
    assert.equal(issue('sudo', 'yes')?.fix, 'true');
    assert.equal(issue('sudo', 'maybe')?.fix, undefined);
  });

  it('checks integers and their ranges', () => {
    assert.deepEqual(parseCell(rule('EnrollmentDays'), '14'), { ok: true, value: 14 });
    assert.equal(issue('EnrollmentDays', '400')?.code, 'out-of-range');
    assert.equal(issue('EnrollmentDays', '0')?.code, 'out-of-range');
    assert.equal(issue('EnrollmentDays', '9/15/2022 2:20:25 PM')?.code, 'invalid-integer');
    assert.equal(issue('unix_uid', '2147483648')?.code, 'out-of-range');
    assert.deepEqual(parseCell(rule('unix_uid'), '2147483647'), { ok: true, value: 2147483647 });
  });

  it('checks e-mails, ids, attribute names, lengths and spaces', () => {
    assert.equal(issue('Email', 'sam.ng@example')?.code, 'invalid-email');
    assert.equal(issue('Email', 'sam.ng@example.com'), undefined);
    assert.deepEqual(issue('Email', ' sam.ng@example.com'), { code: 'whitespace', message: 'has leading or trailing spaces', fix: 'sam.ng@example.com' });
    assert.equal(issue('SystemID', 'abc123')?.code, 'invalid-id');
    assert.deepEqual(parseCell(rule('SystemID'), '5F1A2B3C4D5E6F7A8B9C0D1E'), { ok: true, value: '5f1a2b3c4d5e6f7a8b9c0d1e' });
    assert.deepEqual(issue('Attribute1_name', 'Cost Center'), { code: 'attribute-name', message: 'may contain only letters and digits', fix: 'CostCenter' });
    assert.equal(issue('description', 'x'.repeat(1025))?.code, 'too-long');
    assert.equal(issue('description', 'x'.repeat(1024)), undefined);
    assert.equal(issue('employeeIdentifier', 'x'.repeat(256)), undefined);
    assert.equal(issue('employeeIdentifier', 'x'.repeat(257))?.code, 'too-long', 'the API caps employeeIdentifier at 256');
    assert.equal(issue('Username', 'ada ')?.code, 'whitespace');
    assert.equal(issue('department', ' Sales '), undefined, 'free text keeps its spaces');
  });
});

function pick(m: ReturnType<typeof matchHeader>) {
  return m.kind === 'fixed' ? { kind: m.kind, header: m.column.header, spelling: m.spelling } : { kind: m.kind };
}

describe('quick acceptance', () => {
  it('never accepts a value its schema rejects', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fc = require('fast-check') as typeof import('fast-check');
    const samples = fc.oneof(
      fc.string(),
      fc.constantFrom('true', 'TRUE', 'True', 'false', ' true', '$true', '0', '365', '366', '2147483647', '2147483648', '007', '5f1a2b3c4d5e6f7a8b9c0d1e', 'a@b.co', ' a@b.co', 'a@b', 'x'.repeat(1025), 'Cost Center', 'abc'),
      fc.stringMatching(/^[ a-zA-Z0-9@.$_-]{0,30}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...COLUMNS, ...NUMBERED_COLUMNS), samples, (column, value) => {
        if (value === '' || !column.accepts(value)) return true;
        return parseCell(column.schema, value).ok;
      }),
      { numRuns: 3000 },
    );
  });
});
