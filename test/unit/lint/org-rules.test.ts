import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintSummary, lintText, type LintCode } from '../../../src/core/lint';
import type { OrgSnapshot } from '../../../src/core/org';

const ORG: OrgSnapshot = {
  name: 'Acme',
  users: [
    { id: 'u1', username: 'alovelace', email: 'ada@example.com', employeeIdentifier: 'E1' },
    { id: 'u2', username: 'ghopper', email: 'grace@example.com', employeeIdentifier: 'E2' },
  ],
  groups: [{ id: 'g1', name: 'Engineering' }, { id: 'g2', name: 'VPN Users' }, { id: 'g3', name: 'Sales' }, { id: 'g4', name: 'sales' }],
  systems: [
    { id: '5f1a2b3c4d5e6f7a8b9c0d1e', hostname: 'mac-ada', displayName: 'Ada MacBook' },
    { id: '5f1a2b3c4d5e6f7a8b9c0d1f', hostname: 'build-01', displayName: 'Shared' },
    { id: '5f1a2b3c4d5e6f7a8b9c0d20', hostname: 'build-02', displayName: 'Shared' },
  ],
  ldapServers: [{ id: '0123456789abcdef01234567', name: 'JumpCloud LDAP' }],
};

function problems(text: string, type: 'import' | 'update') {
  return lintText(text, { type, org: ORG }).problems.filter(p => p.code !== 'missing-header');
}
const codes = (ps: { code: LintCode }[]) => ps.map(p => p.code).sort();
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('org-aware lint', () => {
  it('import: a taken username, values held by others, unknown groups with a suggestion, ambiguous groups', () => {
    const text = 'FirstName,LastName,Username,Email,employeeIdentifier,Group1,Group2\nAda,L,ALOVELACE,new@example.com,E9,Enginering,sales\nBo,B,bnew,Grace@example.com,E1,VPN Users,\n';
    const ps = problems(text, 'import');
    assert.deepEqual(codes(ps), ['ambiguous-group', 'unknown-group', 'user-exists', 'value-in-use', 'value-in-use']);
    const taken = ps.find(p => p.code === 'user-exists')!;
    assert.equal(at(text, taken.span), 'ALOVELACE');
    assert.match(taken.message, /already taken in Acme/);
    const group = ps.find(p => p.code === 'unknown-group')!;
    assert.match(group.message, /Did you mean "Engineering"\?/);
    assert.deepEqual(group.fixes?.map(f => f.title), ['Change to "Engineering"']);
    assert.match(ps.find(p => p.code === 'ambiguous-group')!.message, /2 user groups in Acme are named "sales"/);
    assert.ok(ps.some(p => p.code === 'value-in-use' && /belongs to ghopper/.test(p.message)));
  });

  it("update: unknown usernames, but not the user's own e-mail or id", () => {
    const text = 'Username,Email,employeeIdentifier\nalovelace,ADA@example.com,e1\nnobody,x@example.com,\nghopper,,E2\nghopper2,grace@example.com,\n';
    const ps = problems(text, 'update');
    assert.deepEqual(codes(ps), ['user-not-found', 'user-not-found', 'value-in-use']);
    assert.equal(ps.find(p => p.code === 'value-in-use')!.record, 4);
  });

  it('devices, LDAP servers and managers', () => {
    const text = [
      'FirstName,LastName,Username,Email,SystemID,ldapserver_id,manager',
      'A,B,n1,n1@example.com,5f1a2b3c4d5e6f7a8b9c0d1e,0123456789abcdef01234567,alovelace',
      'A,B,n2,n2@example.com,ffffffffffffffffffffffff,ffffffffffffffffffffffff,n1',
      'A,B,n3,n3@example.com,mac-ada,,grace@example.com',
      'A,B,n4,n4@example.com,Shared,,someone',
    ].join('\n');
    const ps = problems(text, 'import');
    assert.deepEqual(codes(ps), ['invalid-id', 'invalid-id', 'unknown-ldap-server', 'unknown-manager', 'unknown-system']);
    const named = ps.find(p => p.code === 'invalid-id' && p.record === 3)!;
    assert.match(named.message, /It names the device mac-ada \(Ada MacBook\)/);
    assert.deepEqual(named.fixes?.map(f => f.kind === 'replace' && f.text), ['5f1a2b3c4d5e6f7a8b9c0d1e']);
    const ambiguous = ps.find(p => p.code === 'invalid-id' && p.record === 4)!;
    assert.deepEqual(ambiguous.fixes ?? [], [], 'two devices share the display name: no guess');
  });

  it('manager-is-self: a user named as their own manager, by username, e-mail or (existing users) id', () => {
    const imp = 'FirstName,LastName,Username,Email,manager\nA,B,nina,nina@example.com,NINA\nA,B,omar,omar@example.com,Omar@example.com\nA,B,pia,pia@example.com,nina\n';
    const found = lintText(imp, { type: 'import', org: ORG }).problems.filter(p => p.code === 'manager-is-self');
    assert.deepEqual(found.map(p => [p.record, at(imp, p.span)]), [[1, 'NINA'], [2, 'Omar@example.com']]);
    assert.match(found[0].message, /Manager "NINA" in row 2 is the user of that row/);
    const upd = 'Username,manager\nalovelace,u1\nghopper,ada@example.com\nalovelace,grace@example.com\n';
    assert.deepEqual(lintText(upd, { type: 'update', org: ORG, rules: { 'duplicate-value': 'off' } }).problems.map(p => [p.record, p.code]), [[1, 'manager-is-self']]);
  });

  describe('manager-skipped', () => {
    const head = 'FirstName,LastName,Username,Email,manager\n';
    const lint = (text: string, rules = {}) => lintText(text, { type: 'import', org: ORG, rules, maxProblems: Infinity }).problems;

    it('flags a row whose manager is created by a row of the file that is skipped, and follows the chain', () => {
      // Row 2 (boss) has an invalid e-mail: row 3 (mid, managed by boss) cannot get its manager, so it is skipped
      // too, and row 4 (low, managed by mid) after it. Row 5's manager is an existing user: no dependency.
      const text = head + 'B,O,boss,bad@,\nM,I,mid,mid@example.com,boss\nL,O,low,low@example.com,MID\nO,K,ok,ok@example.com,alovelace\n';
      const ps = lint(text).filter(p => p.code === 'manager-skipped');
      assert.deepEqual(ps.map(p => [p.record, p.severity]), [[2, 'error'], [3, 'error']]);
      assert.equal(at(text, ps[0].span), 'boss');
      assert.match(ps[0].message, /Manager "boss" in row 3 is created by row 2 of this file, which the import skips for errors; fix row 2 first/);
      assert.equal(at(text, ps[1].related![0].span), 'mid');
    });

    it('places the problem after the row\'s own problems, as the rows come', () => {
      const text = head + 'B,O,boss,bad@,\nM,I,mid,also-bad,boss\nZ,Z,zed,zed@example.com,\n';
      assert.deepEqual(lint(text).map(p => [p.record, p.code]), [[1, 'invalid-email'], [2, 'invalid-email'], [2, 'manager-skipped']]);
    });

    it('says nothing while the manager\'s row is clean, or one of its rows is, or the manager exists', () => {
      assert.deepEqual(lint(head + 'B,O,boss,boss@example.com,\nM,I,mid,mid@example.com,boss\n'), []);
      assert.deepEqual(lint(head + 'A,B,ghopper,x@example.com,\nM,I,mid,mid@example.com,ghopper\n').map(p => p.code), ['user-exists']);
    });

    it('a warning instead skips nothing, so the chain stops there; off, it is not reported', () => {
      const text = head + 'B,O,boss,bad@,\nM,I,mid,mid@example.com,boss\nL,O,low,low@example.com,mid\n';
      assert.deepEqual(lint(text, { 'manager-skipped': 'warning' }).filter(p => p.code === 'manager-skipped').map(p => [p.record, p.severity]), [[2, 'warning']]);
      assert.deepEqual(lint(text, { 'manager-skipped': 'off' }).filter(p => p.code === 'manager-skipped'), []);
    });

    it('counts a row of the wrong length as skipped', () => {
      const text = head + 'B,O,boss,boss@example.com,,extra\nM,I,mid,mid@example.com,boss\n';
      assert.deepEqual(lint(text).map(p => [p.record, p.code]), [[1, 'field-count'], [2, 'manager-skipped']]);
    });

    it('streamed, it equals the lint of the document read whole (chains, cycles, caps, rows of the wrong length)', () => {
      const user = fc.constantFrom('boss', 'mid', 'low', 'BOSS', ' mid ', 'alovelace', '');
      const email = fc.constantFrom('a@example.com', 'bad@', '');
      const row = fc.tuple(user, email, user, fc.constantFrom('', '', ',extra')).map(([u, e, m, extra]) => `F,L,${u},${e},${m}${extra}`);
      const options = fc.record({
        maxProblems: fc.constantFrom(1, 3, 1000),
        rules: fc.constantFrom({}, { 'manager-skipped': 'warning' as const }, { 'invalid-email': 'warning' as const }, { 'field-count': 'warning' as const }),
      });
      let skipped = 0;
      fc.assert(
        fc.property(fc.array(row, { maxLength: 8 }), options, (rows, opts) => {
          const text = head + rows.join('\n') + '\n';
          const all = { type: 'import' as const, org: ORG, ...opts };
          const { document, ...whole } = lintText(text, all);
          assert.deepEqual(lintSummary(text, all), { ...whole, rows: document.records.length });
          if (whole.problems.some(p => p.code === 'manager-skipped')) skipped++;
        }),
        { numRuns: 1000 },
      );
      assert.ok(skipped > 100, `manager-skipped in only ${skipped} runs`);
    });
  });

  it('runs no org checks without a snapshot', () => {
    const text = 'FirstName,LastName,Username,Email,Group1\nA,B,alovelace,ada@example.com,Nope\n';
    assert.deepEqual(lintText(text, { type: 'import' }).problems, []);
  });
});
