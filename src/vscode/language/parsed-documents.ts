import type * as vscode from 'vscode';
import { readCsv, type CsvDocument, type CsvRecord, type Field } from '../../core/csv';

export interface CellAt {
  readonly record: CsvRecord;
  readonly field: Field;
  readonly column: number;
  readonly document: CsvDocument;
}

/**
 * Parsed documents for hover, completion, outline and CodeLens: one parse per document version, kept for the
 * open documents only (the composition root owns the cache; nothing here is module state).
 */
export class ParsedDocuments {
  private readonly cache = new Map<string, { version: number; document: CsvDocument }>();

  get(doc: vscode.TextDocument): CsvDocument {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.document;
    const document = readCsv(doc.getText());
    this.cache.set(key, { version: doc.version, document });
    return document;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  /** The record and field at an offset; a position just past a field's end still counts as in it (for completion). */
  cellAt(doc: vscode.TextDocument, offset: number): CellAt | undefined {
    const document = this.get(doc);
    const all = document.header ? [document.header, ...document.records] : [];
    let low = 0;
    let high = all.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (all[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    const record = all[low];
    if (!record || offset < record.start || offset > record.end) return undefined;
    const column = record.fields.findIndex(f => offset >= f.start && offset <= f.end);
    return column < 0 ? undefined : { record, field: record.fields[column], column, document };
  }
}
