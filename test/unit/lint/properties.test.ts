import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { COLUMNS, NUMBERED_COLUMNS, columnsFor, matchHeader, readValue, type ColumnSpec, type UserCsvKind, type ValueRule } from '../../../src/core/catalogue';
import { ALWAYS_ERRORS, LINT_CODES, applyEdits, fixEdits, lintSummary, lintText, type LintCode, type LintOptions, type RuleSettings, type Span } from '../../../src/core/lint';
import type { OrgSnapshot } from '../../../src/core/org';

// ---------------------------------------------------------------------------------------------------------------------
// Arbitrary text: CSV-ish noise dense in quotes, delimiters, line breaks, BOMs, sep= lines and catalogue headers.

const HEADERS = [...COLUMNS.flatMap(c => [c.header, ...c.aliases, ...c.misspellings]), 'Group1', 'group01', 'Attribute1_name', 'Attribute1_value', 'ATTRIBUTE2_VALUE', 'Emial'];
const VALUES = ['true', '$False', 'yes', 'maybe', '0', '366', '2147483648', '5f1a2b3c4d5e6f7a8b9c0d1e', 'a@b.co', 'a@b', ' x ', 'Cost Center', 'x'.repeat(1030)];
const noise = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('"', '""', ',', ';', '\t', '\n', '\r', '\r\n', '\uFEFF', 'sep=;', 'sep=,\n', ' ') },
      { weight: 3, arbitrary: fc.constantFrom(...HEADERS) },
      { weight: 2, arbitrary: fc.constantFrom(...VALUES) },
      { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
    ),
    { maxLength: 80 },
  )
  .map(parts => parts.join(''));

const CODES = Object.keys(LINT_CODES) as LintCode[];
/** The codes a cell's own value can have (catalogue ValueCode). */
const VALUE_CODES = new Set<LintCode>(['invalid-email', 'invalid-boolean', 'powershell-boolean', 'invalid-integer', 'out-of-range', 'invalid-id', 'attribute-name', 'too-long', 'whitespace']);
const options: fc.Arbitrary<LintOptions> = fc.record(
  {
    type: fc.constantFrom<UserCsvKind | undefined>('import', 'update', undefined),
    maxProblems: fc.integer({ min: 0, max: 30 }),
    rules: fc.dictionary(fc.constantFrom(...CODES), fc.constantFrom('error', 'warning', 'info', 'off')) as fc.Arbitrary<RuleSettings>,
  },
  { requiredKeys: [] },
);

