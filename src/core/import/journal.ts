import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The import journal: one JSON line per step outcome, appended as it happens, so a run interrupted by a crash, a
 * cancel or a closed window can be resumed, and the users a run created can be found (and deleted) later.
 * Lines carry usernames, ids, step names, field NAMES and the API's messages; never a password or the API key.
 */

/**
 * `intent` is written (durably) before a create is sent: a run killed while the create is in flight leaves an intent
 * without an outcome, which the next run resolves by looking the user up (see adoptedUsers).
 */
export type JournalStatus = 'intent' | 'created' | 'updated' | 'unchanged' | 'added' | 'already' | 'deleted' | 'failed' | 'skipped' | 'cancelled';

/**
 * The step key of the line an import writes when it has been through every row with nothing cancelled: a run without
 * it was interrupted (killed, cancelled, its journal failed), and the next import of the file continues it.
 */
export const RUN_FINISHED_STEP = 'run:finished';

export interface JournalLine {
  /** The run's id (e.g. its start time, `2026-12-02T05:31:07.123Z`). */
  readonly run: string;
  /** ISO-8601 UTC. */
  readonly time: string;
  /** The CSV row as a spreadsheet numbers it (0 for steps not tied to a row, e.g. an undo's deletions). */
  readonly row: number;
  readonly username: string;
  /** The step's key (see `stepKey` in execute.ts): `user`, `ldap:<id>`, `ldap-binding:true`, `system:<id>:…`, `group:<id>`, `manager:<username>`, `delete`. */
  readonly step: string;
  readonly status: JournalStatus;
  readonly userId?: string;
  /** What was done, for people: "jobTitle, department", "Engineering", "sudo". */
  readonly detail?: string;
  /** The API's own message when the step failed. */
  readonly error?: string;
  /** An intent's e-mail address: a user found later under the username is this run's only if it has it too. */
  readonly email?: string;
}

/** Where journal lines go: a file beside the CSV (CLI), the extension's workspace storage, or memory (tests). */
export interface JournalSink {
  /** Resolves once the line is stored (durably, for the file sink). */
  append(line: JournalLine): Promise<void>;
  /** Every line stored so far, in order; unreadable lines (a crash mid-write) are left out. */
  read(): Promise<JournalLine[]>;
}

/**
 * The users whose create an earlier run sent without recording the outcome (the process died meanwhile), found in the
 * organization under that username with the intent's e-mail: created by that run, so adopted as its users (their
 * remaining steps run, undo deletes them). A user of that name with another e-mail is someone else's.
 */
export function adoptedUsers(progress: JournalProgress, users: readonly { readonly _id: string; readonly username: string; readonly email?: string | null }[]): Map<string, { readonly run: string; readonly userId: string; readonly row: number }> {
  const byName = new Map(users.map(u => [u.username.toLowerCase(), u]));
  const adopted = new Map<string, { run: string; userId: string; row: number }>();
  for (const [name, p] of progress.users) {
    if (!p.intent || p.createdBy) continue;
    const user = byName.get(name);
    if (user && p.intent.email && user.email?.toLowerCase() === p.intent.email.toLowerCase()) adopted.set(name, { run: p.intent.run, userId: user._id, row: p.intent.row });
  }
  return adopted;
}

/** Statuses that mean the step's effect is in place: a resume does not send it again. */
const DONE: ReadonlySet<JournalStatus> = new Set(['created', 'updated', 'unchanged', 'added', 'already']);

export function isDone(status: JournalStatus): boolean {
  return DONE.has(status);
}

export function parseJournal(text: string): JournalLine[] {
  const lines: JournalLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      const value = JSON.parse(raw) as Partial<JournalLine>;
      if (typeof value.run === 'string' && typeof value.username === 'string' && typeof value.step === 'string' && typeof value.status === 'string') {
        lines.push(value as JournalLine);
      }
    } catch {
      // A torn last line from a crash: what it recorded may not have been stored, so it is not trusted.
    }
  }
  return lines;
}

export function memoryJournal(initial: readonly JournalLine[] = []): JournalSink & { readonly lines: readonly JournalLine[] } {
  const lines = [...initial];
  return {
    lines,
    append: async line => void lines.push(line),
    read: async () => [...lines],
  };
}

export interface FileJournal extends JournalSink {
  readonly path: string;
  /** Waits for pending lines, then closes the file. Appending again reopens it. */
  close(): Promise<void>;
}

/**
 * A journal file, appended with group commit: lines that arrive while a write is in progress are written together
 * and made durable with ONE fdatasync, and every `append` resolves only after the fdatasync that covers its line.
 * So each outcome is on disk before the executor moves on (a crash loses no recorded create), yet concurrent workers
 * share the cost of a sync instead of paying one each: fsync per batch, with per-line guarantees.
 */
