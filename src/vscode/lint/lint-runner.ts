import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { fixAll, lintLocated, type LintOptions, type LocatedLint } from '../../core/lint';
import type { ChangeEvent, FixAllResult, LintRequest, LintResponse } from './worker-protocol';

/**
 * Documents longer than this are linted in the worker thread, incrementally. Shorter ones (about 4k rows) lint whole
 * in-process in under ~10 ms, about what the worker's first copy of the text costs.
 */
export const WORKER_THRESHOLD_CHARS = 512 * 1024;

/** A document as the runner needs it: its text only when it must be read, else the edits since a version. */
export interface LintSource {
  /** The document's identity (its URI). */
  readonly key: string;
  readonly version: number;
  /** The text's length, known without reading the text. */
  readonly length: number;
  text(): string;
  /** The change events from `version` to now, in order; undefined when they are not all known. */
  changesSince(version: number): readonly ChangeEvent[] | undefined;
}

/**
 * Runs lint jobs: small documents in-process, large ones in one long-lived worker thread so typing never waits on a
 * 100k-row file. The worker keeps each document's last text, so a job sends only the edits made since (incremental
 * sync, as language servers do); the whole text goes when the worker has none or may be out of step. If the worker
 * cannot start or fails, jobs are linted in-process.
 */
export class LintRunner implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LocatedLint | FixAllResult) => void; reject: (e: Error) => void }>();
  /** The version of each document the worker holds, and the options its lint of it was made with. */
  private readonly synced = new Map<string, { version: number; options: string }>();
  /** Organizations told apart by identity: the snapshot is only replaced, never changed. */
  private readonly orgIds = new WeakMap<object, number>();

  constructor(
    private readonly workerScript: string,
    private readonly log: (message: string) => void,
  ) {}

  lint(source: LintSource, options: LintOptions): Promise<LocatedLint> {
    if (source.length < WORKER_THRESHOLD_CHARS) return Promise.resolve(lintLocated(source.text(), options));
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve(lintLocated(source.text(), options));
    const id = this.nextId++;
    const held = this.synced.get(source.key);
    const events = held === undefined ? undefined : source.changesSince(held.version);
    const key = this.optionsKey(options);
    const request: LintRequest =
      held !== undefined && events
        ? { kind: 'lint', id, key: source.key, version: source.version, base: held.version, events, ...(held.options === key ? {} : { options }) }
        : { kind: 'lint', id, key: source.key, version: source.version, text: source.text(), options };
    // Until the answer comes the worker's copy is in flux: a job meanwhile sends the whole text.
    this.synced.delete(source.key);
    return this.post<LocatedLint>(worker, request).then(
      result => {
        this.synced.set(source.key, { version: source.version, options: key });
        return result;
      },
      (e: Error) => {
        // A worker that fails (or is stopped) must not leave the document without diagnostics: lint here instead.
        this.log(`linting in-process after a worker failure: ${e.message}`);
        return lintLocated(source.text(), options);
      },
    );
  }

  /** Every safe fix applied (see core `fixAll`): in the worker for large documents, as their lint is. */
  fixAll(text: string, options: LintOptions): Promise<FixAllResult> {
    const worker = text.length < WORKER_THRESHOLD_CHARS ? undefined : this.ensureWorker();
    if (!worker) return Promise.resolve(fixAll(text, options));
    return this.post<FixAllResult>(worker, { kind: 'fixAll', id: this.nextId++, text, options }).catch((e: Error) => {
      this.log(`fixing in-process after a worker failure: ${e.message}`);
      return fixAll(text, options);
    });
  }

  /** Sends a job to the worker; its answer settles the promise. */
  private post<T extends LocatedLint | FixAllResult>(worker: Worker, request: LintRequest & { readonly id: number }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(request.id, { resolve: r => resolve(r as T), reject });
      worker.postMessage(request);
    });
  }

  /** Options as a comparable string, the organization by identity (it can hold thousands of users). */
  private optionsKey({ org, createdByRun, ...rest }: LintOptions): string {
    let orgId = 0;
    if (org) {
      orgId = this.orgIds.get(org) ?? this.nextId++;
      this.orgIds.set(org, orgId);
    }
    return JSON.stringify([rest, orgId, createdByRun ? [...createdByRun] : []]);
  }

  /** Drops a closed document's text from the worker. */
  forget(key: string): void {
    if (this.synced.delete(key)) this.worker?.postMessage({ kind: 'forget', key } satisfies LintRequest);
  }

  dispose(): void {
    // A stopped worker exits with code 1: that is no failure to report.
    this.worker?.removeAllListeners();
    void this.worker?.terminate();
    this.worker = undefined;
    this.synced.clear();
    for (const p of this.pending.values()) p.reject(new Error('lint stopped'));
    this.pending.clear();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(path.resolve(this.workerScript));
      worker.on('message', (response: LintResponse) => {
        const job = this.pending.get(response.id);
        if (!job) return;
        this.pending.delete(response.id);
        if ('error' in response) job.reject(new Error(response.error));
        else job.resolve('fixed' in response ? response.fixed : response.result);
      });
      worker.on('error', e => this.fail(`lint worker failed: ${e.message}`));
      worker.on('exit', code => code !== 0 && this.fail(`lint worker exited with code ${code}`));
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (e) {
      this.log(`lint worker unavailable, linting in-process: ${(e as Error).message}`);
      return undefined;
    }
  }

  private fail(message: string): void {
    this.log(message);
    this.worker = undefined;
    this.synced.clear();
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }
}
