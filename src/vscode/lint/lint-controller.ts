import * as vscode from 'vscode';
import type { UserCsvKind } from '../../core/catalogue';
import type { Fix, LocatedLint } from '../../core/lint';
import type { OrgSnapshot } from '../../core/org';
import type { FileTypes } from '../language/file-types';
import type { LintRunner, LintSource } from './lint-runner';
import type { FixAllResult } from './worker-protocol';
import type { ChangeEvent } from './worker-protocol';
import { LANGUAGE_ID, LINT_SETTINGS_PREFIX } from '../ids';
import { diagnosticKey, PublishedDiagnostics } from './published-diagnostics';
import { lintSettings } from './settings';

/** The latest lint of one document version, kept for code actions, CodeLens and the status item. */
export interface LintSnapshot {
  readonly version: number;
  readonly type: UserCsvKind | undefined;
  readonly result: LocatedLint;
  /** Fix data per diagnostic, found again by `diagnosticKey` (VS Code hands code actions copies of diagnostics). */
  readonly fixes: ReadonlyMap<string, readonly Fix[]>;
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

export function keyOf(d: vscode.Diagnostic): string {
  return diagnosticKey(codeOf(d), d.range, d.message);
}

/**
 * Keeps the Problems panel in step with every open JumpCloud CSV: lints on open, on change (debounced; big files
 * in the worker) and when settings or the file's type change, and drops results for versions that are gone.
 */
export class LintController implements vscode.Disposable {
  private readonly diagnostics = new PublishedDiagnostics();
  private readonly snapshots = new Map<string, LintSnapshot>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents with a lint under way; an edit meanwhile lints again as soon as it ends, so jobs never queue up. */
  private readonly running = new Set<string>();
  /** Each document's change events since its last lint, so the worker can be sent edits instead of the text. */
  private readonly changes = new Map<string, ChangeEvent[]>();
  /** Each document's text length at a version (see lengthOf). */
  private readonly lengths = new Map<string, { readonly version: number; readonly length: number }>();
  private readonly linted = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fired after a document's diagnostics are updated. */
  readonly onDidLint = this.linted.event;

  constructor(
    private readonly runner: LintRunner,
    private readonly fileTypes: FileTypes,
    private readonly log: { error(message: string): void },
    /**
     * The organization's data when it is at hand, and a way to ask for it (never awaited here: typing must not wait
     * on the network; the lint runs again when it arrives).
     */
    private readonly org: { peek(): OrgSnapshot | undefined; request(): void; readonly onDidChange: vscode.Event<void> },
    /** Users earlier imports of a file created (lower-cased username → run), so they are not flagged as taken. */
    private readonly createdByRun: (uri: vscode.Uri) => ReadonlyMap<string, string> | undefined = () => undefined,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(doc => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (!e.contentChanges.length) return;
        this.record(e);
        this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument(doc => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration(LINT_SETTINGS_PREFIX) && this.relintAll()),
      org.onDidChange(() => this.relintAll()),
      fileTypes.onDidChange(uri => {
        const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
        if (doc) this.schedule(doc, 0);
      }),
    );
    this.relintAll();
  }

  /** Every safe fix of a document (whose text the caller has read) applied, off the main thread for large documents. */
  fixAll(doc: vscode.TextDocument, text: string): Promise<FixAllResult> {
    return this.runner.fixAll(text, { type: this.fileTypes.get(doc.uri).type, rules: lintSettings(doc.uri).rules });
  }

  snapshot(uri: vscode.Uri): LintSnapshot | undefined {
    return this.snapshots.get(uri.toString());
  }

  /** Resolves once the document's current version has been linted (at once if it has). */
  whenLinted(doc: vscode.TextDocument): Promise<void> {
    const done = () => this.snapshot(doc.uri)?.version === doc.version;
    if (done()) return Promise.resolve();
    return new Promise(resolve => {
      const sub = this.onDidLint(uri => {
        if (uri.toString() === doc.uri.toString() && done()) {
          sub.dispose();
          resolve();
        }
      });
    });
  }

  relintAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /**
   * Lints after a short pause in typing, whatever the file's size: the pause adds to every edit's latency, and a big
   * file is linted off the main thread (sent only the edits), so a longer one saves that thread nothing. While a lint
   * of the document runs, further edits only mark it stale; it is linted again once, when the running lint ends.
   */
  schedule(doc: vscode.TextDocument, delay = 15): void {
    const key = doc.uri.toString();
    if (doc.languageId !== LANGUAGE_ID) {
      if (this.snapshots.has(key)) this.forget(doc.uri);
      return;
    }
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.lintNow(doc), delay));
  }

  private async lintNow(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    this.timers.delete(key);
    if (doc.isClosed || this.running.has(key)) return;
    this.running.add(key);
    try {
      await this.lintVersion(doc);
    } finally {
      this.running.delete(key);
    }
    // Edits made while that lint ran: lint the document as it is now.
    if (!doc.isClosed && this.snapshots.get(key)?.version !== doc.version && !this.timers.has(key)) void this.lintNow(doc);
  }

  /** Keeps the edits of a linted document; a long run of them is dropped (the whole text is cheaper then). */
  private record(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    if (e.document.languageId !== LANGUAGE_ID) return;
    const known = this.lengths.get(key);
    if (known?.version === e.document.version - 1) {
      const length = e.contentChanges.reduce((n, c) => n + c.text.length - c.rangeLength, known.length);
      this.lengths.set(key, { version: e.document.version, length });
    } else this.lengths.delete(key);
    const log = this.changes.get(key) ?? [];
    if (log.length >= 500) log.length = 0;
    log.push({ version: e.document.version, changes: e.contentChanges.map(c => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })) });
    this.changes.set(key, log);
  }

  /**
   * The text's length, kept up to date from the edits: asking the document (offsetAt its end) makes VS Code sum the
   * length of every line after the first one edited, on each keystroke.
   */
  private lengthOf(doc: vscode.TextDocument): number {
    const key = doc.uri.toString();
    const known = this.lengths.get(key);
    if (known?.version === doc.version) return known.length;
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    this.lengths.set(key, { version: doc.version, length });
    return length;
  }

  private source(doc: vscode.TextDocument): LintSource {
    const key = doc.uri.toString();
    return {
      key,
      version: doc.version,
      length: this.lengthOf(doc),
      text: () => doc.getText(),
      changesSince: (version: number) => {
        const events = (this.changes.get(key) ?? []).filter(e => e.version > version);
        // Every version from `version` to now must be there, or the edits cannot rebuild the text.
        const complete = events.length === doc.version - version && events.every((e, i) => e.version === version + 1 + i);
        return complete ? events : undefined;
      },
    };
  }

  private async lintVersion(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const version = doc.version;
    const { type } = this.fileTypes.get(doc.uri);
    const settings = lintSettings(doc.uri);
    const org = settings.checkOrganization ? this.org.peek() : undefined;
    if (settings.checkOrganization && !org) this.org.request();
    let result: LocatedLint;
    try {
      const created = org ? this.createdByRun(doc.uri) : undefined;
      result = await this.runner.lint(this.source(doc), { type, rules: settings.rules, maxProblems: settings.maxProblems, ...(org ? { org } : {}), ...(created?.size ? { createdByRun: created } : {}) });
    } catch (e) {
      this.log.error(`Could not lint ${doc.uri.fsPath}: ${(e as Error).message}`);
      return;
    }
    if (doc.isClosed || doc.version !== version) return; // a newer lint is on its way
    // Edits up to the version just linted are no longer needed.
    const log = this.changes.get(key);
    if (log) this.changes.set(key, log.filter(e => e.version > version));
    const fixes = this.diagnostics.publish(doc.uri, result.problems);
    this.snapshots.set(key, { version, type, result, fixes });
    this.linted.fire(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.snapshots.delete(key);
    this.changes.delete(key);
    this.lengths.delete(key);
    this.runner.forget(key);
    this.diagnostics.forget(uri);
    this.linted.fire(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.diagnostics.dispose();
    this.linted.dispose();
  }
}
