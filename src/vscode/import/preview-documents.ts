import * as path from 'node:path';
import * as vscode from 'vscode';
import { PREVIEW_SCHEME } from '../ids';

/**
 * Read-only documents that show an import's plan. A content provider rather than an untitled document, so the
 * preview is never "unsaved" and closing it asks nothing.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows (or refreshes) the preview of a CSV file's import. */
  async show(csv: vscode.Uri, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${path.basename(csv.fsPath)} (import preview)`, query: csv.toString() });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return doc;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
