import * as vscode from 'vscode';
import type { OrgSnapshot } from '../../core/org';
import { COMMAND } from '../ids';
import type { Log } from '../log';
import { abortSignalOf } from '../cancellation';
import { mayReachJumpCloud, promptForApiKey, testConnection, type JumpCloudConnection } from './connection';
import type { Credentials } from './credentials';
import type { OrgCache } from './org-cache';
import { registerOrgStatus } from './org-status';

/** Reads the organization while a person waits: a notification with a Cancel button. */
export function readOrganizationWithProgress(orgCache: OrgCache, force = false): Thenable<OrgSnapshot | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading JumpCloud organization…'), cancellable: true },
    (_progress, token) => orgCache.load({ force, signal: abortSignalOf(token) }),
  );
}

export interface JumpCloudDeps {
  readonly log: Log;
  readonly credentials: Credentials;
  readonly connection: JumpCloudConnection;
  readonly orgCache: OrgCache;
}

/** The connection to JumpCloud: the key commands, the organization status item, and dropping data when the key goes. */
export function registerJumpCloud({ log, credentials, connection, orgCache }: JumpCloudDeps): vscode.Disposable {
  return vscode.Disposable.from(
    credentials.onDidChange(() => orgCache.reset()),
    registerOrgStatus(orgCache),
    vscode.commands.registerCommand(COMMAND.setApiKey, async (key?: unknown) => {
      if (await promptForApiKey(credentials, typeof key === 'string' ? key : undefined)) {
        log.info('API key stored in the system keychain.');
        return testConnection(connection, log);
      }
      return undefined;
    }),
    vscode.commands.registerCommand(COMMAND.signOut, async () => {
      await credentials.signOut();
      orgCache.reset();
      log.info('API key removed.');
      void vscode.window.showInformationMessage(vscode.l10n.t('The JumpCloud API key was removed from this computer.'));
    }),
    vscode.commands.registerCommand(COMMAND.testConnection, () => testConnection(connection, log)),
    vscode.commands.registerCommand(COMMAND.refreshOrganization, async () => {
      if (!(await mayReachJumpCloud(connection))) {
        void orgCache.load(); // the status item says why
        return undefined;
      }
      const org = await readOrganizationWithProgress(orgCache, true);
      return org ? { users: org.users.length, groups: org.groups.length, systems: org.systems.length, ldapServers: org.ldapServers.length } : undefined;
    }),
  );
}
