import * as vscode from 'vscode';
import { LARGE_DOCUMENT_LINES, type ParsedDocuments } from './parsed-documents';

/** Rows listed in the outline beyond this many are summarised, so a 100k-row file keeps a usable outline. */
const MAX_SYMBOLS = LARGE_DOCUMENT_LINES - 1;

/** The outline: one entry per row, named by its Username. */
export class RowOutline implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly parsed: ParsedDocuments,
    /** How many data rows the whole file has (the lint knows; the outline reads only the first lines of large files). */
    private readonly rowCount: (doc: vscode.TextDocument) => number | undefined,
  ) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const { header, records } = this.parsed.get(doc);
    if (!header) return [];
    const at = header.fields.findIndex(f => f.value.trim().toLowerCase() === 'username');
    const email = header.fields.findIndex(f => f.value.trim().toLowerCase() === 'email');
    const range = (start: number, end: number) => new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const symbols = records.slice(0, MAX_SYMBOLS).map(record => {
      const name = (at >= 0 && record.fields[at]?.value.trim()) || vscode.l10n.t('(no username)');
      const field = at >= 0 ? record.fields[at] : undefined;
      const detail = [`row ${record.index + 1}`, email >= 0 ? record.fields[email]?.value : ''].filter(Boolean).join(' · ');
      const whole = range(record.start, record.end);
      return new vscode.DocumentSymbol(name, detail, vscode.SymbolKind.Object, whole, field ? range(field.start, field.end) : whole);
    });
    const total = Math.max(records.length, this.rowCount(doc) ?? 0);
    if (total > MAX_SYMBOLS && records.length > 0) {
      const last = records[Math.min(records.length, MAX_SYMBOLS) - 1];
      const whole = new vscode.Range(doc.positionAt(last.end), doc.lineAt(doc.lineCount - 1).range.end);
      symbols.push(new vscode.DocumentSymbol(vscode.l10n.t('… {0} more rows', total - MAX_SYMBOLS), '', vscode.SymbolKind.Array, whole, whole));
    }
    return symbols;
  }
}
