import { JumpCloudApiError, systemClock, type Clock, type JumpCloudClient } from '../jumpcloud';
import { failureText } from './execute';
import { journalProgress, type JournalLine, type JournalSink, type JournalStatus } from './journal';
import { eachLimited } from './each-limited';

/**
 * Undo of a run's creates (JumpCloud bills every account created and gives 48 hours to remove unwanted ones).
 * Deletes ONLY users whose ids the run's own journal lines record as created by it, and that no later line records
 * as deleted already; each deletion is journaled under the same run id, step `delete`.
 */

export interface DeleteOutcome {
  readonly username: string;
  readonly userId: string;
  readonly status: Extract<JournalStatus, 'deleted' | 'already' | 'failed' | 'cancelled'>;
  readonly error?: string;
}

export interface DeleteOptions {
  readonly signal?: AbortSignal;
  readonly journal?: JournalSink;
  readonly clock?: Clock;
  readonly onOutcome?: (outcome: DeleteOutcome) => void;
  /** Deletions in flight at once (default 4); the client's gate, when it has one, paces them with everything else. */
  readonly concurrency?: number;
}

/**
 * The users a run created and that still exist as far as the journal knows: what an undo would delete. `runs` is the
 * run, or a run and the interrupted runs it continued (ImportResults.continues), which are one run to the person.
 */
export function createdByRun(lines: readonly JournalLine[], runs: string | readonly string[]): { readonly username: string; readonly userId: string; readonly row: number }[] {
  const ids = new Set(typeof runs === 'string' ? [runs] : runs);
  const progress = journalProgress(lines);
  const rows = new Map(lines.filter(l => ids.has(l.run) && l.step === 'user' && l.status === 'created').map(l => [l.username.toLowerCase(), l]));
  const out: { username: string; userId: string; row: number }[] = [];
  for (const [name, p] of progress.users) {
    const line = rows.get(name);
    if (p.createdBy && ids.has(p.createdBy.run) && line && line.userId === p.createdBy.userId) out.push({ username: line.username, userId: p.createdBy.userId, row: line.row });
  }
  return out.sort((a, b) => a.row - b.row);
}

/** Deletes the users `runs` created (see createdByRun); deletions are journaled under the first run. */
export async function deleteCreatedUsers(client: JumpCloudClient, journalLines: readonly JournalLine[], runs: string | readonly string[], options: DeleteOptions = {}): Promise<DeleteOutcome[]> {
  const clock = options.clock ?? systemClock;
  const runId = typeof runs === 'string' ? runs : runs[0];
  const targets = createdByRun(journalLines, runs);
  const outcomes: DeleteOutcome[] = new Array<DeleteOutcome>(targets.length);

  const remove = async (user: (typeof targets)[number]): Promise<DeleteOutcome> => {
    if (options.signal?.aborted) return { username: user.username, userId: user.userId, status: 'cancelled' };
    try {
      // No signal: a DELETE is not cut off half-way, so its outcome is always known and journaled.
      await client.deleteUser(user.userId);
      return { username: user.username, userId: user.userId, status: 'deleted' };
    } catch (e) {
      return e instanceof JumpCloudApiError && e.isNotFound
        ? { username: user.username, userId: user.userId, status: 'already' }
        : { username: user.username, userId: user.userId, status: 'failed', error: failureText(e) };
    }
  };

  await eachLimited(targets, options.concurrency ?? 4, async (user, index) => {
    const outcome = await remove(user);
    outcomes[index] = outcome;
    await options.journal?.append({
      run: runId,
      time: new Date(clock.now()).toISOString(),
      row: user.row,
      username: user.username,
      step: 'delete',
      status: outcome.status,
      userId: user.userId,
      ...(outcome.status === 'already' ? { detail: 'already gone' } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    options.onOutcome?.(outcome);
  });
  return outcomes;
}
