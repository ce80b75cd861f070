import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lintLocated } from '../../src/core/lint';
import { userCsv } from '../bench/user-csv';
import { closeWithoutSaving, diagnosticsWhen } from './helpers/documents';
import { extensionApi } from './helpers/wizard-driver';

describe('a large file (linted in the worker from its edits)', function () {
  this.timeout(60_000);

  it('shows the same problems as a fresh lint of the text, edit after edit', async () => {
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, 'JCUserImport_large-20k.csv');
    await fs.writeFile(file, userCsv(20_000)); // 2.6 MB: over the worker threshold
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    await api.whenLinted(doc);
    const expected = () => lintLocated(doc.getText(), { type: 'import' }).problems.map(p => `${p.range.start.line}:${p.range.start.character} ${p.message}`).sort();
    const shown = (d: readonly vscode.Diagnostic[]) => d.map(x => `${x.range.start.line}:${x.range.start.character} ${x.message}`).sort();
    assert.deepEqual(shown(vscode.languages.getDiagnostics(doc.uri)), expected());
    try {
      // 1: break an e-mail; 2: insert a row that repeats a username; 3: two cursors' worth of edits in one event.
      const email = doc.lineAt(3).text.indexOf('@example.com');
      await editor.edit(b => b.replace(new vscode.Range(3, email, 3, email + 12), '@example'));
      await editor.edit(b => b.insert(new vscode.Position(5, 0), doc.lineAt(2).text + '\r\n'));
      await editor.edit(b => {
        b.replace(new vscode.Range(7, 0, 7, 3), 'XYZ');
        b.replace(new vscode.Range(9, 0, 9, 3), 'ABC');
      });
      await api.whenLinted(doc);
      const want = expected();
      const got = await diagnosticsWhen(doc.uri, d => shown(d).join('\n') === want.join('\n'));
      assert.deepEqual(shown(got), want);
      assert.ok(want.some(m => m.includes('is also in row')), 'the repeated username is reported');
    } finally {
      await closeWithoutSaving();
      await fs.rm(file);
    }
  });
});
