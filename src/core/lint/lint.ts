import { COLUMNS, columnsFor, BLOCK_IDS, ROLES, type UserCsvKind } from '../catalogue';
import {
  bodyState, decodeBytes, delimiterOf, ENCODING_NAMES, ProblemList, readCsv, scanRecords,
  type CsvDocument, type CsvProblem, type CsvProblemCode, type CsvRecord, type DecodedText, type Dialect, type Encoding, type ScanState,
} from '../csv';
import { OrgIndex } from '../org';
import { columnOf, type HeaderInfo } from '../rows';
import { mergeByRecord, reportManagerSkipped, skippedDependents } from './dependencies';
import { convertDelimiterRefusal } from './delimiter-refusal';
import { checkHeader } from './header-rules';
import { OrgChecker, orgCellKey } from './org-rules';
import { DEFAULT_MAX_PROBLEMS, finish, Reporter, type Findings } from './reporter';
import { RowChecker, SeenValues } from './row-rules';
import type { LintOptions, LintResult, LintSummary } from './types';

const DELIMITER_NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;
/** Anything but spaces, tabs, line breaks and a BOM: a file without any is empty to the importer. */
export const CONTENT = /[^\s\uFEFF]/;

/** Lints CSV text: structure, header and every row, against the column catalogue. Never throws on any input. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return lint(readForLint(text, options.maxProblems ?? DEFAULT_MAX_PROBLEMS), text, options);
}

/**
 * Reads a whole text for the lint. The reader keeps as many problems of each code as the lint can show and only
 * counts the rest; short rows are fine (Import-Csv reads their missing cells as empty), except in a file that is not
 * separated by commas, whose conversion must know of them.
 */
function readForLint(text: string, max: number): CsvDocument {
  return readCsv(text, { maxProblems: max, shortRecords: delimiterOf(text) === ',' });
}

/**
 * Lints CSV text as `lintText` does, reading each record and checking it at once rather than keeping them all: the
 * same problems, at a fraction of the memory (and of the time, which keeping 100k records spent collecting garbage).
 */
export function lintSummary(text: string, options: LintOptions = {}): LintSummary {
  return lintStream(text, options);
}

/** Lints a file's bytes as the CLI reads them: decoded as an editor would (see decodeBytes), encoding errors reported. */
export function lintBytes(bytes: Uint8Array, options: LintOptions = {}): LintSummary & { readonly text: string; readonly encoding: Encoding } {
  const decoded = decodeBytes(bytes);
  const { text, encoding } = decoded;
  const result = lintStream(text, options, reporter => reportEncoding(reporter, decoded, text.length));
  return { ...result, text, encoding };
}

/** The `encoding` error of bytes that are not valid in their encoding: one, at the first bad byte. */
function reportEncoding(reporter: Reporter, { encoding, invalid }: Pick<DecodedText, 'encoding' | 'invalid'>, length: number): void {
  if (!invalid) return;
  const hex = invalid.value.toString(16).toUpperCase().padStart(2, '0');
  reporter.report(
    'encoding',
    () => `The file is not valid ${ENCODING_NAMES[encoding]}: byte ${invalid.byte} (0x${hex}, counting from 0) and any other bad bytes show as "\uFFFD". Save it as UTF-8 ("CSV UTF-8" in Excel).`,
    { start: invalid.offset, end: Math.min(length, invalid.offset + 1) },
  );
}

/**
 * Lints a document already read (the import planner reads the file once for the lint and the plan); `decoded` says
 * how its bytes were decoded, so bad bytes are the same `encoding` error here as in `lintBytes`.
 */
export function lintDocument(document: CsvDocument, options: LintOptions = {}, decoded?: Pick<DecodedText, 'encoding' | 'invalid'>): LintResult {
  return lint(document, undefined, options, decoded ? reporter => reportEncoding(reporter, decoded, Number.POSITIVE_INFINITY) : undefined);
}

/** The header a file without one needs: the type's core template columns, or what every new user needs. */
function templateHeader(type: UserCsvKind | undefined): string[] {
  if (type) return columnsFor(type, new Set([BLOCK_IDS[0]])).map(c => c.header);
  return COLUMNS.filter(c => c.requiredFor.includes('import')).map(c => c.header);
}

/** Whether the document has nothing but blank space: no header at all, or one made of spaces. */
function isBlank(document: CsvDocument, text: string | undefined): boolean {
  const { header, records } = document;
  if (!header) return true;
  if (text !== undefined) return !CONTENT.test(text);
  return records.length === 0 && header.fields.every(f => !f.quoted && !CONTENT.test(f.value));
}

