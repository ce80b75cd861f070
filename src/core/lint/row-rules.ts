import { cellText, COLUMNS, type ColumnSpec, type UserCsvKind } from '../catalogue';
import type { CsvRecord, Field } from '../csv';
import { columnOf, readCell, type ColumnInfo, type HeaderInfo } from '../rows';
import type { OrgChecker } from './org-rules';
import { quoteValue } from './quote';
import type { Reporter } from './reporter';
import type { Fix, Span } from './types';
import { UniqueIndex } from './unique-index';


/** The earlier use of a value, found only when a kept problem needs it (a record index and the cell's span). */
export type FirstUse = () => { readonly record: number; readonly span: Span };

/** Which earlier row holds a cell's value in a column whose values must be unique. */
export interface UniqueValues {
  /** The first use of `value` (trimmed) in `column` when it comes before `record`; undefined when this is the first. */
  firstUse(column: ColumnInfo, value: string, record: CsvRecord, field: Field): FirstUse | undefined;
}

/** Unique values of records checked in file order: each value remembered at its first use. */
export class SeenValues implements UniqueValues {
  private readonly seen = new Map<ColumnInfo, UniqueIndex>();
  /** Per first use (the index's item number): its record and cell offsets, kept as numbers, not the cell. */
  private readonly uses: number[] = [];

  firstUse(column: ColumnInfo, value: string, record: CsvRecord, field: Field): FirstUse | undefined {
    let index = this.seen.get(column);
    if (!index) this.seen.set(column, (index = new UniqueIndex()));
    const item = this.uses.length / 3;
    const first = index.addOrGet(value, item);
    if (first < 0) {
      this.uses.push(record.index, field.start, field.end);
      return undefined;
    }
    const [at, start, end] = this.uses.slice(first * 3, first * 3 + 3);
    return () => ({ record: at, span: { start, end } });
  }
}

/** The file's columns whose values must be unique (the catalogue's `unique`), in catalogue order. */
export function uniqueColumns(header: HeaderInfo): ColumnInfo[] {
  return COLUMNS.flatMap(spec => {
    const column = spec.unique ? columnOf(header, spec) : undefined;
    return column ? [column] : [];
  });
}

/** A column whose value only means something with another column's (from the catalogue's `requires`). */
interface Dependency {
  readonly column: ColumnInfo;
  readonly spec: ColumnSpec;
  readonly on: ColumnInfo | undefined;
}

const text = (record: CsvRecord, column: ColumnInfo | undefined) => (column ? cellText(record.fields[column.index]).trim() : '');

/** Checks data records one by one; keeps what cross-row checks (duplicates) need between calls. */
export class RowChecker {
  /** The columns whose values must be unique. */
  private readonly unique: readonly ColumnInfo[];
  private readonly valued: ColumnInfo[];
  private readonly wrongType: ColumnInfo[];
  private readonly required: ColumnInfo[];
  private readonly attributePairs: [ColumnInfo, ColumnInfo][];
  private readonly dependencies: Dependency[];

  constructor(
    header: HeaderInfo,
    private readonly type: UserCsvKind | undefined,
    private readonly reporter: Reporter,
    /** Where the values of unique columns were first used. */
    private readonly uniqueValues: UniqueValues,
    /** The org-aware checker, when the organization is known: it can turn a device name into its id. */
    private readonly org?: OrgChecker,
  ) {
    this.valued = header.columns.filter(c => c.spec !== undefined && !c.wrongType);
    this.wrongType = header.columns.filter(c => c.wrongType);
    this.required = this.valued.filter(c => {
      if (c.match.kind !== 'fixed') return false;
      const requiredFor = c.match.column.requiredFor;
      return type ? requiredFor.includes(type) : requiredFor.length === 2;
    });
    this.unique = uniqueColumns(header);
    this.attributePairs = [];
    for (const name of header.byHeader.values()) {
      if (name.match.kind !== 'numbered' || name.match.column.id !== 'attributeName' || !name.spec) continue;
      const n = name.match.n;
      const value = [...header.byHeader.values()].find(c => c.match.kind === 'numbered' && c.match.column.id === 'attributeValue' && c.match.n === n);
      if (value?.spec) this.attributePairs.push([name, value]);
    }
    this.dependencies = COLUMNS.flatMap(spec => {
      const column = spec.requires ? columnOf(header, spec) : undefined;
      return column ? [{ column, spec, on: header.byHeader.get(spec.requires!.header) }] : [];
    });
  }

