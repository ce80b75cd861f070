import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCsv, readCsv } from '../../../src/core/csv';
import { COLUMNS } from '../../../src/core/catalogue';
import { applyEdits, fixAll, fixEdits, lintText, textFixEdits, type LintOptions } from '../../../src/core/lint';
import { SAMPLES } from './helpers';

const values = (text: string) => {
  const doc = readCsv(text);
  return doc.header ? [doc.header, ...doc.records].map(r => r.fields.map(f => f.value)) : [];
};

describe('fixAll', () => {
  it('applies only the safe fixes of the typical-mistakes sample', () => {
    const { text, applied } = fixAll(SAMPLES.typicalMistakes);
    assert.equal(applied, 3); // UserName → Username, jobtitle → jobTitle, the missing Attribute1_value column
    assert.equal(
      text,
      'FirstName,LastName,Username,Email,Emial,jobTitle,Administrator,SystemID,enable_user_portal_multifactor,EnrollmentDays,Group1,Attribute1_name,Attribute1_value\n' +
        'Sam,Ng,sng,sam.ng@example,,Analyst,yes,abc123,,14,Finance,Cost Center,\n' +
        'Lee,Park,lpark,lee.park@example.com,,Analyst,,,true,400,,,\n' +
        'Sam,Ng,sng,sam.ng@example.com,,Analyst,,,,,,,\n',
    );
    // What needs a person's judgement is left: the guesses (Emial, yes → true, Cost Center) and the real errors.
    assert.deepEqual(lintText(text).problems.map(p => p.code), [
      'misspelled-header',
      'invalid-email',
      'invalid-boolean',
      'invalid-id',
      'attribute-name',
      'attribute-pair',
      'enrollment-without-mfa',
      'out-of-range',
      'duplicate-value',
    ]);
    assert.deepEqual(fixAll(text), { text, applied: 0 }, 'a second run changes nothing');
  });

  it('converts the semicolon + BOM sample to commas and keeps the BOM and CRLF', () => {
    const { text, applied } = fixAll(SAMPLES.semicolonBom);
    assert.equal(applied, 1);
    assert.equal(
      text,
      '\uFEFFFirstName,LastName,Username,Email,department\r\n' +
        'José,García,jgarcia,jose.garcia@example.com,Ventas\r\n' +
        'Marie,Dupont,mdupont,marie.dupont@example.com,R&D; Labs\r\n',
    );
    assert.deepEqual(values(text), values(SAMPLES.semicolonBom));
    assert.deepEqual(lintText(text, { type: 'import' }).problems, []);
  });

  it('drops the sep= line, quotes fields that contain commas, then applies the fixes of the comma file', () => {
    const source =
      '\uFEFFsep=;\r\n' +
      'username;description;Email\r\n' +
      'alice;"Smith, Jones; Partners";alice@example.com\r\n' +
      'bob;plain, with comma;BOB@example.com\r\n' +
      'carol;"say ""hi""\r\non two lines";carol@example.com';
    const { text, applied } = fixAll(source);
    assert.equal(applied, 2); // the conversion, then username → Username
    assert.equal(
      text,
      '\uFEFFUsername,description,Email\r\n' +
        'alice,"Smith, Jones; Partners",alice@example.com\r\n' +
        'bob,"plain, with comma",BOB@example.com\r\n' +
        'carol,"say ""hi""\r\non two lines",carol@example.com',
    );
    const before = values(source);
    before[0][0] = 'Username';
    assert.deepEqual(values(text), before, 'every value reads back unchanged');
    assert.deepEqual(lintText(text).problems, []);
  });

  it('converts a tab file without a BOM and leaves a clean comma file alone', () => {
    assert.deepEqual(fixAll('Username\tEmail\nalice\talice@example.com\n'), { text: 'Username,Email\nalice,alice@example.com\n', applied: 1 });
    assert.deepEqual(fixAll(SAMPLES.import, { type: 'import' }), { text: SAMPLES.import, applied: 0 });
  });

  it('trims identifiers and rewrites PowerShell booleans in one pass', () => {
    const { text, applied } = fixAll('Username,Email,sudo\n alice ,alice@example.com,$true\nbob, bob@example.com ,$False\n');
    assert.equal(applied, 4);
    assert.equal(text, 'Username,Email,sudo\nalice,alice@example.com,true\nbob,bob@example.com,false\n');
  });

  describe('converting the delimiter of a file whose structure is broken', () => {
    const refused = (text: string, reason: RegExp) => {
      const [problem] = lintText(text).problems.filter(p => p.code === 'wrong-delimiter');
      assert.ok(problem, 'wrong-delimiter is reported');
      assert.deepEqual(problem.fixes, [], 'no conversion is offered');
      assert.match(problem.message, reason);
      assert.equal(fixAll(text).text, text, 'fix-all leaves the file alone');
    };

    it('refuses when an unclosed quote would swallow the next rows into a cell', () => {
      refused('Username;description;Email\njdoe;"J;D;x;jdoe@example.com\nasmith;A;asmith@example.com\n', /cannot be converted to commas yet: a quoted field is never closed/);
    });

    it('refuses a semicolon header over comma rows, which it would wrap into one quoted cell each', () => {
      refused('Username;Email\njdoe,jdoe@example.com\nasmith,asmith@example.com\n', /different number of fields than the header/);
    });

    it('refuses when a quote in the middle of a field makes the fields uncertain', () => {
      refused('Username;description\njdoe;the "boss";\n', /quote in the middle|different number/);
    });
  });

  describe('converting the delimiter (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', ',', ';', '\t', '\n', '\r', '\uFEFF', 'é'), maxLength: 6 });
    const convertOffered = (text: string) => {
      const result = lintText(text, { maxProblems: Number.MAX_SAFE_INTEGER });
      const fix = result.problems.flatMap(p => p.fixes ?? []).find(f => f.kind === 'convert-delimiter');
      return fix && applyEdits(text, fixEdits(text, result.document, fix));
    };

    it('keeps every row and cell of a well-formed semicolon or tab file', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 5 }).chain(width => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 })),
          fc.constantFrom<';' | '\t'>(';', '\t'),
          fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
          fc.constantFrom('', '\uFEFF'),
          (rows, d, nl, bom) => {
            const text = bom + formatCsv(rows, nl, d);
            const converted = convertOffered(text);
            if (converted === undefined) return;
            assert.deepEqual(values(converted), values(text));
            assert.equal(readCsv(converted).dialect.delimiter, ',');
          },
        ),
        { numRuns: 500 },
      );
    });

    it('never changes the rows and cells of any text it offers to convert', () => {
      const noisy = fc.string({ unit: fc.constantFrom('a', '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', 'sep=;\n', '\uFEFF', ' '), maxLength: 40 });
      fc.assert(
        fc.property(noisy, text => {
          const converted = convertOffered(text);
          if (converted !== undefined) assert.deepEqual(values(converted), values(text));
        }),
        { numRuns: 2000 },
      );
    });
  });
  describe('from the streamed lint', () => {
    /** Fix all as it was computed from the lint of the document read whole: the oracle. */
    function fixAllWhole(text: string, options: LintOptions = {}): { text: string; applied: number } {
      let applied = 0;
      for (let pass = 0; pass < 5; pass++) {
        const { problems, document } = lintText(text, { ...options, maxProblems: Number.MAX_SAFE_INTEGER });
        const fixes = problems.flatMap(p => p.fixes ?? []).filter(f => f.safe);
        if (fixes.length === 0) break;
        const convert = fixes.find(f => f.kind === 'convert-delimiter');
        const chosen = convert ? [convert] : fixes;
        const next = applyEdits(text, chosen.flatMap(f => fixEdits(text, document, f)));
        if (next === text) break;
        applied += chosen.length;
        text = next;
      }
      return { text, applied };
    }

    const HEADERS = ['Username', 'username', 'UserName', 'Email', ' email', 'sudo', 'Attribute1_name', 'Attribute2_value', 'Emial', 'jobtitle', ...COLUMNS.slice(0, 12).map(c => c.header)];
    const CELLS = ['', ' alice ', 'bob', '$true', '$False', 'yes', 'a@b.co', ' a@b.co', '"q,uoted"', '"x ""y"""', '"multi\nline"', 'x"y'];
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HEADERS) },
      { weight: 3, arbitrary: fc.constantFrom(...CELLS) },
      { weight: 3, arbitrary: fc.constantFrom(',', ',', ';', '\t', '\n', '\r\n', '"') },
      { weight: 1, arbitrary: fc.constantFrom('sep=;\n', 'sep=,\r\n', 'sep=\t\n', '\uFEFF', ' ') },
    );
    const noise = fc.array(piece, { maxLength: 60 }).map(parts => parts.join(''));
    const table = fc
      .tuple(
        fc.constantFrom('', '\uFEFF', 'sep=;\n', 'sep=,\n'),
        fc.constantFrom(',', ',', ';', '\t'),
        fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.constantFrom(...CELLS), { maxLength: 6 }), { maxLength: 5 }),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([before, d, header, rows, nl]) => before + [header, ...rows].map(r => r.join(d)).join(nl) + nl);
    const file = fc.oneof(table, noise);
    const options: fc.Arbitrary<LintOptions> = fc.record(
      {
        type: fc.constantFrom<'import' | 'update' | undefined>('import', 'update', undefined),
        rules: fc.constantFrom({}, { whitespace: 'off' as const }, { 'header-case': 'off' as const, 'powershell-boolean': 'warning' as const }),
      },
      { requiredKeys: [] },
    );

    it('equals fix-all from the lint of the document read whole, on the samples and generated files', () => {
      for (const text of Object.values(SAMPLES)) {
        for (const type of ['import', 'update', undefined] as const) assert.deepEqual(fixAll(text, { type }), fixAllWhole(text, { type }));
      }
      let changed = 0;
      fc.assert(
        fc.property(file, options, (text, opts) => {
          const fixed = fixAll(text, opts);
          assert.deepEqual(fixed, fixAllWhole(text, opts));
          if (fixed.applied) changed++;
        }),
        { numRuns: 1500 },
      );
      assert.ok(changed > 500, `only ${changed} generated files had a safe fix`);
    });

    it('edits a text as the fix edits of its document read whole do (textFixEdits)', () => {
      fc.assert(
        fc.property(file, text => {
          const { problems, document } = lintText(text, { maxProblems: Number.MAX_SAFE_INTEGER });
          const edits = textFixEdits(text);
          for (const fix of problems.flatMap(p => p.fixes ?? [])) assert.deepEqual(edits(fix), fixEdits(text, document, fix));
        }),
        { numRuns: 500 },
      );
    });
  });
});
