import { createHash } from 'node:crypto';
import {
  JumpCloudApiError,
  JumpCloudNetworkError,
  JumpCloudResponseError,
  redactor,
  systemClock,
  type Clock,
  type JumpCloudClient,
  type UserChanges,
} from '../jumpcloud';
import { RUN_FINISHED_STEP, type ContinuedRuns, type JournalLine, type JournalProgress, type JournalSink, type JournalStatus } from './journal';
import type { AdaptiveLimiter, LimiterStats } from './limiter';
import type { ImportPlan, PlannedRow, PlannedUser } from './plan-types';
import { countStatuses, userStatus, type ImportResults, type StepKind, type StepOutcome, type UserResult } from './results';
import { eachLimited } from './each-limited';
import { IMPORT_CONCURRENCY, type NewUserState } from './settings';

/**
 * The import engine: sends a plan, user by user, with bounded concurrency, journaling every step as it happens.
 *
 * Per user the steps run in order: the user (create or update), LDAP (association, then the bind-user flag), the
 * device, each group. After every user of the run, the managers that are users this same file creates. A failed step
 * is recorded with the API's own message and the user's other steps still run (a create that failed leaves nothing to
 * attach them to, so they are recorded as not sent). Cancelling lets each user in flight finish the step it is in
 * (an HTTP write is never cut off half-way, so its outcome is known) and marks everything else cancelled.
 */

/** Users in flight at once unless told otherwise (see IMPORT_CONCURRENCY). */
export const DEFAULT_IMPORT_CONCURRENCY = IMPORT_CONCURRENCY.default;

export interface ImportProgress {
  /** Rows finished (every step, the deferred manager included), of `total` rows in the plan. */
  readonly done: number;
  readonly total: number;
  /** The username of the row most recently started. */
  readonly current?: string;
}

export interface ExecuteOptions {
  /** The client; for a run that backs off together, built with `gate: limiter` and the same limiter passed below. */
  readonly client: JumpCloudClient;
  /** The shared limiter the client's gate is; its figures are reported in the results. */
  readonly limiter?: AdaptiveLimiter;
  /** This run's id, written on every journal line (default: the start time, ISO-8601). */
  readonly runId?: string;
  /** The `state` new users are created in: ACTIVATED (the welcome e-mail goes now) or STAGED (no e-mail yet). */
  readonly newUserState: NewUserState;
  /** Users in flight at once (default: the limiter's maximum, else DEFAULT_IMPORT_CONCURRENCY). */
  readonly concurrency?: number;
  readonly journal?: JournalSink;
  /** What earlier runs of this journal did (`journalProgress`): steps done there are not sent again. */
  readonly progress?: JournalProgress;
  /** Users an interrupted run created without recording it, by lower-cased username (PreparedImport.adopted). */
  readonly adopted?: ReadonlyMap<string, { readonly run: string; readonly userId: string }>;
  /** The interrupted runs this import continues (PreparedImport.continued): their outcomes join the results. */
  readonly continued?: ContinuedRuns;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly onOutcome?: (outcome: StepOutcome) => void;
}

export interface ExecuteResults extends ImportResults {
  /** The limiter's figures (requests, 429s, the concurrency it fell to), when a limiter was given. */
  readonly requests?: LimiterStats;
  /** The journal could not be written: the run stopped starting users (those left are cancelled). */
  readonly journalError?: string;
}

/** One step of one user, described before it runs. */
interface Step {
  readonly kind: StepKind;
  readonly key: string;
  readonly detail?: string;
  /** Needs the user's id (every step but a create). */
  readonly needsUser: boolean;
  /** Written to the journal, durably, before the step is sent: a create, whose repetition is not harmless. */
  readonly intent?: { readonly email: string };
  readonly send: (userId: string | undefined) => Promise<{ status: JournalStatus; userId?: string; detail?: string }>;
}

