/**
 * The CSV reader. It is a hand-written scanner rather than a wrapper around csv-parse because the linter needs the
 * exact offsets of every record and field (for diagnostics and quick fixes), which csv-parse does not report; a single
 * pass over the string that jumps with `indexOf` and slices values also takes about half csv-parse's time (most of
 * what is left is garbage collection of the Field objects the interface asks for).
 */
import type { CsvDocument, CsvProblem, CsvRecord, Delimiter, Dialect, Field, ReadOptions } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const BOM = 0xfeff;

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
/** Delimiter detection looks at the header and this many following lines… */
const SAMPLE_LINES = 20;
/** …within this many characters, so a huge single-line file is not scanned twice. */
const SAMPLE_CHARS = 64 * 1024;
const DOUBLED_QUOTES = /""/g;
/**
 * Fields kept per record: Excel's column limit, so no file a spreadsheet wrote is cut, while a line of ten million
 * commas does not become ten million objects. The rest of such a record is still scanned (its quotes and line breaks
 * count) and reported as `too-many-fields`.
 */
export const MAX_FIELDS = 16_384;

/** What precedes the records: an optional BOM and an optional `sep=X` line. */
interface Prelude {
  readonly bom: boolean;
  readonly sepDelimiter: Delimiter | undefined;
  /** Offset just past the `sep=X` text (before its line break); equals `bodyStart` when there is no sep line. */
  readonly sepEnd: number;
  /** Offset of the first record's line. */
  readonly bodyStart: number;
}

function readPrelude(text: string): Prelude {
  const bom = text.charCodeAt(0) === BOM;
  const start = bom ? 1 : 0;
  const sepEnd = start + 5;
  if (text.length >= sepEnd && text.slice(start, start + 4).toLowerCase() === 'sep=') {
    const d = text[start + 4];
    const next = text.charCodeAt(sepEnd);
    if ((d === ',' || d === ';' || d === '\t') && (sepEnd === text.length || next === LF || next === CR)) {
      const breakLength = next === CR && text.charCodeAt(sepEnd + 1) === LF ? 2 : sepEnd === text.length ? 0 : 1;
      return { bom, sepDelimiter: d, sepEnd, bodyStart: sepEnd + breakLength };
    }
  }
  return { bom, sepDelimiter: undefined, sepEnd: start, bodyStart: start };
}

/**
 * Counts `,` `;` and tab outside quotes on the first lines and picks the delimiter the header has that the most
 * following lines have exactly as often (then the one the header has most of); `,` when the header has none.
 */
function detectDelimiter(text: string, start: number): Delimiter {
  const lines: number[][] = [];
  const limit = Math.min(text.length, start + SAMPLE_CHARS);
  let counts = [0, 0, 0];
  let lineLength = 0;
  let inQuotes = false;
  let i = start;
  for (; i < limit && lines.length < SAMPLE_LINES; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) inQuotes = !inQuotes; // `""` toggles twice, so escapes need no special case
    else if (inQuotes) continue;
    else if (ch === LF || ch === CR) {
      if (lineLength > 0) lines.push(counts);
      counts = [0, 0, 0];
      lineLength = 0;
      continue;
    } else if (ch === COMMA) counts[0]++;
    else if (ch === SEMICOLON) counts[1]++;
    else if (ch === TAB) counts[2]++;
    lineLength++;
  }
  // A cut-off line's counts are partial: use it only when it is all there is (or it ends the file).
  if (lineLength > 0 && (lines.length === 0 || i >= text.length)) lines.push(counts);
  const header = lines[0];
  if (header === undefined) return ',';
  let best = -1;
  let bestConsistent = -1;
  for (let k = 0; k < CANDIDATES.length; k++) {
    if (header[k] === 0) continue;
    let consistent = 0;
    for (let l = 1; l < lines.length; l++) if (lines[l][k] === header[k]) consistent++;
    if (consistent > bestConsistent || (consistent === bestConsistent && header[k] > header[best])) {
      best = k;
      bestConsistent = consistent;
    }
  }
  return best < 0 ? ',' : CANDIDATES[best];
}

