import { cellText, ROLES, type UserCsvKind } from '../catalogue';
import { forEachRecord, type DecodedText } from '../csv';
import type { JumpCloudUser, MfaSettings, NewUser, SudoAttributes, UserChanges } from '../jumpcloud';
import { lintSummary, type LintProblem, type RuleSettings } from '../lint';
import { orgKey, type OrgSnapshot } from '../org';
import { columnOf, copyProperties, readRow, type HeaderInfo, type UserRow } from '../rows';
import { describeChanges } from './changes';
import type { ImportRefs } from './org-state';
import type { FieldChange, GroupStep, ImportPlan, ImportState, LdapStep, PlanCounts, PlannedRow, PlannedUser, PlanOutline, RowProblem, SystemStep } from './plan-types';
import type { NewUserState } from './settings';

export interface PlanOptions {
  readonly kind: UserCsvKind;
  /** Milliseconds since the epoch: the start of MFA enrollment windows. */
  readonly now: number;
  /** The state new users start in: ACTIVATED sends the welcome e-mail now, STAGED when they are activated. */
  readonly newUserState: NewUserState;
  /** The user's severity settings: a code turned off does not keep a row from being sent. */
  readonly rules?: RuleSettings;
  /** Usernames (lower-cased) an earlier run of this file created, with that run's name and the user's id. */
  readonly createdByRun?: ReadonlyMap<string, { readonly run: string; readonly userId: string }>;
  /** How the file's bytes were decoded, when they were (bytes not valid in the encoding block the import). */
  readonly decoded?: Pick<DecodedText, 'encoding' | 'invalid'>;
}

const DEFAULT_ENROLLMENT_DAYS = 7;
const DAY_MS = 86_400_000;
const key = orgKey;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Each row of the file read through the row model, blank rows left out, one at a time from the text: no document and
 * no list of rows, so 100k rows never live at once (they would outlive the young generation and cost a full heap's
 * collections, and the plan would hold the parsed file beside itself).
 */
function forEachRow(text: string, columns: HeaderInfo, onRow: (row: UserRow) => void): void {
  forEachRecord(text, record => {
    if (record.index === 0) return;
    const row = readRow(columns, record);
    if (row.cells.length > 0) onRow(row);
  });
}

/**
 * The names and ids a file uses, for `readImportState`: the users' values exactly as the lint's organization checks
 * read them (the cell's text, trimmed), so the users read are those those checks look up; the rest through the row
 * model, as the plan sends them.
 */
export function importRefs(text: string, columns: HeaderInfo): ImportRefs {
  // One pass, each value into its set as it is met: no list of 100k cells per column (see forEachRow).
  const sets = { usernames: new Map<string, string>(), emails: new Map<string, string>(), employeeIds: new Map<string, string>(), managers: new Map<string, string>(), groupNames: new Map<string, string>(), systemIds: new Map<string, string>(), ldapServerIds: new Map<string, string>() };
  const add = (set: Map<string, string>, value: string | undefined) => {
    const text = value?.trim();
    if (text && !set.has(key(text))) set.set(key(text), text);
  };
  const byText = ([['usernames', ROLES.username], ['emails', ROLES.email], ['employeeIds', ROLES.employeeIdentifier], ['managers', ROLES.manager]] as const)
    .flatMap(([name, spec]) => {
      const column = columnOf(columns, spec);
      return column ? [{ set: sets[name], index: column.index }] : [];
    });
  forEachRecord(text, record => {
    if (record.index > 0) for (const { set, index } of byText) add(set, cellText(record.fields[index]));
  });
  forEachRow(text, columns, r => {
    for (const g of r.groups) add(sets.groupNames, g.name);
    add(sets.systemIds, r.system);
    add(sets.ldapServerIds, r.ldapServer);
  });
  const values = (set: Map<string, string>) => [...set.values()];
  return {
    usernames: values(sets.usernames),
    emails: values(sets.emails),
    employeeIds: values(sets.employeeIds),
    groupNames: values(sets.groupNames),
    systemIds: values(sets.systemIds),
    ldapServerIds: values(sets.ldapServerIds),
    managers: values(sets.managers),
  };
}

/** No refs: a file without a header names nothing. */
export const NO_REFS: ImportRefs = { usernames: [], emails: [], employeeIds: [], groupNames: [], systemIds: [], ldapServerIds: [], managers: [] };

/**
 * The lint's view of the organization, from what the import read: every user any of the file's values names (see
 * readImportState), so its organization checks decide as they would against a snapshot of every user.
 */
