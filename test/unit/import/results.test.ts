import * as assert from 'node:assert/strict';
import { escapeFormula } from '../../../src/core/csv/write';
import { resultsCsv } from '../../../src/core/import/present';
import { userStatus, type StepOutcome, type UserResult } from '../../../src/core/import/results';
import { readCsv } from '../../../src/core/csv';

const step = (over: Partial<StepOutcome>): StepOutcome => ({ row: 2, username: 'jdoe', kind: 'user', step: 'user', status: 'created', ...over });

describe('import results', () => {
  it("derive a user's status from its steps", () => {
    assert.equal(userStatus([step({})]), 'created');
    assert.equal(userStatus([step({}), step({ kind: 'group', status: 'failed' })]), 'failed');
    assert.equal(userStatus([step({ status: 'unchanged' }), step({ kind: 'group', status: 'added' })]), 'updated');
    assert.equal(userStatus([step({ status: 'unchanged' }), step({ kind: 'group', status: 'already' })]), 'unchanged');
    assert.equal(userStatus([step({}), step({ kind: 'group', status: 'cancelled' })]), 'cancelled');
    assert.equal(userStatus([]), 'unchanged');
  });

  it("export the reference's result columns plus Error, formula-looking cells escaped", () => {
    const users: UserResult[] = [
      {
        row: 2, record: 1, username: 'jdoe', status: 'failed', userId: 'a'.repeat(24), systemId: 'c'.repeat(24),
        steps: [
          step({ userId: 'a'.repeat(24) }),
          step({ kind: 'ldap', step: 'ldap:d', status: 'added' }),
          step({ kind: 'ldap-binding', step: 'ldap-binding:true', detail: 'true', status: 'updated' }),
          step({ kind: 'system', step: 'system:c', status: 'added' }),
          step({ kind: 'group', step: 'group:g1', detail: 'Sales, EU', status: 'added' }),
          step({ kind: 'group', step: 'group:g2', detail: '=HYPERLINK("x")', status: 'failed', error: 'Not Found (HTTP 404)' }),
        ],
      },
      { row: 3, record: 2, username: '@evil', status: 'skipped', steps: [], problems: [{ code: 'invalid-email', message: '-1+1 is not an e-mail address' }] },
    ];
    const text = resultsCsv(users);
    assert.ok(text.endsWith('\r\n'));
    const doc = readCsv(text);
    const rows = [doc.header!, ...doc.records].map(r => r.fields.map(f => f.value));
    assert.deepEqual(rows[0], ['Username', 'Status', 'UserID', 'GroupsAdd', 'SystemID', 'SystemAdd', 'LdapUserBind', 'Error']);
    assert.deepEqual(rows[1], [
      'jdoe', 'failed', 'a'.repeat(24),
      'Sales, EU: Added; =HYPERLINK("x"): Failed: Not Found (HTTP 404)',
      'c'.repeat(24), 'Added', 'LDAP Added; ldap_binding_user true: Updated',
      'group =HYPERLINK("x"): Not Found (HTTP 404)',
    ]);
    assert.deepEqual(rows[2], ["'@evil", 'skipped', '', '', '', '', '', 'invalid-email: -1+1 is not an e-mail address']);
    for (const c of ['=1', '+1', '-1', '@a', '\tx', '\rx']) assert.equal(escapeFormula(c), `'${c}`);
    assert.equal(escapeFormula('a=1'), 'a=1');
  });
});
