import type { Delimiter } from './types';

const SPACE = 32;
const TAB = 9;
const BOM = 0xfeff;
const SEP_LINE = /^sep=[,;\t]$/i;

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Whether a value must be quoted to read back unchanged (readers may trim edge spaces, or take a BOM off the text). */
function needsQuotes(value: string, delimiter: Delimiter): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return (
    first === SPACE || first === TAB || first === BOM || last === SPACE || last === TAB ||
    value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
  );
}

/** One CSV line (without a line break), quoting only the fields that need it. */
export function formatCsvRow(values: readonly string[], delimiter: Delimiter = ','): string {
  // A lone empty value would make an empty line, which readers skip as blank.
  if (values.length === 1 && values[0] === '') return '""';
  return values.map(v => (needsQuotes(v, delimiter) ? quote(v) : v)).join(delimiter);
}

/** Like `formatCsvRow`, but a line that looks like Excel's `sep=X` hint gets its first field quoted. */
function formatFirstRow(values: readonly string[], delimiter: Delimiter): string {
  const line = formatCsvRow(values, delimiter);
  if (!SEP_LINE.test(line)) return line;
  return [quote(values[0]), ...values.slice(1).map(v => (needsQuotes(v, delimiter) ? quote(v) : v))].join(delimiter);
}

/** CSV text with each row followed by `newline`. */
export function formatCsv(
  rows: readonly (readonly string[])[],
  newline: '\n' | '\r\n' = '\n',
  delimiter: Delimiter = ',',
): string {
  return rows.map((row, i) => (i === 0 ? formatFirstRow(row, delimiter) : formatCsvRow(row, delimiter)) + newline).join('');
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP's "CSV injection" list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (`=cmd|' /C calc'!A0`, `+1+1`, `@SUM(…)`) gets a leading apostrophe,
 * which Excel, LibreOffice and Google Sheets read as "this is text" and do not show. Other values are unchanged.
 */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The one writer of CSV files the product creates (templates, the devices list): `formatCsv` with every cell
 * passed through `escapeFormula`, since their values come from the organization (a device's hostname is reported
 * by the device itself). Edits of a person's own file use `formatCsv`/`formatCsvRow`, which never change a value.
 */
export function formatSafeCsv(rows: readonly (readonly string[])[], newline: '\n' | '\r\n' = '\n', delimiter: Delimiter = ','): string {
  return formatCsv(
    rows.map(row => row.map(escapeFormula)),
    newline,
    delimiter,
  );
}