function summaryOf({ document, ...rest }: LintResult): LintSummary {
  return { ...rest, rows: document.records.length };
}

/** Streams the records when nothing needs them all at once: the organization's checks and other delimiters do. */
function lintStream(text: string, options: LintOptions, before?: (reporter: Reporter) => void): LintSummary {
  const max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  if (options.org || delimiterOf(text) !== ',' || !CONTENT.test(text)) return summaryOf(lint(readForLint(text, max), text, options, before));
  const structure = new Reporter(options.rules, max);
  before?.(structure);
  const rows = new Reporter(options.rules, max);
  const list = new ProblemList(max);
  // A file with content has a header: its first record.
  const { header, info, head, after } = readHead(text, options, list)!;
  const checker = new RowChecker(info, options.type, rows, new SeenValues());
  let count = 0;
  scanRecords(text, COMMAS, after, list, record => {
    count++;
    checker.check(record);
    return true;
  });
  reportStructure(structure, list.kept, list.omitted, header);
  return { ...finish([structure, head, rows], max), columns: info, rows: count };
}

/** How the records of a comma-separated file are read for the lint: short rows are fine (see readForLint). */
export const COMMAS = { delimiter: ',', shortRecords: true } as const;

/**
 * Reads and checks what comes before the rows of a comma-separated text (the `sep=` hint and the header), the reader's
 * problems into `list`; returns where the rows start, or undefined when the text has no record.
 */
