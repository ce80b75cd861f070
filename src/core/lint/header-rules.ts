import { COLUMNS, acceptsType, canonicalSpelling, headerKey, matchHeader, type ColumnSpec, type HeaderMatch, type NumberedColumnSpec, type TemplateType } from '../catalogue';
import type { CsvRecord, Field } from '../csv';
import type { Reporter } from './reporter';
import { suggestHeader } from './suggest';
import { once, quoteValue } from './quote';

/** One header cell and what the linter makes of it. */
export interface ColumnInfo {
  readonly index: number;
  readonly field: Field;
  readonly match: HeaderMatch;
  /** The catalogue entry whose values this column holds; undefined for unknown, ignored or duplicate columns. */
  readonly spec: ColumnSpec | NumberedColumnSpec | undefined;
  /** The canonical header (numbered columns with their number), or undefined when unknown. */
  readonly canonical: string | undefined;
}

/** The header as the row rules need it: every column, and the first column of each canonical header. */
export interface HeaderInfo {
  readonly columns: readonly ColumnInfo[];
  readonly byHeader: ReadonlyMap<string, ColumnInfo>;
}

const UPDATE_ONLY_NOTE = 'only update files accept it; New-JCUser has no such parameter';

/** A header as messages show it: bounded and free of control characters, whatever the file holds. */
function quoted(s: string): string {
  return quoteValue(s, 80);
}

function canonicalOf(match: HeaderMatch): string | undefined {
  if (match.kind === 'fixed') return match.column.header;
  if (match.kind === 'numbered') return match.column.header(match.n);
  return undefined;
}

function blocksOf(match: HeaderMatch) {
  return match.kind === 'fixed' || match.kind === 'numbered' ? match.column.blocks : undefined;
}

/** Checks the header row and works out which column holds which field. */
export function checkHeader(header: CsvRecord, type: TemplateType | undefined, reporter: Reporter): HeaderInfo {
  const columns: ColumnInfo[] = [];
  const byHeader = new Map<string, ColumnInfo>();
  const firstByKey = new Map<string, ColumnInfo>();
  for (let index = 0; index < header.fields.length; index++) {
    const field = header.fields[index];
    const span = { start: field.start, end: field.end };
    const name = field.value;
    const match = matchHeader(name);
    const canonical = canonicalOf(match);
    const key = headerKey(name);
    const where = () => `(column ${index + 1})`;

    // Duplicates first: a repeated column never holds values of its own.
    const first = key ? firstByKey.get(key) : undefined;
    if (first) {
      reporter.report('duplicate-header', () => `Header ${quoted(name)} ${where()} repeats column ${first.index + 1}; the importer refuses files with duplicate headers.`, span, () => ({
        record: 0,
        related: [{ span: { start: first.field.start, end: first.field.end }, message: `First ${quoted(first.field.value)} column` }],
        fixes: [{ kind: 'delete-column', title: `Remove the duplicate ${quoted(name)} column`, column: index, safe: false }],
      }));
      columns.push({ index, field, match, spec: undefined, canonical });
      continue;
    }

    let spec: ColumnInfo['spec'] = match.kind === 'unknown' ? undefined : match.column;
    if (match.kind === 'unknown') {
      if (name.trim() === '') {
        reporter.report('unknown-header', () => `Column ${index + 1} has no header; its values are ignored.`, span, { record: 0 });
      } else {
        // The edit-distance search runs only for problems that are kept, not for every column of a hostile header.
        const suggestion = once(() => suggestHeader(name));
        reporter.report(
          'unknown-header',
          () => `Unknown header ${quoted(name)} ${where()}: the importer ignores this column.${suggestion() ? ` Did you mean ${quoted(suggestion()!)}?` : ''}`,
          span,
          () => {
            const s = suggestion();
            return { record: 0, fixes: s ? [{ kind: 'replace', title: `Rename to ${quoted(s)}`, span, text: s, safe: false }] : [] };
          },
        );
      }
    } else {
      if (match.spelling === 'case') {
        const spelling = canonicalSpelling(name) ?? name;
        reporter.report('header-case', () => `Header ${quoted(name)} ${where()} is usually written ${quoted(spelling)}.`, span, () => ({
          record: 0,
          fixes: [{ kind: 'replace', title: `Rename to ${quoted(spelling)}`, span, text: spelling, safe: true }],
        }));
      }
      const blocks = blocksOf(match);
      if (type && blocks && !acceptsType(blocks, type)) {
        const note = type === 'import' ? UPDATE_ONLY_NOTE : 'update files do not accept it';
        reporter.report('wrong-type-column', () => `Column ${quoted(name)} ${where()} cannot be used in an ${type} file: ${note}.`, span, () => ({
          record: 0,
          fixes: [{ kind: 'delete-column', title: `Remove the ${quoted(name)} column`, column: index, safe: false }],
        }));
        spec = undefined;
      }
    }
    const info: ColumnInfo = { index, field, match, spec, canonical };
    columns.push(info);
    if (key) firstByKey.set(key, info);
    if (canonical && spec) {
      const earlier = byHeader.get(canonical);
      if (earlier) {
        // Two spellings of one field: `work_city` and `work_locality`.
        reporter.report('alias-conflict', () => `${quoted(name)} ${where()} and ${quoted(earlier.field.value)} (column ${earlier.index + 1}) are the same field; keep one.`, span, () => ({
          record: 0,
          related: [{ span: { start: earlier.field.start, end: earlier.field.end }, message: `The other spelling of ${canonical}` }],
          fixes: [{ kind: 'delete-column', title: `Remove the ${quoted(name)} column`, column: index, safe: false }],
        }));
        columns[index] = { ...info, spec: undefined };
      } else byHeader.set(canonical, info);
    }
  }
  checkRequiredColumns(header, type, byHeader, reporter);
  checkAttributePairs(byHeader, reporter);
  return { columns, byHeader };
}

function checkRequiredColumns(header: CsvRecord, type: TemplateType | undefined, byHeader: ReadonlyMap<string, ColumnInfo>, reporter: Reporter): void {
  const span = { start: header.start, end: header.end };
  for (const column of COLUMNS) {
    const required = type ? column.requiredFor.includes(type) : column.requiredFor.length === 2;
    if (required && !byHeader.has(column.header)) {
      const why = type ? `${type} files need it` : 'every file needs it';
      reporter.report('missing-header', () => `The header has no ${quoted(column.header)} column; ${why}.`, span, () => ({
        record: 0,
        fixes: [{ kind: 'add-column', title: `Add a ${quoted(column.header)} column`, header: column.header, after: header.fields.length - 1, safe: false }],
      }));
    }
  }
}

function checkAttributePairs(byHeader: ReadonlyMap<string, ColumnInfo>, reporter: Reporter): void {
  for (const [canonical, info] of byHeader) {
    const m = /^Attribute(\d+)_(name|value)$/.exec(canonical);
    if (!m) continue;
    const partner = `Attribute${m[1]}_${m[2] === 'name' ? 'value' : 'name'}`;
    if (byHeader.has(partner)) continue;
    const span = { start: info.field.start, end: info.field.end };
    reporter.report('attribute-pair', () => `${quoted(info.field.value)} (column ${info.index + 1}) has no ${quoted(partner)} column; custom attributes need both.`, span, () => ({
      record: 0,
      fixes: [{
        kind: 'add-column',
        title: `Add a ${quoted(partner)} column`,
        header: partner,
        // The value goes right after its name; a name goes right before its value.
        after: m[2] === 'name' ? info.index : info.index - 1,
        safe: true,
      }],
    }));
  }
}
