import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lintLocated } from '../../src/core/lint';
import { userCsv } from '../bench/user-csv';
import { closeWithoutSaving, diagnosticsWhen } from './helpers/documents';
import { extensionApi } from './helpers/wizard-driver';

/** Writes `rows` generated users to a file of the workspace, opens it and waits for its first lint. */
async function openLarge(name: string, rows: number) {
  const api = await extensionApi();
  const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, name);
  await fs.writeFile(file, userCsv(rows));
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  await api.whenLinted(doc);
  return { api, file, doc, editor };
}

describe('a large file (linted in the worker from its edits)', function () {
  this.timeout(60_000);

  it('shows the same problems as a fresh lint of the text, edit after edit', async () => {
    const { api, file, doc, editor } = await openLarge('JCUserImport_large-20k.csv', 20_000); // 2.6 MB: over the worker threshold
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

  it('follows quotes opened and closed, duplicates made and removed, and edits of the header', async () => {
    const { api, file, doc, editor } = await openLarge('JCUserImport_large-edits.csv', 8_000); // 1 MB: over the worker threshold
    const shown = (d: readonly vscode.Diagnostic[]) => d.map(x => `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.message}`).sort();
    const expected = () => shown(lintLocated(doc.getText(), { type: 'import' }).problems.map(p => new vscode.Diagnostic(new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character), p.message)));
    const settled = async (what: string) => {
      await api.whenLinted(doc);
      const want = expected();
      const got = await diagnosticsWhen(doc.uri, d => shown(d).join('\n') === want.join('\n'));
      assert.deepEqual(shown(got), want, what);
      return want;
    };
    try {
      const username = (line: number) => doc.lineAt(line).text.split(',')[2];
      const at = (line: number, text: string) => doc.lineAt(line).text.indexOf(text);
      // A quote opened in row 4000 runs on to the next quote in the file, rows later; closing it brings the rows back.
      const clean = await settled('opened');
      await editor.edit(b => b.insert(new vscode.Position(4000, 0), '"'));
      assert.notDeepEqual(await settled('quote opened'), clean);
      await editor.edit(b => b.delete(new vscode.Range(4000, 0, 4000, 1)));
      assert.deepEqual(await settled('quote closed'), clean);
      // Row 7000 takes row 10's username, then gives it back: reported while it lasts, on the later row.
      const taken = username(7000);
      await editor.edit(b => b.replace(new vscode.Range(7000, at(7000, taken), 7000, at(7000, taken) + taken.length), username(10)));
      assert.ok((await settled('duplicate made')).some(m => m.startsWith('7000:') && m.includes('is also in row 11')));
      await editor.edit(b => b.replace(new vscode.Range(7000, at(7000, username(10)), 7000, at(7000, username(10)) + username(10).length), taken));
      await settled('duplicate removed');
      // A header renamed to something unknown: every row is read again through the new header.
      await editor.edit(b => b.replace(new vscode.Range(0, 0, 0, 'FirstName'.length), 'Forename'));
      await settled('header edited');
    } finally {
      await closeWithoutSaving();
      await fs.rm(file);
    }
  });
});
