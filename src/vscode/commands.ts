import * as vscode from 'vscode';
import type { TemplateType } from '../core/catalogue';
import type { Credentials } from './jumpcloud/credentials';
import { promptForApiKey, testConnection, type JumpCloudConnection } from './jumpcloud/connection';
import type { OrgCache } from './jumpcloud/org-cache';
import type { FileTypes } from './language/file-types';
import { treatAsUserCsv } from './language/detect';
import { setFileType } from './language/type-status';
import type { Log } from './log';
import { runTemplateWizard } from './wizard/template-wizard';
import type { StepInput } from './wizard/quick-input';

export interface CommandDeps {
  readonly log: Log;
  readonly stepInput: StepInput;
  readonly fileTypes: FileTypes;
  readonly credentials: Credentials;
  readonly connection: JumpCloudConnection;
  readonly orgCache: OrgCache;
  readonly now: () => Date;
}

/** Every command the extension contributes, registered in one place. */
export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const { log, credentials, connection, orgCache } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand('jumpcloud.newTemplate', () =>
      runTemplateWizard({
        input: deps.stepInput,
        log,
        now: deps.now,
        connected: async () => Boolean(await credentials.apiKey()),
        org: () => orgCache.get(),
      }),
    ),
    vscode.commands.registerCommand('jumpcloud.treatAsUserCsv', (uri?: vscode.Uri) => treatAsUserCsv(uri)),
    vscode.commands.registerCommand('jumpcloud.setFileType', (uri?: vscode.Uri, type?: TemplateType) => setFileType(deps.fileTypes, uri, type)),
    vscode.commands.registerCommand('jumpcloud.setApiKey', async (key?: unknown) => {
      if (await promptForApiKey(credentials, typeof key === 'string' ? key : undefined)) {
        log.info('API key stored in the system keychain.');
        return testConnection(connection, log);
      }
      return undefined;
    }),
    vscode.commands.registerCommand('jumpcloud.signOut', async () => {
      await credentials.signOut();
      orgCache.reset();
      log.info('API key removed.');
      void vscode.window.showInformationMessage(vscode.l10n.t('The JumpCloud API key was removed from this computer.'));
    }),
    vscode.commands.registerCommand('jumpcloud.testConnection', () => testConnection(connection, log)),
    vscode.commands.registerCommand('jumpcloud.refreshOrganization', async () => {
      const org = await orgCache.refresh();
      if (!org && !(await credentials.apiKey())) void vscode.window.showWarningMessage(vscode.l10n.t('No JumpCloud API key is set. Run "JumpCloud: Set API Key…" first.'));
      return org ? { users: org.users.length, groups: org.groups.length, systems: org.systems.length, ldapServers: org.ldapServers.length } : undefined;
    }),
  );
}
