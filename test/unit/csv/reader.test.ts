import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { detectDialect, formatCsv, formatCsvRow, LineIndex, readCsv } from '../../../src/core/csv';
import type { CsvDocument, CsvProblemCode } from '../../../src/core/csv';

/** Header and records as arrays of values. */
function rows(doc: CsvDocument): string[][] {
  return [...(doc.header ? [doc.header] : []), ...doc.records].map(r => r.fields.map(f => f.value));
}

function codes(doc: CsvDocument): CsvProblemCode[] {
  return doc.problems.map(p => p.code);
}

describe('readCsv', () => {
  describe('line breaks and BOM', () => {
    it('skips a BOM but keeps offsets relative to the original text', () => {
      const text = '\uFEFFemail,username\na@x.io,ann\n';
      const doc = readCsv(text);
      assert.equal(doc.dialect.bom, true);
      assert.deepEqual(rows(doc), [['email', 'username'], ['a@x.io', 'ann']]);
      const [email] = doc.header!.fields;
      assert.deepEqual([email.start, email.end], [1, 6]);
      assert.equal(text.slice(email.start, email.end), 'email');
      assert.equal(doc.header!.start, 1);
      assert.deepEqual(doc.problems, []);
    });

    it('reads CRLF files and reports CRLF as the newline', () => {
      const text = 'a,b\r\n1,2\r\n3,4\r\n';
      const doc = readCsv(text);
      assert.equal(doc.dialect.newline, '\r\n');
      assert.deepEqual(rows(doc), [['a', 'b'], ['1', '2'], ['3', '4']]);
      assert.deepEqual(doc.records.map(r => [r.line, r.start, r.end]), [[1, 5, 8], [2, 10, 13]]);
      assert.deepEqual(doc.problems, []);
    });

    it('reads LF files', () => {
      const doc = readCsv('a,b\n1,2\n');
      assert.equal(doc.dialect.newline, '\n');
      assert.deepEqual(rows(doc), [['a', 'b'], ['1', '2']]);
      assert.deepEqual(doc.records.map(r => [r.line, r.start, r.end]), [[1, 4, 7]]);
    });

    it('reads mixed CRLF, LF and lone CR line breaks', () => {
      const text = 'a,b\r\n1,2\n3,4\r5,6\r\n7,8';
      const doc = readCsv(text);
      assert.deepEqual(rows(doc), [['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], ['7', '8']]);
      assert.deepEqual(doc.records.map(r => r.line), [1, 2, 3, 4]);
      assert.deepEqual(doc.records.map(r => text.slice(r.start, r.end)), ['1,2', '3,4', '5,6', '7,8']);
      assert.equal(doc.dialect.newline, '\r\n'); // two CRLF, one LF
    });
  });

  describe('quoted fields', () => {
    it('keeps line breaks inside quotes, with ranges spanning lines', () => {
      const text = 'id,note\r\n1,"two\r\nlines"\r\n2,"a\nb\rc"\r\n3,x\r\n';
      const doc = readCsv(text);
      assert.deepEqual(rows(doc), [['id', 'note'], ['1', 'two\r\nlines'], ['2', 'a\nb\rc'], ['3', 'x']]);
      assert.deepEqual(doc.records.map(r => r.line), [1, 3, 6]);
      const note = doc.records[0].fields[1];
      assert.deepEqual([note.start, note.end, note.quoted], [11, 23, true]);
      assert.equal(text.slice(note.start, note.end), '"two\r\nlines"');
      assert.equal(text.slice(doc.records[0].start, doc.records[0].end), '1,"two\r\nlines"');
      assert.equal(text.slice(doc.records[1].fields[1].start, doc.records[1].fields[1].end), '"a\nb\rc"');
      assert.deepEqual(doc.problems, []);
    });

    it('collapses doubled quotes and keeps delimiters inside quotes', () => {
      const text = 'title,quote\n"Rear Admiral, Ret.","say ""hi"""\n"",""""\n';
      const doc = readCsv(text);
      assert.deepEqual(rows(doc), [['title', 'quote'], ['Rear Admiral, Ret.', 'say "hi"'], ['', '"']]);
      const [title, quote] = doc.records[0].fields;
      assert.equal(text.slice(title.start, title.end), '"Rear Admiral, Ret."');
      assert.equal(text.slice(quote.start, quote.end), '"say ""hi"""');
      assert.deepEqual(doc.records[1].fields.map(f => f.quoted), [true, true]);
      assert.deepEqual(doc.problems, []);
    });

    it('marks unquoted fields as not quoted and keeps spaces', () => {
      const doc = readCsv('a,b\n x , y\n');
      assert.deepEqual(doc.records[0].fields.map(f => [f.value, f.quoted]), [[' x ', false], [' y', false]]);
    });
  });

  describe('dialect', () => {
    it('takes the delimiter from a sep= line, which is not a record', () => {
      const text = 'sep=;\r\nname;dept\r\nAnn;R,D\r\n';
      const doc = readCsv(text);
      assert.deepEqual(doc.dialect, { delimiter: ';', bom: false, sepLine: true, newline: '\r\n' });
      assert.deepEqual(rows(doc), [['name', 'dept'], ['Ann', 'R,D']]);
      assert.deepEqual([doc.header!.index, doc.header!.line, doc.header!.start], [0, 1, 7]);
      assert.equal(doc.records[0].line, 2);
    });

    it('reads sep= case-insensitively, after a BOM, and with a tab', () => {
      const doc = readCsv('\uFEFFSEP=\t\na\tb\n1\t2');
      assert.deepEqual([doc.dialect.delimiter, doc.dialect.bom, doc.dialect.sepLine], ['\t', true, true]);
      assert.deepEqual(rows(doc), [['a', 'b'], ['1', '2']]);
    });

    it('does not take a longer first line for a sep= line', () => {
      const doc = readCsv('sep=;x\n1\n', { delimiter: ',' });
      assert.equal(doc.dialect.sepLine, false);
      assert.deepEqual(rows(doc), [['sep=;x'], ['1']]);
    });

    it('detects commas, semicolons and tabs', () => {
      assert.equal(readCsv('a,b,c\n1,2,3\n').dialect.delimiter, ',');
      assert.equal(readCsv('a;b;c\n1;2;3\n').dialect.delimiter, ';');
      assert.equal(readCsv('a\tb\tc\n1\t2\t3\n').dialect.delimiter, '\t');
    });

    it('detects semicolons when quoted fields contain commas', () => {
      const text = [
        'firstname;lastname;department;jobTitle',
        'Ann;Lee;"R&D; Labs";"Rear Admiral, Ret."',
        'Bob;Ray;Sales;"Lead, West, Coast"',
        'Cy;Ott;Ops;Clerk',
      ].join('\n');
      const doc = readCsv(text);
      assert.equal(doc.dialect.delimiter, ';');
      assert.deepEqual(doc.records[0].fields.map(f => f.value), ['Ann', 'Lee', 'R&D; Labs', 'Rear Admiral, Ret.']);
      assert.deepEqual(doc.problems, []);
    });

    it('prefers the delimiter whose count is consistent across lines', () => {
      // The header has one comma and one semicolon; only the semicolon count holds on the data lines.
      const text = 'name,full;email\nAnn;a@x\nBob;b@x, c@x\nCy;c@x\n';
      assert.equal(readCsv(text).dialect.delimiter, ';');
    });

    it('defaults to a comma when the header has no delimiter', () => {
      assert.equal(readCsv('email\na@x.io\n').dialect.delimiter, ',');
      assert.equal(readCsv('').dialect.delimiter, ',');
    });

    it('lets the caller force the delimiter', () => {
      const doc = readCsv('a;b,c\n1;2,3\n', { delimiter: ';' });
      assert.deepEqual(rows(doc), [['a', 'b,c'], ['1', '2,3']]);
    });

    it('detectDialect agrees with readCsv', () => {
      for (const text of ['a;b\r\n1;2\r\n', 'sep=\t\na\tb\n', '\uFEFFa,b\n"1\r\n2",3\n', 'a,"x\r\ny\r\nz"\n', 'a\r\n\r\n\r\n1\n', 'sep=;\r\n', '', 'x']) {
        assert.deepEqual(detectDialect(text), readCsv(text).dialect, JSON.stringify(text));
      }
    });
  });

  describe('records', () => {
    it('reads an empty file as no header, no records and no problems', () => {
      const doc = readCsv('');
      assert.equal(doc.header, undefined);
      assert.deepEqual([doc.records, doc.problems], [[], []]);
      assert.equal(readCsv('\uFEFF').header, undefined);
    });

    it('reads a header-only file with or without a final line break', () => {
      for (const text of ['email,username', 'email,username\n']) {
        const doc = readCsv(text);
        assert.deepEqual(doc.header!.fields.map(f => f.value), ['email', 'username']);
        assert.deepEqual([doc.header!.start, doc.header!.end], [0, 14]);
        assert.deepEqual([doc.records, doc.problems], [[], []]);
      }
    });

    it('does not treat the final line break as a blank row', () => {
      const withBreak = readCsv('a\n1\n');
      const without = readCsv('a\n1');
      assert.deepEqual(rows(withBreak), rows(without));
      assert.deepEqual([withBreak.problems, without.problems], [[], []]);
      assert.equal(without.records[0].end, 3);
    });

    it('reports blank lines, including extra ones at the end, and does not count them as rows', () => {
      const text = 'a\n\n1\r\n\r\n\n';
      const doc = readCsv(text);
      assert.deepEqual(rows(doc), [['a'], ['1']]);
      assert.deepEqual(doc.records.map(r => [r.index, r.line]), [[1, 2]]);
      assert.deepEqual(codes(doc), ['blank-row', 'blank-row', 'blank-row']);
      assert.deepEqual(doc.problems.map(p => [p.start, p.end]), [[2, 3], [6, 8], [8, 9]]);
      assert.deepEqual(doc.problems.map(p => p.message.slice(0, 7)), ['Line 2 ', 'Line 4 ', 'Line 5 ']);
      assert.match(doc.problems[0].message, /^Line 2 is blank/);
    });

    it('reports blank lines before the header', () => {
      const doc = readCsv('\na,b\n');
      assert.deepEqual(codes(doc), ['blank-row']);
      assert.deepEqual([doc.header!.line, doc.header!.start], [1, 1]);
    });

    it('reads a line of delimiters as a record of empty fields', () => {
      const text = 'a,b,c,d\n,,,\n';
      const doc = readCsv(text);
      assert.deepEqual(doc.records.map(r => r.fields.map(f => [f.value, f.start, f.end])), [
        [['', 8, 8], ['', 9, 9], ['', 10, 10], ['', 11, 11]],
      ]);
      assert.deepEqual(doc.problems, []);
    });

    it('reads whitespace-only lines as records, not blank rows', () => {
      const doc = readCsv('a\n \n');
      assert.deepEqual(rows(doc), [['a'], [' ']]);
      assert.deepEqual(doc.problems, []);
    });
  });

  describe('malformed input', () => {
    it('reads an unclosed quote to the end of the file and reports it from the opening quote', () => {
      const text = 'a,b\n1,"abc\n2,3\n';
      const doc = readCsv(text);
      assert.deepEqual(rows(doc), [['a', 'b'], ['1', 'abc\n2,3\n']]);
      const field = doc.records[0].fields[1];
      assert.deepEqual([field.start, field.end, field.quoted], [6, text.length, true]);
      assert.equal(doc.records[0].end, text.length);
      assert.deepEqual(doc.problems.map(p => [p.code, p.start, p.end, p.record]), [['unclosed-quote', 6, text.length, 1]]);
      assert.match(doc.problems[0].message, /^Row 2, field 2: the quoted field .* never closed/);
    });

    it('reports a quote inside an unquoted field and keeps it in the value', () => {
      const text = 'a,b\n1,ab"c"d\n';
      const doc = readCsv(text);
      assert.deepEqual(rows(doc), [['a', 'b'], ['1', 'ab"c"d']]);
      assert.deepEqual(doc.problems.map(p => [p.code, p.start, p.end, p.record]), [['stray-quote', 8, 9, 1]]);
      assert.match(doc.problems[0].message, /^Row 2, field 2 has a quote/);
    });

    it('reports text after a closing quote and reads the field as csv-parse relax_quotes does', () => {
      const text = 'a,b\n"ab"c,d\n"x""y"z"w,v\n';
      const doc = readCsv(text);
      const expected = parse(text, { relax_quotes: true, relax_column_count: true }) as string[][];
      assert.deepEqual(rows(doc), expected);
      assert.deepEqual(rows(doc)[1], ['"ab"c', 'd']);
      assert.deepEqual(doc.problems.map(p => [p.code, p.start, p.record]), [['stray-quote', 7, 1], ['stray-quote', 17, 2]]);
      assert.match(doc.problems[0].message, /^Row 2, field 1 has text after its closing quote/);
      const field = doc.records[0].fields[0];
      assert.equal(text.slice(field.start, field.end), '"ab"c');
    });

    it('reports ragged rows with Excel-style row numbers', () => {
      const text = 'a,b,c,d\n1,2,3,4\n1,2,3,4,5\n\n1,2\n';
      const doc = readCsv(text);
      const counts = doc.problems.filter(p => p.code === 'field-count');
      assert.deepEqual(counts.map(p => p.message), ['Row 3 has 5 fields; the header has 4.', 'Row 4 has 2 fields; the header has 4.']);
      assert.deepEqual(counts.map(p => text.slice(p.start, p.end)), ['1,2,3,4,5', '1,2']);
      assert.deepEqual(counts.map(p => p.record), [2, 3]);
      assert.equal(readCsv('a,b\n1\n').problems[0].message, 'Row 2 has 1 field; the header has 2.');
    });
  });
});

describe('LineIndex', () => {
  const text = 'ab\r\ncd\ne\rf\n';
  const index = new LineIndex(text);

  it('counts lines ending in CRLF, LF and CR, plus the last line', () => {
    assert.equal(index.lineCount, 5);
    assert.equal(new LineIndex('').lineCount, 1);
    assert.equal(new LineIndex('a').lineCount, 1);
  });

  it('finds positions of offsets', () => {
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 2, character: 1 });
    assert.deepEqual(index.positionAt(9), { line: 3, character: 0 });
    assert.deepEqual(index.positionAt(11), { line: 4, character: 0 });
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 4, character: 0 });
  });

  it('finds offsets of positions, clamping to the line', () => {
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(index.offsetAt({ line: 0, character: 10 }), 2);
    assert.equal(index.offsetAt({ line: 2, character: 5 }), 8);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 11);
    assert.equal(index.offsetAt({ line: -1, character: -1 }), 0);
  });

  it('round-trips every offset that is not inside a CRLF', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      if (offset === 3) continue; // between \r and \n: maps to the end of line 0
      assert.equal(index.offsetAt(index.positionAt(offset)), offset);
    }
  });
});

