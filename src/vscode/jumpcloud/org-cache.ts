import * as vscode from 'vscode';
import { fetchOrgSnapshot, type OrgSnapshot } from '../../core/org';
import type { Log } from '../log';
import { describeError, type JumpCloudConnection } from './connection';

/**
 * The organization's users, groups, devices and LDAP servers, fetched once per organization (never per row, unlike
 * the reference module), refreshed on request, cancellable, and never awaited by typing: until it arrives the
 * linter runs without it.
 */
export class OrgCache implements vscode.Disposable {
  private snapshot: { identity: string; data: OrgSnapshot } | undefined;
  private loading: { identity: string; promise: Promise<OrgSnapshot | undefined>; abort: AbortController } | undefined;
  /** An organization whose last read failed: not read again until a refresh or another key or organization. */
  private failed: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when data arrives or is dropped (another key or organization). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connection: JumpCloudConnection,
    private readonly log: Log,
  ) {}

  /** The data for the configured organization if it is here already; starts fetching it otherwise. */
  peek(): OrgSnapshot | undefined {
    void this.load(false);
    return this.snapshot?.data;
  }

  /** The data, fetched if needed (with progress in the status bar); undefined without a key or on failure. */
  get(): Promise<OrgSnapshot | undefined> {
    return this.load(false);
  }

  /** `JumpCloud: Refresh Organization Data`. */
  refresh(): Promise<OrgSnapshot | undefined> {
    return this.load(true);
  }

  /** Forgets the data (the key or the organization changed). */
  reset(): void {
    this.loading?.abort.abort();
    this.loading = undefined;
    this.failed = undefined;
    if (this.snapshot) {
      this.snapshot = undefined;
      this.changed.fire();
    }
  }

  private async load(force: boolean): Promise<OrgSnapshot | undefined> {
    const identity = await this.connection.identity();
    if (!identity) {
      this.reset();
      return undefined;
    }
    if (!force && this.snapshot?.identity === identity) return this.snapshot.data;
    if (!force && this.failed === identity) return undefined;
    if (this.loading?.identity === identity && !force) return this.loading.promise;
    this.loading?.abort.abort();
    const abort = new AbortController();
    const promise = this.fetch(identity, abort);
    this.loading = { identity, promise, abort };
    return promise;
  }

  private fetch(identity: string, abort: AbortController): Promise<OrgSnapshot | undefined> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading JumpCloud organization…'), cancellable: true },
        async (_p, token) => {
          token.onCancellationRequested(() => abort.abort());
          try {
            const client = await this.connection.client();
            if (!client) return undefined;
            const info = await client.testConnection({ signal: abort.signal });
            const name = info.organization?.displayName ?? client.orgId ?? vscode.l10n.t('the organization');
            const data = await fetchOrgSnapshot(client, name, abort.signal);
            if (abort.signal.aborted) return undefined;
            this.snapshot = { identity, data };
            this.failed = undefined;
            this.log.info(`Read ${name}: ${data.users.length} users, ${data.groups.length} user groups, ${data.systems.length} devices, ${data.ldapServers.length} LDAP servers.`);
            this.changed.fire();
            return data;
          } catch (e) {
            if (!abort.signal.aborted) {
              this.failed = identity;
              this.log.error(`Could not read the JumpCloud organization: ${describeError(e, this.log)}`);
            }
            return undefined;
          } finally {
            if (this.loading?.abort === abort) this.loading = undefined;
          }
        },
      ),
    );
  }

  dispose(): void {
    this.loading?.abort.abort();
    this.changed.dispose();
  }
}
