/**
 * CSV reading with positions. Offsets are UTF-16 code-unit indexes into the text given to the reader (the same
 * units VS Code's `TextDocument.offsetAt` uses); a leading BOM, when present, occupies offset 0 and is skipped.
 */

export type Delimiter = ',' | ';' | '\t';

export interface Dialect {
  delimiter: Delimiter;
  /** The text starts with U+FEFF. */
  bom: boolean;
  /** The first line is Excel's `sep=X` hint; it is not a record. */
  sepLine: boolean;
  /** The line ending the file mostly uses ('\n' when it has none). */
  newline: '\n' | '\r\n';
}

export interface Field {
  /** The field's value: unquoted, `""` collapsed, nothing trimmed. */
  readonly value: string;
  /** Offset of the field's first character (its opening quote when quoted). */
  readonly start: number;
  /** Offset just past the field's last character (past its closing quote when quoted). */
  readonly end: number;
  readonly quoted: boolean;
}

export interface CsvRecord {
  /** 0 for the header, 1 for the first data record, … (the `sep=` line and blank lines are not counted). */
  readonly index: number;
  /** 0-based line on which the record starts. */
  readonly line: number;
  /** Offset of the record's first character. */
  readonly start: number;
  /** Offset just past the record's last character, before its line break. */
  readonly end: number;
  readonly fields: readonly Field[];
}

export type CsvProblemCode = 'unclosed-quote' | 'stray-quote' | 'field-count' | 'blank-row' | 'too-many-fields';

export interface CsvProblem {
  readonly code: CsvProblemCode;
  readonly message: string;
  /** Offsets of the text the problem is about. */
  readonly start: number;
  readonly end: number;
  /** The record the problem is in (its `index`), when there is one. */
  readonly record?: number;
  /** The field (0-based) the problem is in, for problems inside one field. */
  readonly field?: number;
}

export interface CsvDocument {
  readonly dialect: Dialect;
  /** The first record, when the file has one. */
  readonly header: CsvRecord | undefined;
  /** The data records, in file order. Entirely blank lines are not records (they are reported as `blank-row`). */
  readonly records: readonly CsvRecord[];
  readonly problems: readonly CsvProblem[];
  /** Problems past `ReadOptions.maxProblems`, counted by code but not built. */
  readonly omitted?: Readonly<Partial<Record<CsvProblemCode, number>>>;
}

export interface ReadOptions {
  /** Forces a delimiter instead of detecting one. */
  delimiter?: Delimiter;
  /**
   * Keep at most this many problems of each code; the rest are only counted (in `omitted`), so a hostile file of
   * millions of blank lines or broken rows does not build millions of messages. Unlimited by default.
   */
  maxProblems?: number;
  /** Whether a record with fewer fields than the header is fine (the importer reads the missing cells as empty). */
  shortRecords?: boolean;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}
