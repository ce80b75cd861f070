import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteResults, FileJournal, ImportPlan, JournalLine } from '../../core/import';
import type { ImportEngine } from './engine';

/** One import run of this window: its file, its plan and, once it ran, its results. */
export interface ImportRun {
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly plan: ImportPlan;
  readonly results: ExecuteResults;
  /** Ids of the users this run created that "Delete the Users This Run Created" has since removed. */
  readonly deleted?: ReadonlySet<string>;
}

/**
 * The import runs of this window and their journals. Journals live in the extension's workspace storage (one per
 * CSV file, named by a digest of its URI), so a run interrupted by a crash or a closed window is resumed by the next
 * import of the same file, and the users a run created can be deleted later.
 */
export class ImportRuns implements vscode.Disposable {
  private readonly list: ImportRun[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly storage: vscode.Uri) {}

  runs(): readonly ImportRun[] {
    return this.list;
  }

  add(run: ImportRun): void {
    this.list.unshift(run);
    this.changed.fire();
  }

  /** Records that users a run created were deleted since, so the tree stops calling them created. */
  markDeleted(run: ImportRun, userIds: readonly string[]): void {
    const i = this.list.findIndex(r => r.id === run.id && r.uri.toString() === run.uri.toString());
    if (i < 0 || userIds.length === 0) return;
    this.list[i] = { ...this.list[i], deleted: new Set([...(this.list[i].deleted ?? []), ...userIds]) };
    this.changed.fire();
  }

  clear(): void {
    this.list.length = 0;
    this.changed.fire();
  }

  /** Users the runs of this window created from a file (lower-cased username → run id), for the lint. */
  createdBy(uri: vscode.Uri): ReadonlyMap<string, string> {
    const created = new Map<string, string>();
    for (const run of [...this.list].reverse()) {
      if (run.uri.toString() !== uri.toString()) continue;
      for (const user of run.results.users) if (user.status === 'created') created.set(user.username.toLowerCase(), run.results.run);
    }
    return created;
  }

  /** The journal of a CSV file (created on first write). */
  journal(uri: vscode.Uri, engine: Pick<ImportEngine, 'fileJournal'>): FileJournal {
    const digest = createHash('sha256').update(uri.toString()).digest('hex').slice(0, 16);
    return engine.fileJournal(path.join(this.storage.fsPath, 'journals', `${path.basename(uri.fsPath).replace(/[^\w.-]/g, '_')}-${digest}.jsonl`));
  }

  async journalLines(uri: vscode.Uri, engine: Pick<ImportEngine, 'fileJournal'>): Promise<JournalLine[]> {
    const journal = this.journal(uri, engine);
    try {
      return await journal.read();
    } finally {
      await journal.close();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
