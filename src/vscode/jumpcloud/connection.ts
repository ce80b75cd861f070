import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { createFetchTransport, createJumpCloudClient, JumpCloudError, type ConnectionInfo, type JumpCloudClient, type JumpCloudClientOptions } from '../../core/jumpcloud';
import { checkApiUrl } from '../../core/org';
import { COMMAND, SETTING } from '../ids';
import type { Log } from '../log';
import type { Credentials } from './credentials';
import { abortSignalOf } from '../cancellation';

/** An error for people: what went wrong, with the key scrubbed, never a stack trace. */
export function describeError(e: unknown, log: Log): string {
  if (e instanceof JumpCloudError) return log.scrub(e.message);
  if (e instanceof Error && e.name === 'AbortError') return vscode.l10n.t('Cancelled.');
  return log.scrub(e instanceof Error ? e.message : String(e));
}

/** Why the organization cannot be reached now, or undefined when it can be tried. */
export type Unavailable = 'restricted' | 'no-key';

export const restrictedMessage = (): string =>
  vscode.l10n.t('JumpCloud is not contacted in Restricted Mode: trust this workspace to use your API key.');
export const noKeyMessage = (): string => vscode.l10n.t('No JumpCloud API key is set. Run "JumpCloud: Set API Key…" first.');

/**
 * The one guard of every command that reaches JumpCloud: false after saying why it cannot (Restricted Mode; no key,
 * with the command that sets one), true when it may go on.
 */
export async function mayReachJumpCloud(connection: Pick<JumpCloudConnection, 'unavailable'>): Promise<boolean> {
  const unavailable = await connection.unavailable();
  if (unavailable === 'restricted') void vscode.window.showWarningMessage(restrictedMessage());
  if (unavailable === 'no-key') {
    void vscode.window.showWarningMessage(noKeyMessage(), vscode.l10n.t('Set API Key…')).then(choice => choice && vscode.commands.executeCommand(COMMAND.setApiKey));
  }
  return unavailable === undefined;
}

/**
 * Builds API clients from the stored key and the settings. The transport is VS Code's global fetch, so the
 * editor's proxy and certificate settings apply.
 */
export class JumpCloudConnection {
  constructor(
    private readonly credentials: Credentials,
    private readonly log: Log,
    private readonly version: string,
  ) {}

  /** Why no client can be made now, if so. */
  async unavailable(): Promise<Unavailable | undefined> {
    if (!this.credentials.trusted) return 'restricted';
    return (await this.credentials.apiKey()) ? undefined : 'no-key';
  }

  /** A client, or undefined when no key is stored or the workspace is not trusted; a bad address throws. */
  async client(extra: Partial<JumpCloudClientOptions> = {}): Promise<JumpCloudClient | undefined> {
    const apiKey = await this.credentials.apiKey();
    if (!apiKey) return undefined;
    this.log.addSecret(apiKey);
    const { region, orgId, baseUrl } = this.credentials.settings();
    let checkedUrl: string | undefined;
    if (baseUrl) {
      const check = checkApiUrl(baseUrl);
      if (!check.ok) // The reason never repeats the address: it may hold a password.
      throw new Error(vscode.l10n.t('{0} cannot be used: {1}.', SETTING.apiBaseUrl, check.reason));
      checkedUrl = check.url;
    }
    return createJumpCloudClient({
      apiKey,
      region,
      ...(orgId ? { orgId } : {}),
      ...(checkedUrl ? { baseUrl: checkedUrl } : {}),
      transport: createFetchTransport(),
      version: this.version,
      onRetry: e => this.log.warn(`JumpCloud asked to wait ${Math.round(e.delayMs)} ms before retrying (${e.reason}).`),
      ...extra,
    });
  }

  /** An identity for the organization the settings point at, so cached data is never used for another one. */
  async identity(): Promise<string | undefined> {
    const key = await this.credentials.apiKey();
    if (!key) return undefined;
    const { region, orgId, baseUrl } = this.credentials.settings();
    // A digest, so the key itself is never held outside SecretStorage and the client.
    return `${baseUrl ?? region}|${orgId ?? ''}|${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  }
}

/** `JumpCloud: Set API Key…`: a password box; the key goes straight to SecretStorage. */
export async function promptForApiKey(credentials: Credentials, given?: string): Promise<boolean> {
  const key =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('JumpCloud API Key'),
      prompt: vscode.l10n.t('Paste an administrator API key (JumpCloud Admin Portal → your account → API Settings). It is stored in the system keychain.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: v => (v.trim() ? undefined : vscode.l10n.t('Enter the key.')),
    }));
  if (!key?.trim()) return false;
  await credentials.setApiKey(key);
  return true;
}

function connectedMessage(info: ConnectionInfo): string {
  if (info.organization) return vscode.l10n.t('Connected to JumpCloud organization "{0}".', info.organization.displayName ?? info.organization._id);
  return vscode.l10n.t('The key reaches {0} organizations; set jumpcloud.orgId to the one to use.', info.organizations.length);
}

/** `JumpCloud: Test Connection`: reports the organization reached, or why none was. */
export async function testConnection(connection: JumpCloudConnection, log: Log): Promise<string> {
  const unavailable = await connection.unavailable();
  if (unavailable) {
    await mayReachJumpCloud(connection);
    return unavailable === 'restricted' ? restrictedMessage() : noKeyMessage();
  }
  let client: JumpCloudClient | undefined;
  try {
    client = await connection.client();
  } catch (e) {
    const message = vscode.l10n.t('Could not connect to JumpCloud: {0}', describeError(e, log));
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return message;
  }
  if (!client) return noKeyMessage(); // the key went between the two looks
  const reached = client;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Connecting to JumpCloud…'), cancellable: true },
    async (_progress, token) => {
      try {
        const info = await reached.testConnection({ signal: abortSignalOf(token) });
        const message = connectedMessage(info);
        // Never the address: it may be a private host name, and the README promises the log never holds it.
        log.info(message);
        void (info.needsOrgId ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
        return message;
      } catch (e) {
        const message = vscode.l10n.t('Could not connect to JumpCloud: {0}', describeError(e, log));
        log.error(message);
        void vscode.window.showErrorMessage(message);
        return message;
      }
    },
  );
}