/** A digest of an update's changes (password VALUES left out), so an edited file's new changes are not taken for done. */
function changesDigest(changes: UserChanges): string {
  const canonical = JSON.stringify(changes, (key, value: unknown) => {
    if (key === 'password') return '(set)';
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** The API's own words for a failure; never the key (errors are redacted) and never the row's password (scrubbed). */
export function failureText(e: unknown): string {
  if (e instanceof JumpCloudApiError) return `${e.serverMessage} (HTTP ${e.status})`;
  if (e instanceof JumpCloudNetworkError) return `no response from JumpCloud: ${e.causeMessage}`;
  if (e instanceof JumpCloudResponseError) return `unexpected response from JumpCloud: ${e.problem}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

const sudoWord = (sudo: { enabled: boolean; withoutPassword: boolean } | undefined) =>
  sudo === undefined ? 'standard' : !sudo.enabled ? 'no-sudo' : sudo.withoutPassword ? 'sudo-nopasswd' : 'sudo';

function stepsOf(row: PlannedUser, options: ExecuteOptions, createdIds: ReadonlyMap<string, string>, deferred: boolean): Step[] {
  const { client } = options;
  const steps: Step[] = [];
  if (deferred) {
    const manager = row.managerFromFile as string;
    steps.push({
      kind: 'manager',
      key: `manager:${manager.toLowerCase()}`,
      detail: manager,
      needsUser: true,
      async send(userId) {
        const managerId = createdIds.get(manager.toLowerCase());
        if (!managerId) throw new Error(`the manager ${manager} was not created, so it has no id to set`);
        const { changed } = await client.updateUser(userId as string, { manager: managerId });
        return { status: changed.length ? 'updated' : 'unchanged', detail: `${manager} (${managerId})` };
      },
    });
    return steps;
  }
  // A create with an id was recorded by an earlier run of the file: never created twice.
  if (row.action === 'create' && row.create && !row.userId) {
    const body = { ...row.create, state: options.newUserState };
    steps.push({
      kind: 'user',
      key: 'user',
      detail: `state ${options.newUserState}`,
      needsUser: false,
      intent: { email: body.email },
      async send() {
        const { user, recovered } = await client.createUser(body);
        return { status: 'created', userId: user._id, detail: recovered ? `state ${options.newUserState}; the lost answer was recovered by a lookup, not sent twice` : `state ${options.newUserState}` };
      },
    });
  } else if (row.action === 'update' && row.update && Object.keys(row.update).length > 0) {
    const changes = row.update;
    steps.push({
      kind: 'user',
      key: `update:${changesDigest(changes)}`,
      needsUser: true,
      async send(userId) {
        const { changed } = await client.updateUser(userId as string, changes);
        return changed.length ? { status: 'updated', detail: changed.join(', ') } : { status: 'unchanged' };
      },
    });
  }
  const { ldap, system } = row;
  if (ldap?.associate) {
    steps.push({
      kind: 'ldap',
      key: `ldap:${ldap.serverId}`,
      detail: ldap.serverId,
      needsUser: true,
      send: async userId => ({ status: (await client.bindUserToLdapServer(ldap.serverId, userId as string)) === 'already-exists' ? 'already' : 'added' }),
    });
  }
  if (ldap?.bindingUser !== undefined) {
    const value = ldap.bindingUser;
    steps.push({
      kind: 'ldap-binding',
      key: `ldap-binding:${value}`,
      detail: String(value),
      needsUser: true,
      send: async userId => ({ status: (await client.setLdapBindingUser(userId as string, value)).changed.length ? 'updated' : 'unchanged' }),
    });
  }
  if (system) {
    steps.push({
      kind: 'system',
      key: `system:${system.systemId}:${system.op}:${sudoWord(system.sudo)}`,
      detail: `${system.systemId} (${sudoWord(system.sudo)})`,
      needsUser: true,
      async send(userId) {
        const outcome = await client.bindUserToSystem(system.systemId, userId as string, { op: system.op, ...(system.sudo ? { sudo: system.sudo } : {}) });
        return { status: outcome === 'already-exists' ? 'already' : outcome };
      },
    });
  }
  for (const group of row.groups) {
    steps.push({
      kind: 'group',
      key: `group:${group.groupId}`,
      detail: group.name,
      needsUser: true,
      send: async userId => ({ status: (await client.addUserToGroup(group.groupId, userId as string)) === 'already-exists' ? 'already' : 'added' }),
    });
  }
  return steps;
}

/** The kind of step a journal key names (see stepKey): `user`, `update:…`, `ldap:…`, `ldap-binding:…`, `system:…`… */
function kindOfStep(step: string): StepKind {
  const head = step.split(':')[0];
  return head === 'update' ? 'user' : (['ldap', 'ldap-binding', 'system', 'group', 'manager', 'delete'] as const).find(k => k === head) ?? 'user';
}

/**
 * A user's outcomes for the run as a whole: what the interrupted runs it continues did (their done steps), then what
 * this run did, one outcome per step, the later one winning (a step this run only reports as done earlier keeps the
 * earlier run's outcome, with its details).
 */
function withEarlierPart(now: readonly StepOutcome[], earlier: readonly JournalLine[]): StepOutcome[] {
  if (earlier.length === 0) return [...now];
  const byStep = new Map<string, StepOutcome>();
  for (const line of earlier) {
    byStep.set(line.step, {
      row: line.row, username: line.username, kind: kindOfStep(line.step), step: line.step, status: line.status, resumed: true, run: line.run,
      ...(line.userId ? { userId: line.userId } : {}), ...(line.detail ? { detail: line.detail } : {}),
    });
  }
  for (const outcome of now) if (!(outcome.resumed && byStep.has(outcome.step))) byStep.set(outcome.step, outcome);
  return [...byStep.values()];
}

const passwordsOf = (row: PlannedUser) => [row.create?.password, row.update?.password].filter((p): p is string => typeof p === 'string' && p.length > 0);

export async function executeImport(plan: ImportPlan, options: ExecuteOptions): Promise<ExecuteResults> {
  const clock = options.clock ?? systemClock;
  const startedAt = new Date(clock.now()).toISOString();
  const run = options.runId ?? startedAt;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? options.limiter?.maxConcurrency ?? DEFAULT_IMPORT_CONCURRENCY));
  const { signal, progress } = options;
  const rows = plan.rows;
  const outcomes: StepOutcome[][] = rows.map(() => []);
  const userIds: (string | undefined)[] = rows.map(r => (r.action === 'skipped' ? undefined : r.userId));
  /** Users this run (or an earlier run of the journal) created, by lower-cased username: for deferred managers. */
  const createdIds = new Map<string, string>();
  for (const [name, p] of progress?.users ?? []) if (p.createdBy) createdIds.set(name, p.createdBy.userId);
  let journalError: string | undefined;
  let done = 0;
  const stopped = () => signal?.aborted === true || journalError !== undefined;

  const record = async (index: number, outcome: StepOutcome, lineRun = run) => {
    outcomes[index].push(outcome);
    if (!outcome.resumed && options.journal) {
      const line: JournalLine = {
        run: lineRun,
        time: new Date(clock.now()).toISOString(),
        row: outcome.row,
        username: outcome.username,
        step: outcome.step,
        status: outcome.status,
        ...(outcome.userId ? { userId: outcome.userId } : {}),
        ...(outcome.detail ? { detail: outcome.detail } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
      };
      try {
        await options.journal.append(line);
      } catch (e) {
        journalError ??= failureText(e);
      }
    }
    options.onOutcome?.(outcome);
  };

  const finishRow = (row: PlannedRow) => {
    done++;
    options.onProgress?.({ done, total: rows.length, current: row.username });
  };

  /** Runs a user's steps in order: steps an earlier run did are reported, not sent; after a cancel, none is sent. */
  const runSteps = async (index: number, row: PlannedUser, steps: readonly Step[]) => {
    const prior = progress?.users.get(row.username.toLowerCase());
    const scrub = redactor(passwordsOf(row));
    const base = { row: row.row, username: row.username };
    for (const step of steps) {
      const common = { ...base, kind: step.kind, step: step.key, ...(step.detail ? { detail: step.detail } : {}) };
      const earlier = prior?.done.get(step.key);
      if (earlier !== undefined) {
        if (step.key === 'user' && prior?.userId) userIds[index] = prior.userId;
        const userId = userIds[index];
        await record(index, { ...common, status: earlier, resumed: true, ...(userId ? { userId } : {}) });
        if (step.key === 'user' && userId) createdIds.set(row.username.toLowerCase(), userId);
        continue;
      }
      if (stopped()) {
        await record(index, { ...common, status: 'cancelled', error: journalError ? `not sent: the journal could not be written (${journalError})` : 'not sent: the import was cancelled' });
        continue;
      }
      const userId = userIds[index];
      if (step.needsUser && !userId) {
        await record(index, { ...common, status: 'skipped', error: 'not sent: the user was not created' });
        continue;
      }
      if (step.intent && options.journal) {
        // Intent before effect: if the process dies while the create is in flight, the next run finds this line
        // and looks the user up instead of calling it taken (see adoptedUsers).
        try {
          await options.journal.append({ run, time: new Date(clock.now()).toISOString(), row: row.row, username: row.username, step: step.key, status: 'intent', email: step.intent.email });
        } catch (e) {
          journalError ??= failureText(e);
          await record(index, { ...common, status: 'cancelled', error: `not sent: the journal could not be written (${journalError})` });
          continue;
        }
      }
      try {
        const result = await step.send(userId);
        if (result.userId) {
          userIds[index] = result.userId;
          if (step.kind === 'user') createdIds.set(row.username.toLowerCase(), result.userId);
        }
        const id = userIds[index];
        await record(index, { ...common, status: result.status, ...(id ? { userId: id } : {}), ...(result.detail ? { detail: scrub(result.detail) } : {}) });
      } catch (e) {
        await record(index, { ...common, status: 'failed', ...(userId ? { userId } : {}), error: scrub(failureText(e)) });
      }
    }
  };

  const pool = (items: readonly number[], work: (index: number) => Promise<void>) => eachLimited(items, concurrency, work);

  // Users an interrupted run created without recording it: recorded now, under that run, before anything else.
  for (const [index, row] of rows.entries()) {
    const adopted = row.action === 'skipped' ? undefined : options.adopted?.get(row.username.toLowerCase());
    if (!adopted) continue;
    userIds[index] = adopted.userId;
    createdIds.set(row.username.toLowerCase(), adopted.userId);
    await record(index, {
      row: row.row, username: row.username, kind: 'user', step: 'user', status: 'created', userId: adopted.userId, run: adopted.run,
      detail: `created by run ${adopted.run}, which stopped before it heard back; found by username and e-mail`,
    }, adopted.run);
  }

  const deferred: number[] = [];
  await pool(
    rows.map((_, i) => i),
    async index => {
      const row = rows[index];
      if (row.action === 'skipped') {
        await record(index, { row: row.row, username: row.username, kind: 'user', step: 'user', status: 'skipped', error: row.problems.map(p => p.message).join('; ') });
        finishRow(row);
        return;
      }
      if (!stopped()) options.onProgress?.({ done, total: rows.length, current: row.username });
      await runSteps(index, row, stepsOf(row, options, createdIds, false));
      if (row.managerFromFile) deferred.push(index);
      else finishRow(row);
    },
  );
  // After every user step of the run: managers that are users of this file now have ids.
  deferred.sort((a, b) => a - b);
  await pool(deferred, async index => {
    const row = rows[index] as PlannedUser;
    await runSteps(index, row, stepsOf(row, options, createdIds, true));
    finishRow(row);
  });

  const continued = options.continued?.runs.length ? options.continued : undefined;
  const users: UserResult[] = rows.map((row, i) => {
    const steps = continued && row.action !== 'skipped' ? withEarlierPart(outcomes[i], continued.done.get(row.username.toLowerCase()) ?? []) : outcomes[i];
    const userId = userIds[i];
    const base = { row: row.row, record: row.record, username: row.username, steps, ...(userId ? { userId } : {}) };
    if (row.action === 'skipped') return { ...base, status: 'skipped', problems: row.problems };
    return { ...base, status: userStatus(steps), ...(row.system ? { systemId: row.system.systemId } : {}) };
  });
  const cancelled = users.some(u => u.status === 'cancelled');
  if (!cancelled && !journalError && options.journal) {
    // Every row was gone through: the next import of the file starts a run of its own instead of continuing this one.
    // If it cannot be written, the next import continues this run: its results then include this run's outcomes too,
    // which misdescribes nothing that was sent, so the failure is not worth failing the run for.
    await options.journal.append({ run, time: new Date(clock.now()).toISOString(), row: 0, username: '', step: RUN_FINISHED_STEP, status: 'unchanged' }).catch(() => undefined);
  }
  return {
    run,
    ...(continued ? { continues: continued.runs } : {}),
    startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    cancelled,
    users,
    counts: countStatuses(users),
    ...(options.limiter ? { requests: options.limiter.stats() } : {}),
    ...(journalError ? { journalError } : {}),
  };
}