export function fileJournal(file: string): FileJournal {
  let fd: number | undefined;
  let pending: { text: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;

  const open = async () => {
    if (fd !== undefined) return fd;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const opened = await new Promise<number>((resolve, reject) => fs.open(file, 'a', 0o600, (e, n) => (e ? reject(e) : resolve(n))));
    fd = opened;
    return opened;
  };

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        const handle = await open();
        const data = Buffer.from(batch.map(p => p.text).join(''), 'utf8');
        let offset = 0;
        while (offset < data.length) {
          offset += await new Promise<number>((resolve, reject) => fs.write(handle, data, offset, data.length - offset, null, (e, n) => (e ? reject(e) : resolve(n))));
        }
        await new Promise<void>((resolve, reject) => fs.fdatasync(handle, e => (e ? reject(e) : resolve())));
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
  };

  const kick = () => {
    if (writing) return;
    writing = flush().finally(() => {
      writing = undefined;
      if (pending.length > 0) kick();
    });
  };

  return {
    path: file,
    append(line) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ text: `${JSON.stringify(line)}\n`, resolve, reject });
        kick();
      });
    },
    async read() {
      await writing;
      try {
        return parseJournal(await fs.promises.readFile(file, 'utf8'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
    async close() {
      while (writing) await writing;
      if (fd === undefined) return;
      const closing = fd;
      fd = undefined;
      await new Promise<void>((resolve, reject) => fs.close(closing, e => (e ? reject(e) : resolve())));
    },
  };
}

/** What earlier runs did to one user (by lower-cased username). */
export interface UserProgress {
  /** Step keys whose effect is in place, with the status that recorded it. */
  readonly done: ReadonlyMap<string, JournalStatus>;
  /** The user's id as the journal last recorded it. */
  readonly userId?: string;
  /** The run that created the user, when one did (and no later undo deleted it). */
  readonly createdBy?: { readonly run: string; readonly userId: string; readonly time: string };
  /** A create that was sent (or about to be) with no outcome recorded after it: the process died meanwhile. */
  readonly intent?: { readonly run: string; readonly row: number; readonly email?: string };
}

export interface JournalProgress {
  readonly users: ReadonlyMap<string, UserProgress>;
  /** Every run in the journal, in the order they first appear. */
  readonly runs: readonly string[];
}

/**
 * Replays the journal: per user, the steps done and who created it. A deletion (undo) forgets everything done to
 * that user before it, since the account no longer exists.
 */
export function journalProgress(lines: readonly JournalLine[]): JournalProgress {
  const users = new Map<string, { done: Map<string, JournalStatus>; userId?: string; createdBy?: { run: string; userId: string; time: string }; intent?: { run: string; row: number; email?: string } }>();
  const runs: string[] = [];
  for (const line of lines) {
    if (!runs.includes(line.run)) runs.push(line.run);
    if (line.step === RUN_FINISHED_STEP) continue;
    const key = line.username.toLowerCase();
    let entry = users.get(key);
    if (!entry) users.set(key, (entry = { done: new Map() }));
    if (line.step === 'delete') {
      if (line.status === 'deleted' || line.status === 'already') users.set(key, { done: new Map() });
      continue;
    }
    if (line.step === 'user') {
      // An intent stays open until an outcome of the same step follows it (created, failed, cancelled…).
      if (line.status === 'intent') entry.intent = { run: line.run, row: line.row, ...(line.email ? { email: line.email } : {}) };
      else delete entry.intent;
    }
    if (!isDone(line.status)) continue;
    entry.done.set(line.step, line.status);
    if (line.userId) entry.userId = line.userId;
    if (line.step === 'user' && line.status === 'created' && line.userId) entry.createdBy = { run: line.run, userId: line.userId, time: line.time };
  }
  return { users, runs };
}

/** What the runs an import continues did, so its results describe the run as a whole (see continuedRuns). */
export interface ContinuedRuns {
  /** The interrupted runs, oldest first; empty when the journal's last import finished. */
  readonly runs: readonly string[];
  /** Per lower-cased username, the journal lines of those runs whose effect is in place, in order. */
  readonly done: ReadonlyMap<string, readonly JournalLine[]>;
}

/**
 * The imports a new run continues: the journal's last runs, newest back to the last one that finished, when they
 * did not finish (a run killed, cancelled or stopped by its journal, and maybe resumed and interrupted again). An undo
 * (only deletions) ends the chain: it is not part of an import.
 */
export function continuedRuns(lines: readonly JournalLine[], progress: JournalProgress = journalProgress(lines)): ContinuedRuns {
  const finished = new Set(lines.filter(l => l.step === RUN_FINISHED_STEP).map(l => l.run));
  const importing = new Set(lines.filter(l => l.step !== 'delete').map(l => l.run));
  const order = progress.runs;
  const runs: string[] = [];
  for (let i = order.length - 1; i >= 0; i--) {
    const run = order[i];
    if (finished.has(run) || !importing.has(run)) break;
    runs.unshift(run);
  }
  const chain = new Set(runs);
  const done = new Map<string, JournalLine[]>();
  for (const line of lines) {
    if (!chain.has(line.run) || line.step === RUN_FINISHED_STEP || line.step === 'delete' || !isDone(line.status)) continue;
    const key = line.username.toLowerCase();
    const list = done.get(key) ?? [];
    list.push(line);
    done.set(key, list);
  }
  // A user an undo deleted since is not the run's any more.
  for (const [name, p] of progress.users) if (p.done.size === 0) done.delete(name);
  return { runs, done };
}
