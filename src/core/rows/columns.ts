import type { ColumnSpec, HeaderMatch, NumberedColumnSpec } from '../catalogue';
import type { Field } from '../csv';

/** One header cell of a file and the catalogue column it names. */
export interface ColumnInfo {
  readonly index: number;
  readonly field: Field;
  /** The header as the file means it (spaces before an unquoted header dropped, as Import-Csv does). */
  readonly name: string;
  readonly match: HeaderMatch;
  /** The catalogue entry whose values this column holds; undefined for unknown, ignored or duplicate columns. */
  readonly spec: ColumnSpec | NumberedColumnSpec | undefined;
  /** The canonical header (numbered columns with their number), or undefined when unknown. */
  readonly canonical: string | undefined;
  /** The column cannot be sent in this kind of file (an update-only column in a new-users file): filled cells are errors. */
  readonly wrongType?: boolean;
}

/** A file's header mapping: every column, and the column that holds each canonical header. */
export interface HeaderInfo {
  readonly columns: readonly ColumnInfo[];
  readonly byHeader: ReadonlyMap<string, ColumnInfo>;
}

/** The column of a catalogue entry in this file, when it has one that holds values. */
export function columnOf(header: HeaderInfo, spec: ColumnSpec): ColumnInfo | undefined {
  const column = header.byHeader.get(spec.header);
  return column?.spec ? column : undefined;
}
