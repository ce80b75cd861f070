import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { UserCsvKind } from '../../../src/core/catalogue';
import { executeImport, prepareImport, type ImportPlan } from '../../../src/core/import';
import { lintText, type LintProblem } from '../../../src/core/lint';
import { readOrganization } from '../../../src/core/org';
import type { EmulatorSeed } from '../../../src/emulator';
import { harness, TRANSPORTS } from '../jumpcloud/helpers';

/**
 * One verdict per row, held by a differential test: a file linted as the editor lints it (against a snapshot of the
 * whole organization) and the same file planned by the import (against what the import reads of the organization)
 * must agree on every row: lint error ⇔ planned as skipped, with the same problems. Then the import, sent to the
 * local JumpCloud with no faults, fails no row it planned. Files and organizations are generated: values held by
 * other users in any case, taken and missing usernames, ambiguous and unknown groups, unknown devices and LDAP
 * servers, managers by username, e-mail, id and in-file, duplicates inside the file, wrong-type columns.
 */

const NOW = Date.parse('2026-12-04T12:00:00Z');
const hex = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(16, '0')}`;
const USER = (n: number) => hex('a0a0a0a0', n);
const SYSTEMS = [hex('c0c0c0c0', 1), hex('c0c0c0c0', 2)];
const LDAP = hex('d0d0d0d0', 1);

/** An organization of 3 to 6 users, some without an employeeIdentifier, with groups whose names clash. */
const org = fc.record({ users: fc.integer({ min: 3, max: 6 }), withoutIds: fc.subarray([1, 2, 3]), ambiguous: fc.boolean() }).map(({ users, withoutIds, ambiguous }): EmulatorSeed => ({
  users: Array.from({ length: users }, (_, i) => ({
    _id: USER(i + 1),
    username: `user${i + 1}`,
    email: `user${i + 1}@example.com`,
    firstname: `First${i + 1}`,
    lastname: 'Tester',
    ...(withoutIds.includes(i + 1) ? {} : { employeeIdentifier: `E${i + 1}` }),
  })),
  userGroups: [
    { _id: hex('b0b0b0b0', 1), name: 'Sales' },
    { _id: hex('b0b0b0b0', 2), name: 'Ops' },
    ...(ambiguous ? [{ _id: hex('b0b0b0b0', 3), name: 'ops' }] : []),
  ],
  systems: SYSTEMS.map((id, i) => ({ _id: id, hostname: `host-${i + 1}`, displayName: `Host ${i + 1}` })),
  ldapServers: [{ _id: LDAP, name: 'JumpCloud LDAP' }],
}));

/**
 * Cells drawn from pools that make every kind of clash likely within a few rows. `*` stands for the row's own value
 * (a new username, its e-mail, a fresh id; in update files an existing user), so most rows are clean.
 */
const OWN = '*';
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const mostly = <T>(clean: fc.Arbitrary<T>, noisy: fc.Arbitrary<T>) => fc.oneof({ weight: 7, arbitrary: clean }, { weight: 1, arbitrary: noisy });
const cells = (kind: UserCsvKind) =>
  fc.record({
    Username: mostly(pick(OWN), kind === 'import' ? pick('new1', 'New2', 'user1', 'USER2', '=HYPERLINK("x")', '@SUM(1)', '', ' new4 ') : pick('USER2', 'user3', 'ghost', '', '-x')),
    FirstName: mostly(pick('Ann', 'Bo'), pick('')),
    LastName: mostly(pick('Lee'), pick('')),
    Email: mostly(pick(OWN, ...(kind === 'update' ? [''] : [])), pick('', 'new1@example.com', 'User3@Example.com', 'user1@example.com', 'bad@', 'USER2@example.com')),
    employeeIdentifier: mostly(pick('', OWN), pick('E1', 'e2', 'E98')),
    Group1: mostly(pick('', 'Sales', 'sales'), pick('Ops', 'Nope')),
    SystemID: mostly(pick('', SYSTEMS[0]), pick(hex('c0c0c0c0', 9), 'host-1')),
    Administrator: pick('', 'true', 'false'),
    ldapserver_id: mostly(pick('', LDAP), pick(hex('d0d0d0d0', 9))),
    manager: mostly(pick('', 'user1', 'user2@example.com', USER(3)), pick('new1', 'new2', 'nobody', 'NEW3')),
    [kind === 'import' ? 'account_locked' : 'passwordless_sudo']: mostly(pick(''), pick('true')),
  });

/** The row's own values for `*`. */
function own(kind: UserCsvKind, row: Record<string, string>, i: number): Record<string, string> {
  const name = kind === 'import' ? `new${i + 1}` : `user${(i % 3) + 1}`;
  const values: Record<string, string> = { Username: name, Email: `${name}@example.com`, employeeIdentifier: kind === 'import' ? `E9${i}` : `E${(i % 3) + 1}` };
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === OWN ? values[k] : v]));
}

const HEADERS = (kind: UserCsvKind) => ['Username', 'FirstName', 'LastName', 'Email', 'employeeIdentifier', 'Group1', 'SystemID', 'Administrator', 'ldapserver_id', 'manager', kind === 'import' ? 'account_locked' : 'passwordless_sudo'];

function csvOf(kind: UserCsvKind, rows: readonly Record<string, string>[]): string {
  const quote = (v: string) => (/[",\n\r]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const headers = HEADERS(kind);
  return [headers.join(','), ...rows.map(r => headers.map(h => quote(r[h] ?? '')).join(','))].join('\n') + '\n';
}

type Verdict = Map<number, readonly { code: string; message: string }[]>;

/** The rows the editor's lint (a snapshot of every user) calls errors, with their problems, by record. */
function lintVerdict(problems: readonly LintProblem[]): Verdict {
  const rows = new Map<number, { code: string; message: string }[]>();
  for (const p of problems) {
    if (p.severity !== 'error' || !p.record) continue;
    rows.set(p.record, [...(rows.get(p.record) ?? []), { code: p.code, message: p.message }]);
  }
  return rows;
}

function planVerdict(plan: ImportPlan): Verdict {
  return new Map(plan.rows.flatMap(r => (r.action === 'skipped' ? [[r.record, r.problems.map(p => ({ code: p.code, message: p.message }))] as const] : [])));
}

for (const kind of ['import', 'update'] as const) {
  describe(`one verdict per row (${kind} files, against the local JumpCloud)`, function () {
    this.timeout(120_000);

    it('lint error ⇔ planned as skipped, with the same problems; the import then fails no planned row', async () => {
      let skipped = 0;
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(org, fc.array(cells(kind), { minLength: 1, maxLength: 8 }), async (seed, rows) => {
          const h = await harness(TRANSPORTS[0], { emulator: { seed } });
          try {
            const text = csvOf(kind, rows.map((r, i) => own(kind, r, i)));
            const snapshot = await readOrganization(h.client);
            const lint = lintText(text, { type: kind, org: snapshot, maxProblems: Number.POSITIVE_INFINITY });
            assert.deepEqual(lint.problems.filter(p => p.severity === 'error' && !p.record), [], 'no file-level error');
            const { plan, progress } = await prepareImport({ client: h.client, bytes: new TextEncoder().encode(text), kind, newUserState: 'ACTIVATED', now: NOW });
            assert.equal(plan.blocked, undefined);
            assert.deepEqual(planVerdict(plan), lintVerdict(lint.problems), text);
            const planned = plan.rows.filter(r => r.action !== 'skipped');
            skipped += plan.rows.length - planned.length;
            const results = await executeImport(plan, { client: h.client, newUserState: 'ACTIVATED', progress });
            const failed = results.users.filter(u => u.status === 'failed');
            assert.deepEqual(failed.map(u => ({ row: u.row, steps: u.steps.filter(s => s.status === 'failed') })), [], text);
            sent += results.users.filter(u => u.status === 'created' || u.status === 'updated').length;
          } finally {
            await h.close();
          }
        }),
        { numRuns: 150 },
      );
      // The property must see both sides: rows skipped for errors and rows sent.
      assert.ok(skipped > 20 && sent > 20, `${skipped} rows skipped, ${sent} sent`);
    });
  });
}