/** '\r\n' when more line feeds follow a carriage return than not. */
function mostlyCrlf(crlf: number, lf: number): '\n' | '\r\n' {
  return crlf > lf ? '\r\n' : '\n';
}

/** The dialect `readCsv` would use for this text, without reading the records. */
export function detectDialect(text: string): Dialect {
  const prelude = readPrelude(text);
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === CR) crlf++;
    else lf++;
  }
  return {
    delimiter: prelude.sepDelimiter ?? detectDelimiter(text, prelude.bodyStart),
    bom: prelude.bom,
    sepLine: prelude.sepDelimiter !== undefined,
    newline: mostlyCrlf(crlf, lf),
  };
}

/** Reads CSV text into records with exact offsets. Never throws: malformed input is reported in `problems`. */
export function readCsv(text: string, options: ReadOptions = {}): CsvDocument {
  const prelude = readPrelude(text);
  const delimiter = options.delimiter ?? prelude.sepDelimiter ?? detectDelimiter(text, prelude.bodyStart);
  const list = new ProblemList(options.maxProblems ?? Number.POSITIVE_INFINITY);
  const records: CsvRecord[] = [];
  let header: CsvRecord | undefined;
  const end = scanRecords(text, { delimiter, shortRecords: options.shortRecords }, bodyState(text, prelude), list, record => {
    if (record.index === 0) header = record;
    else records.push(record);
    return true;
  });
  return {
    dialect: { delimiter, bom: prelude.bom, sepLine: prelude.sepDelimiter !== undefined, newline: mostlyCrlf(end.crlf, end.lf) },
    header,
    records,
    problems: list.kept,
    ...(list.omitted ? { omitted: list.omitted } : {}),
  };
}

/**
 * Reads the records of a text one at a time, as `readCsv` does, keeping none of them (record 0 is the header): for a
 * pass over a large file that needs no document. `onRecord` returns false to stop.
 */
export function forEachRecord(text: string, onRecord: (record: CsvRecord) => boolean | void): void {
  const prelude = readPrelude(text);
  const delimiter = prelude.sepDelimiter ?? detectDelimiter(text, prelude.bodyStart);
  scanRecords(text, { delimiter }, bodyState(text, prelude), new ProblemList(0), record => onRecord(record) !== false);
}

/** The header of a text (its first record), read without the rest. */
export function readHeader(text: string): CsvRecord | undefined {
  let header: CsvRecord | undefined;
  forEachRecord(text, record => {
    header = record;
    return false;
  });
  return header;
}

/** Where the records of a text start: after its BOM and `sep=` line, the header next. */
export function bodyState(text: string, prelude = readPrelude(text)): ScanState {
  const sepBreak = text.slice(prelude.sepEnd, prelude.bodyStart);
  return {
    pos: prelude.bodyStart,
    line: sepBreak === '' ? 0 : 1,
    index: 0,
    headerFields: undefined,
    crlf: sepBreak === '\r\n' ? 1 : 0,
    lf: sepBreak === '\n' ? 1 : 0,
  };
}

/** The delimiter `readCsv` would use for this text: its `sep=` line's, or the one detected from its first lines. */
export function delimiterOf(text: string): Delimiter {
  const prelude = readPrelude(text);
  return prelude.sepDelimiter ?? detectDelimiter(text, prelude.bodyStart);
}

/** Problems kept up to a cap per code, the rest counted. */
export class ProblemList {
  readonly kept: CsvProblem[] = [];
  private readonly counts = new Map<CsvProblem['code'], number>();
  omitted: Partial<Record<CsvProblem['code'], number>> | undefined;

  constructor(private readonly max: number) {}

  /** Counts `n` problems of a code without building them (they are past the cap: see `room`). */
  skip(code: CsvProblem['code'], n: number): void {
    for (let i = 0; i < n; i++) this.wants(code);
  }

  /** Whether another problem of this code would still be kept. */
  room(code: CsvProblem['code']): boolean {
    return (this.counts.get(code) ?? 0) < this.max;
  }

  /** Whether a problem of this code would be kept; when not, it is counted and its message need not be built. */
  wants(code: CsvProblem['code']): boolean {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= this.max) return true;
    this.omitted ??= {};
    this.omitted[code] = (this.omitted[code] ?? 0) + 1;
    return false;
  }
}

