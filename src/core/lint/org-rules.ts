import type { CsvRecord, Field } from '../csv';
import { orgKey, type OrgIndex } from '../org';
import { cellText, ROLES, type ColumnSpec, type UserCsvKind } from '../catalogue';
import { columnOf, type ColumnInfo, type HeaderInfo } from '../rows';
import type { Reporter } from './reporter';
import { editDistance } from './suggest';
import type { Fix } from './types';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

function closest(names: Iterable<string>, value: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(orgKey(name), orgKey(value));
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(1, Math.floor(value.length / 4)) ? best.name : undefined;
}

/** A filled cell of a column as the organization's checks compare it (orgKey), or undefined when it is empty. */
export function orgCellKey(record: CsvRecord, column: ColumnInfo | undefined): string | undefined {
  const value = column ? cellText(record.fields[column.index]).trim() : '';
  return value ? orgKey(value) : undefined;
}

/** Whether the organization has a user that a username, e-mail address or id (orgKey) names. */
export function knowsUser(org: OrgIndex, key: string): boolean {
  return org.usersByUsername.has(key) || org.usersByEmail.has(key) || org.usersById.has(key);
}

/** Checks rows against the organization: users that must (not) exist, values in use, groups, devices, LDAP, manager. */
export class OrgChecker {
  private readonly header: HeaderInfo;
  private readonly groups: ColumnInfo[];

  constructor(
    header: HeaderInfo,
    private readonly type: UserCsvKind | undefined,
    private readonly org: OrgIndex,
    private readonly reporter: Reporter,
    /** Usernames (orgKey) this file itself lists: a manager may be a user the same import creates. */
    private readonly fileUsers: { has(key: string): boolean },
    /** Usernames (lower-cased) an earlier run of this import created, with that run's name: not a mistake to flag. */
    private readonly createdByRun: ReadonlyMap<string, string> = new Map(),
  ) {
    this.header = header;
    this.groups = [...header.byHeader.values()].filter(c => c.spec && c.match.kind === 'numbered' && c.match.column.id === 'group');
  }

  /** The filled cell of a catalogue column in a record, with its text as the file means it. */
  private cell(record: CsvRecord, spec: ColumnSpec): { field: Field; value: string } | undefined {
    const column = columnOf(this.header, spec);
    const field = column ? record.fields[column.index] : undefined;
    const value = cellText(field).trim();
    return field && value ? { field, value } : undefined;
  }

  check(record: CsvRecord): void {
    const row = record.index + 1;
    const org = this.org.snapshot.name;
    const at = { record: record.index };
    const username = this.cell(record, ROLES.username);
    const existing = username ? this.org.usersByUsername.get(orgKey(username.value)) : undefined;
    if (username && this.type === 'import' && existing && !this.createdByRun.has(orgKey(username.value))) {
      this.reporter.report('user-exists', `Username "${username.value}" in row ${row} is already taken in ${org}; use an update file to change that user.`, username.field, at);
    }
    if (username && this.type === 'update' && !existing) {
      this.reporter.report('user-not-found', `Username "${username.value}" in row ${row} is not a user of ${org}.`, username.field, at);
    }
    const self = existing?.[0]?.id;
    for (const [spec, map] of [[ROLES.email, this.org.usersByEmail], [ROLES.employeeIdentifier, this.org.usersByEmployeeId]] as const) {
      const cell = this.cell(record, spec);
      const holders = cell ? (map.get(orgKey(cell.value)) ?? []).filter(u => u.id !== self) : [];
      if (cell && holders.length) {
        this.reporter.report('value-in-use', `${spec.header} "${cell.value}" in row ${row} belongs to ${holders[0].username} in ${org}; it must be unique.`, cell.field, at);
      }
    }
    for (const column of this.groups) {
      const field = record.fields[column.index];
      const name = cellText(field).trim();
      if (!name) continue;
      const matches = this.org.groupsByName.get(orgKey(name)) ?? [];
      if (matches.length > 1) {
        this.reporter.report('ambiguous-group', `${matches.length} user groups in ${org} are named "${name}" (row ${row}); rename one of them in JumpCloud.`, field, at);
      } else if (matches.length === 0) {
        const suggestion = closest(this.org.snapshot.groups.map(g => g.name), name);
        const fixes: Fix[] = suggestion ? [{ kind: 'replace', title: `Change to "${suggestion}"`, span: field, text: suggestion, safe: false }] : [];
        this.reporter.report('unknown-group', `"${name}" in ${column.name}, row ${row}, is not a user group in ${org}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, field, { ...at, fixes });
      }
    }
    const system = this.cell(record, ROLES.system);
    if (system && OBJECT_ID.test(system.value) && !this.org.systemsById.has(orgKey(system.value))) {
      this.reporter.report('unknown-system', `${ROLES.system.header} "${system.value}" in row ${row} is not a device in ${org}.`, system.field, at);
    }
    const ldap = this.cell(record, ROLES.ldapServer);
    if (ldap && OBJECT_ID.test(ldap.value) && !this.org.ldapServerIds.has(orgKey(ldap.value))) {
      this.reporter.report('unknown-ldap-server', `${ROLES.ldapServer.header} "${ldap.value}" in row ${row} is not an LDAP server in ${org}.`, ldap.field, at);
    }
    const manager = this.cell(record, ROLES.manager);
    const email = this.cell(record, ROLES.email);
    const own = [username?.value, email?.value, existing?.[0]?.id, existing?.[0]?.email].flatMap(v => (v ? [orgKey(v)] : []));
    if (manager && own.includes(orgKey(manager.value))) {
      this.reporter.report('manager-is-self', `Manager "${manager.value}" in row ${row} is the user of that row; JumpCloud refuses a user as their own manager.`, manager.field, at);
    } else if (manager) {
      const k = orgKey(manager.value);
      const known = knowsUser(this.org, k) || this.fileUsers.has(k);
      if (!known) this.reporter.report('unknown-manager', `Manager "${manager.value}" in row ${row} is not a user of ${org} or of this file.`, manager.field, at);
    }
  }

  /** The manager (orgKey) of a record when it is a user this file lists and the organization does not know. */
  managerInFile(record: CsvRecord): string | undefined {
    const key = orgCellKey(record, columnOf(this.header, ROLES.manager));
    return key !== undefined && !knowsUser(this.org, key) && this.fileUsers.has(key) ? key : undefined;
  }

  /** A fix for a SystemID cell that holds a device's hostname or display name instead of its id. */
  systemIdFix(value: string, span: { start: number; end: number }): { fix: Fix; note: string } | undefined {
    const matches = this.org.systemsByName.get(orgKey(value)) ?? [];
    if (matches.length !== 1) return undefined;
    const system = matches[0];
    const label = system.displayName && system.displayName !== system.hostname ? `${system.hostname} (${system.displayName})` : (system.hostname ?? system.displayName);
    return { fix: { kind: 'replace', title: `Use the id of ${label}`, span, text: system.id, safe: false }, note: ` It names the device ${label}.` };
  }
}
