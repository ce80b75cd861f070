import * as vscode from 'vscode';
import type { FileTypes } from './file-types';
import type { OrgCache } from '../jumpcloud/org-cache';
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
import { registerOrgStatus } from '../jumpcloud/org-status';
import { lintSettings } from '../lint/settings';

/** The language features of `jumpcloud-csv` documents, over the lint controller's results. */
export function registerLanguageFeatures(lint: LintController, fileTypes: FileTypes, orgCache: OrgCache): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  const parsed = new ParsedDocuments();
  return vscode.Disposable.from(
    registerLanguageDetection(),
    registerCodeActions(lint, fileTypes),
    vscode.languages.registerCompletionItemProvider(selector, new JumpCloudCompletion(parsed, fileTypes, doc => (lintSettings(doc.uri).checkOrganization ? orgCache.peek() : undefined)), ...JumpCloudCompletion.triggerCharacters),
    vscode.languages.registerHoverProvider(selector, new ColumnHover(parsed)),
    vscode.languages.registerDocumentSymbolProvider(selector, new RowOutline(parsed, doc => lint.snapshot(doc.uri)?.result.rows), { label: 'JumpCloud users' }),
    vscode.languages.registerCodeLensProvider(selector, new HeaderLens(lint)),
    registerTypeStatus(fileTypes),
    registerOrgStatus(orgCache),
    vscode.workspace.onDidCloseTextDocument(doc => parsed.forget(doc.uri)),
  );
}
