import * as vscode from 'vscode';
import { cellText, matchHeader, type UserCsvKind } from '../../core/catalogue';
import { headerColumns, type LocatedProblem } from '../../core/lint';
import { cellSend, cellSendText } from '../../core/rows';
import type { CsvRecord } from '../../core/csv';
import type { FileTypes } from './file-types';
import { LARGE_DOCUMENT_LINES, type ParsedDocuments } from './parsed-documents';

/** The latest lint of a document, as much of it as hover reads (the lint controller's snapshot). */
export interface HoverLint {
  readonly version: number;
  readonly type: UserCsvKind | undefined;
  readonly result: { readonly problems: readonly LocatedProblem[] };
}

/** Hover on a header or a cell: the column's doc from the catalogue, with the cell's header and row. */
export class ColumnHover implements vscode.HoverProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly fileTypes: FileTypes,
    private readonly latestLint: (uri: vscode.Uri) => HoverLint | undefined,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const cell = this.parsed.cellAt(doc, doc.offsetAt(position));
    const headerField = cell?.header?.fields[cell.column];
    if (!cell || !headerField) return undefined;
    const header = cellText(headerField);
    const match = matchHeader(header);
    const isHeader = cell.record.index === 0;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${header.replace(/[\\`*_[\]]/g, '\\$&')}**`);
    md.appendMarkdown(isHeader ? ' (header)' : ` · row ${cell.record.index + 1}`);
    md.appendMarkdown('\n\n');
    if (!isHeader) md.appendMarkdown(`${this.sendLine(doc, cell.record, cell.column)}\n\n`);
    if (match.kind === 'unknown') {
      if (isHeader) md.appendMarkdown(vscode.l10n.t('Not a JumpCloud column: the import ignores it.'));
    } else {
      md.appendMarkdown(match.column.doc);
      if (match.kind === 'fixed' && match.column.aliases.length) md.appendMarkdown(`\n\n${vscode.l10n.t('Also written')}: ${match.column.aliases.join(', ')}`);
      const types = (['import', 'update'] as const).filter(t => match.column.blocks[t]);
      md.appendMarkdown(`\n\n${vscode.l10n.t('Accepted in')}: ${types.join(' and ')} ${vscode.l10n.t('files')}`);
    }
    const f = cell.field;
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)));
  }

  /** What the import plan does with the cell; without a file kind, wrong-type columns cannot be told apart. */
  private sendLine(doc: vscode.TextDocument, record: CsvRecord, column: number): string {
    const type = this.fileTypes.get(doc.uri).type;
    // The header alone: for a large document this parses its first line, not the whole text.
    const header = headerColumns(this.parsed.get(doc, 1), type);
    if (!header) return '';
    const errors = this.errorsOf(doc, type, record);
    return cellSendText(cellSend(header, record, column, errors.row, errors.file), vscode.l10n.t) ?? '';
  }

  /** The error codes of the row and of the file, from a lint of this very text and kind (none from any other). */
  private errorsOf(doc: vscode.TextDocument, type: UserCsvKind | undefined, record: CsvRecord): { row: string[]; file: string[] } {
    const errors = { row: [] as string[], file: [] as string[] };
    const lint = this.latestLint(doc.uri);
    if (!lint || lint.version !== doc.version || lint.type !== type) return errors;
    // A large document's row was read from its line alone (see ParsedDocuments.cellAt): its index is a line number.
    const large = doc.lineCount > LARGE_DOCUMENT_LINES;
    for (const p of lint.result.problems) {
      if (p.severity !== 'error') continue;
      if (p.record === undefined || p.record === 0) errors.file.push(p.code);
      else if (large ? p.range.start.line === record.line : p.record === record.index) errors.row.push(p.code);
    }
    return errors;
  }
}
