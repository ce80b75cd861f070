import type { RowProblem } from './plan-types';
import type { JournalStatus } from './journal';

/**
 * The outcome of a run: one result per CSV row, each with the outcome of every step. One typed shape for every case
 * (the reference returns four, with Status sometimes a string, sometimes an error object, sometimes raw JSON).
 */

export type StepKind = 'user' | 'ldap' | 'ldap-binding' | 'system' | 'group' | 'manager' | 'delete';

export interface StepOutcome {
  readonly row: number;
  readonly username: string;
  readonly kind: StepKind;
  /** The journal key of the step (unique per user). */
  readonly step: string;
  readonly status: JournalStatus;
  readonly userId?: string;
  /** For people: the fields changed, the group's name, the device, "sudo"… Never a value of a password. */
  readonly detail?: string;
  /** The API's own message (or why the step could not run). */
  readonly error?: string;
  /** The step was done by an earlier run of this journal and was not sent again. */
  readonly resumed?: boolean;
  /** The earlier run that did it, for a resumed or adopted step. */
  readonly run?: string;
}

export type UserStatus = 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped' | 'cancelled';

export interface UserResult {
  readonly row: number;
  readonly record: number;
  readonly username: string;
  readonly status: UserStatus;
  readonly userId?: string;
  /** The device the row names (the reference's SystemID column), when it has a device step. */
  readonly systemId?: string;
  readonly steps: readonly StepOutcome[];
  /** Why a skipped row was not sent. */
  readonly problems?: readonly RowProblem[];
}

export interface ImportResults {
  readonly run: string;
  /**
   * The interrupted runs this one continued, oldest first: their outcomes are part of these results (marked
   * `resumed`), so a resumed import reports the users its earlier part created as created, with their groups.
   */
  readonly continues?: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The run was cancelled before every user was done. */
  readonly cancelled: boolean;
  /** In file order. */
  readonly users: readonly UserResult[];
  readonly counts: Readonly<Record<UserStatus, number>>;
}

/** A user's status from its steps: any failure fails it, then any cancellation; a create wins over an update. */
export function userStatus(steps: readonly StepOutcome[]): UserStatus {
  if (steps.some(s => s.status === 'failed')) return 'failed';
  if (steps.some(s => s.status === 'cancelled')) return 'cancelled';
  if (steps.some(s => s.kind === 'user' && s.status === 'created')) return 'created';
  if (steps.some(s => s.status === 'updated' || s.status === 'added' || s.status === 'created')) return 'updated';
  return 'unchanged';
}

export function countStatuses(users: readonly { readonly status: UserStatus }[]): Record<UserStatus, number> {
  const counts: Record<UserStatus, number> = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const u of users) counts[u.status]++;
  return counts;
}
