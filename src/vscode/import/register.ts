import * as vscode from 'vscode';
import { ImportCommands, type ImportCommandOptions, type ImportDeps } from './import-commands';
import { COMMAND, CONTEXT_KEY, PREVIEW_SCHEME, VIEW } from '../ids';
import type { ImportRuns } from './import-runs';
import type { PreviewDocuments } from './preview-documents';
import { ResultsTree, type ResultNode } from './results-tree';

/** The import feature: its commands, the "JumpCloud Import" results view and the plan preview documents. */
export function registerImport(
  deps: ImportDeps & { readonly runs: ImportRuns; readonly previews: PreviewDocuments; readonly hasApiKey: () => Promise<boolean>; readonly onDidChangeKey: vscode.Event<void> },
): { disposable: vscode.Disposable; tree: ResultsTree; commands: ImportCommands } {
  const commands = new ImportCommands(deps);
  // The results view's welcome text differs with and without a key.
  const updateKeyContext = async () => vscode.commands.executeCommand('setContext', CONTEXT_KEY.hasApiKey, await deps.hasApiKey());
  void updateKeyContext();
  const tree = new ResultsTree(deps.runs, deps.engine);
  const view = vscode.window.createTreeView(VIEW.importResults, { treeDataProvider: tree, showCollapseAll: true });
  const disposable = vscode.Disposable.from(
    tree,
    view,
    deps.onDidChangeKey(() => void updateKeyContext()),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, deps.previews),
    vscode.commands.registerCommand(COMMAND.previewImport, (uri?: unknown) => commands.preview(uri)),
    vscode.commands.registerCommand(COMMAND.importUsers, (uri?: unknown, options?: ImportCommandOptions) => commands.import(uri, options)),
    vscode.commands.registerCommand(COMMAND.retryFailed, (node?: ResultNode, options?: ImportCommandOptions) => commands.retry(node, options)),
    vscode.commands.registerCommand(COMMAND.copyError, (node?: ResultNode) => commands.copyError(node)),
    vscode.commands.registerCommand(COMMAND.exportResults, (node?: ResultNode, target?: vscode.Uri) => commands.exportResults(node, target)),
    vscode.commands.registerCommand(COMMAND.deleteCreated, (node?: ResultNode, options?: ImportCommandOptions) => commands.deleteCreated(node, options)),
    vscode.commands.registerCommand(COMMAND.clearResults, () => deps.runs.clear()),
    vscode.commands.registerCommand(COMMAND.revealRow, (uri: vscode.Uri, record: number) => commands.revealRow(uri, record)),
  );
  return { disposable, tree, commands };
}
