import * as vscode from 'vscode';
import { ImportCommands, type ImportCommandOptions, type ImportDeps } from './import-commands';
import { IMPORT_IDS } from './import-ids';
import type { ImportRuns } from './import-runs';
import type { PreviewDocuments } from './preview-documents';
import { ResultsTree, type ResultNode } from './results-tree';

/** The import feature: its commands, the "JumpCloud Import" results view and the plan preview documents. */
export function registerImport(deps: ImportDeps & { readonly runs: ImportRuns; readonly previews: PreviewDocuments }): { disposable: vscode.Disposable; tree: ResultsTree; commands: ImportCommands } {
  const commands = new ImportCommands(deps);
  const tree = new ResultsTree(deps.runs);
  const view = vscode.window.createTreeView(IMPORT_IDS.resultsView, { treeDataProvider: tree, showCollapseAll: true });
  const disposable = vscode.Disposable.from(
    tree,
    view,
    vscode.workspace.registerTextDocumentContentProvider(IMPORT_IDS.previewScheme, deps.previews),
    vscode.commands.registerCommand(IMPORT_IDS.previewImport, (uri?: unknown) => commands.preview(uri)),
    vscode.commands.registerCommand(IMPORT_IDS.importUsers, (uri?: unknown, options?: ImportCommandOptions) => commands.import(uri, options)),
    vscode.commands.registerCommand(IMPORT_IDS.retryFailed, (node?: ResultNode, options?: ImportCommandOptions) => commands.retry(node, options)),
    vscode.commands.registerCommand(IMPORT_IDS.copyError, (node?: ResultNode) => commands.copyError(node)),
    vscode.commands.registerCommand(IMPORT_IDS.exportResults, (node?: ResultNode, target?: vscode.Uri) => commands.exportResults(node, target)),
    vscode.commands.registerCommand(IMPORT_IDS.deleteCreated, (node?: ResultNode, options?: ImportCommandOptions) => commands.deleteCreated(node, options)),
    vscode.commands.registerCommand(IMPORT_IDS.clearResults, () => deps.runs.clear()),
    vscode.commands.registerCommand(IMPORT_IDS.revealRow, (uri: vscode.Uri, record: number) => commands.revealRow(uri, record)),
  );
  return { disposable, tree, commands };
}
