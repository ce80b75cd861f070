import * as vscode from 'vscode';
import type { UserCsvKind } from '../../core/catalogue';
import type { OrgSnapshot } from '../../core/org';
import { COMMAND, LANGUAGE_ID } from '../ids';
import { JumpCloudCompletion } from './completion';
import { registerLanguageDetection, treatAsUserCsv } from './detect';
import type { FileTypes } from './file-types';
import { ColumnHover, type HoverLint } from './hover';
import { RowOutline } from './outline';
import { ParsedDocuments } from './parsed-documents';
import { registerTypeStatus, setFileType } from './type-status';

export interface LanguageDeps {
  readonly fileTypes: FileTypes;
  /** The organization to complete names from, when it is at hand and wanted for this document. */
  readonly org: (doc: vscode.TextDocument) => OrgSnapshot | undefined;
  /** The latest lint of a document, so hover can say when the import skips a row. */
  readonly latestLint: (uri: vscode.Uri) => HoverLint | undefined;
}

/** The `jumpcloud-csv` language: detection, the file type, completion, hover and the outline. */
export function registerLanguage({ fileTypes, org, latestLint }: LanguageDeps): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  const parsed = new ParsedDocuments();
  return vscode.Disposable.from(
    registerLanguageDetection(),
    vscode.languages.registerCompletionItemProvider(selector, new JumpCloudCompletion(parsed, fileTypes, org), ...JumpCloudCompletion.triggerCharacters),
    vscode.languages.registerHoverProvider(selector, new ColumnHover(parsed, fileTypes, latestLint)),
    vscode.languages.registerDocumentSymbolProvider(selector, new RowOutline(parsed), { label: 'JumpCloud users' }),
    registerTypeStatus(fileTypes),
    vscode.workspace.onDidCloseTextDocument(doc => parsed.forget(doc.uri)),
    vscode.workspace.onDidChangeTextDocument(e => e.contentChanges.length && parsed.noteChange(e)),
    vscode.commands.registerCommand(COMMAND.treatAsUserCsv, (uri?: vscode.Uri) => treatAsUserCsv(uri)),
    vscode.commands.registerCommand(COMMAND.setFileType, (uri?: vscode.Uri, type?: UserCsvKind) => setFileType(fileTypes, uri, type)),
  );
}