function snapshotOf(state: ImportState): OrgSnapshot {
  const users = state.users.map(u => ({ id: u._id, username: u.username, ...(u.email ? { email: u.email } : {}), ...(u.employeeIdentifier ? { employeeIdentifier: u.employeeIdentifier } : {}) }));
  return { name: state.organization, users, groups: state.groups, systems: state.systems, ldapServers: state.ldapServers };
}

function problemsByRecord(problems: readonly LintProblem[]): { file: RowProblem[]; rows: Map<number, RowProblem[]> } {
  const file: RowProblem[] = [];
  const rows = new Map<number, RowProblem[]>();
  for (const p of problems) {
    if (p.severity !== 'error') continue;
    const problem = { code: p.code, message: p.message };
    if (p.record === undefined || p.record === 0) file.push(problem);
    else rows.set(p.record, [...(rows.get(p.record) ?? []), problem]);
  }
  return { file, rows };
}

/**
 * Plans an import. The verdict on each row is the lint's, decided once: the file is linted against what was read of
 * the organization (every problem, no cap, the user's settings), and a row is skipped exactly when that lint has an
 * error in it, with those problems; the planner never judges a row again. For each other row it computes exactly what
 * will be sent. A file with errors of its own (header, structure, encoding) plans no row: `blocked` says why.
 */
export function planImport(text: string, state: ImportState, options: PlanOptions): ImportPlan {
  const rows: PlannedRow[] = [];
  const outline = planRows(text, state, options, row => rows.push(row));
  return { ...outline, rows };
}

/**
 * Plans the file as `planImport` does, handing each row to `onRow` as it is planned instead of keeping them: a dry run
 * of 100k rows holds no plan objects (see streamedPreview).
 */
export function planRows(text: string, state: ImportState, options: PlanOptions, onRow: (row: PlannedRow) => void): PlanOutline {
  const { file, rows: rowProblems, columns } = lintForPlan(text, state, options);
  const base = { kind: options.kind, organization: state.organization, newUserState: options.newUserState };
  if (!columns || file.length > 0) return { ...base, blocked: file.length ? file : [{ code: 'missing-header', message: 'The file has no header row.' }] };

  const users = new Map(state.users.map(u => [key(u.username), u]));
  // Who this run creates, and in which row: a manager may be one of them. A skipped row creates no one.
  const creates = new Map<string, number>();
  const skippedUsers = new Map<string, number>();
  // The Username cell alone (as the lint's dependency check reads it), not the whole row: this pass only needs names.
  const usernameColumn = columnOf(columns, ROLES.username);
  forEachRecord(text, record => {
    const username = record.index > 0 && usernameColumn ? cellText(record.fields[usernameColumn.index]).trim() : '';
    if (!username || users.has(key(username))) return;
    const into = rowProblems.has(record.index) ? skippedUsers : creates;
    if (!into.has(key(username))) into.set(key(username), record.index + 1);
  });
  const groupsByName = new Map<string, ImportState['groups'][number][]>();
  for (const g of state.groups) groupsByName.set(key(g.name), [...(groupsByName.get(key(g.name)) ?? []), g]);
  const context: RowContext = { state, options, users, creates, skippedUsers, groupsByName };
  forEachRow(text, columns, row => {
    const problems = rowProblems.get(row.record);
    onRow(problems ? { row: row.record + 1, record: row.record, username: row.username, action: 'skipped', problems } : planRow(row, context));
  });
  return base;
}

/**
 * The lint of the whole file (every problem, no cap, the user's settings) against what was read of the organization,
 * streamed as the CLI's lint is, reduced to the errors by row and the header mapping.
 */
function lintForPlan(text: string, state: ImportState, options: PlanOptions) {
  const createdByRun = new Map([...(options.createdByRun ?? new Map<string, { run: string; userId: string }>())].map(([u, c]) => [u, c.run]));
  const lint = lintSummary(text, { type: options.kind, rules: options.rules, maxProblems: Number.POSITIVE_INFINITY, org: snapshotOf(state), createdByRun }, options.decoded);
  return { ...problemsByRecord(lint.problems), columns: lint.columns };
}

interface RowContext {
  readonly state: ImportState;
  readonly options: PlanOptions;
  readonly users: ReadonlyMap<string, JumpCloudUser>;
  /** Usernames (lower-cased) this file creates, with the row that does: a manager may be one of them. */
  readonly creates: ReadonlyMap<string, number>;
  /** Usernames (lower-cased) of new users in rows that are skipped, with the first such row. */
  readonly skippedUsers: ReadonlyMap<string, number>;
  /** User groups by lower-cased name (several when names clash), looked up once per group cell. */
  readonly groupsByName: ReadonlyMap<string, readonly ImportState['groups'][number][]>;
}

