import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/vscode/extension';
import { extensionApi } from './helpers/wizard-driver';
import { closeWithoutSaving, codeOf, diagnosticsWhen, fixture, openLinted } from './helpers/documents';

/** The hover's text at the first occurrence of `cell` on `line`. */
async function hoverText(editor: vscode.TextEditor, line: number, cell: string): Promise<string> {
  const at = editor.document.lineAt(line).text.indexOf(cell);
  assert.ok(at >= 0, `${cell} on line ${line + 1}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, at + 1));
  return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('hover says what the import plan sends', function () {
  let api: ExtensionApi;
  before(async () => (api = await extensionApi()));
  afterEach(async () => {
    while (vscode.window.activeTextEditor) await closeWithoutSaving();
  });

  const file = fixture('hover', 'JCUserImport_03-01-2026.csv');

  it('an update-only column of a new-users file is left out, whatever it holds', async () => {
    const editor = await openLinted(api, file);
    const text = await hoverText(editor, 1, 'true');
    assert.match(text, /Import sends nothing: left out, new-users files cannot set account_locked/);
    assert.doesNotMatch(text, /Import sends: /);
  });

  it('a valid cell of a row with an error elsewhere is skipped with its row, once the lint has run', async () => {
    const editor = await openLinted(api, file);
    await diagnosticsWhen(file, d => d.some(x => codeOf(x) === 'invalid-email'));
    assert.match(await hoverText(editor, 2, 'Analyst'), /Import sends nothing: the row is skipped \(invalid-email\)/);
    assert.match(await hoverText(editor, 1, 'Engineer'), /Import sends: `"Engineer"`/, 'a clean row sends its cells');
  });
});
