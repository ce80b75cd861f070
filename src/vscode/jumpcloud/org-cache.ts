import * as vscode from 'vscode';
import { readOrganization, type OrgSnapshot } from '../../core/org';
import type { Log } from '../log';
import { describeError, type JumpCloudConnection, type Unavailable } from './connection';

/** What the cache can say about the organization, for the status item. */
export type OrgState =
  | { readonly kind: 'restricted' }
  | { readonly kind: 'no-key' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly org: OrgSnapshot }
  | { readonly kind: 'failed'; readonly reason: string };

export interface LoadOptions {
  /** Read again even if the data is here or the last read failed (`JumpCloud: Refresh Organization Data`). */
  readonly force?: boolean;
  /** The person gave up waiting: the read stops, and is not started again until a forced load. */
  readonly signal?: AbortSignal;
}

/**
 * The organization's users, groups, devices and LDAP servers, read once per organization (never per row, unlike the
 * reference module) and held until the key, the settings or the data change. It shows nothing itself: whoever
 * waits for a read decides whether a person sees progress.
 */
export class OrgCache implements vscode.Disposable {
  private snapshot: { identity: string; data: OrgSnapshot } | undefined;
  private loading: { identity: string; promise: Promise<OrgSnapshot | undefined>; abort: AbortController } | undefined;
  /** An organization whose last read failed (and why): not read again until a forced load or another identity. */
  private failed: { identity: string; reason: string } | undefined;
  /** Why no read can be made, as of the last look. */
  private unavailable: Unavailable | undefined = 'no-key';
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when data arrives or is dropped (`reset`, `invalidate`): whoever uses it looks again. */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fired when `state()` changes: reading started, data arrived, a read failed, the key went. */
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    private readonly connection: JumpCloudConnection,
    private readonly log: Log,
  ) {}

  state(): OrgState {
    if (this.snapshot) return { kind: 'ready', org: this.snapshot.data };
    if (this.loading) return { kind: 'loading' };
    if (this.failed) return { kind: 'failed', reason: this.failed.reason };
    if (this.unavailable === 'restricted') return { kind: 'restricted' };
    return this.unavailable === 'no-key' ? { kind: 'no-key' } : { kind: 'loading' };
  }

  /** The data if it is here; never starts a read. */
  peek(): OrgSnapshot | undefined {
    return this.snapshot?.data;
  }

  /** The data, read if needed; undefined without a usable key, on failure or when `signal` aborts. */
  async load(options: LoadOptions = {}): Promise<OrgSnapshot | undefined> {
    const { force = false, signal } = options;
    const unavailable = await this.connection.unavailable();
    if (this.unavailable !== unavailable) {
      this.unavailable = unavailable;
      this.stateChanged.fire();
    }
    const identity = unavailable ? undefined : await this.connection.identity();
    if (!identity) {
      if (this.snapshot || this.loading || this.failed) this.reset();
      return undefined;
    }
    if (!force && this.snapshot?.identity === identity) return this.snapshot.data;
    if (!force && this.failed?.identity === identity) return undefined;
    if (!force && this.loading?.identity === identity) return untilAborted(this.loading.promise, signal);
    this.loading?.abort.abort();
    const abort = new AbortController();
    signal?.addEventListener('abort', () => abort.abort(), { once: true });
    const promise = this.read(identity, abort, signal);
    this.loading = { identity, promise, abort };
    this.stateChanged.fire();
    return promise;
  }

  /**
   * The data may be out of date (the import wrote to the organization): drop it, so the next load reads again.
   * Listeners are told even when nothing was held, so those who want the data ask for it again.
   */
  invalidate(): void {
    this.loading?.abort.abort();
    this.loading = undefined;
    this.failed = undefined;
    this.snapshot = undefined;
    this.changed.fire();
    this.stateChanged.fire();
  }

  /** Forgets everything (the key, the organization or the workspace's trust changed). */
  reset(): void {
    this.unavailable = 'no-key'; // until the next look says otherwise
    this.invalidate();
  }

  private async read(identity: string, abort: AbortController, signal: AbortSignal | undefined): Promise<OrgSnapshot | undefined> {
    try {
      const client = await this.connection.client();
      if (!client) {
        this.settle(abort, undefined); // the key went meanwhile
        return undefined;
      }
      const data = await readOrganization(client, abort.signal);
      if (abort.signal.aborted) return undefined;
      this.snapshot = { identity, data };
      this.settle(abort, undefined);
      const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
      this.log.info(`Read ${data.name}: ${count(data.users.length, 'user')}, ${count(data.groups.length, 'user group')}, ${count(data.systems.length, 'device')}, ${count(data.ldapServers.length, 'LDAP server')}.`);
      this.changed.fire();
      return data;
    } catch (e) {
      if (signal?.aborted) {
        // Cancelled by the person (not by a reset): do not read again on the next keystroke; Refresh does.
        this.settle(abort, { identity, reason: vscode.l10n.t('Reading was cancelled; run "JumpCloud: Refresh Organization Data" to read it.') });
      } else if (!abort.signal.aborted) {
        const reason = describeError(e, this.log);
        this.log.error(`Could not read the JumpCloud organization: ${reason}`);
        this.settle(abort, { identity, reason });
      }
      return undefined;
    }
  }

  /** Ends a read: the failure to remember (or none), and the state change, unless a newer read took its place. */
  private settle(abort: AbortController, failure: { identity: string; reason: string } | undefined): void {
    if (this.loading?.abort !== abort) return;
    this.loading = undefined;
    this.failed = failure;
    this.stateChanged.fire();
  }

  dispose(): void {
    this.loading?.abort.abort();
    this.changed.dispose();
    this.stateChanged.dispose();
  }
}

/** A shared read, or undefined as soon as this waiter's signal aborts (the read goes on for the others). */
function untilAborted<T>(promise: Promise<T | undefined>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise(resolve => {
    signal.addEventListener('abort', () => resolve(undefined), { once: true });
    void promise.then(resolve);
  });
}