  /** Checks one record; false when the record is blank (and so has no user in it). */
  check(record: CsvRecord): boolean {
    const { fields } = record;
    const row = record.index + 1;
    if (fields.every(f => cellText(f) === '')) {
      this.reporter.report('blank-row', () => `Row ${row} is empty; the import skips it.`, { start: record.start, end: record.end }, { record: record.index });
      return false;
    }
    for (const column of this.valued) {
      const field = fields[column.index];
      const cell = cellText(field);
      if (cell === '' || column.spec!.accepts(cell)) continue;
      const { issue } = readCell(column.spec!, cell);
      if (!issue) continue;
      const fixes: Fix[] = issue.fix === undefined ? [] : [{
        kind: 'replace',
        title: `Change to "${issue.fix}"`,
        span: { start: field.start, end: field.end },
        text: issue.fix,
        // Trimming and rewriting $true as true keep the meaning; guesses such as yes → true are offered, not applied.
        safe: issue.code === 'whitespace' || issue.code === 'powershell-boolean',
      }];
      let note = '';
      if (issue.code === 'invalid-id' && this.org && column.match.kind === 'fixed' && column.match.column.api.kind === 'association' && column.match.column.api.target === 'system') {
        const named = this.org.systemIdFix(cell, field);
        if (named) {
          fixes.push(named.fix);
          note = named.note;
        }
      }
      this.reporter.report(issue.code, () => `${column.name} ${quoteValue(cell)} in row ${row} ${issue.message}.${note}`, field, { record: record.index, fixes });
    }
    for (const column of this.wrongType) {
      const field = fields[column.index];
      if (cellText(field) === '') continue;
      const why = this.type === 'import' ? 'the import does not send it for new users (set it with an update file once the user exists)' : 'the API cannot change it on existing users, so the import leaves it out';
      this.reporter.report('wrong-type-column', () => `${column.name} in row ${row} holds a value, but ${why}; the rest of the row is sent.`, field, { record: record.index });
    }
    for (const column of this.required) {
      const field = fields[column.index];
      if (field && cellText(field).trim() !== '') continue;
      const span = field ?? { start: record.end, end: record.end };
      this.reporter.report('required-value', () => `${column.name} is empty in row ${row}; every user needs one.`, span, { record: record.index });
    }
    this.checkDuplicates(record, row);
    this.checkDependencies(record, row);
    return true;
  }

  private checkDuplicates(record: CsvRecord, row: number): void {
    if (!this.reporter.enabled('duplicate-value')) return;
    for (const column of this.unique) {
      const field = record.fields[column.index];
      const value = cellText(field).trim();
      if (value === '') continue;
      const first = this.uniqueValues.firstUse(column, value, record, field);
      if (!first) continue;
      this.reporter.report('duplicate-value', () => `${column.name} ${quoteValue(value)} in row ${row} is also in row ${first().record + 1}; it must be unique.`, field, () => ({
        record: record.index,
        related: [{ span: first().span, message: `First use, row ${first().record + 1}` }],
      }));
    }
  }

  private checkDependencies(record: CsvRecord, row: number): void {
    for (const [name, val] of this.attributePairs) {
      const n = text(record, name);
      const v = text(record, val);
      if ((n === '') === (v === '')) continue;
      const [filled, empty] = n ? [name, val] : [val, name];
      const field = record.fields[filled.index];
      this.reporter.report('attribute-pair', () => `${filled.name} is filled in row ${row} but ${empty.name} is empty; the import sends custom attributes only in pairs and skips this row.`, field, { record: record.index });
    }
    for (const { column, spec, on } of this.dependencies) {
      if (text(record, column) === '') continue;
      const requirement = spec.requires!;
      const other = text(record, on);
      const met = requirement.equals === undefined ? other !== '' : on?.spec !== undefined && readCell(on.spec, other).value === requirement.equals;
      if (met) continue;
      const condition = requirement.equals === undefined ? `the row has no ${requirement.header}` : `${requirement.header} is not ${requirement.equals} in that row`;
      this.reporter.report(requirement.code, () => `${column.name} in row ${row} is ignored: ${condition}.`, record.fields[column.index], { record: record.index });
    }
  }
}
