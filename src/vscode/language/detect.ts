import * as vscode from 'vscode';
import { matchHeader } from '../../core/catalogue';
import { readCsv } from '../../core/csv';
import { LANGUAGE_ID, SETTING } from '../ids';

/** Header cells that must be catalogue columns for a plain CSV to be taken as a JumpCloud user file. */
const MIN_KNOWN_HEADERS = 3;
/** Only the start of the file is read: the header is all detection needs. */
const SNIFF_CHARS = 16 * 1024;
/** Language ids other extensions give CSV files (Rainbow CSV has several), and plain text. */
const CSV_LANGUAGES = new Set(['csv', 'csv (semicolon)', 'csv (pipe)', 'tsv', 'plaintext']);

function looksLikeUserCsv(text: string): boolean {
  const header = readCsv(text.slice(0, SNIFF_CHARS)).header;
  return (header?.fields.filter(f => matchHeader(f.value).kind !== 'unknown').length ?? 0) >= MIN_KNOWN_HEADERS;
}

/**
 * Gives `.csv` files whose header has JumpCloud columns the `jumpcloud-csv` language, so diagnostics show even
 * when another extension claimed the file as `csv`. The setting `jumpcloud.detectUserCsv` turns this off.
 */
export function registerLanguageDetection(): vscode.Disposable {
  const check = (doc: vscode.TextDocument) => {
    if (!CSV_LANGUAGES.has(doc.languageId) || !/\.(csv|tsv|txt)$/i.test(doc.uri.path)) return;
    if (!vscode.workspace.getConfiguration(undefined, doc.uri).get<boolean>(SETTING.detectUserCsv, true)) return;
    if (looksLikeUserCsv(doc.getText(new vscode.Range(0, 0, 20, 0)))) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  vscode.workspace.textDocuments.forEach(check);
  return vscode.workspace.onDidOpenTextDocument(check);
}

/** `JumpCloud: Treat This File as a User CSV`. */
export async function treatAsUserCsv(uri?: vscode.Uri): Promise<void> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a CSV file first.'));
    return;
  }
  await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
}
