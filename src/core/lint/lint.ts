import { readCsv, type CsvDocument } from '../csv';
import { OrgIndex } from '../org';
import type { HeaderInfo } from '../rows';
import { checkHeader } from './header-rules';
import { OrgChecker } from './org-rules';
import { DEFAULT_MAX_PROBLEMS, Reporter } from './reporter';
import { RowChecker } from './row-rules';
import type { LintOptions, LintResult } from './types';

const DELIMITER_NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;

/** Lints CSV text: structure, header and every row, against the column catalogue. Never throws on any input. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return lintDocument(readCsv(text), options);
}

/** Lints a document already read (the import planner reads the file once for the lint and the plan). */
export function lintDocument(document: CsvDocument, options: LintOptions = {}): LintResult {
  const reporter = new Reporter(options.rules, options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const { header, records, dialect } = document;
  for (const p of document.problems) {
    // Import-Csv reads the missing trailing cells of a short row as empty, and so does the import: only rows with
    // extra fields (an unquoted comma shifted them) are a problem. Cells that shifted get their own value problems.
    if (p.code === 'field-count' && header && p.record !== undefined && document.records[p.record - 1]?.fields.length < header.fields.length) continue;
    // The reader counts fields; people know columns by their header.
    const name = p.field === undefined ? undefined : header?.fields[p.field]?.value;
    const message = name && p.record !== 0 ? p.message.replace(`field ${p.field! + 1}`, `field ${p.field! + 1} (${name})`) : p.message;
    reporter.report(p.code, message, { start: p.start, end: p.end }, p.record === undefined ? {} : { record: p.record });
  }
  if (header && dialect.sepLine) {
    // The hint line runs from the start of the text (after a BOM) to the header's line.
    const span = { start: dialect.bom ? 1 : 0, end: header.start };
    reporter.report('sep-line', `Line 1 is Excel's "sep=" hint; PowerShell's Import-Csv would read it as the header.`, span, {
      fixes: [{ kind: 'delete', title: 'Remove the sep= line', span, safe: true }],
    });
  }
  if (header && dialect.delimiter !== ',') {
    reporter.report(
      'wrong-delimiter',
      `The file is separated by ${DELIMITER_NAMES[dialect.delimiter]}; the PowerShell importer expects commas and would read each line as one column.`,
      { start: header.start, end: header.end },
      { record: 0, fixes: [{ kind: 'convert-delimiter', title: 'Convert the file to commas', safe: true }] },
    );
  }
  let columns: HeaderInfo | undefined;
  if (header) {
    const info = checkHeader(header, options.type, reporter);
    columns = info;
    const org = options.org ? new OrgChecker(info, options.type, new OrgIndex(options.org), reporter, records, options.createdByRun) : undefined;
    const rows = new RowChecker(info, options.type, reporter, records.length, org);
    for (const record of records) if (rows.check(record)) org?.check(record);
  }
  return { problems: reporter.finish(), document, total: reporter.total, counts: reporter.counts, ...(columns ? { columns } : {}) };
}
