/** Cases for the codes issue 9 added (encoding, empty-file, too-many-fields); codes.test.ts runs them. */
import * as assert from 'node:assert/strict';
import { MAX_FIELDS } from '../../../src/core/csv';
import { LINT_CODES, applyEdits, fixEdits, lintBytes, lintText, type LintProblem } from '../../../src/core/lint';
import { at, one, onlyFix, problemsOf } from './helpers';

type Case = { readonly title: string; readonly run: () => void };

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map(p => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function onlyOne(result: { problems: readonly LintProblem[] }, code: LintProblem['code']): LintProblem {
  assert.deepEqual(result.problems.map(p => p.code), [code], JSON.stringify(result.problems.map(p => p.message)));
  const [p] = result.problems;
  assert.equal(p.severity, LINT_CODES[code].severity);
  return p;
}

export const encodingCases: readonly Case[] = [
  {
    title: 'names the first byte that is not UTF-8 and points at the character it became',
    run() {
      // `j\xe9@x.com`: Latin-1 é, as a file saved in the wrong encoding has it.
      const result = lintBytes(bytes('Username,Email\njdoe,j', [0xe9], '@x.com\n'), { type: 'update' });
      const p = onlyOne(result, 'encoding');
      assert.match(p.message, /not valid UTF-8: byte 21 \(0xE9/);
      assert.equal(at(result.text, p.span), '\uFFFD');
    },
  },
  {
    title: 'reads UTF-16 LE and BE with a byte order mark as the editor does, and reports an unpaired surrogate',
    run() {
      const text = 'Username,Email\r\njdoe,jdoe@example.com\r\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      for (const file of [le, be]) {
        const result = lintBytes(file, { type: 'update' });
        assert.deepEqual(result.problems, []);
        assert.equal(result.text, `\uFEFF${text}`);
        assert.deepEqual(result.columns?.columns.map(c => c.name), ['Username', 'Email']);
      }
      const broken = Buffer.concat([le.subarray(0, 20), Buffer.from([0x00, 0xd8]), le.subarray(20)]);
      const found = problemsOf(lintBytes(broken, { type: 'update' }), 'encoding');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /not valid UTF-16 LE: byte 20 /);
    },
  },
  {
    title: 'does not fire on valid UTF-8, with or without a BOM',
    run() {
      for (const bom of ['', '\uFEFF']) {
        const result = lintBytes(bytes(`${bom}Username,department\njgarcía,Ventas €\n`), { type: 'update' });
        assert.deepEqual(problemsOf(result, 'encoding'), []);
        assert.equal(result.text, `${bom}Username,department\njgarcía,Ventas €\n`);
      }
    },
  },
];

export const emptyFileCases: readonly Case[] = [
  {
    title: 'is one error for an empty, BOM-only, blank-line or whitespace-only file',
    run() {
      for (const text of ['', '\uFEFF', '\n\n\r\n', '   ', ' \t\n  \n']) {
        const p = onlyOne(lintText(text, { type: 'import' }), 'empty-file');
        assert.ok(p.span.start >= 0 && p.span.end <= text.length);
      }
    },
  },
  {
    title: "offers the type's template header, or the minimal new-user header when the type is unknown",
    run() {
      const fixed = (text: string, type?: 'import' | 'update') => {
        const result = lintText(text, type ? { type } : {});
        const fix = onlyFix(one(text, 'empty-file', type ? { type } : {}));
        assert.equal(fix.safe, false);
        return applyEdits(text, fixEdits(text, result.document, fix));
      };
      assert.equal(fixed('', 'import'), 'FirstName,LastName,Username,Password,Email\n');
      assert.equal(fixed('\uFEFF  \r\n', 'update'), '\uFEFFUsername\r\n');
      assert.equal(fixed('\n'), 'FirstName,LastName,Username,Email\n');
      assert.deepEqual(lintText(fixed('', 'import'), { type: 'import' }).problems, []);
    },
  },
];

export const tooManyFieldsCases: readonly Case[] = [
  {
    title: 'keeps the first 16,384 fields of a record and says how many it had',
    run() {
      const text = `Username${','.repeat(MAX_FIELDS + 10)}\n`;
      const result = lintText(text, { type: 'update', rules: { 'unknown-header': 'off' } });
      const p = onlyOne(result, 'too-many-fields');
      assert.equal(result.document.header?.fields.length, MAX_FIELDS);
      assert.match(p.message, new RegExp(`The header has ${MAX_FIELDS + 11} fields`));
      assert.equal(p.span.end, text.length - 1);
    },
  },
];
