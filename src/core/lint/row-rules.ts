import { parseCell, type TemplateType } from '../catalogue';
import type { CsvRecord, Field } from '../csv';
import type { ColumnInfo, HeaderInfo } from './header-rules';
import type { Reporter } from './reporter';
import type { Fix } from './types';
import { UniqueIndex } from './unique-index';
import type { OrgChecker } from './org-rules';

/** Columns whose values must be unique within the file (case-insensitively), as they are in the organization. */
const UNIQUE = ['Username', 'Email', 'employeeIdentifier'] as const;

function preview(value: string): string {
  const oneLine = value.replace(/\r?\n/g, ' ');
  return oneLine.length > 40 ? `"${oneLine.slice(0, 37)}…"` : `"${oneLine}"`;
}

interface FirstSeen {
  readonly record: number;
  readonly field: Field;
}

/** Checks data records one by one; keeps what cross-row checks (duplicates) need between calls. */
export class RowChecker {
  private readonly seen = new Map<string, UniqueIndex<FirstSeen>>();
  private readonly valued: ColumnInfo[];
  private readonly required: ColumnInfo[];
  private readonly unique: ColumnInfo[];
  private readonly attributePairs: [ColumnInfo, ColumnInfo][];
  private readonly mfa: ColumnInfo | undefined;
  private readonly enrollment: ColumnInfo | undefined;
  private readonly system: ColumnInfo | undefined;
  private readonly administrator: ColumnInfo | undefined;

  constructor(
    header: HeaderInfo,
    type: TemplateType | undefined,
    private readonly reporter: Reporter,
    /** How many records will be checked (sizes the duplicate index). */
    rowCount: number,
    /** The org-aware checker, when the organization is known: it can turn a device name into its id. */
    private readonly org?: OrgChecker,
  ) {
    for (const h of UNIQUE) this.seen.set(h, new UniqueIndex<FirstSeen>(rowCount));
    this.valued = header.columns.filter(c => c.spec !== undefined);
    this.required = this.valued.filter(c => {
      if (c.match.kind !== 'fixed') return false;
      const requiredFor = c.match.column.requiredFor;
      return type ? requiredFor.includes(type) : requiredFor.length === 2;
    });
    this.unique = UNIQUE.flatMap(h => header.byHeader.get(h) ?? []).filter(c => c.spec);
    this.attributePairs = [];
    for (const [canonical, name] of header.byHeader) {
      const m = /^Attribute(\d+)_name$/.exec(canonical);
      const value = m && header.byHeader.get(`Attribute${m[1]}_value`);
      if (value && name.spec && value.spec) this.attributePairs.push([name, value]);
    }
    const get = (h: string) => {
      const c = header.byHeader.get(h);
      return c?.spec ? c : undefined;
    };
    this.mfa = get('enable_user_portal_multifactor');
    this.enrollment = get('EnrollmentDays');
    this.system = get('SystemID');
    this.administrator = get('Administrator');
  }

  /** Checks one record; false when the record is blank (and so has no user in it). */
  check(record: CsvRecord): boolean {
    const { fields } = record;
    const row = record.index + 1;
    if (fields.every(f => f.value === '')) {
      this.reporter.report('blank-row', `Row ${row} is empty; it is skipped.`, { start: record.start, end: record.end }, { record: record.index });
      return false;
    }
    for (const column of this.valued) {
      const field = fields[column.index];
      if (!field || field.value === '' || column.spec!.accepts(field.value)) continue;
      const result = parseCell(column.spec!.schema, field.value);
      if (result.ok) continue;
      const { issue } = result;
      const fixes: Fix[] = issue.fix === undefined ? [] : [{
        kind: 'replace',
        title: `Change to "${issue.fix}"`,
        span: { start: field.start, end: field.end },
        text: issue.fix,
        // Trimming and rewriting $true as true keep the meaning; guesses such as yes → true are offered, not applied.
        safe: issue.code === 'whitespace' || issue.code === 'powershell-boolean',
      }];
      let note = '';
      if (issue.code === 'invalid-id' && column.canonical === 'SystemID' && this.org) {
        const named = this.org.systemIdFix(field.value, field);
        if (named) {
          fixes.push(named.fix);
          note = named.note;
        }
      }
      this.reporter.report(issue.code, `${column.field.value} ${preview(field.value)} in row ${row} ${issue.message}.${note}`, field, { record: record.index, fixes });
    }
    for (const column of this.required) {
      const field = fields[column.index];
      if (field && field.value.trim() !== '') continue;
      const span = field ?? { start: record.end, end: record.end };
      this.reporter.report('required-value', `${column.field.value} is empty in row ${row}; every user needs one.`, span, { record: record.index });
    }
    this.checkDuplicates(record, row);
    this.checkDependencies(record, row);
    return true;
  }

  private checkDuplicates(record: CsvRecord, row: number): void {
    if (!this.reporter.enabled('duplicate-value')) return;
    for (const column of this.unique) {
      const field = record.fields[column.index];
      if (!field || field.value === '') continue;
      const first = this.seen.get(column.canonical!)!.addOrGet(field.value, { record: record.index, field });
      if (!first) continue;
      this.reporter.report('duplicate-value', `${column.field.value} ${preview(field.value)} in row ${row} is also in row ${first.record + 1}; it must be unique.`, field, {
        record: record.index,
        related: [{ span: { start: first.field.start, end: first.field.end }, message: `First use, row ${first.record + 1}` }],
      });
    }
  }

  private checkDependencies(record: CsvRecord, row: number): void {
    const value = (c: ColumnInfo | undefined) => (c ? (record.fields[c.index]?.value ?? '').trim() : '');
    for (const [name, val] of this.attributePairs) {
      const n = value(name);
      const v = value(val);
      if ((n === '') === (v === '')) continue;
      const [filled, empty] = n ? [name, val] : [val, name];
      const field = record.fields[filled.index];
      this.reporter.report('attribute-pair', `${filled.field.value} is filled in row ${row} but ${empty.field.value} is empty; custom attributes need both.`, field, { record: record.index });
    }
    const enrollment = value(this.enrollment);
    if (enrollment && value(this.mfa).toLowerCase() !== 'true') {
      const field = record.fields[this.enrollment!.index];
      this.reporter.report('enrollment-without-mfa', `EnrollmentDays in row ${row} is ignored: enable_user_portal_multifactor is not true in that row.`, field, { record: record.index });
    }
    if (value(this.administrator) && !value(this.system)) {
      const field = record.fields[this.administrator!.index];
      this.reporter.report('administrator-without-system', `Administrator in row ${row} is ignored: the row has no SystemID.`, field, { record: record.index });
    }
  }
}
