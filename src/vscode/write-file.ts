import * as vscode from 'vscode';
import { writeFileSafely } from '../core/files/safe-write';

/**
 * Writes a file a person chose in a save dialog (which has asked before replacing one). A file on disk goes through
 * the product's one writer (complete or not at all, a link replaced rather than written through); any other scheme
 * (a remote or virtual workspace) only VS Code's file system can reach.
 */
export async function writeChosenFile(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') await writeFileSafely(uri.fsPath, text, 'replace');
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
