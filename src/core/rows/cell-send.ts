import { cellText, type CellValue, type ColumnRequirement, type UserCsvKind } from '../catalogue';
import type { CsvRecord } from '../csv';
import type { HeaderInfo } from './columns';
import { readCell } from './user-row';

/**
 * What the import does with one cell, as the plan decides it: the hover says this, so it must not be a second
 * opinion. Only the row model's reading of the cell (`readCell`, as `readRow` reads it) and the lint's errors (given by
 * the caller) decide; nothing here reads a cell another way.
 */
export type CellSend =
  | { readonly kind: 'header' }
  /** Not a JumpCloud column (or a cell past the header's last column). */
  | { readonly kind: 'unknown' }
  /** A duplicate header or the second spelling of a field: the import refuses the file. */
  | { readonly kind: 'repeated' }
  /** Empty cells leave the field as it is. */
  | { readonly kind: 'empty' }
  /** A column this kind of file cannot send; `why` is that kind. */
  | { readonly kind: 'left-out'; readonly header: string; readonly why: UserCsvKind }
  /** The cell's own value cannot be sent. */
  | { readonly kind: 'invalid'; readonly code: string }
  /** The file has errors of its own (header, structure): the import plans no row. */
  | { readonly kind: 'blocked'; readonly codes: readonly string[] }
  /** The row has errors elsewhere: the import skips it whole. */
  | { readonly kind: 'skipped'; readonly codes: readonly string[] }
  /** The value only counts with another cell of the row, which does not hold what it needs. */
  | { readonly kind: 'ignored'; readonly header: string; readonly requires: ColumnRequirement }
  | { readonly kind: 'sends'; readonly value: CellValue };

/**
 * The verdict on cell `column` of `record`. `rowErrors` are the codes of the row's error-severity problems and
 * `fileErrors` those of the file's (the header's, or the whole text's), from the latest lint of the same text: pass
 * none when there is no such lint, and the reading alone is shown.
 */
export function cellSend(header: HeaderInfo, record: CsvRecord, column: number, rowErrors: readonly string[], fileErrors: readonly string[] = []): CellSend {
  if (record.index === 0) return { kind: 'header' };
  const info = header.columns[column];
  if (!info || info.match.kind === 'unknown') return { kind: 'unknown' };
  if (!info.spec) return { kind: 'repeated' };
  if (cellText(record.fields[column]) === '') return { kind: 'empty' };
  // A wrong-type column accepts exactly one kind (every column accepts one), so the file is of the other.
  if (info.wrongType) return { kind: 'left-out', header: info.name, why: info.spec.blocks.import ? 'update' : 'import' };
  // The one cell's reading, as readRow reads each filled cell of the row.
  const { value, issue } = readCell(info.spec, cellText(record.fields[column]));
  if (issue && value === undefined) return { kind: 'invalid', code: issue.code };
  if (fileErrors.length) return { kind: 'blocked', codes: unique(fileErrors) };
  if (rowErrors.length) return { kind: 'skipped', codes: unique(rowErrors) };
  const requires = 'requires' in info.spec ? info.spec.requires : undefined;
  if (requires && !met(header, record, requires)) return { kind: 'ignored', header: info.name, requires };
  return value === undefined ? { kind: 'empty' } : { kind: 'sends', value };
}

/** As the lint's dependency check decides it (`checkDependencies`), so hover and lint agree. */
function met(header: HeaderInfo, record: CsvRecord, requires: ColumnRequirement): boolean {
  const on = header.byHeader.get(requires.header);
  const text = on ? cellText(record.fields[on.index]).trim() : '';
  if (requires.equals === undefined) return text !== '';
  return on?.spec !== undefined && text !== '' && readCell(on.spec, text).value === requires.equals;
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

/** Formats `{0}`-style placeholders as `vscode.l10n.t` does, for callers without VS Code. */
export type Translate = (message: string, ...args: string[]) => string;
const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (all, i: string) => args[Number(i)] ?? all);

const FILE_KIND: Record<UserCsvKind, string> = { import: 'new-users', update: 'update' };

/** A Markdown code span around any text: the fence is longer than the text's longest run of backticks. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The hover's line for a verdict (Markdown), or undefined when there is nothing to say (a header cell). */
export function cellSendText(send: CellSend, t: Translate = english): string | undefined {
  const nothing = (why: string) => t('Import sends nothing: {0}', why);
  switch (send.kind) {
    case 'header':
      return undefined;
    case 'unknown':
      return nothing(t('not a JumpCloud column, the import ignores it'));
    case 'repeated':
      return nothing(t('this column repeats another one, and the import refuses the file'));
    case 'empty':
      return nothing(t('this field is left unchanged (the cell is empty)'));
    case 'left-out':
      return nothing(t('left out, {0} files cannot set {1}', t(FILE_KIND[send.why]), send.header));
    case 'invalid':
      return nothing(t('the value is not valid ({0})', send.code));
    case 'blocked':
      return nothing(t('the import refuses the file ({0})', send.codes.join(', ')));
    case 'skipped':
      return nothing(t('the row is skipped ({0})', send.codes.join(', ')));
    case 'ignored': {
      const { header, equals } = send.requires;
      return nothing(equals === undefined
        ? t('ignored, {0} needs a {1} in the same row', send.header, header)
        : t('ignored, {0} needs {1} {2} in the same row', send.header, header, String(equals)));
    }
    case 'sends':
      return t('Import sends: {0}', code(JSON.stringify(send.value)));
  }
}
