import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalLint, lintLocated, lintSummary, lintText, type LintOptions, type TextEdit } from '../../../src/core/lint';
import { ChunkedText, LineStarts, LineIndex } from '../../../src/core/csv';
import type { OrgSnapshot } from '../../../src/core/org';

// The whole-file lint is the oracle: after any sequence of edits the incremental lint must give exactly its result.

const ORG: OrgSnapshot = {
  name: 'Acme',
  users: [{ id: 'u1', username: 'ada', email: 'ada@x.com', employeeIdentifier: 'E1' }],
  groups: [{ id: 'g1', name: 'Sales' }],
  systems: [{ id: '5f1a2b3c4d5e6f7a8b9c0d1e', hostname: 'mac-ada' }],
  ldapServers: [],
};

const HEADERS = ['Username,Email,employeeIdentifier,FirstName,LastName,manager,Group1', 'Username,Email,Attribute1_name,Attribute1_value,department', 'username,email,firstname,lastname,password'];
/** Cells drawn from a small pool, so duplicates are made and removed often. */
const CELL = fc.constantFrom('', 'ada', 'Ada', 'bob', ' bob ', 'cy', 'ada@x.com', 'bob@x.com', 'bad@', 'E1', 'E2', 'true', '$true', 'Sales', '"q,uoted"', '"multi\nline"', '"a ""b"""', 'x"y', ' ', 'mac-ada');
const LINE_BREAK = fc.constantFrom('\n', '\r\n', '\r');
const row = fc.array(CELL, { minLength: 0, maxLength: 8 }).map(cells => cells.join(','));
const file = fc
  .tuple(fc.constantFrom(...HEADERS), fc.array(fc.tuple(row, LINE_BREAK, fc.boolean()), { maxLength: 25 }), LINE_BREAK, fc.boolean())
  .map(([header, rows, br, bom]) => (bom ? '\uFEFF' : '') + header + br + rows.map(([r, b, blank]) => r + b + (blank ? b : '')).join(''));

/** What edits insert: the characters that change how CSV reads, and values that change what rows hold. */
const PIECE = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('"', ',', '\n', '\r\n', '\r', '""', ' ') },
  { weight: 3, arbitrary: CELL },
  { weight: 1, arbitrary: row.map(r => `${r}\n`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
/** An edit as fractions of the text's length, so it applies to whatever text the earlier edits left. */
const EDIT = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 12 }), fc.array(PIECE, { maxLength: 3 }), fc.nat({ max: 2 }));

function editOf(text: string, [at, length, pieces]: [number, number, string[], number]): TextEdit {
  const start = Math.min(text.length, Math.floor(at * (text.length + 1)));
  return { start, end: Math.min(text.length, start + length), text: pieces.join('') };
}

const OPTIONS: fc.Arbitrary<LintOptions> = fc.record(
  {
    type: fc.constantFrom<'import' | 'update' | undefined>('import', 'update', undefined),
    maxProblems: fc.constantFrom(3, 20, 1000),
    rules: fc.constantFrom({}, { 'duplicate-value': 'off' as const }, { 'blank-row': 'info' as const, 'invalid-email': 'off' as const }),
    org: fc.constantFrom(undefined, ORG),
  },
  { requiredKeys: ['type', 'maxProblems', 'rules'] },
);

describe('incremental lint', () => {
  it('always equals a fresh whole-file lint, through random edits (quotes, line breaks, header edits, duplicates)', () => {
    let edits = 0;
    let incremental = 0;
    fc.assert(
      fc.property(file, OPTIONS, fc.array(EDIT, { minLength: 1, maxLength: 12 }), fc.constantFrom(3, 16, 100_000), (text, options, steps, chunk) => {
        const model = new IncrementalLint(text, options, chunk);
        assert.deepEqual(model.result(), lintLocated(text, options));
        let expected = text;
        for (const step of steps) {
          // Some changes carry two edits at once, as a multi-cursor edit does.
          const first = editOf(expected, step);
          const change = step[3] === 2 && first.start > 2 ? [first, { start: 0, end: 1, text: first.text }] : [first];
          const sorted = [...change].sort((a, b) => b.start - a.start);
          for (const e of sorted) expected = expected.slice(0, e.start) + e.text + expected.slice(e.end);
          if (model.incremental) incremental++;
          model.edit(change);
          edits++;
          assert.equal(model.text, expected);
          assert.deepEqual(model.result(), lintLocated(expected, options), JSON.stringify({ text, options: { ...options, org: !!options.org }, steps }));
        }
      }),
      { numRuns: 600 },
    );
    // The property must exercise the incremental path, not only the fallback to whole readings.
    assert.ok(edits >= 2000, `${edits} edits`);
    assert.ok(incremental > edits / 2, `${incremental} of ${edits} edits applied incrementally`);
  });

  it('streamed lint equals the lint of the document read whole', () => {
    fc.assert(
      fc.property(file, OPTIONS, (text, options) => {
        const { document, ...whole } = lintText(text, options);
        assert.deepEqual(lintSummary(text, options), { ...whole, rows: document.records.length });
      }),
      { numRuns: 500 },
    );
  });

  it('re-reads only around the edit: a duplicate made and removed far from the row edited', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `user${i},user${i}@x.com`);
    const text = `Username,Email\r\n${rows.join('\r\n')}\r\n`;
    const model = new IncrementalLint(text, { type: 'update' });
    assert.equal(model.result().total, 0);
    const at = text.indexOf('user1500,');
    model.edit([{ start: at, end: at + 'user1500'.length, text: 'user7' }]);
    const made = model.result();
    assert.ok(model.incremental);
    assert.deepEqual(made.problems.map(p => [p.code, p.range.start.line]), [['duplicate-value', 1501]]);
    assert.match(made.problems[0].message, /also in row 9/);
    model.edit([{ start: at, end: at + 'user7'.length, text: 'user1500' }]);
    assert.equal(model.result().total, 0);
  });
});

describe('chunked text and line starts through edits', () => {
  it('read and place offsets as the plain string does', () => {
    const text = fc.array(fc.constantFrom('a', ',', '"', '\n', '\r', '\r\n', 'é'), { maxLength: 60 }).map(parts => parts.join(''));
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 9 }), text);
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 10 }), fc.integer({ min: 1, max: 8 }), (start, edits, chunk) => {
        let plain = start;
        const chunked = new ChunkedText(start, chunk);
        const lines = new LineStarts(start);
        for (const [at, length, inserted] of edits) {
          const from = at % (plain.length + 1);
          const to = Math.min(plain.length, from + length);
          plain = plain.slice(0, from) + inserted + plain.slice(to);
          chunked.edit(from, to, inserted);
          lines.edit(from, to - from, inserted.length, chunked);
          assert.equal(chunked.toString(), plain);
          assert.equal(chunked.length, plain.length);
          for (let a = 0; a <= plain.length; a += 3) assert.equal(chunked.slice(a, a + 5), plain.slice(a, a + 5));
          const expected = new LineIndex(plain);
          assert.equal(lines.lineCount, expected.lineCount);
          for (let o = 0; o <= plain.length; o++) assert.deepEqual(lines.positionAt(o), expected.positionAt(o));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
