import * as vscode from 'vscode';
import type { UserCsvKind } from '../../core/catalogue';
import { COMMAND, LANGUAGE_ID, STATUS_ITEM } from '../ids';
import type { FileTypes } from './file-types';

const LABEL: Record<UserCsvKind, string> = { import: 'New users (import)', update: 'Existing users (update)' };

/** The language status item: which kind of file this is, and a way to choose when the name does not say. */
export function registerTypeStatus(fileTypes: FileTypes): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem(STATUS_ITEM.fileType, { language: LANGUAGE_ID });
  item.name = vscode.l10n.t('JumpCloud file type');
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) return;
    const { type, source } = fileTypes.get(doc.uri);
    item.text = type ? vscode.l10n.t(LABEL[type]) : vscode.l10n.t('File type unknown');
    item.detail = source === 'name' ? vscode.l10n.t('from the file name') : source === 'choice' ? vscode.l10n.t('chosen') : vscode.l10n.t('only type-neutral checks run');
    item.severity = type ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    item.command = source === 'name' ? undefined : { command: COMMAND.setFileType, title: vscode.l10n.t('Choose…'), arguments: [doc.uri] };
  };
  update();
  return vscode.Disposable.from(item, vscode.window.onDidChangeActiveTextEditor(update), fileTypes.onDidChange(update));
}

/** `JumpCloud: Set File Type…`: asks import or update when not given. */
export async function setFileType(fileTypes: FileTypes, uri?: vscode.Uri, type?: UserCsvKind): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  const chosen =
    type ??
    (
      await vscode.window.showQuickPick(
        (['import', 'update'] as const).map(t => ({ label: vscode.l10n.t(LABEL[t]), type: t })),
        { title: vscode.l10n.t('What does this file do?'), placeHolder: vscode.l10n.t('The checks that apply depend on it') },
      )
    )?.type;
  if (chosen) await fileTypes.set(target, chosen);
}
