import { cellText, matchHeader, ROLES, type ColumnSpec } from '../../core/catalogue';
import * as vscode from 'vscode';
import { LARGE_DOCUMENT_LINES, type ParsedDocuments } from './parsed-documents';

/**
 * In a large file, rows listed in the outline beyond this many are summarised. VS Code asks for the outline after
 * every edit (for the breadcrumbs too): measured on 100k rows, listing 5000 cost 10–25 ms of the extension host's
 * main thread per request, 1000 a fifth of that.
 */
const MAX_SYMBOLS_LARGE = 1000;

/** The outline: one entry per row, named by its Username. */
export class RowOutline implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    /** How many data rows the whole file has (the lint knows; the outline reads only the first lines of large files). */
    private readonly rowCount: (doc: vscode.TextDocument) => number | undefined,
  ) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const large = doc.lineCount > LARGE_DOCUMENT_LINES;
    const limit = large ? MAX_SYMBOLS_LARGE : Infinity;
    const { header, records } = large ? this.parsed.get(doc, MAX_SYMBOLS_LARGE + 1) : this.parsed.get(doc);
    if (!header) return [];
    // Through the catalogue, so aliases and JumpCloud's own spellings count (the header as Import-Csv reads it).
    const column = (spec: ColumnSpec) => header.fields.findIndex(f => { const m = matchHeader(cellText(f)); return m.kind === 'fixed' && m.column === spec; });
    const at = column(ROLES.username);
    const email = column(ROLES.email);
    const range = (start: number, end: number) => new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const symbols = records.slice(0, limit).map(record => {
      const name = (at >= 0 && cellText(record.fields[at]).trim()) || vscode.l10n.t('(no username)');
      const field = at >= 0 ? record.fields[at] : undefined;
      const detail = [`row ${record.index + 1}`, email >= 0 ? cellText(record.fields[email]) : ''].filter(Boolean).join(' · ');
      const whole = range(record.start, record.end);
      return new vscode.DocumentSymbol(name, detail, vscode.SymbolKind.Object, whole, field ? range(field.start, field.end) : whole);
    });
    const total = Math.max(records.length, this.rowCount(doc) ?? 0);
    if (total > limit && records.length > 0) {
      const last = records[Math.min(records.length, limit) - 1];
      const whole = new vscode.Range(doc.positionAt(last.end), doc.lineAt(doc.lineCount - 1).range.end);
      symbols.push(new vscode.DocumentSymbol(vscode.l10n.t('… {0} more rows', total - limit), '', vscode.SymbolKind.Array, whole, whole));
    }
    return symbols;
  }
}
