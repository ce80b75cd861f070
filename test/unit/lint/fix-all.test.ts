import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCsv, readCsv } from '../../../src/core/csv';
import { applyEdits, fixAll, fixEdits, lintText } from '../../../src/core/lint';
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
});
