import * as vscode from 'vscode';
import type { Region } from '../../core/jumpcloud';

const SECRET_KEY = 'jumpcloud.apiKey';

export interface ConnectionSettings {
  readonly region: Region;
  readonly orgId: string | undefined;
  /** A custom API address (the local JumpCloud); empty means the region's. */
  readonly baseUrl: string | undefined;
}

/**
 * The API key lives in VS Code's SecretStorage (the OS keychain), never in settings; region, organization and a
 * custom address are application-scope settings, so a workspace cannot redirect the key elsewhere.
 */
export class Credentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscriptions = [
      secrets.onDidChange(e => e.key === SECRET_KEY && this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (['jumpcloud.region', 'jumpcloud.orgId', 'jumpcloud.apiBaseUrl'].some(k => e.affectsConfiguration(k))) this.changed.fire();
      }),
    ];
  }

  apiKey(): Thenable<string | undefined> {
    return this.secrets.get(SECRET_KEY);
  }

  async setApiKey(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  settings(): ConnectionSettings {
    const config = vscode.workspace.getConfiguration('jumpcloud');
    const region = config.get<string>('region', 'us');
    const orgId = config.get<string>('orgId', '').trim();
    const baseUrl = config.get<string>('apiBaseUrl', '').trim();
    return { region: region === 'eu' || region === 'in' ? region : 'us', orgId: orgId || undefined, baseUrl: baseUrl || undefined };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
