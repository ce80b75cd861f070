import * as vscode from 'vscode';
import { fetchOrgSnapshot, type OrgSnapshot } from '../../core/org';
import type { Log } from '../log';
import { describeError, type JumpCloudConnection } from './connection';

/**
 * The organization's users, groups, devices and LDAP servers, fetched once per organization (never per row, unlike
 * the reference module), refreshed on request, cancellable, and never awaited by typing: until it arrives the
 * linter runs without it.
 */
/** What the cache can say about the organization, for the status item. */
export type OrgState =
  | { readonly kind: 'no-key' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly org: OrgSnapshot }
  | { readonly kind: 'failed'; readonly reason: string };

export class OrgCache implements vscode.Disposable {
  private snapshot: { identity: string; data: OrgSnapshot } | undefined;
  private loading: { identity: string; promise: Promise<OrgSnapshot | undefined>; abort: AbortController } | undefined;
  /** An organization whose last read failed (and why): not read again until a refresh or another key or organization. */
  private failed: { identity: string; reason: string } | undefined;
  /** Whether a key is stored, as of the last look. */
  private hasKey = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when data arrives or is dropped (another key or organization). */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fired when `state()` changes: reading started, data arrived, a read failed, the key went. */
  readonly onDidChangeState = this.stateChanged.event;

  state(): OrgState {
    if (this.snapshot) return { kind: 'ready', org: this.snapshot.data };
    if (this.loading) return { kind: 'loading' };
    if (this.failed) return { kind: 'failed', reason: this.failed.reason };
    return this.hasKey ? { kind: 'loading' } : { kind: 'no-key' };
  }

  constructor(
    private readonly connection: JumpCloudConnection,
    private readonly log: Log,
  ) {}

  /** The data for the configured organization if it is here already; starts fetching it otherwise. */
  peek(): OrgSnapshot | undefined {
    void this.load(false, vscode.ProgressLocation.Window);
    return this.snapshot?.data;
  }

  /** The data, fetched if needed (with a cancellable notification); undefined without a key, on failure or cancel. */
  get(): Promise<OrgSnapshot | undefined> {
    return this.load(false, vscode.ProgressLocation.Notification);
  }

  /** `JumpCloud: Refresh Organization Data`. */
  refresh(): Promise<OrgSnapshot | undefined> {
    return this.load(true, vscode.ProgressLocation.Notification);
  }

  /** Forgets the data (the key or the organization changed). */
  reset(): void {
    this.loading?.abort.abort();
    this.loading = undefined;
    this.failed = undefined;
    this.hasKey = false; // until the next look says otherwise
    if (this.snapshot) {
      this.snapshot = undefined;
      this.changed.fire();
    }
    this.stateChanged.fire();
  }

  /**
   * Reads the organization unless it is here. Someone waiting for it (a command, the wizard) sees a notification with
   * a Cancel button; a read started by linting shows only in the status bar and the organization status item.
   */
  private async load(force: boolean, location: vscode.ProgressLocation): Promise<OrgSnapshot | undefined> {
    const identity = await this.connection.identity();
    if (this.hasKey !== (identity !== undefined)) {
      this.hasKey = identity !== undefined;
      this.stateChanged.fire();
    }
    if (!identity) {
      if (this.snapshot || this.loading || this.failed) this.reset();
      return undefined;
    }
    if (!force && this.snapshot?.identity === identity) return this.snapshot.data;
    if (!force && this.failed?.identity === identity) return undefined;
    if (this.loading?.identity === identity && !force) return this.loading.promise;
    this.loading?.abort.abort();
    const abort = new AbortController();
    const promise = this.fetch(identity, abort, location);
    this.loading = { identity, promise, abort };
    this.stateChanged.fire();
    return promise;
  }

  private fetch(identity: string, abort: AbortController, location: vscode.ProgressLocation): Promise<OrgSnapshot | undefined> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location, title: vscode.l10n.t('Reading JumpCloud organization…'), cancellable: true },
        async (_p, token) => {
          // Cancelled by the person (not by a reset): do not read again on the next keystroke; Refresh does.
          token.onCancellationRequested(() => {
            this.settle(identity, abort, vscode.l10n.t('Reading was cancelled; run "JumpCloud: Refresh Organization Data" to read it.'));
            abort.abort();
          });
          try {
            const client = await this.connection.client();
            if (!client) {
              this.settle(identity, abort, undefined); // the key went meanwhile
              return undefined;
            }
            const info = await client.testConnection({ signal: abort.signal });
            const name = info.organization?.displayName ?? client.orgId ?? vscode.l10n.t('the organization');
            const data = await fetchOrgSnapshot(client, name, abort.signal);
            if (abort.signal.aborted) return undefined;
            this.snapshot = { identity, data };
            this.settle(identity, abort, undefined);
            this.log.info(`Read ${name}: ${data.users.length} users, ${data.groups.length} user groups, ${data.systems.length} devices, ${data.ldapServers.length} LDAP servers.`);
            this.changed.fire();
            return data;
          } catch (e) {
            if (!abort.signal.aborted) {
              const reason = describeError(e, this.log);
              this.log.error(`Could not read the JumpCloud organization: ${reason}`);
              this.settle(identity, abort, reason);
            }
            return undefined;
          }
        },
      ),
    );
  }

  /** Ends a read: the failure to remember (or none), and the state change, unless a newer read took its place. */
  private settle(identity: string, abort: AbortController, failure: string | undefined): void {
    if (this.loading?.abort !== abort) return;
    this.loading = undefined;
    this.failed = failure === undefined ? undefined : { identity, reason: failure };
    this.stateChanged.fire();
  }

  dispose(): void {
    this.loading?.abort.abort();
    this.changed.dispose();
    this.stateChanged.dispose();
  }
}
