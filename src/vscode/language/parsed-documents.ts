import * as vscode from 'vscode';
import { LineIndex, readCsv, type CsvDocument, type CsvRecord, type Field } from '../../core/csv';

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

/** One parse of a document: of its first `lines` lines (Infinity: all of them), valid at `version`. */
interface Parse {
  version: number;
  readonly lines: number;
  readonly document: CsvDocument;
  /** The text parsed, when it is only the document's first lines (for positions; see positions()). */
  readonly head?: string;
  index?: LineIndex;
}

/**
 * Parsed documents for hover, completion and the outline: one parse per document version, kept for the open
 * documents only (the composition root owns the cache; nothing here is module state). The parse of a large
 * document's first lines stays valid across edits below them (see noteChange).
 */
export class ParsedDocuments {
  private readonly cache = new Map<string, Parse>();

  /** The document parsed, or only its first `lines` lines when it has more (large documents, for the outline). */
  get(doc: vscode.TextDocument, lines = LARGE_DOCUMENT_LINES): CsvDocument {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.lines >= Math.min(lines, doc.lineCount)) return hit.document;
    const partial = doc.lineCount > lines;
    const text = partial ? doc.getText(new vscode.Range(0, 0, lines, 0)) : doc.getText();
    const document = readCsv(text);
    this.cache.set(key, { version: doc.version, lines: partial ? lines : Infinity, document, ...(partial ? { head: text } : {}) });
    return document;
  }

  /**
   * Positions of offsets in the document's current parse. For a parse of the first lines they are read from that
   * text: the document's own positionAt makes VS Code re-sum the length of every line after the last edit.
   */
  positions(doc: vscode.TextDocument): (offset: number) => vscode.Position {
    const hit = this.cache.get(doc.uri.toString());
    const head = hit?.version === doc.version ? hit.head : undefined;
    if (!hit || head === undefined) return offset => doc.positionAt(offset);
    const index = (hit.index ??= new LineIndex(head));
    return offset => {
      if (offset > head.length) return doc.positionAt(offset);
      const { line, character } = index.positionAt(offset);
      return new vscode.Position(line, character);
    };
  }

  /** Keeps a parse of a document's first lines when an edit leaves those lines alone; drops any other parse. */
  noteChange(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const hit = this.cache.get(key);
    if (!hit) return;
    const untouched = hit.head !== undefined && hit.version === e.document.version - 1 && e.contentChanges.every(c => c.range.start.line >= hit.lines);
    if (untouched) hit.version = e.document.version;
    else this.cache.delete(key);
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
