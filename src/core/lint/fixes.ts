import { delimiterOf, formatCsvRow, readCsv, type CsvDocument, type CsvRecord, type Delimiter } from '../csv';
import { convertDelimiterRefusal } from './delimiter-refusal';
import { lintSummary } from './lint';
import type { Fix, LintOptions, TextEdit } from './types';

function records(document: CsvDocument): CsvRecord[] {
  return document.header ? [document.header, ...document.records] : [];
}

function deleteColumn(document: CsvDocument, column: number): TextEdit[] {
  return records(document).flatMap(({ fields }): TextEdit[] => {
    const field = fields[column];
    if (!field) return [];
    // Take the delimiter before the field (or after it, for the first field) with it.
    if (column > 0) return [{ start: fields[column - 1].end, end: field.end, text: '' }];
    const next = fields[1];
    return [{ start: field.start, end: next ? next.start : field.end, text: '' }];
  });
}

function addColumn(document: CsvDocument, header: string, after: number): TextEdit[] {
  const d = document.dialect.delimiter;
  return records(document).flatMap((record): TextEdit[] => {
    const value = record.index === 0 ? formatCsvRow([header], d) : '';
    if (after < 0) return record.fields.length ? [{ start: record.fields[0].start, end: record.fields[0].start, text: value + d }] : [];
    const field = record.fields[after];
    return field ? [{ start: field.end, end: field.end, text: d + value }] : [];
  });
}

export { convertDelimiterRefusal };

const OTHER_DELIMITERS = /[;\t]/;
const SEP_LINE = /^sep=[,;\t]$/i;

/**
 * A header cell for the comma file: semicolons and tabs are quoted too, since delimiter detection counts them on the
 * header line, and unquoted ones could make the result read as semicolon- or tab-separated again.
 */
function headerCell(value: string): string {
  if (value === '') return '';
  return OTHER_DELIMITERS.test(value) ? `"${value.replace(/"/g, '""')}"` : formatCsvRow([value], ',');
}

function commaRow(values: readonly string[], header: boolean): string {
  if (!header) return formatCsvRow(values, ',');
  // A lone empty value would make an empty line, which readers skip as blank.
  if (values.length === 1 && values[0] === '') return '""';
  const line = values.map(headerCell).join(',');
  // A header `sep=` then an empty field would read back as Excel's hint line, not as a header.
  return SEP_LINE.test(line) ? `"${values[0]}"${line.slice(values[0].length)}` : line;
}

/**
 * The whole file rewritten with commas; Excel's `sep=` line goes too, since it would be read as the header. Nothing
 * when the file's structure is broken (see convertDelimiterRefusal): it would not convert to the same rows and cells.
 */
function convertDelimiter(text: string, document: CsvDocument): TextEdit[] {
  const { dialect } = document;
  if (convertDelimiterRefusal(document) !== undefined) return [];
  let body = records(document).map(r => commaRow(r.fields.map(f => f.value), r.index === 0) + dialect.newline).join('');
  if (!/[\r\n]$/.test(text)) body = body.slice(0, body.length - dialect.newline.length);
  return [{ start: dialect.bom ? 1 : 0, end: text.length, text: body }];
}

/** A header line written over a file whose only text is blank. */
function insertHeader(text: string, document: CsvDocument, columns: readonly string[]): TextEdit[] {
  const start = document.dialect.bom ? 1 : 0;
  return [{ start, end: text.length, text: formatCsvRow(columns, ',') + document.dialect.newline }];
}

/** The text edits a fix makes to the text its document was read from (none for fixes the front end handles). */
export function fixEdits(text: string, document: CsvDocument, fix: Fix): TextEdit[] {
  return editsOf(text, fix, document.dialect.delimiter, () => document);
}

/** The edits of fixes to a text, which is read whole (once) only for a fix that changes every record. */
export function textFixEdits(text: string): (fix: Fix) => TextEdit[] {
  let document: CsvDocument | undefined;
  const delimiter = delimiterOf(text);
  return fix => editsOf(text, fix, delimiter, () => (document ??= readCsv(text)));
}

function editsOf(text: string, fix: Fix, delimiter: Delimiter, document: () => CsvDocument): TextEdit[] {
  switch (fix.kind) {
    case 'replace':
      return [{ ...fix.span, text: formatCsvRow([fix.text], delimiter) }];
    case 'delete':
      return [{ ...fix.span, text: '' }];
    case 'delete-column':
      return deleteColumn(document(), fix.column);
    case 'add-column':
      return addColumn(document(), fix.header, fix.after);
    case 'convert-delimiter':
      return convertDelimiter(text, document());
    case 'insert-header':
      return insertHeader(text, document(), fix.columns);
  }
}

/** Applies non-overlapping edits (overlapping ones after the first are dropped). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Applies every safe fix, re-linting between passes because a delimiter conversion moves every offset. Each pass is
 * the streamed lint (`lintSummary`, the one the editor shows), and the text is read whole only for a fix that needs
 * every record. Returns the new text and how many fixes were applied.
 */
export function fixAll(text: string, options: LintOptions = {}): { text: string; applied: number } {
  let applied = 0;
  for (let pass = 0; pass < 5; pass++) {
    const { problems } = lintSummary(text, { ...options, maxProblems: Number.MAX_SAFE_INTEGER });
    const fixes = problems.flatMap(p => p.fixes ?? []).filter(f => f.safe);
    if (fixes.length === 0) break;
    const convert = fixes.find(f => f.kind === 'convert-delimiter');
    const chosen = convert ? [convert] : fixes;
    const edits = chosen.flatMap(textFixEdits(text));
    const next = applyEdits(text, edits);
    if (next === text) break;
    applied += chosen.length;
    text = next;
  }
  return { text, applied };
}