function assertSpan(text: string, span: Span, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets ${JSON.stringify(span)}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: ${JSON.stringify(span)} outside [0, ${text.length}]`);
}

describe('lint properties', () => {
  it('never throws, and every span and related span lies within the text', () => {
    fc.assert(
      fc.property(noise, options, (text, opts) => {
        const result = lintText(text, opts);
        for (const p of result.problems) {
          assertSpan(text, p.span, p.code);
          for (const r of p.related ?? []) assertSpan(text, r.span, `${p.code} related`);
          if (p.code !== 'too-many-problems') {
            // The codes without which there is no user to send keep their severity whatever the settings say.
            const setting = ALWAYS_ERRORS.has(p.code) ? undefined : opts.rules?.[p.code];
            assert.notEqual(setting, 'off');
            assert.equal(p.severity, setting ?? LINT_CODES[p.code].severity);
          }
        }
        const max = opts.maxProblems ?? 1000;
        const shown = result.problems.filter(p => p.code !== 'too-many-problems').length;
        assert.equal(shown, Math.min(max, result.total));
        assert.equal(result.problems.length, result.total > max ? max + 1 : result.total);
        assert.equal(result.counts.error + result.counts.warning + result.counts.info, result.total);
      }),
      { numRuns: 400 },
    );
  });

  it('offers fixes whose edits apply within the text, and renames only to known headers', () => {
    fc.assert(
      fc.property(noise, (text) => {
        const { problems, document } = lintText(text, { maxProblems: Number.MAX_SAFE_INTEGER });
        for (const p of problems) {
          for (const fix of p.fixes ?? []) {
            const edits = fixEdits(text, document, fix);
            for (const e of edits) assertSpan(text, e, `${p.code} fix edit`);
            applyEdits(text, edits);
            if (fix.kind === 'replace' && (p.code === 'unknown-header' || p.code === 'header-case')) {
              assert.notEqual(matchHeader(fix.text).kind, 'unknown', `${p.code} suggests ${JSON.stringify(fix.text)}`);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('streams any text to the same result as the lint of the document read whole, with or without the organization', () => {
    const org: OrgSnapshot = { name: 'Acme', users: [{ id: 'u1', username: 'alice', email: 'a@b.co' }], groups: [], systems: [], ldapServers: [] };
    const { document: none, ...empty } = lintText('sep=,');
    assert.deepEqual(lintSummary('sep=,'), { ...empty, rows: none.records.length }, 'a sep= line alone is an empty file');
    fc.assert(
      fc.property(noise, options, fc.boolean(), (text, opts, withOrg) => {
        const all = withOrg ? { ...opts, org } : opts;
        const { document, ...whole } = lintText(text, all);
        assert.deepEqual(lintSummary(text, all), { ...whole, rows: document.records.length });
      }),
      { numRuns: 600 },
    );
  });

  it('reports a cell exactly as its column schema judges it (the fast path agrees with the full parse)', () => {
    const schemas = new Map([...COLUMNS.filter(c => c.header !== 'Username'), ...NUMBERED_COLUMNS.map(c => ({ header: c.header(1), value: c.value }))].map(c => [c.header, c.value]));
    const edge = fc.constantFrom('', ' ', '\t', '\u00A0', '\u3000', '\u2028', '\uFEFF', '\x01', '\x85', '"');
    const core = fc.oneof(fc.constantFrom(...VALUES, 'alice', 'a@b.co', '42', '5f1a2b3c4d5e6f7a8b9c0d1e', 'TRUE', 'Abc1'), fc.string({ maxLength: 8 }));
    const cell = fc.tuple(edge, core, edge).map(([a, b, c]) => a + b + c).filter(v => v !== '');
    fc.assert(
      fc.property(fc.constantFrom(...schemas.keys()), cell, (header, value) => {
        const text = `Username,${header}\nalice,"${value.replace(/"/g, '""')}"\n`;
        const { issue } = readValue(schemas.get(header)!, value);
        const reported = lintText(text).problems.filter(p => p.span.start > text.indexOf('\n') + 6 && VALUE_CODES.has(p.code)).map(p => p.code);
        assert.deepEqual(reported, issue ? [issue.code] : [], `${header} ${JSON.stringify(value)}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('reports nothing on generated valid files', () => {
    fc.assert(
      fc.property(validFile, ({ text, type }) => {
        const typed = lintText(text, { type });
        assert.deepEqual(typed.problems.map(p => `${p.code}: ${p.message}`), [], `as ${type}`);
        assert.deepEqual(lintText(text).problems.map(p => `${p.code}: ${p.message}`), [], 'untyped');
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Valid files: a random header the type accepts (aliases, numbered columns, any order), and rows of valid values that
// respect the cross-column rules (required cells, unique identifiers, MFA before EnrollmentDays, SystemID before
// Administrator, attribute names with their values).

const SPECIAL = [',', '"', '\n', '\r\n', ';', '\t', ' ', 'é', '€', '😀'];
const freeText = fc.string({ maxLength: 30, unit: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ minLength: 1, maxLength: 1 })) });
/** No spaces at either end; may hold commas and quotes inside. */
const identifier = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9 ,"'._-]{0,10}[A-Za-z0-9])?$/);

function valueOf(rule: ValueRule): fc.Arbitrary<string> {
  switch (rule.kind) {
    case 'text':
      return rule.identifier ? identifier : freeText;
    case 'email':
      return fc.emailAddress();
    case 'boolean':
      return fc.constantFrom('true', 'false', 'TRUE', 'False');
    case 'integer':
      return fc.integer({ min: rule.min, max: rule.max }).map(String);
    case 'objectId':
      return fc.stringMatching(/^[0-9a-fA-F]{24}$/);
    case 'attributeName':
      return fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
  }
}

const TYPES: readonly (UserCsvKind | undefined)[] = ['import', 'update', undefined];
const UNIQUE = new Set(['Username', 'Email', 'employeeIdentifier']);

interface Column {
  readonly header: string;
  readonly canonical: string;
  readonly value: ValueRule;
}

/**
 * Note on `g(builder, ...args)`: fast-check caches one arbitrary per distinct argument list and compares new calls
 * with every cached one, so arguments must come from a small set (primitives, the three per-type header lists);
 * passing each run's own column list made every run slower than the one before.
 */
const validFile = fc.gen().map(g => {
  const type: UserCsvKind | undefined = g(fc.constantFrom, ...TYPES);
  const fixed: readonly ColumnSpec[] = type ? columnsFor(type) : COLUMNS;
  const required = fixed.filter(c => (type ? c.requiredFor.includes(type) : c.requiredFor.length === 2));
  const chosen = new Set(g(fc.subarray, fixed.filter(c => !required.includes(c)).map(c => c.header), { maxLength: 12 }));
  const optional = fixed.filter(c => chosen.has(c.header));
  const columns: Column[] = [...required, ...optional].map(c => ({
    header: c.aliases.length ? g(fc.constantFrom, c.header, ...c.aliases) : c.header,
    canonical: c.header,
    value: c.value,
  }));
  const groups = g(fc.integer, { min: 0, max: 3 });
  for (let n = 1; n <= groups; n++) columns.push({ header: `Group${n}`, canonical: `Group${n}`, value: { kind: 'text', identifier: true } });
  const attributes = g(fc.integer, { min: 0, max: 2 });
  for (let n = 1; n <= attributes; n++) {
    columns.push({ header: `Attribute${n}_name`, canonical: `Attribute${n}_name`, value: { kind: 'attributeName' } });
    columns.push({ header: `Attribute${n}_value`, canonical: `Attribute${n}_value`, value: { kind: 'text', maxLength: 1024 } });
  }
  const order = [...columns];
  for (let i = order.length - 1; i > 0; i--) {
    const j = g(fc.integer, { min: 0, max: i });
    [order[i], order[j]] = [order[j], order[i]];
  }
  const index = new Map(order.map((c, i) => [c.canonical, i]));

  const rowCount = g(fc.integer, { min: 0, max: 6 });
  const rows: string[][] = [];
  const used = new Map<string, Set<string>>([...UNIQUE].map(h => [h, new Set<string>()]));
  for (let r = 0; r < rowCount; r++) {
    const row = order.map(c => {
      const must = required.some(q => q.header === c.canonical);
      const value = g(valueOf, c.value);
      if (must && value.trim() === '') return `${c.canonical}${r}`;
      return must || g(fc.boolean) ? value : '';
    });
    // Unique identifiers: a value already used in the file (case-insensitively) gets the row number appended.
    for (const h of UNIQUE) {
      const i = index.get(h);
      if (i === undefined || row[i] === '') continue;
      const seen = used.get(h)!;
      let v = row[i];
      while (seen.has(v.toLowerCase())) v = h === 'Email' ? `r${r}.${v}` : `${v}-${r}`;
      seen.add(v.toLowerCase());
      row[i] = v;
    }
    const cell = (h: string) => (index.has(h) ? row[index.get(h)!] : '');
    const clear = (h: string) => {
      if (index.has(h)) row[index.get(h)!] = '';
    };
    if (cell('enable_user_portal_multifactor').toLowerCase() !== 'true') clear('EnrollmentDays');
    if (cell('SystemID') === '') clear('Administrator');
    for (let n = 1; n <= attributes; n++) {
      // A cell of only spaces or line breaks counts as empty here, as it does for the linter.
      if ((cell(`Attribute${n}_name`).trim() === '') !== (cell(`Attribute${n}_value`).trim() === '')) {
        clear(`Attribute${n}_name`);
        clear(`Attribute${n}_value`);
      }
    }
    rows.push(row);
  }

  const newline = g(fc.boolean) ? '\r\n' : '\n';
  const quoteAll = g(fc.boolean);
  const line = (values: readonly string[]) =>
    values.map(v => (quoteAll || /[",\r\n]|^[\s\uFEFF]|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
  let text = [order.map(c => c.header), ...rows].map(line).join(newline);
  if (g(fc.boolean)) text += newline;
  if (g(fc.boolean)) text = '\uFEFF' + text;
  return { text, type };
});
