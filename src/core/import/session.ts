import type { UserCsvKind } from '../catalogue';
import { decodeBytes, readHeader } from '../csv';
import type { JumpCloudClient } from '../jumpcloud';
import { headerColumns, type RuleSettings } from '../lint';
import { adoptedUsers, continuedRuns, journalProgress, type ContinuedRuns, type JournalProgress, type JournalSink } from './journal';
import { readImportState } from './org-state';
import type { ImportPlan, ImportState, PlannedRow, PlanOutline } from './plan-types';
import { importRefs, NO_REFS, planImport, planRows } from './planner';
import type { NewUserState } from './settings';

/**
 * The steps before anything is sent, shared by the editor and the CLI: read what the file names from the
 * organization (once), replay the journal of earlier runs, and plan. Nothing here writes to JumpCloud.
 */

export interface PrepareOptions {
  readonly client: JumpCloudClient;
  /** The file's bytes as saved: decoded here as the lint decodes them (see decodeBytes), so bad bytes block the import. */
  readonly bytes: Uint8Array;
  readonly kind: UserCsvKind;
  /**
   * The state new users are created in; without it, the organization's own default for CSV imports (its settings'
   * `newSystemUserStateDefaults.csvImport`), else ACTIVATED.
   */
  readonly newUserState?: NewUserState;
  /** Earlier runs of this file: steps they did are not planned again, users they created are not "taken". */
  readonly journal?: JournalSink;
  readonly rules?: RuleSettings;
  /** Milliseconds since the epoch (MFA enrollment windows start now). */
  readonly now: number;
  readonly signal?: AbortSignal;
  /** The organization's name, when the caller knows it (saves one request). */
  readonly organization?: string;
  /** Users in the organization, when known: picks the cheaper way to read the file's users. */
  readonly orgUserCount?: number;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

export interface PreparedImport {
  /** The plan, made on first use (a dry run that streams its preview never makes it: see `planRows`). */
  readonly plan: ImportPlan;
  /** Plans the file again, handing each row over as it is planned and keeping none (see planRows in the planner). */
  planRows(onRow: (row: PlannedRow) => void): PlanOutline;
  /**
   * The same file planned again against the organization as it was read, for new users in another state. The file is
   * decoded again from its bytes: its text is not kept, so an import of 100k rows does not hold it throughout.
   */
  replan(newUserState: NewUserState): ImportPlan;
  readonly state: ImportState;
  /** The users earlier runs created (lower-cased username → run and id), from `progress`. */
  readonly createdByRun: ReadonlyMap<string, { readonly run: string; readonly userId: string }>;
  /** What earlier runs in the journal did; pass it to `executeImport` so a resume skips their steps. */
  readonly progress: JournalProgress;
  /** Users an interrupted run created without recording it (see adoptedUsers); pass it to `executeImport`. */
  readonly adopted: ReadonlyMap<string, { readonly run: string; readonly userId: string; readonly row: number }>;
  /** The interrupted runs this import continues, and what they did; pass it to `executeImport`. */
  readonly continued: ContinuedRuns;
}

export async function prepareImport(options: PrepareOptions): Promise<PreparedImport> {
  const read = () => {
    const { text, encoding, invalid } = decodeBytes(options.bytes);
    return { text, decoded: { encoding, ...(invalid ? { invalid } : {}) } };
  };
  const { text } = read();
  // Only the header mapping is needed to know what the file names; the plan lints the file in full.
  const columns = headerColumns({ header: readHeader(text) }, options.kind);
  const refs = columns ? importRefs(text, columns) : NO_REFS;
  const state = await readImportState(options.client, refs, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.organization ? { organization: options.organization } : {}),
    ...(options.orgUserCount !== undefined ? { orgUserCount: options.orgUserCount } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const lines = options.journal ? await options.journal.read() : [];
  const progress = journalProgress(lines);
  const continued = continuedRuns(lines, progress);
  const createdByRun = new Map<string, { run: string; userId: string }>();
  for (const [username, user] of progress.users) if (user.createdBy) createdByRun.set(username, { run: user.createdBy.run, userId: user.createdBy.userId });
  // Creates an earlier run sent but never saw answered (it was killed): the users exist, and are that run's.
  const adopted = adoptedUsers(progress, state.users);
  for (const [username, a] of adopted) createdByRun.set(username, { run: a.run, userId: a.userId });
  const planOptions = (newUserState: NewUserState, how: ReturnType<typeof read>['decoded']) => ({
    kind: options.kind,
    now: options.now,
    newUserState,
    createdByRun,
    decoded: how,
    ...(options.rules ? { rules: options.rules } : {}),
  });
  // Each plan decodes the bytes again: the text is not kept beside the plan (decoding costs a few ms per megabyte).
  const replan = (newUserState: NewUserState) => {
    const again = read();
    return planImport(again.text, state, planOptions(newUserState, again.decoded));
  };
  const newUserState = options.newUserState ?? state.csvImportState ?? 'ACTIVATED';
  let plan: ImportPlan | undefined;
  return {
    get plan() {
      return (plan ??= replan(newUserState));
    },
    planRows: onRow => {
      const again = read();
      return planRows(again.text, state, planOptions(newUserState, again.decoded), onRow);
    },
    replan,
    state,
    createdByRun,
    progress,
    adopted,
    continued,
  };
}
