import { COLUMNS, acceptsType, canonicalSpelling, cellText, headerKey, headerOf, matchHeader, numberedColumn, type HeaderMatch, type UserCsvKind } from '../catalogue';
import type { CsvDocument, CsvRecord } from '../csv';
import type { ColumnInfo, HeaderInfo } from '../rows';
import { Reporter } from './reporter';
import { suggestHeader } from './suggest';
import { quoteValue } from './quote';

export type { ColumnInfo, HeaderInfo } from '../rows';

/** A header as messages show it: bounded and free of control characters, whatever the file holds. */
function quoted(s: string): string {
  return quoteValue(s, 80);
}

function blocksOf(match: HeaderMatch) {
  return match.kind === 'fixed' || match.kind === 'numbered' ? match.column.blocks : undefined;
}

/** Which column of a file holds which field, without its problems (the import's reads need only this). */
export function headerColumns(document: Pick<CsvDocument, 'header'>, type: UserCsvKind | undefined): HeaderInfo | undefined {
  // A reporter that keeps nothing: its messages are thunks, never built.
  return document.header ? checkHeader(document.header, type, new Reporter({}, 0)) : undefined;
}

/** Checks the header row and works out which column holds which field. */
export function checkHeader(header: CsvRecord, type: UserCsvKind | undefined, reporter: Reporter): HeaderInfo {
  const columns: ColumnInfo[] = [];
  const byHeader = new Map<string, ColumnInfo>();
  const firstByKey = new Map<string, ColumnInfo>();
  const nextGroup = nextGroupHeader(header);
  for (let index = 0; index < header.fields.length; index++) {
    const field = header.fields[index];
    const span = { start: field.start, end: field.end };
    const name = cellText(field);
    const match = matchHeader(name);
    const canonical = headerOf(match);
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
      columns.push({ index, field, name, match, spec: undefined, canonical });
      continue;
    }

    const spec: ColumnInfo['spec'] = match.kind === 'unknown' ? undefined : match.column;
    let wrongType = false;
    if (match.kind === 'unknown') {
      reportUnknown(name, index, span, nextGroup, reporter);
    } else {
      if (match.spelling === 'case') {
        const spelling = canonicalSpelling(name) ?? name;
        reporter.report('header-case', () => `Header ${quoted(name)} ${where()} is usually written ${quoted(spelling)}.`, span, () => ({
          record: 0,
          fixes: [{ kind: 'replace', title: `Rename to ${quoted(spelling)}`, span, text: spelling, safe: true }],
        }));
      }
      // An empty column of the wrong kind is harmless (JumpCloud's own all-columns template has them); the row rules
      // report the cells that hold a value.
      const blocks = blocksOf(match);
      wrongType = type !== undefined && blocks !== undefined && !acceptsType(blocks, type);
    }
    const info: ColumnInfo = { index, field, name, match, spec, canonical, ...(wrongType ? { wrongType } : {}) };
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
      } else if (!wrongType) byHeader.set(canonical, info);
    }
  }
  checkRequiredColumns(header, type, byHeader, reporter);
  checkAttributePairs(byHeader, reporter);
  return { columns, byHeader };
}

/** Group columns are numbered; JumpCloud's module took any header containing "group", this import does not. */
const GROUP_LIKE = /group/i;

/** The first `GroupN` header the file does not use yet (computed once, when a header needs it). */
function nextGroupHeader(header: CsvRecord): () => string {
  let next: string | undefined;
  return () => {
    if (next === undefined) {
      const group = numberedColumn('group');
      const used = new Set(header.fields.map(f => matchHeader(cellText(f))).flatMap(m => (m.kind === 'numbered' && m.column === group ? [m.n] : [])));
      let n = 1;
      while (used.has(n)) n++;
      next = group.header(n);
    }
    return next;
  };
}

function reportUnknown(name: string, index: number, span: { start: number; end: number }, nextGroup: () => string, reporter: Reporter): void {
  const where = `(column ${index + 1})`;
  if (name.trim() === '') {
    // Excel leaves empty header cells after the last column; Import-Csv drops them too.
    reporter.report('unknown-header', `Column ${index + 1} has no header; the import ignores its values.`, span, { record: 0 });
    return;
  }
  if (GROUP_LIKE.test(name)) {
    const suggestion = nextGroup();
    reporter.report(
      'misspelled-header',
      `Header ${quoted(name)} ${where} is not a group column, so the import ignores it (JumpCloud's PowerShell module read any header containing "Group" as one). Name group columns Group1, Group2…`,
      span,
      { record: 0, fixes: [{ kind: 'replace', title: `Rename to ${quoted(suggestion)}`, span, text: suggestion, safe: false }] },
    );
    return;
  }
  const suggestion = suggestHeader(name);
  if (suggestion) {
    reporter.report('misspelled-header', `Header ${quoted(name)} ${where} is not a JumpCloud column. Did you mean ${quoted(suggestion)}? As written, the import ignores it.`, span, {
      record: 0,
      fixes: [{ kind: 'replace', title: `Rename to ${quoted(suggestion)}`, span, text: suggestion, safe: false }],
    });
  } else {
    reporter.report('unknown-header', `Header ${quoted(name)} ${where} is not a JumpCloud column; the import ignores it.`, span, { record: 0 });
  }
}

function checkRequiredColumns(header: CsvRecord, type: UserCsvKind | undefined, byHeader: ReadonlyMap<string, ColumnInfo>, reporter: Reporter): void {
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
  for (const info of byHeader.values()) {
    const { match } = info;
    if (match.kind !== 'numbered' || match.column.id === 'group') continue;
    const isName = match.column.id === 'attributeName';
    const partner = numberedColumn(isName ? 'attributeValue' : 'attributeName').header(match.n);
    if (byHeader.has(partner)) continue;
    const span = { start: info.field.start, end: info.field.end };
    reporter.report('attribute-pair', () => `${quoted(info.field.value)} (column ${info.index + 1}) has no ${quoted(partner)} column; custom attributes need both.`, span, () => ({
      record: 0,
      fixes: [{
        kind: 'add-column',
        title: `Add a ${quoted(partner)} column`,
        header: partner,
        // The value goes right after its name; a name goes right before its value.
        after: isName ? info.index : info.index - 1,
        safe: true,
      }],
    }));
  }
}
