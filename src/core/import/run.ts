import type { Clock, JumpCloudClient } from '../jumpcloud';
import { executeImport, type ExecuteResults, type ImportProgress } from './execute';
import type { JournalSink } from './journal';
import type { AdaptiveLimiter } from './limiter';
import type { ImportPlan } from './plan-types';
import { planCounts } from './planner';
import type { StepOutcome } from './results';
import type { PreparedImport } from './session';
import type { NewUserState } from './settings';

/**
 * The import's one sequence after `prepareImport`, for the CLI and the editor alike: a file with errors of its own is
 * not sent, nor a plan with nothing to send; otherwise the front confirms (and may choose the other state for new
 * users, which plans again), then the plan is sent and journaled. The fronts only present: they pass callbacks and
 * show the outcome in their own way.
 */

export type ImportOutcome =
  | { readonly kind: 'blocked'; readonly plan: ImportPlan }
  | { readonly kind: 'nothing-to-send'; readonly plan: ImportPlan }
  | { readonly kind: 'declined'; readonly plan: ImportPlan }
  | { readonly kind: 'sent'; readonly plan: ImportPlan; readonly results: ExecuteResults };

/** What the sending can be given by the front that wraps it (a progress notification's cancel and its bar). */
export interface SendControls {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface RunImportOptions extends SendControls {
  readonly client: JumpCloudClient;
  /** The limiter the client's gate is, when the run backs off together. */
  readonly limiter?: AdaptiveLimiter;
  readonly concurrency?: number;
  /** The file's journal (the one `prepareImport` read). */
  readonly journal?: JournalSink;
  /**
   * Asks before anything is sent: resolves with the state new users are created in (the plan's, or the other one,
   * which plans the file again), or undefined to send nothing. Without it the plan is sent as it is (`--yes`).
   */
  readonly confirm?: (plan: ImportPlan) => Promise<NewUserState | undefined>;
  /** Runs the sending, e.g. inside a cancellable progress notification, giving it that notification's controls. */
  readonly sending?: (send: (controls: SendControls) => Promise<ExecuteResults>) => PromiseLike<ExecuteResults>;
  readonly onOutcome?: (outcome: StepOutcome) => void;
  readonly runId?: string;
  readonly clock?: Clock;
}

export async function runImport(prepared: PreparedImport, options: RunImportOptions): Promise<ImportOutcome> {
  let plan = prepared.plan;
  if (plan.blocked?.length) return { kind: 'blocked', plan };
  const { create, update } = planCounts(plan);
  if (create + update === 0) return { kind: 'nothing-to-send', plan };
  if (options.confirm) {
    const chosen = await options.confirm(plan);
    if (!chosen) return { kind: 'declined', plan };
    if (chosen !== plan.newUserState) plan = prepared.replan(chosen);
  }
  const sent = plan;
  const { client, limiter, concurrency, journal, onOutcome, runId, clock } = options;
  const send = (controls: SendControls) =>
    executeImport(sent, {
      client, limiter, concurrency, journal, onOutcome, runId, clock,
      newUserState: sent.newUserState,
      progress: prepared.progress,
      adopted: prepared.adopted,
      continued: prepared.continued,
      signal: controls.signal ?? options.signal,
      onProgress: controls.onProgress ?? options.onProgress,
    });
  const results = options.sending ? await options.sending(send) : await send({});
  return { kind: 'sent', plan: sent, results };
}
