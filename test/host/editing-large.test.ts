import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lintLocated } from '../../src/core/lint';
import { userCsv } from '../bench/user-csv';
import { closeWithoutSaving, diagnosticsWhen } from './helpers/documents';
import { extensionApi } from './helpers/wizard-driver';

/** The outline a large file should show, read from its text: its first 200 rows by username, then a summary. */
function expectedOutline(doc: vscode.TextDocument, rows: number): string[] {
  const listed = Array.from({ length: 200 }, (_, i) => `${i + 1}:${doc.lineAt(i + 1).text.split(',')[2]}`);
  // The generated rows are one line each, so the lines after the listed rows are the rows after them.
  return [...listed, `200:… ${rows - 200} more lines`];
}

const shownOutline = (symbols: readonly vscode.DocumentSymbol[]) => symbols.map(s => `${s.range.start.line}:${s.name}`);
const shownProblems = (d: readonly { range: { start: vscode.Position | { line: number; character: number } }; message: string }[]) =>
  d.map(x => `${x.range.start.line}:${x.range.start.character} ${x.message}`).sort();

describe('editing a large file (parts of the outline and diagnostics kept between edits)', function () {
  this.timeout(60_000);

  it('keeps the outline, the diagnostics and the CodeLens right, edit after edit, above and below the rows listed', async () => {
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, 'JCUserImport_editing-6k.csv');
    await fs.writeFile(file, userCsv(6000)); // over 5000 lines: the outline reads only its first rows
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    let rows = 6000;
    const check = async (what: string) => {
      await api.whenLinted(doc);
      const fresh = lintLocated(doc.getText(), { type: 'import' });
      const want = shownProblems(fresh.problems);
      const got = await diagnosticsWhen(doc.uri, d => shownProblems(d).join('\n') === want.join('\n'));
      assert.deepEqual(shownProblems(got), want, `diagnostics after ${what}`);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      assert.deepEqual(shownOutline(symbols), expectedOutline(doc, rows), `outline after ${what}`);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      assert.match(lenses[0]?.command?.title ?? '', new RegExp(`^${rows} rows · ${fresh.counts.error} errors,`), `CodeLens after ${what}`);
    };
    const replaceInLine = (line: number, from: string, to: string) => {
      const at = doc.lineAt(line).text.indexOf(from);
      return editor.edit(b => b.replace(new vscode.Range(line, at, line, at + from.length), to));
    };
    const rename = (line: number) => replaceInLine(line, doc.lineAt(line).text.split(',')[2], `renamed${line}`);
    try {
      await check('opening');
      await replaceInLine(3002, '@example.com', '@example');
      await check('an edit below the rows listed');
      await replaceInLine(201, ',', ';');
      await check('an edit just below the rows listed');
      await rename(5);
      await check('an edit of a listed username');
      await rename(200);
      await check('an edit of the last listed row');
      await editor.edit(b => b.insert(new vscode.Position(10, 0), doc.lineAt(2).text + '\r\n'));
      rows++;
      await check('a row inserted among the listed ones');
      await editor.edit(b => b.delete(new vscode.Range(4000, 0, 4001, 0)));
      rows--;
      await check('a row deleted below them');
    } finally {
      await closeWithoutSaving();
      await fs.rm(file);
    }
  });
});
