import * as vscode from 'vscode';
import type { FileTypes } from './file-types';
import type { LintController } from '../lint/lint-controller';
import { LANGUAGE_ID } from '../lint/lint-controller';
import { registerCodeActions } from '../lint/code-actions';
import { JumpCloudCompletion } from './completion';
import { ColumnHover } from './hover';
import { RowOutline } from './outline';
import { HeaderLens } from './header-lens';
import { ParsedDocuments } from './parsed-documents';
import { registerLanguageDetection } from './detect';
import { registerTypeStatus } from './type-status';

/** The language features of `jumpcloud-csv` documents, over the lint controller's results. */
export function registerLanguageFeatures(lint: LintController, fileTypes: FileTypes): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  const parsed = new ParsedDocuments();
  return vscode.Disposable.from(
    registerLanguageDetection(),
    registerCodeActions(lint, fileTypes),
    vscode.languages.registerCompletionItemProvider(selector, new JumpCloudCompletion(parsed, fileTypes), ...JumpCloudCompletion.triggerCharacters),
    vscode.languages.registerHoverProvider(selector, new ColumnHover(parsed)),
    vscode.languages.registerDocumentSymbolProvider(selector, new RowOutline(parsed), { label: 'JumpCloud users' }),
    vscode.languages.registerCodeLensProvider(selector, new HeaderLens(lint)),
    registerTypeStatus(fileTypes),
    vscode.workspace.onDidCloseTextDocument(doc => parsed.forget(doc.uri)),
  );
}
