import { formatSafeCsv } from '../csv/write';
import type { JournalStatus } from './journal';
import type { ImportResults, StepKind, StepOutcome, UserResult, UserStatus } from './results';

/**
 * The words of an import's results, once for every place that shows them: the CLI's lines, the editor's output
 * channel and messages, the results tree and the results CSV. (Texts a person reads; the data is in results.ts.)
 */

/** What each kind of step is called. */
export const STEP_NAMES: Readonly<Record<StepKind, string>> = {
  user: 'user',
  ldap: 'LDAP server',
  'ldap-binding': 'LDAP binding user',
  system: 'device',
  group: 'group',
  manager: 'manager',
  delete: 'deletion',
};

const STATUS_ORDER: readonly UserStatus[] = ['created', 'updated', 'unchanged', 'failed', 'skipped', 'cancelled'];

/** "2 created, 0 updated, 1 unchanged, 0 failed, 0 skipped, 0 cancelled": every status, for a summary line. */
export function countsText(counts: Readonly<Record<UserStatus, number>>): string {
  return STATUS_ORDER.map(s => `${counts[s]} ${s}`).join(', ');
}

/** "2 created, 1 unchanged": the statuses that occurred, for a short description; "nothing to do" when none. */
export function countsBrief(counts: Readonly<Record<UserStatus, number>>): string {
  return STATUS_ORDER.filter(s => counts[s] > 0).map(s => `${counts[s]} ${s}`).join(', ') || 'nothing to do';
}

/** "group Engineering", "device mac-01 (sudo)", "user": what a step did or was to do. */
export function stepLabel(step: Pick<StepOutcome, 'kind' | 'detail'>): string {
  return `${STEP_NAMES[step.kind]}${step.detail ? ` ${step.detail}` : ''}`;
}

/**
 * Why a user did not go as planned, one text per reason: a skipped row's problems (with their lint codes, which say
 * more than the skip step), else each step that failed, was not sent or was cancelled, with its error.
 */
export function userProblems(user: UserResult): string[] {
  if (user.problems?.length) return user.problems.map(p => `${p.code}: ${p.message}`);
  return user.steps.filter(s => s.error && (s.status === 'failed' || s.status === 'skipped' || s.status === 'cancelled')).map(s => `${stepLabel(s)}: ${s.error}`);
}

/** The earlier, interrupted part of the run that created the user, when it was not this one. */
export function createdEarlier(user: UserResult, results: Pick<ImportResults, 'run'>): string | undefined {
  if (user.status !== 'created') return undefined;
  return user.steps.find(s => s.kind === 'user' && s.status === 'created' && s.run && s.run !== results.run)?.run;
}

/** "row 2 ada created (in run …, continued now) 5f…: group Sales: not found (HTTP 404)": one line per user. */
export function userLine(user: UserResult, results: Pick<ImportResults, 'run'>): string {
  const problems = user.status === 'failed' ? user.steps.filter(s => s.status === 'failed').map(s => `${stepLabel(s)}: ${s.error}`) : userProblems(user);
  const earlier = createdEarlier(user, results);
  return `row ${user.row} ${user.username || '(no username)'} ${user.status}${earlier ? ` (in run ${earlier}, continued now)` : ''}${user.userId ? ` ${user.userId}` : ''}${problems.length ? `: ${problems.join('; ')}` : ''}`;
}

/** "row 2 ada: group Sales added", for a log of the steps as they happen. */
export function stepLine(step: StepOutcome): string {
  return `row ${step.row} ${step.username}: ${stepLabel(step)} ${step.status}${step.userId && step.kind === 'user' ? ` (${step.userId})` : ''}${step.error ? `: ${step.error}` : ''}`;
}

/** The result columns of the reference (Import-/Update-JCUsersFromCSV), plus Error. */
export const RESULT_COLUMNS = ['Username', 'Status', 'UserID', 'GroupsAdd', 'SystemID', 'SystemAdd', 'LdapUserBind', 'Error'] as const;

const STEP_WORDS: Readonly<Record<JournalStatus, string>> = {
  intent: 'Sent, no answer yet',
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  added: 'Added',
  already: 'Already there',
  deleted: 'Deleted',
  failed: 'Failed',
  skipped: 'Not sent',
  cancelled: 'Cancelled',
};

const stepText = (s: StepOutcome) => (s.status === 'failed' && s.error ? `Failed: ${s.error}` : STEP_WORDS[s.status]);

function resultRow(user: UserResult): string[] {
  const of = (kind: StepKind) => user.steps.filter(s => s.kind === kind);
  const groups = of('group').map(s => `${s.detail ?? s.step}: ${stepText(s)}`);
  const system = of('system');
  const ldap = [...of('ldap').map(s => `LDAP ${stepText(s)}`), ...of('ldap-binding').map(s => `ldap_binding_user ${s.detail ?? ''}: ${stepText(s)}`)];
  return [user.username, user.status, user.userId ?? '', groups.join('; '), user.systemId ?? '', system.map(stepText).join('; '), ldap.join('; '), userProblems(user).join('; ')];
}

/** The results as CSV text (CRLF, as spreadsheets expect), one row per CSV row, in file order. */
export function resultsCsv(results: ImportResults | readonly UserResult[]): string {
  const users = 'users' in results ? results.users : results;
  // Values come from the file and from JumpCloud: the one formula-escaping writer, as for every CSV the product makes.
  return formatSafeCsv([[...RESULT_COLUMNS], ...users.map(resultRow)], '\r\n');
}
