import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension';

export function fixture(...parts: string[]): vscode.Uri {
  const ws = vscode.workspace.workspaceFolders?.[0];
  if (!ws) throw new Error('the host tests need a workspace folder');
  return vscode.Uri.joinPath(ws.uri, ...parts);
}

/** Resolves with the document's diagnostics once `ready` holds, waiting on onDidChangeDiagnostics (no polling). */
export function diagnosticsWhen(uri: vscode.Uri, ready: (d: readonly vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (ready(current)) return Promise.resolve(current);
  return new Promise(resolve => {
    const sub = vscode.languages.onDidChangeDiagnostics(e => {
      if (!e.uris.some(u => u.toString() === uri.toString())) return;
      const next = vscode.languages.getDiagnostics(uri);
      if (ready(next)) {
        sub.dispose();
        resolve(next);
      }
    });
  });
}

/** Resolves after the extension's next lint of `uri` (for results that may be "no problems", which fire no change). */
export function nextLint(api: ExtensionApi, uri: vscode.Uri): Promise<void> {
  return new Promise(resolve => {
    const sub = api.onDidLint(u => {
      if (u.toString() === uri.toString()) {
        sub.dispose();
        resolve();
      }
    });
  });
}

/** Opens a fixture in an editor and waits until its current text has been linted. */
export async function openLinted(api: ExtensionApi, uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await api.whenLinted(doc);
  return editor;
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

export async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Resolves at the next arrival or drop of the organization's data. */
export function organizationChange(api: ExtensionApi): Promise<void> {
  return new Promise(resolve => {
    const sub = api.onDidChangeOrganization(() => {
      sub.dispose();
      resolve();
    });
  });
}
