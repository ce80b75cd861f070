import * as vscode from 'vscode';
import type { Region } from '../../core/jumpcloud';
import { SETTING, STORAGE_KEY } from '../ids';
import type { WorkspaceTrust } from '../trust';

export interface ConnectionSettings {
  readonly region: Region;
  readonly orgId: string | undefined;
  /** A custom API address (the local JumpCloud), as written; empty means the region's. */
  readonly baseUrl: string | undefined;
}

const CONNECTION_SETTINGS = [SETTING.region, SETTING.orgId, SETTING.apiBaseUrl];

/**
 * The API key lives in VS Code's SecretStorage (the OS keychain), never in settings; region, organization and a
 * custom address are application-scope settings, so a workspace cannot redirect the key elsewhere. In Restricted
 * Mode the key is not handed out at all: nothing reads the organization until the workspace is trusted.
 */
export class Credentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The key, a connection setting or the workspace's trust changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly trust: WorkspaceTrust,
  ) {
    this.subscriptions = [
      secrets.onDidChange(e => e.key === STORAGE_KEY.apiKey && this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration(e => CONNECTION_SETTINGS.some(k => e.affectsConfiguration(k)) && this.changed.fire()),
      trust.onDidChange(() => this.changed.fire()),
    ];
  }

  /** Whether the key may be used: not in Restricted Mode. */
  get trusted(): boolean {
    return this.trust.isTrusted;
  }

  /** The stored key; undefined when none is stored or the workspace is not trusted. */
  async apiKey(): Promise<string | undefined> {
    if (!this.trusted) return undefined;
    return this.secrets.get(STORAGE_KEY.apiKey);
  }

  async setApiKey(key: string): Promise<void> {
    await this.secrets.store(STORAGE_KEY.apiKey, key.trim());
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(STORAGE_KEY.apiKey);
  }

  settings(): ConnectionSettings {
    const config = vscode.workspace.getConfiguration();
    const region = config.get<string>(SETTING.region, 'us');
    const orgId = config.get<string>(SETTING.orgId, '').trim();
    const baseUrl = config.get<string>(SETTING.apiBaseUrl, '').trim();
    return { region: region === 'eu' || region === 'in' ? region : 'us', orgId: orgId || undefined, baseUrl: baseUrl || undefined };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
