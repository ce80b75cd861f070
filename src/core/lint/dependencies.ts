import { cellText } from '../catalogue';
import type { Field } from '../csv';
import type { Reporter } from './reporter';
import type { LintProblem } from './types';

/**
 * Rows that depend on another row of the file: a manager that the file itself creates. The import sets such a
 * manager after creating it, so when every row that would create it is skipped, the dependent row cannot be sent as
 * written: it gets `manager-skipped`, and when that is an error the row is skipped in turn, which its own dependents
 * then feel (a chain of managers). Decided over the rows' verdicts, so the whole-file and the incremental lint share
 * it and the planner never sees a row whose manager will not exist.
 */

/** The dependents (by manager key) whose every creator has an error, each with the creator it waits for. */
export function skippedDependents<T>(
  /** Manager key → the rows naming it, for managers the organization does not know but the file lists. */
  dependents: Iterable<readonly [string, Iterable<T>]>,
  /** Username key → the rows listing it, in file order. */
  creators: (key: string) => readonly T[] | undefined,
  /** Whether a row has an error of its own (its reader's, its cells', the organization's). */
  erred: (row: T) => boolean,
  /** Whether `manager-skipped` is itself an error, so a skipped dependent skips its own dependents. */
  cascade: boolean,
): Map<T, T> {
  const waiting = [...dependents].map(([key, rows]) => ({ key, rows: [...rows] }));
  const out = new Map<T, T>();
  const skipped = (row: T) => erred(row) || (cascade && out.has(row));
  // Each pass settles at least one more link of a chain; cycles of managers settle at once (none is skipped).
  for (let changed = true; changed; ) {
    changed = false;
    for (const { key, rows } of waiting) {
      const makers = creators(key);
      if (!makers?.length || !makers.every(skipped)) continue;
      for (const row of rows) {
        if (out.has(row)) continue;
        out.set(row, makers[0]);
        changed = true;
      }
    }
  }
  return out;
}

/** Reports one dependent row's `manager-skipped`. */
export function reportManagerSkipped(reporter: Reporter, record: number, manager: Field, creator: () => { readonly record: number; readonly username: Field }): void {
  const row = record + 1;
  const name = cellText(manager).trim();
  reporter.report(
    'manager-skipped',
    () => `Manager "${name}" in row ${row} is created by row ${creator().record + 1} of this file, which the import skips for errors; fix row ${creator().record + 1} first.`,
    manager,
    () => ({ record, related: [{ span: { start: creator().username.start, end: creator().username.end }, message: `The manager's row, ${creator().record + 1}` }] }),
  );
}

/**
 * The rows' problems with the dependents' placed after each row's own, as a lint of the whole file lists them, both
 * lists already in row order and capped at `max`: a dependent's problem is kept only where an uncapped list would
 * still have it within the first `max`.
 */
export function mergeByRecord(rows: readonly LintProblem[], dependents: readonly LintProblem[], max: number): LintProblem[] {
  if (dependents.length === 0) return [...rows];
  const full = rows.length >= max;
  const lastKept = rows.length ? rows[rows.length - 1].record ?? -1 : -1;
  const out: LintProblem[] = [];
  let i = 0;
  for (const d of dependents) {
    const record = d.record ?? 0;
    if (full && record >= lastKept) break;
    while (i < rows.length && (rows[i].record ?? 0) <= record) out.push(rows[i++]);
    out.push(d);
  }
  while (i < rows.length) out.push(rows[i++]);
  return out.slice(0, max);
}