function planRow(row: UserRow, context: RowContext): PlannedRow {
  const { state, options } = context;
  const at = { row: row.record + 1, record: row.record, username: row.username };
  const current = context.users.get(key(row.username));
  const created = options.createdByRun?.get(key(row.username));
  // The lint decided: an update row has a user (else user-not-found), a create row has none or one an earlier run
  // of this file created (else user-exists); both codes are always errors. Anything else is a bug, not a verdict.
  if ((options.kind === 'update' && !current) || (options.kind === 'import' && current && !created)) {
    throw new Error(`Internal error: row ${at.row} was planned against a user the lint did not see (${options.kind}).`);
  }
  const userId = current?._id;
  const manager = resolveManager(row, context);
  const changes = userChanges(row, current, options, manager.id);
  const steps: RowSteps = {
    ldap: ldapStep(row, current, state),
    system: systemStep(row, userId, state),
    groups: groupSteps(row, userId, context),
    managerFromFile: manager.fromFile,
    managerRow: manager.row,
    managerNotSet: manager.notSet,
  };
  // Plan objects are built by naming their properties, never by spreading another object into a literal: on every
  // row, such spreads kept the rows' objects alive through young-generation collections (measured: 60 to 100 MB
  // promoted per 100k rows, see copyProperties), tripling a 100k-row import's memory.
  if (!current) {
    // The lint guarantees a new user's Email (a required column and cell of new-users files).
    const create = copyProperties({} as Mutable<NewUser>, changes);
    create.username = row.username;
    create.email = String(changes.email ?? '');
    const fields = describeChanges(undefined, create, row);
    return withSteps({ row: at.row, record: at.record, username: at.username, action: 'create', create, fields, groups: steps.groups }, steps);
  }
  // The run that created the user set its password: sending it again would only reset it (it cannot be compared).
  if (created) delete (changes as { password?: string }).password;
  const fields = describeChanges(current, changes, row);
  const nothing = fields.length === 0 && !steps.ldap && !steps.system && steps.groups.length === 0 && !steps.managerFromFile;
  const planned = withSteps({ row: at.row, record: at.record, username: at.username, action: nothing ? 'unchanged' : 'update', userId: current._id, fields, groups: steps.groups }, steps);
  if (fields.length) planned.update = onlyChanged(changes, fields);
  if (created) planned.note = `created by run ${created.run}`;
  return planned;
}

interface RowSteps {
  readonly ldap?: LdapStep;
  readonly system?: SystemStep;
  readonly groups: GroupStep[];
  readonly managerFromFile?: string;
  readonly managerRow?: number;
  readonly managerNotSet?: PlannedUser['managerNotSet'];
}

/** A planned row with the row's optional steps set on it (those it has only). */
function withSteps(planned: Mutable<PlannedUser>, steps: RowSteps): Mutable<PlannedUser> {
  if (steps.ldap) planned.ldap = steps.ldap;
  if (steps.system) planned.system = steps.system;
  if (steps.managerFromFile) {
    planned.managerFromFile = steps.managerFromFile;
    planned.managerRow = steps.managerRow;
  }
  if (steps.managerNotSet) planned.managerNotSet = steps.managerNotSet;
  return planned;
}

/** The API fields of a row, as create and update bodies take them (before comparing with the organization). */
function userChanges(row: UserRow, current: JumpCloudUser | undefined, options: PlanOptions, managerId: string | undefined): UserChanges & Partial<NewUser> {
  const out: Record<string, unknown> = {};
  for (const [name, { value }] of row.fields) if (name !== 'username') out[name] = value;
  if (row.addresses.size) out.addresses = [...row.addresses].map(([type, { parts }]) => ({ type, ...parts }));
  if (row.phones.size) out.phoneNumbers = [...row.phones].map(([type, { number }]) => ({ type, number }));
  if (row.attributes.length) out.attributes = row.attributes.map(a => ({ name: a.name, value: a.value }));
  if (row.recoveryEmail !== undefined) out.recoveryEmail = { address: row.recoveryEmail };
  if (managerId !== undefined) out.manager = managerId;
  // ldap_binding_user goes with the LDAP step when the row binds a server (the reference's order); alone, it is a field.
  if (row.ldapBindingUser !== undefined && row.ldapServer === undefined) out.ldap_binding_user = row.ldapBindingUser;
  if (row.mfa !== undefined) {
    const turningOn = row.mfa && current?.enable_user_portal_multifactor !== true;
    out.enable_user_portal_multifactor = row.mfa;
    // An enrollment window only when MFA is being turned on: re-running a file does not restart it (the reference did).
    if (turningOn) out.mfa = enrollment(row.enrollmentDays ?? DEFAULT_ENROLLMENT_DAYS, current ? 'ACTIVATED' : options.newUserState, options.now);
  }
  if (!current) out.state = options.newUserState;
  return out as UserChanges & Partial<NewUser>;
}

