import * as vscode from 'vscode';
import { cellText, matchHeader, readValue } from '../../core/catalogue';
import type { ParsedDocuments } from './parsed-documents';

/** Hover on a header or a cell: the column's doc from the catalogue, with the cell's header and row. */
export class ColumnHover implements vscode.HoverProvider {
  constructor(private readonly parsed: ParsedDocuments) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const cell = this.parsed.cellAt(doc, doc.offsetAt(position));
    const headerField = cell?.header?.fields[cell.column];
    if (!cell || !headerField) return undefined;
    const header = cellText(headerField);
    const match = matchHeader(header);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${header.replace(/[\\`*_[\]]/g, '\\$&')}**`);
    md.appendMarkdown(cell.record.index === 0 ? ' (header)' : ` · row ${cell.record.index + 1}`);
    md.appendMarkdown('\n\n');
    if (match.kind === 'unknown') md.appendMarkdown(vscode.l10n.t('Not a JumpCloud column: the import ignores it.'));
    else {
      // What the import sends for this cell: the same reading the lint checks (an empty cell changes nothing).
      const text = cell.record.index === 0 ? undefined : cellText(cell.field);
      if (text !== undefined) {
        const reading = text === '' ? undefined : readValue(match.column.value, text);
        const sent = reading === undefined ? vscode.l10n.t('empty: the import leaves this field unchanged') : reading.value === undefined ? vscode.l10n.t('not sent: the row is skipped ({0})', reading.issue?.code ?? '') : `\`${JSON.stringify(reading.value)}\``;
        md.appendMarkdown(`${vscode.l10n.t('Import sends')}: ${sent}\n\n`);
      }
      md.appendMarkdown(match.column.doc);
      if (match.kind === 'fixed' && match.column.aliases.length) md.appendMarkdown(`\n\n${vscode.l10n.t('Also written')}: ${match.column.aliases.join(', ')}`);
      const types = (['import', 'update'] as const).filter(t => match.column.blocks[t]);
      md.appendMarkdown(`\n\n${vscode.l10n.t('Accepted in')}: ${types.join(' and ')} ${vscode.l10n.t('files')}`);
    }
    const f = cell.field;
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)));
  }
}
