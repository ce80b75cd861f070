/** Issue 9, reproduction 2: the lint's work and memory stop growing with the number of problems past the cap. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_FIELDS, readCsv } from '../../../src/core/csv';
import { lintBytes, lintText } from '../../../src/core/lint';
import { Reporter } from '../../../src/core/lint/reporter';
import { quoteValue } from '../../../src/core/lint/quote';

describe('bounded lint', () => {
  it('builds messages and extras only for the problems it keeps, and counts the rest', () => {
    const reporter = new Reporter({ 'blank-row': 'off' }, 2);
    let messages = 0;
    let extras = 0;
    const message = () => `m${++messages}`;
    for (let i = 0; i < 5; i++) reporter.report('invalid-email', message, { start: i, end: i + 1 }, () => ({ record: ++extras }));
    reporter.report('blank-row', () => assert.fail('an off rule builds nothing'), { start: 0, end: 0 });
    reporter.count('field-count', 7);
    assert.deepEqual([messages, extras], [2, 2]);
    assert.ok(reporter.full);
    assert.equal(reporter.total, 12);
    assert.deepEqual(reporter.counts, { error: 12, warning: 0, info: 0 });
    assert.deepEqual(reporter.finish().map(p => p.message), ['m1', 'm2', 'Showing the first 2 of 12 problems; raise jumpcloud.lint.maxProblems to see more.']);
  });

  it('reads a header of two million commas into at most 16,384 fields and keeps 1000 problems', () => {
    const text = `Username${','.repeat(2_000_000)}\n`;
    const result = lintText(text, { type: 'update' });
    assert.equal(result.document.header?.fields.length, MAX_FIELDS);
    assert.equal(result.problems.length, 1001);
    assert.equal(result.total, MAX_FIELDS - 1 + 1); // one unknown-header per empty name kept, and too-many-fields
    assert.equal(result.problems.filter(p => p.code === 'too-many-fields').length, 1);
  });

  it('keeps at most the cap of reader problems per code, counting all of them', () => {
    const text = `Username,Email\n${'\n'.repeat(50_000)}${'a,b,c\n'.repeat(50_000)}`;
    const document = readCsv(text, { maxProblems: 10 });
    assert.equal(document.problems.length, 20);
    assert.deepEqual(document.omitted, { 'blank-row': 49_990, 'field-count': 49_990 });
    const result = lintText(text, { type: 'update', maxProblems: 10, rules: { 'invalid-email': 'off', 'duplicate-value': 'off' } });
    assert.equal(result.counts.info, 50_000, 'blank rows are notes: the import skips them');
    assert.equal(result.counts.error, 50_000);
    assert.match(result.problems.at(-1)!.message, /first 10 of 100000 problems/);
  });

  it('quotes at most 40 characters of a value, on one line, with control characters visible', () => {
    assert.equal(quoteValue('a\r\nb\x1b[2J'), '"a b\\u001b[2J"');
    const long = quoteValue('y'.repeat(10_000_000));
    assert.equal(long, `"${'y'.repeat(37)}…"`);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), (body, bom) => {
        const result = lintBytes(Uint8Array.from([...bom, ...body]), { type: 'import' });
        for (const p of result.problems) assert.ok(p.span.start >= 0 && p.span.end <= result.text.length);
      }),
      { numRuns: 1000 },
    );
  });
});
