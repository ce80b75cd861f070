import { cellText, matchHeader, ROLES, type ColumnSpec } from '../../core/catalogue';
import type { CsvDocument } from '../../core/csv';
import * as vscode from 'vscode';
import { LARGE_DOCUMENT_LINES, type ParsedDocuments } from './parsed-documents';

/**
 * In a large file, rows listed in the outline beyond this many are summarised. VS Code asks for the outline after
 * every edit (for the breadcrumbs and sticky scroll) and copies each answer to the workbench on the extension host's
 * main thread: measured on 100k rows on a busy 2-core machine, an answer of 1000 rows cost 20–140 ms there, mostly
 * that copy, whatever the edit (so it is a size, not a cache, that bounds it).
 */
const MAX_SYMBOLS_LARGE = 200;

/** The outline: one entry per row, named by its Username. */
export class RowOutline implements vscode.DocumentSymbolProvider {
  /**
   * The rows' symbols per parse: VS Code asks for them again after every edit (often twice), and the parse of a large
   * document's first rows outlives edits below them.
   */
  private readonly symbols = new WeakMap<CsvDocument, readonly vscode.DocumentSymbol[]>();

  constructor(private readonly parsed: ParsedDocuments) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const large = doc.lineCount > LARGE_DOCUMENT_LINES;
    const limit = large ? MAX_SYMBOLS_LARGE : Infinity;
    const parse = large ? this.parsed.get(doc, MAX_SYMBOLS_LARGE + 1) : this.parsed.get(doc);
    let rows = this.symbols.get(parse);
    if (!rows) this.symbols.set(parse, (rows = this.rows(doc, parse, limit)));
    const { records } = parse;
    if (!large || !parse.header || records.length === 0) return [...rows];
    // The rest is summarised by its lines, which the document knows at once: VS Code keeps an outline until the next
    // edit, so a count that arrives later (the lint's rows) would stay stale in it.
    const last = records[Math.min(records.length, limit) - 1];
    const end = this.parsed.positions(doc)(last.end);
    const lastLine = doc.lineAt(doc.lineCount - 1);
    const more = doc.lineCount - 1 - end.line - (lastLine.isEmptyOrWhitespace ? 1 : 0);
    if (more <= 0) return [...rows];
    const whole = new vscode.Range(end, lastLine.range.end);
    return [...rows, new vscode.DocumentSymbol(vscode.l10n.t('… {0} more lines', more), '', vscode.SymbolKind.Array, whole, whole)];
  }

  private rows(doc: vscode.TextDocument, { header, records }: CsvDocument, limit: number): vscode.DocumentSymbol[] {
    if (!header) return [];
    // Through the catalogue, so aliases and JumpCloud's own spellings count (the header as Import-Csv reads it).
    const column = (spec: ColumnSpec) => header.fields.findIndex(f => { const m = matchHeader(cellText(f)); return m.kind === 'fixed' && m.column === spec; });
    const at = column(ROLES.username);
    const email = column(ROLES.email);
    const positionAt = this.parsed.positions(doc);
    const range = (start: number, end: number) => new vscode.Range(positionAt(start), positionAt(end));
    return records.slice(0, limit).map(record => {
      const name = (at >= 0 && cellText(record.fields[at]).trim()) || vscode.l10n.t('(no username)');
      const field = at >= 0 ? record.fields[at] : undefined;
      const detail = [`row ${record.index + 1}`, email >= 0 ? cellText(record.fields[email]) : ''].filter(Boolean).join(' · ');
      const whole = range(record.start, record.end);
      return new vscode.DocumentSymbol(name, detail, vscode.SymbolKind.Object, whole, field ? range(field.start, field.end) : whole);
    });
  }
}
