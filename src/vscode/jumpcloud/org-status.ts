import * as vscode from 'vscode';
import { COMMAND, LANGUAGE_ID, SETTING, STATUS_ITEM } from '../ids';
import { lintSettings } from '../lint/settings';
import type { OrgCache } from './org-cache';

/**
 * A language status item for JumpCloud CSVs: which organization the rows are checked against, or why none is
 * (Restricted Mode, no key, reading, a failed read), with the command that helps. It only shows the cache's state.
 */
export function registerOrgStatus(orgCache: OrgCache): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem(STATUS_ITEM.organization, { language: LANGUAGE_ID });
  item.name = vscode.l10n.t('JumpCloud organization');
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && doc.languageId === LANGUAGE_ID && !lintSettings(doc.uri).checkOrganization) {
      Object.assign(item, { text: vscode.l10n.t('Organization checks off'), detail: SETTING.lintCheckOrganization, busy: false, command: undefined });
      return;
    }
    const state = orgCache.state();
    item.busy = state.kind === 'loading';
    item.severity = state.kind === 'failed' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    if (state.kind === 'restricted') {
      item.text = vscode.l10n.t('Organization checks off in Restricted Mode');
      item.detail = vscode.l10n.t('trust this workspace to check rows against your organization');
      item.command = { command: 'workbench.trust.manage', title: vscode.l10n.t('Manage Workspace Trust') };
    } else if (state.kind === 'no-key') {
      item.text = vscode.l10n.t('No JumpCloud organization');
      item.detail = vscode.l10n.t('set an API key to check rows against it');
      item.command = { command: COMMAND.setApiKey, title: vscode.l10n.t('Set API Key…') };
    } else if (state.kind === 'loading') {
      item.text = vscode.l10n.t('Reading JumpCloud organization…');
      item.detail = undefined;
      item.command = undefined;
    } else if (state.kind === 'failed') {
      item.text = vscode.l10n.t('JumpCloud organization not read');
      item.detail = state.reason;
      item.command = { command: COMMAND.refreshOrganization, title: vscode.l10n.t('Try Again') };
    } else {
      const { org } = state;
      item.text = org.name;
      item.detail = vscode.l10n.t('{0} users, {1} groups, {2} devices', org.users.length, org.groups.length, org.systems.length);
      item.command = { command: COMMAND.refreshOrganization, title: vscode.l10n.t('Refresh') };
    }
  };
  update();
  return vscode.Disposable.from(
    item,
    orgCache.onDidChangeState(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration(SETTING.lintCheckOrganization) && update()),
  );
}