describe('formatCsv', () => {
  it('quotes only fields that need it', () => {
    assert.equal(formatCsvRow(['a b', 'a,b', 'say "hi"', 'x\ny', ' lead', 'trail ', '', 'a;b']), 'a b,"a,b","say ""hi""","x\ny"," lead","trail ",,a;b');
    assert.equal(formatCsvRow(['a;b', 'a,b'], ';'), '"a;b";a,b');
    assert.equal(formatCsvRow(['a\tb'], '\t'), '"a\tb"');
  });

  it('writes a lone empty value as "" so the line is not blank', () => {
    assert.equal(formatCsvRow(['']), '""');
    assert.deepEqual(rows(readCsv(formatCsv([['a'], [''], ['b']]))), [['a'], [''], ['b']]);
  });

  it('ends every row with the newline', () => {
    assert.equal(formatCsv([['a', 'b'], ['1', '2']]), 'a,b\n1,2\n');
    assert.equal(formatCsv([['a', 'b'], ['1', '2']], '\r\n', ';'), 'a;b\r\n1;2\r\n');
    assert.equal(formatCsv([]), '');
  });

  it('quotes a first row that would read as a sep= line', () => {
    assert.equal(formatCsv([['sep=;'], ['x']]), '"sep=;"\nx\n');
    assert.deepEqual(rows(readCsv(formatCsv([['sep=', ''], ['x', 'y']], '\n', ';'), { delimiter: ';' })), [['sep=', ''], ['x', 'y']]);
  });

  it('round-trips tricky values through readCsv', () => {
    const table = [
      ['email', 'note', 'title'],
      ['a@x.io', 'two\r\nlines', 'Rear Admiral, Ret.'],
      ['', '"quoted"', ' padded '],
      ['\uFEFFbom', 'Zoë; Ünïcode 🎉', 'tab\there'],
    ];
    for (const delimiter of [',', ';', '\t'] as const) {
      for (const newline of ['\n', '\r\n'] as const) {
        const doc = readCsv(formatCsv(table, newline, delimiter), { delimiter });
        assert.deepEqual(rows(doc), table);
        assert.deepEqual(doc.problems, []);
        assert.equal(doc.dialect.newline, newline);
      }
    }
  });
});
