import type { UserCsvKind } from '../catalogue';
import type { JumpCloudUser, NewUser, SudoAttributes, UserChanges } from '../jumpcloud';
import type { NewUserState } from './settings';

/**
 * The import plan: what one run will send, per row, computed from the CSV (through the row model) and the
 * organization's current state (`ImportState`). The planner builds it without the network; the executor sends it;
 * the preview, the confirmation, the journal and the results all describe it.
 */

/** A field a create sets or an update changes, for the preview ("jobTitle: Engineer → Lead"). */
export interface FieldChange {
  /** The key of the create or update body the change is part of (`jobTitle`, `addresses`, `mfa`…). */
  readonly key: string;
  /** The CSV header the value came from, as the file writes it. */
  readonly header: string;
  /** The API field (`jobTitle`, `addresses[work].locality`, `mfa`…). */
  readonly field: string;
  /** The organization's value before; undefined for creates and for fields the user did not have. */
  readonly before?: string;
  /** The value sent; passwords read `(set)`, never the password. */
  readonly after: string;
}

/** The user–device binding a row asks for. */
export interface SystemStep {
  readonly systemId: string;
  /** `add` binds; `update` changes only the admin (sudo) setting of an existing binding. */
  readonly op: 'add' | 'update';
  /** Undefined: a standard user (no sudo attributes sent). */
  readonly sudo?: SudoAttributes;
}

export interface LdapStep {
  readonly serverId: string;
  /** False when the user is already bound to the server: only the bind-user flag may still change. */
  readonly associate: boolean;
  /** `ldap_binding_user` to set after the association; undefined leaves it unchanged. */
  readonly bindingUser?: boolean;
}

export interface GroupStep {
  /** The name as the CSV writes it. */
  readonly name: string;
  readonly groupId: string;
}

/** A problem that keeps a row from being sent (from the lint, with its code and cell). */
export interface RowProblem {
  readonly code: string;
  readonly message: string;
}

interface PlannedRowBase {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  readonly row: number;
  /** The record index in the CSV document (0 = header), for revealing the row. */
  readonly record: number;
  /** The Username cell (trimmed); may be empty on skipped rows. */
  readonly username: string;
}

/** A row that is sent: a create, or an update of an existing user (which may turn out to change nothing). */
export interface PlannedUser extends PlannedRowBase {
  readonly action: 'create' | 'update' | 'unchanged';
  /** The existing user's id (updates; creates recorded by an earlier run of the same file). */
  readonly userId?: string;
  /** The POST body of a create, `state` included. */
  readonly create?: NewUser;
  /** The fields an update changes (only those that differ from the organization's). */
  readonly update?: UserChanges;
  readonly fields: readonly FieldChange[];
  readonly ldap?: LdapStep;
  readonly system?: SystemStep;
  /** Memberships to add; groups the user is already in are left out. */
  readonly groups: readonly GroupStep[];
  /**
   * The manager is a user this same file creates: the executor sets `manager` once that user has an id, after every
   * user step of the run. Holds the manager's username.
   */
  readonly managerFromFile?: string;
  /** The row that creates `managerFromFile` (its number, as the preview names it). */
  readonly managerRow?: number;
  /**
   * The manager is a user this file creates in a row that is skipped (only when `manager-skipped` is set below error):
   * the manager is not set, and the preview says so. Holds the manager's username and that row.
   */
  readonly managerNotSet?: { readonly username: string; readonly row: number };
  /** Why a row that looks like a create is planned otherwise (e.g. "created by run 2026-12-02T05:31Z"). */
  readonly note?: string;
}

/** A row that is not sent. */
export interface SkippedRow extends PlannedRowBase {
  readonly action: 'skipped';
  readonly problems: readonly RowProblem[];
}

export type PlannedRow = PlannedUser | SkippedRow;

/** A plan without its rows: what `planRows` returns while it hands the rows over one by one. */
export interface PlanOutline {
  readonly kind: UserCsvKind;
  /** The organization's display name, for messages. */
  readonly organization: string;
  /** The state new users are created in (already in each `create` body). */
  readonly newUserState: NewUserState;
  /** Errors of the file itself (header, structure): when present, no row is planned. */
  readonly blocked?: readonly RowProblem[];
}

export interface ImportPlan extends PlanOutline {
  /** Every data row of the file in file order, blank rows left out. */
  readonly rows: readonly PlannedRow[];
}

/** What a plan would send, counted (see planCounts). */
export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  skipped: number;
  memberships: number;
  devices: number;
  ldap: number;
}

/**
 * What the planner needs to know of the organization, read once per run by `readImportState` (never per row).
 * Keys of the maps are lower-cased ids; user lookups are case-insensitive as JumpCloud's are.
 */
export interface ImportState {
  readonly organization: string;
  /** Full records of the users the file names (by username), as the API returns them. */
  readonly users: readonly JumpCloudUser[];
  /** Every user group. */
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  /** Direct members (user ids) of each group the file names. */
  readonly groupMembers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every device: ids, and names for messages. */
  readonly systems: readonly { readonly id: string; readonly hostname?: string; readonly displayName?: string }[];
  /** Users bound to each device the file names, with the sudo pair of the binding (undefined: standard user). */
  readonly systemUsers: ReadonlyMap<string, ReadonlyMap<string, SudoAttributes | undefined>>;
  readonly ldapServers: readonly { readonly id: string; readonly name: string }[];
  /** Users bound to each LDAP server the file names. */
  readonly ldapUsers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Manager cells (lower-cased username, e-mail or id) resolved to user ids; absent when no user matches. */
  readonly managers: ReadonlyMap<string, string>;
  /** The state the organization's admins chose for users created from a CSV (its settings), when it says. */
  readonly csvImportState?: NewUserState;
}
