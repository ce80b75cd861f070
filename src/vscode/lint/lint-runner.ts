import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { lintLocated, type LintOptions, type LocatedLint } from '../../core/lint';
import type { LintRequest, LintResponse } from './worker-protocol';

/**
 * Documents longer than this are linted in the worker thread. Shorter ones (about 15k rows) lint in-process in under
 * ~50 ms, faster than the worker's copy of the text and its answer (measured with `npm run bench`).
 */
export const WORKER_THRESHOLD_CHARS = 2 * 1024 * 1024;

/**
 * Runs lint jobs: small texts in-process, large ones in one long-lived worker thread so typing never waits on a
 * 100k-row file. If the worker cannot start or dies, jobs fall back to in-process linting.
 */
export class LintRunner implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LocatedLint) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly workerScript: string,
    private readonly log: (message: string) => void,
  ) {}

  lint(text: string, options: LintOptions): Promise<LocatedLint> {
    if (text.length < WORKER_THRESHOLD_CHARS) return Promise.resolve(lintLocated(text, options));
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve(lintLocated(text, options));
    const id = this.nextId++;
    const job = new Promise<LocatedLint>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, options } satisfies LintRequest);
    });
    // A worker that fails (or is stopped) must not leave the document without diagnostics: lint here instead.
    return job.catch((e: Error) => {
      this.log(`linting in-process after a worker failure: ${e.message}`);
      return lintLocated(text, options);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
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
        else job.resolve(response.result);
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
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }
}
