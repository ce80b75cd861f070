import * as vscode from 'vscode';
import { readCsv, type CsvDocument, type CsvRecord, type Field } from '../../core/csv';

export interface CellAt {
  readonly record: CsvRecord;
  readonly field: Field;
  readonly column: number;
  /** The header record (index 0), when the file has one. */
  readonly header: CsvRecord | undefined;
}

/**
 * Above this many lines a document is never parsed whole on the extension host's main thread (that is the lint
 * worker's job): hover, completion and the outline read only the lines they need.
 */
export const LARGE_DOCUMENT_LINES = 5000;

/** Offsets of a record read from one line, moved to where that line starts in the document. */
function shift(record: CsvRecord, by: number, index: number, line: number): CsvRecord {
  const fields = record.fields.map(f => ({ ...f, start: f.start + by, end: f.end + by }));
  return { ...record, index, line, start: record.start + by, end: record.end + by, fields };
}

/**
 * Parsed documents for hover, completion and the outline: one parse per document version, kept for the open
 * documents only (the composition root owns the cache; nothing here is module state).
 */
export class ParsedDocuments {
  /** Per document: the version parsed, and how many of its first lines (Infinity: all of them). */
  private readonly cache = new Map<string, { version: number; lines: number; document: CsvDocument }>();

  /** The document parsed, or only its first `lines` lines when it has more (large documents, for the outline). */
  get(doc: vscode.TextDocument, lines = LARGE_DOCUMENT_LINES): CsvDocument {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.lines >= Math.min(lines, doc.lineCount)) return hit.document;
    const partial = doc.lineCount > lines;
    const document = readCsv(partial ? doc.getText(new vscode.Range(0, 0, lines, 0)) : doc.getText());
    this.cache.set(key, { version: doc.version, lines: partial ? lines : Infinity, document });
    return document;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  /** The record and field at an offset; a position just past a field's end still counts as in it (for completion). */
  cellAt(doc: vscode.TextDocument, offset: number): CellAt | undefined {
    if (doc.lineCount > LARGE_DOCUMENT_LINES) return this.cellAtLine(doc, offset);
    const document = this.get(doc);
    const all = document.header ? [document.header, ...document.records] : [];
    let low = 0;
    let high = all.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (all[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    return pick(all[low], offset, document.header);
  }

  /**
   * Large documents: the header and the one line under the cursor, read alone. A row is taken to start on its line
   * (true unless an earlier quoted value spans lines), so its number is the line's.
   */
  private cellAtLine(doc: vscode.TextDocument, offset: number): CellAt | undefined {
    const headerText = doc.lineAt(0).text;
    const head = readCsv(headerText);
    const position = doc.positionAt(offset);
    const header = head.header;
    if (position.line === 0) return pick(header, offset, header);
    const line = doc.lineAt(position.line);
    const record = readCsv(line.text, { delimiter: head.dialect.delimiter }).header;
    const start = doc.offsetAt(line.range.start);
    return record ? pick(shift(record, start, position.line, position.line), offset, header) : undefined;
  }
}

function pick(record: CsvRecord | undefined, offset: number, header: CsvRecord | undefined): CellAt | undefined {
  if (!record || offset < record.start || offset > record.end) return undefined;
  const column = record.fields.findIndex(f => offset >= f.start && offset <= f.end);
  return column < 0 ? undefined : { record, field: record.fields[column], column, header };
}
