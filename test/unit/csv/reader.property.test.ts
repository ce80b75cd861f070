import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { detectDialect, formatCsv, formatCsvRow, LineIndex, readCsv } from '../../../src/core/csv';
import type { CsvDocument, Delimiter } from '../../../src/core/csv';

const RUNS = 300;

/** Characters CSV cares about, weighted up so they show up in most values. */
const special = fc.constantFrom('"', ',', ';', '\t', '\r', '\n', ' ', '\uFEFF');
const char = fc.oneof(
  { arbitrary: special, weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
);
const cell = fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: fc.string({ unit: char, maxLength: 12 }), weight: 5 });
const delimiter = fc.constantFrom<Delimiter>(',', ';', '\t');
const newline = fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n');
/** Ragged on purpose: rows of 1–6 cells, each with a flag that quotes it even when it need not be. */
const table = fc.array(fc.array(fc.record({ value: cell, force: fc.boolean() }), { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 8,
});

function rows(doc: CsvDocument): string[][] {
  return [...(doc.header ? [doc.header] : []), ...doc.records].map(r => r.fields.map(f => f.value));
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Asserts the invariants that hold for any input, well-formed or not. */
function checkStructure(text: string, doc: CsvDocument): void {
  const lines = new LineIndex(text);
  const all = [...(doc.header ? [doc.header] : []), ...doc.records];
  let last = 0;
  all.forEach((record, i) => {
    assert.equal(record.index, i);
    assert.ok(last <= record.start && record.start <= record.end && record.end <= text.length, 'record range');
    assert.equal(record.line, lines.positionAt(record.start).line, 'record line');
    assert.ok(record.fields.length > 0);
    let fieldLast = record.start;
    for (const field of record.fields) {
      assert.ok(fieldLast <= field.start && field.start <= field.end && field.end <= record.end, 'field range');
      fieldLast = field.end;
      const raw = text.slice(field.start, field.end);
      if (!field.quoted) assert.equal(raw, field.value);
      // Re-read after a first field, so a BOM or `sep=` at the slice's start is not taken for a prelude.
      const again = readCsv(`x${doc.dialect.delimiter}${raw}`, { delimiter: doc.dialect.delimiter });
      assert.deepEqual(again.header?.fields.map(f => f.value), ['x', field.value], 're-read');
    }
    assert.equal(record.fields[0].start, record.start);
    assert.equal(record.fields[record.fields.length - 1].end, record.end);
    last = record.end;
  });
  for (const p of doc.problems) {
    assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length, 'problem range');
    if (p.record !== undefined) assert.ok(p.record >= 0 && p.record < all.length);
  }
  const ragged = doc.records.filter(r => r.fields.length !== doc.header!.fields.length).map(r => r.index);
  assert.deepEqual(doc.problems.filter(p => p.code === 'field-count').map(p => p.record), ragged);
}

describe('readCsv properties', () => {
  it('reads what csv-parse reads from well-formed CSV, with exact field offsets', () => {
    fc.assert(
      fc.property(table, delimiter, newline, fc.boolean(), fc.boolean(), fc.boolean(), (cells, d, nl, bom, sep, trailing) => {
        const lines = cells.map(row => row.map(c => (c.force ? quote(c.value) : c.value === '' ? '' : formatCsvRow([c.value], d))).join(d));
        const body = lines.join(nl) + (trailing ? nl : '');
        const text = (bom ? '\uFEFF' : '') + (sep ? `sep=${d}${nl}` : '') + body;

        const doc = readCsv(text, { delimiter: d });
        const oracle = parse((bom ? '\uFEFF' : '') + body, {
          bom: true,
          delimiter: d,
          record_delimiter: nl,
          relax_column_count: true,
          skip_empty_lines: true,
        }) as string[][];
        assert.deepEqual(rows(doc), oracle);
        // Rows written as empty lines are the only ones lost, and are reported as blank (unless last).
        const kept = cells.filter((_, i) => lines[i] !== '');
        assert.deepEqual(rows(doc), kept.map(row => row.map(c => c.value)));
        assert.deepEqual([doc.dialect.bom, doc.dialect.sepLine], [bom, sep]);

        for (const record of [doc.header!, ...doc.records].filter(Boolean)) {
          for (const field of record.fields) {
            assert.equal(text.slice(field.start, field.end), field.quoted ? quote(field.value) : field.value);
          }
        }
        assert.deepEqual(
          doc.problems.filter(p => p.code !== 'field-count' && p.code !== 'blank-row'),
          [],
        );
        checkStructure(text, doc);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary text and keeps every offset in range', () => {
    const noisy = fc.oneof(
      { arbitrary: fc.constantFrom('"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\uFEFF', 'sep=', 'a', ' '), weight: 6 },
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
      { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map(c => String.fromCharCode(c)), weight: 1 }, // lone surrogates
    );
    const prefix = fc.constantFrom('', '\uFEFF', 'sep=;\n', '\uFEFFSEP=\t\r\n', 'sep=,');
    fc.assert(
      fc.property(prefix, fc.string({ unit: noisy, maxLength: 60 }), fc.option(delimiter, { nil: undefined }), (pre, rest, d) => {
        const text = pre + rest;
        const doc = readCsv(text, d === undefined ? {} : { delimiter: d });
        if (d === undefined) assert.deepEqual(doc.dialect, detectDialect(text));
        checkStructure(text, doc);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips any table through formatCsv', () => {
    const values = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    fc.assert(
      fc.property(values, delimiter, newline, (t, d, nl) => {
        const doc = readCsv(formatCsv(t, nl, d), { delimiter: d });
        assert.deepEqual(rows(doc), t);
        assert.deepEqual(doc.problems.filter(p => p.code !== 'field-count'), []);
      }),
      { numRuns: RUNS },
    );
  });

  it('LineIndex agrees with splitting the text into lines', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\r', '\n'), maxLength: 40 });
    fc.assert(
      fc.property(text, t => {
        const lines = t.split(/\r\n|\r|\n/);
        const index = new LineIndex(t);
        assert.equal(index.lineCount, lines.length);
        let offset = 0;
        lines.forEach((line, l) => {
          for (let c = 0; c <= line.length; c++) {
            assert.deepEqual(index.positionAt(offset + c), { line: l, character: c });
            assert.equal(index.offsetAt({ line: l, character: c }), offset + c);
          }
          offset += line.length + (t.startsWith('\r\n', offset + line.length) ? 2 : 1);
        });
      }),
      { numRuns: RUNS },
    );
  });
});