/** The MFA enrollment window: days for STAGED users (counted from activation), a UTC date-time otherwise. */
function enrollment(days: number, state: NewUserState, now: number): MfaSettings {
  if (state === 'STAGED') return { exclusion: true, exclusionDays: days };
  return { exclusion: true, exclusionUntil: new Date(now + days * DAY_MS).toISOString() };
}

/** The changes an update sends: the fields the preview shows as changing, nothing else. */
function onlyChanged(changes: UserChanges, fields: readonly FieldChange[]): UserChanges {
  const keys = new Set(fields.map(f => f.key));
  return Object.fromEntries(Object.entries(changes).filter(([k]) => keys.has(k))) as UserChanges;
}

function resolveManager(row: UserRow, context: RowContext): { id?: string; fromFile?: string; row?: number; notSet?: { username: string; row: number } } {
  if (row.manager === undefined) return {};
  const id = context.state.managers.get(key(row.manager));
  if (id) return { id };
  const creator = context.creates.get(key(row.manager));
  if (creator !== undefined) return { fromFile: row.manager.trim(), row: creator };
  // Only when manager-skipped is below error: the row goes, without the manager its skipped row would have created.
  const skipped = context.skippedUsers.get(key(row.manager));
  if (skipped !== undefined) return { notSet: { username: row.manager.trim(), row: skipped } };
  return {};
}

function ldapStep(row: UserRow, current: JumpCloudUser | undefined, state: ImportState): LdapStep | undefined {
  if (row.ldapServer === undefined) return undefined;
  // The state's sets hold lower-cased ids, as its keys are.
  const associate = !(current && state.ldapUsers.get(key(row.ldapServer))?.has(key(current._id)));
  const bindingUser = row.ldapBindingUser !== undefined && row.ldapBindingUser !== (current?.ldap_binding_user ?? undefined) ? row.ldapBindingUser : undefined;
  if (!associate && bindingUser === undefined) return undefined;
  return { serverId: row.ldapServer, associate, ...(bindingUser === undefined ? {} : { bindingUser }) };
}

const ADMIN: SudoAttributes = { enabled: true, withoutPassword: false };
const STANDARD: SudoAttributes = { enabled: false, withoutPassword: false };

function systemStep(row: UserRow, userId: string | undefined, state: ImportState): SystemStep | undefined {
  if (row.system === undefined) return undefined;
  const bindings = userId ? state.systemUsers.get(key(row.system)) : undefined;
  if (!userId || !bindings?.has(key(userId))) {
    return { systemId: row.system, op: 'add', ...(row.administrator ? { sudo: ADMIN } : {}) };
  }
  if (row.administrator === undefined) return undefined;
  const isAdmin = bindings.get(key(userId))?.enabled === true;
  if (isAdmin === row.administrator) return undefined;
  return { systemId: row.system, op: 'update', sudo: row.administrator ? ADMIN : STANDARD };
}

function groupSteps(row: UserRow, userId: string | undefined, { state, groupsByName }: RowContext): GroupStep[] {
  const steps = new Map<string, GroupStep>();
  for (const cell of row.groups) {
    const matches = groupsByName.get(key(cell.name)) ?? [];
    if (matches.length !== 1) continue; // the lint reported it, and the row is skipped
    const group = matches[0];
    if (userId && state.groupMembers.get(key(group.id))?.has(key(userId))) continue;
    steps.set(group.id, { name: cell.name, groupId: group.id });
  }
  return [...steps.values()];
}

/** Totals for the preview and the confirmation. */
export function planCounts(plan: ImportPlan): PlanCounts {
  const counts = emptyCounts();
  for (const row of plan.rows) countRow(counts, row);
  return counts;
}

export function emptyCounts(): PlanCounts {
  return { create: 0, update: 0, unchanged: 0, skipped: 0, memberships: 0, devices: 0, ldap: 0 };
}

/** Adds one planned row to `counts`. */
export function countRow(counts: PlanCounts, row: PlannedRow): void {
  counts[row.action]++;
  if (row.action === 'skipped') return;
  counts.memberships += row.groups.length;
  if (row.system) counts.devices++;
  if (row.ldap) counts.ldap++;
}