/** `indexOf` with "not found" as the text's length, so positions compare without special cases. */
function find(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/**
 * A point between records at which scanning can start or resume: every record is read the same from here whatever
 * came before, except for its number and line, which the state carries (so an edit can be re-read from the record
 * boundary before it, see the incremental lint).
 */
export interface ScanState {
  readonly pos: number;
  readonly line: number;
  /** The next record's index (0: the header comes next). */
  readonly index: number;
  /** Fields of the header, once read. */
  readonly headerFields: number | undefined;
  /** Line breaks seen so far, for the dialect's newline. */
  readonly crlf: number;
  readonly lf: number;
}

export interface ScanOptions {
  readonly delimiter: Delimiter;
  /** Whether a record with fewer fields than the header is fine (Import-Csv reads the missing cells as empty). */
  readonly shortRecords?: boolean;
  /** Where `text` starts in the document, when it is a window of it: every offset in and out is the document's. */
  readonly base?: number;
}

/**
 * Reads records from `start`, handing each to `onRecord` with the offset just past its line break; stops when it
 * returns false (or at the end of the text) and returns the state there. Blank lines before a record are read with
 * it, so stopping never splits them from the record they precede.
 */
// One long function on purpose: the scan state lives in locals, which V8 keeps in registers.
export function scanRecords(text: string, options: ScanOptions, start: ScanState, list: ProblemList, onRecord: (record: CsvRecord, next: number) => boolean): ScanState {
  const n = text.length;
  const { delimiter } = options;
  const shortRecords = options.shortRecords === true;
  const delimiterCode = delimiter.charCodeAt(0);
  const problems = list.kept;
  let headerFields = start.headerFields ?? -1;
  let index = start.index;
  let crlf = start.crlf;
  let lf = start.lf;
  let line = start.line;
  // Offsets are the document's: `text` may be a window of it starting at `base`.
  const base = options.base ?? 0;
  let pos = start.pos - base;

  // Next occurrence at or after `pos` of each special character (n when none); refreshed only once passed, so each
  // indexOf scans a stretch of text once, and an unquoted field's end is the nearest of them.
  let nextDelimiter = -1;
  let nextLf = -1;
  let nextCr = -1;
  let nextQuote = -1;

  while (pos < n) {
    const first = text.charCodeAt(pos);
    if (first === LF || first === CR) {
      const breakLength = first === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      if (breakLength === 2) crlf++;
      else if (first === LF) lf++;
      if (list.wants('blank-row')) problems.push(blankRow(pos + base, pos + base + breakLength, line));
      pos += breakLength;
      line++;
      continue;
    }

    const recordStart = pos;
    const recordLine = line;
    const fields: Field[] = [];
    // Fields read so far, `fields.length` until the record passes MAX_FIELDS.
    let count = 0;
    for (;;) {
      const fieldStart = pos;
      let quoted = false;
      /** The quoted part of a field followed by more text (`"ab"c`), which is kept with its quotes, as csv-parse does. */
      let prefix: string | undefined;
      let strayAt = -1;

      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        quoted = true;
        let from = pos + 1;
        let escaped = false;
        let close = -1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) break;
          if (text.charCodeAt(q + 1) !== QUOTE) {
            close = q;
            break;
          }
          escaped = true;
          from = q + 2;
        }
        const contentEnd = close < 0 ? n : close;

        // Line breaks inside the quotes still start new lines.
        if (nextLf < pos) nextLf = find(text, '\n', pos);
        while (nextLf < contentEnd) {
          line++;
          if (text.charCodeAt(nextLf - 1) === CR) crlf++;
          else lf++;
          nextLf = find(text, '\n', nextLf + 1);
        }
        if (nextCr < pos) nextCr = find(text, '\r', pos);
        while (nextCr < contentEnd) {
          if (text.charCodeAt(nextCr + 1) !== LF) line++;
          nextCr = find(text, '\r', nextCr + 1);
        }

        let value = text.slice(pos + 1, contentEnd);
        if (escaped) value = value.replace(DOUBLED_QUOTES, '"');
        if (close < 0) {
          problems.push({
            code: 'unclosed-quote',
            message: `Row ${index + 1}, field ${count + 1}: the quoted field starting here is never closed, so the rest of the file was read into it. Add the closing quote (").`,
            start: pos + base,
            end: n + base,
            record: index,
            field: count,
          });
          if (count++ < MAX_FIELDS) fields.push({ value, start: fieldStart + base, end: n + base, quoted: true });
          pos = n;
          break;
        }
        pos = close + 1;
        const after = text.charCodeAt(pos); // NaN at the end of the text
        if (pos >= n || after === delimiterCode || after === LF || after === CR) {
          if (count++ < MAX_FIELDS) fields.push({ value, start: fieldStart + base, end: pos + base, quoted: true });
          if (after === delimiterCode) {
            pos++;
            continue;
          }
          break;
        }
        prefix = `"${value}"`;
        strayAt = close;
      }

      // An unquoted field, or the rest of a field after its quoted part: runs to the next delimiter or line break.
      if (nextDelimiter < pos) nextDelimiter = find(text, delimiter, pos);
      if (nextLf < pos) nextLf = find(text, '\n', pos);
      if (nextCr < pos) nextCr = find(text, '\r', pos);
      let end = nextDelimiter < nextLf ? nextDelimiter : nextLf;
      if (nextCr < end) end = nextCr;
      if (strayAt < 0) {
        if (nextQuote < pos) nextQuote = find(text, '"', pos);
        if (nextQuote < end) strayAt = nextQuote;
      }
      if (strayAt >= 0 && count < MAX_FIELDS && list.wants('stray-quote')) problems.push(strayQuote(strayAt + base, index, count, prefix !== undefined));
      if (count++ < MAX_FIELDS) {
        const rest = text.slice(pos, end);
        fields.push({ value: prefix === undefined ? rest : prefix + rest, start: fieldStart + base, end: end + base, quoted });
      }
      pos = end;
      if (end < n && text.charCodeAt(end) === delimiterCode) {
        pos++;
        continue;
      }
      break;
    }

    const record: CsvRecord = { index, line: recordLine, start: recordStart + base, end: pos + base, fields };
    if (count > MAX_FIELDS && list.wants('too-many-fields')) {
      problems.push({
        code: 'too-many-fields',
        message: `${index === 0 ? 'The header' : `Row ${index + 1}`} has ${count} fields; only the first ${MAX_FIELDS} (the most a spreadsheet has) are read.`,
        start: fields[MAX_FIELDS - 1].end,
        end: pos + base,
        record: index,
      });
    }
    if (index === 0) headerFields = count;
    else if (count !== headerFields && !(shortRecords && count < headerFields) && list.wants('field-count')) {
      problems.push({
        code: 'field-count',
        message: `Row ${index + 1} has ${count} ${count === 1 ? 'field' : 'fields'}; the header has ${headerFields}.`,
        start: recordStart + base,
        end: pos + base,
        record: index,
      });
    }
    index++;

    if (pos < n) {
      if (text.charCodeAt(pos) === LF) {
        lf++;
        pos++;
      } else if (text.charCodeAt(pos + 1) === LF) {
        crlf++;
        pos += 2;
      } else pos++;
      line++;
    }
    if (!onRecord(record, pos + base)) break;
  }

  return { pos: pos + base, line, index, headerFields: headerFields < 0 ? undefined : headerFields, crlf, lf };
}

function blankRow(start: number, end: number, line: number): CsvProblem {
  return {
    code: 'blank-row',
    message: `Line ${line + 1} is blank; blank lines are skipped and do not count as rows. Remove it.`,
    start,
    end,
  };
}

function strayQuote(at: number, index: number, field: number, afterClosingQuote: boolean): CsvProblem {
  const what = afterClosingQuote ? 'has text after its closing quote' : 'has a quote (") but does not start with one';
  return {
    code: 'stray-quote',
    message: `Row ${index + 1}, field ${field + 1} ${what}. Put the whole field in quotes and double the quotes inside it ("").`,
    start: at,
    end: at + 1,
    record: index,
    field,
  };
}
