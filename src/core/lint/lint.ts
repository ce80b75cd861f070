import { COLUMNS, columnsFor, BLOCK_IDS, ROLES, type UserCsvKind } from '../catalogue';
import {
  bodyState, decodeBytes, delimiterOf, ENCODING_NAMES, ProblemList, readCsv, scanRecords,
  type CsvDocument, type CsvProblem, type CsvProblemCode, type CsvRecord, type DecodedText, type Dialect, type Encoding, type Field, type ScanState,
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
export function lintSummary(text: string, options: LintOptions = {}, decoded?: Pick<DecodedText, 'encoding' | 'invalid'>): LintSummary {
  // `decoded`: how the text's bytes were decoded (the import planner's case), so bad bytes are the `encoding` error.
  return lintStream(text, options, decoded ? reporter => reportEncoding(reporter, decoded, text.length) : undefined);
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

/** Streams the records of a comma-separated text with content; any other is read whole (see Records). */
function lintStream(text: string, options: LintOptions, before?: (reporter: Reporter) => void): LintSummary {
  const records = delimiterOf(text) === ',' && CONTENT.test(text) ? textRecords(text, options) : undefined;
  if (records) return lintRecords(records, options, before);
  return summaryOf(lint(readForLint(text, options.maxProblems ?? DEFAULT_MAX_PROBLEMS), text, options, before));
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

/**
 * The records of a file as the one whole-file lint reads them, after its header. A comma-separated text is read as
 * its records are checked, keeping none; any other file is a document read whole (whether it converts to commas
 * depends on every record), and so is one the caller has read already.
 */
interface Records {
  readonly header: CsvRecord;
  /** The header's mapping, and the problems of the `sep=` hint, the delimiter and the header (see checkHead). */
  readonly columns: HeaderInfo;
  readonly head: Reporter;
  /** Visits every data record in order; called again when the organization's checks first list the usernames. */
  each(visit: (record: CsvRecord) => void): void;
  /** The reader's problems, complete once `each` has run. */
  readonly read: { readonly kept: readonly CsvProblem[]; readonly omitted?: CsvDocument['omitted'] };
  /** Whether a record has fewer fields than the header (see reportStructure). */
  readonly isShort?: (record: number) => boolean;
}

/** Undefined when the text has no record (a `sep=` line alone). */
function textRecords(text: string, options: LintOptions): Records | undefined {
  const list = new ProblemList(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const found = readHead(text, options, list);
  if (!found) return undefined;
  const { header, info, head, after } = found;
  let read = false;
  return {
    header,
    columns: info,
    head,
    each: visit => {
      // The reader's problems are kept from the first reading.
      scanRecords(text, COMMAS, after, read ? new ProblemList(0) : list, record => (visit(record), true));
      read = true;
    },
    read: list,
  };
}

function documentRecords(document: CsvDocument, header: CsvRecord, options: LintOptions): Records {
  const { records } = document;
  const head = new Reporter(options.rules, options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  return {
    header,
    columns: checkHead(header, document.dialect, options.type, head, document),
    head,
    each: visit => records.forEach(record => visit(record)),
    read: { kept: document.problems, omitted: document.omitted },
    isShort: record => records[record - 1]?.fields.length < header.fields.length,
  };
}

function lint(document: CsvDocument, text: string | undefined, options: LintOptions, before?: (reporter: Reporter) => void): LintResult {
  const { header, dialect } = document;
  if (header && !isBlank(document, text)) {
    const { problems, total, counts, columns } = lintRecords(documentRecords(document, header, options), options, before);
    return { problems, total, counts, columns, document };
  }
  // One clear problem, not a missing-header error per required column and a blank-row note per line.
  const max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  const reporter = new Reporter(options.rules, max);
  before?.(reporter);
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

/** The whole-file lint: the reader's problems, then the header's, then every row's (with the organization's). */
function lintRecords(source: Records, options: LintOptions, before?: (reporter: Reporter) => void): LintSummary & { columns: HeaderInfo } {
  const max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  const { header, columns, read } = source;
  const rows = new Reporter(options.rules, max);
  const username = columnOf(columns, ROLES.username);
  let org: OrgChecker | undefined;
  if (options.org) {
    // A manager may be a user the same file creates: the usernames are listed first.
    const users = new Set<string>();
    source.each(record => {
      const key = orgCellKey(record, username);
      if (key !== undefined) users.add(key);
    });
    org = new OrgChecker(columns, options.type, new OrgIndex(options.org), rows, users, options.createdByRun);
  }
  const checker = new RowChecker(columns, options.type, rows, new SeenValues(), org);
  // For manager-skipped: the rows with errors, and those naming a user (or a manager of this file).
  const manager = org && username && rows.enabled('manager-skipped') ? columnOf(columns, ROLES.manager) : undefined;
  const erred = new Set<number>();
  const named: NamedRow[] = [];
  let count = 0;
  source.each(record => {
    count++;
    const errors = rows.counts.error;
    if (checker.check(record)) org?.check(record);
    if (!manager) return;
    if (rows.counts.error > errors) erred.add(record.index);
    const user = orgCellKey(record, username);
    const boss = org!.managerInFile(record);
    if (user !== undefined || boss !== undefined) {
      named.push({ index: record.index, user, manager: boss, cells: [record.fields[username!.index], record.fields[manager.index]] });
    }
  });
  const structure = new Reporter(options.rules, max);
  before?.(structure);
  reportStructure(structure, read.kept, read.omitted, header, source.isShort);
  let found: Findings = rows;
  if (manager) {
    // A row the reader found an error in is skipped too (a row of the wrong length reads its cells into the wrong columns).
    for (const p of read.kept) {
      if (p.record === undefined || p.record === 0 || structure.severityOf(p.code) !== 'error') continue;
      if (p.code !== 'field-count' || !source.isShort?.(p.record)) erred.add(p.record);
    }
    found = withDependents(rows, named, erred, options, max);
  }
  return { ...finish([structure, source.head, found], max), columns, rows: count };
}

/**
 * A row naming a user (orgKey), or a manager the file creates and the organization does not know, with its username
 * and manager cells (only those: a streamed lint keeps no record).
 */
interface NamedRow {
  readonly index: number;
  readonly user: string | undefined;
  readonly manager: string | undefined;
  readonly cells: readonly [username: Field | undefined, manager: Field | undefined];
}

/** The rows' findings with `manager-skipped` for the rows whose manager's row is skipped (see skippedDependents). */
function withDependents(rows: Reporter, named: readonly NamedRow[], erred: ReadonlySet<number>, options: LintOptions, max: number): Findings {
  const deps = new Reporter(options.rules, max);
  const creators = new Map<string, NamedRow[]>();
  const dependents = new Map<string, NamedRow[]>();
  for (const row of named) {
    if (row.user !== undefined) push(creators, row.user, row);
    if (row.manager !== undefined) push(dependents, row.manager, row);
  }
  if (dependents.size === 0) return rows;
  const skipped = skippedDependents(dependents, key => creators.get(key), r => erred.has(r.index), deps.severityOf('manager-skipped') === 'error');
  for (const [row, creator] of [...skipped].sort(([a], [b]) => a.index - b.index)) {
    reportManagerSkipped(deps, row.index, row.cells[1]!, () => ({ record: creator.index, username: creator.cells[0]! }));
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