export function readHead(text: string, options: LintOptions, list: ProblemList): { header: CsvRecord; info: HeaderInfo; head: Reporter; after: ScanState } | undefined {
  let header: CsvRecord | undefined;
  const body = bodyState(text);
  const after = scanRecords(text, COMMAS, body, list, record => ((header = record), false));
  if (!header) return undefined;
  const head = new Reporter(options.rules, options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const info = checkHead(header, { bom: text.charCodeAt(0) === 0xfeff, sepLine: body.line > 0 }, options.type, head);
  return { header, info, head, after };
}

/** The reader's problems, named by column, with those past its cap counted. */
export function reportStructure(reporter: Reporter, problems: readonly CsvProblem[], omitted: CsvDocument['omitted'], header: CsvRecord | undefined, isShort?: (record: number) => boolean): void {
  for (const p of problems) {
    // Import-Csv reads the missing trailing cells of a short row as empty, and so does the import: only rows with
    // extra fields (an unquoted comma shifted them) are a problem. Cells that shifted get their own value problems.
    if (p.code === 'field-count' && p.record !== undefined && isShort?.(p.record)) continue;
    reporter.report(
      p.code,
      () => {
        // The reader counts fields; people know columns by their header.
        const name = p.field === undefined ? undefined : header?.fields[p.field]?.value;
        return name && p.record !== 0 ? p.message.replace(`field ${p.field! + 1}`, `field ${p.field! + 1} (${name})`) : p.message;
      },
      { start: p.start, end: p.end },
      p.record === undefined ? {} : { record: p.record },
    );
  }
  if (omitted) for (const [code, n] of Object.entries(omitted)) reporter.count(code as CsvProblemCode, n);
}

/**
 * What comes before the rows: the `sep=` hint, a delimiter other than commas (only a document read whole has one:
 * whether it can be converted depends on every record), and the header.
 */
export function checkHead(header: CsvRecord, dialect: Pick<Dialect, 'bom' | 'sepLine'>, type: UserCsvKind | undefined, reporter: Reporter, document?: CsvDocument): HeaderInfo {
  if (dialect.sepLine) {
    // The hint line runs from the start of the text (after a BOM) to the header's line.
    const span = { start: dialect.bom ? 1 : 0, end: header.start };
    reporter.report('sep-line', `Line 1 is Excel's "sep=" hint; PowerShell's Import-Csv would read it as the header.`, span, {
      fixes: [{ kind: 'delete', title: 'Remove the sep= line', span, safe: true }],
    });
  }
  if (document && document.dialect.delimiter !== ',') {
    const refusal = convertDelimiterRefusal(document);
    const said = `The file is separated by ${DELIMITER_NAMES[document.dialect.delimiter]}; the PowerShell importer expects commas and would read each line as one column.`;
    reporter.report(
      'wrong-delimiter',
      // A conversion of a broken file would change its data, so none is offered until the structure is fixed.
      refusal ? `${said} It cannot be converted to commas yet: ${refusal}; fix that first.` : said,
      { start: header.start, end: header.end },
      { record: 0, fixes: refusal ? [] : [{ kind: 'convert-delimiter', title: 'Convert the file to commas', safe: true }] },
    );
  }
  return checkHeader(header, type, reporter);
}

function lint(document: CsvDocument, text: string | undefined, options: LintOptions, before?: (reporter: Reporter) => void): LintResult {
  const max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  const reporter = new Reporter(options.rules, max);
  before?.(reporter);
  const { header, records, dialect } = document;
  if (isBlank(document, text)) {
    // One clear problem, not a missing-header error per required column and a blank-row note per line.
    const columns = templateHeader(options.type);
    const start = dialect.bom ? 1 : 0;
    const end = Math.max(start, header ? header.end : start, ...(text === undefined ? [] : [text.length]));
    reporter.report(
      'empty-file',
      `The file has no header line, so the importer would find no users in it. Start with one: the ${options.type ?? 'new-user'} template's is ${columns.join(', ')}.`,
      { start, end },
      { fixes: [{ kind: 'insert-header', title: `Insert the header: ${columns.join(',')}`, columns, safe: false }] },
    );
    return { ...finish([reporter], max), document };
  }
  const shortRecord = (record: number) => header !== undefined && records[record - 1]?.fields.length < header.fields.length;
  reportStructure(reporter, document.problems, document.omitted, header, shortRecord);
  const head = new Reporter(options.rules, max);
  const rows = new Reporter(options.rules, max);
  let columns: HeaderInfo | undefined;
  if (header) {
    columns = checkHead(header, dialect, options.type, head, document);
    const org = options.org
      ? new OrgChecker(columns, options.type, new OrgIndex(options.org), rows, OrgChecker.fileUsers(columns, records), options.createdByRun)
      : undefined;
    const checker = new RowChecker(columns, options.type, rows, new SeenValues(), org);
    const erred = org ? structureErrors(reporter, document.problems, shortRecord) : undefined;
    for (const record of records) {
      const before = rows.counts.error;
      if (checker.check(record)) org?.check(record);
      if (erred && rows.counts.error > before) erred.add(record.index);
    }
    if (org && erred) return { ...finish([reporter, head, withDependents(rows, org, columns, records, erred, options, max)], max), document, columns };
  }
  return { ...finish([reporter, head, rows], max), document, ...(columns ? { columns } : {}) };
}

/** The records the reader found errors in (a row of the wrong length reads its cells into the wrong columns). */
function structureErrors(reporter: Reporter, problems: readonly CsvProblem[], isShort: (record: number) => boolean): Set<number> {
  const erred = new Set<number>();
  for (const p of problems) {
    if (p.record === undefined || p.record === 0 || reporter.severityOf(p.code) !== 'error') continue;
    if (p.code !== 'field-count' || !isShort(p.record)) erred.add(p.record);
  }
  return erred;
}

/** The rows' findings with `manager-skipped` for the rows whose manager's row is skipped (see skippedDependents). */
function withDependents(rows: Reporter, org: OrgChecker, columns: HeaderInfo, records: readonly CsvRecord[], erred: ReadonlySet<number>, options: LintOptions, max: number): Findings {
  const deps = new Reporter(options.rules, max);
  const severity = deps.severityOf('manager-skipped');
  if (severity === 'off') return rows;
  const username = columnOf(columns, ROLES.username);
  const manager = columnOf(columns, ROLES.manager);
  const creators = new Map<string, CsvRecord[]>();
  const dependents = new Map<string, CsvRecord[]>();
  for (const record of records) {
    const user = orgCellKey(record, username);
    if (user !== undefined) push(creators, user, record);
    const named = org.managerInFile(record);
    if (named !== undefined) push(dependents, named, record);
  }
  if (dependents.size === 0) return rows;
  const skipped = skippedDependents(dependents, key => creators.get(key), r => erred.has(r.index), severity === 'error');
  for (const [record, creator] of [...skipped].sort(([a], [b]) => a.index - b.index)) {
    reportManagerSkipped(deps, record.index, record.fields[manager!.index], () => ({ record: creator.index, username: creator.fields[username!.index] }));
  }
  return {
    problems: mergeByRecord(rows.problems, deps.problems, max),
    total: rows.total + deps.total,
    counts: { error: rows.counts.error + deps.counts.error, warning: rows.counts.warning + deps.counts.warning, info: rows.counts.info + deps.counts.info },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
