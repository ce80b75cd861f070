import type { CsvRecord, Field } from '../csv';
import { orgKey, type OrgIndex } from '../org';
import type { TemplateType } from '../catalogue';
import type { ColumnInfo, HeaderInfo } from './header-rules';
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

/** Checks rows against the organization: users that must (not) exist, values in use, groups, devices, LDAP, manager. */
export class OrgChecker {
  private readonly columns: Map<string, ColumnInfo>;
  private readonly groups: ColumnInfo[];
  /** Usernames this file itself lists: a manager may be a user the same import creates. */
  private readonly fileUsers = new Set<string>();

  constructor(
    header: HeaderInfo,
    private readonly type: TemplateType | undefined,
    private readonly org: OrgIndex,
    private readonly reporter: Reporter,
    records: readonly CsvRecord[],
  ) {
    this.columns = new Map([...header.byHeader].filter(([, c]) => c.spec));
    this.groups = [...this.columns.values()].filter(c => c.match.kind === 'numbered' && c.match.column.id === 'group');
    const username = this.columns.get('Username');
    if (username) for (const r of records) if (r.fields[username.index]?.value) this.fileUsers.add(orgKey(r.fields[username.index].value));
  }

  private cell(record: CsvRecord, header: string): Field | undefined {
    const column = this.columns.get(header);
    const field = column ? record.fields[column.index] : undefined;
    return field && field.value.trim() ? field : undefined;
  }

  check(record: CsvRecord): void {
    const row = record.index + 1;
    const org = this.org.snapshot.name;
    const at = { record: record.index };
    const username = this.cell(record, 'Username');
    const existing = username ? this.org.usersByUsername.get(orgKey(username.value)) : undefined;
    if (username && this.type === 'import' && existing) {
      this.reporter.report('user-exists', `Username "${username.value}" in row ${row} is already taken in ${org}; use an update file to change that user.`, username, at);
    }
    if (username && this.type === 'update' && !existing) {
      this.reporter.report('user-not-found', `Username "${username.value}" in row ${row} is not a user of ${org}.`, username, at);
    }
    const self = existing?.[0]?.id;
    for (const [header, map] of [['Email', this.org.usersByEmail], ['employeeIdentifier', this.org.usersByEmployeeId]] as const) {
      const field = this.cell(record, header);
      const holders = field ? (map.get(orgKey(field.value)) ?? []).filter(u => u.id !== self) : [];
      if (field && holders.length) {
        this.reporter.report('value-in-use', `${header} "${field.value}" in row ${row} belongs to ${holders[0].username} in ${org}; it must be unique.`, field, at);
      }
    }
    for (const column of this.groups) {
      const field = record.fields[column.index];
      if (!field?.value.trim()) continue;
      const matches = this.org.groupsByName.get(orgKey(field.value)) ?? [];
      if (matches.length > 1) {
        this.reporter.report('ambiguous-group', `${matches.length} user groups in ${org} are named "${field.value}" (row ${row}); rename one of them in JumpCloud.`, field, at);
      } else if (matches.length === 0) {
        const suggestion = closest(this.org.snapshot.groups.map(g => g.name), field.value);
        const fixes: Fix[] = suggestion ? [{ kind: 'replace', title: `Change to "${suggestion}"`, span: field, text: suggestion, safe: false }] : [];
        this.reporter.report('unknown-group', `"${field.value}" in ${column.field.value}, row ${row}, is not a user group in ${org}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, field, { ...at, fixes });
      }
    }
    const system = this.cell(record, 'SystemID');
    if (system && OBJECT_ID.test(system.value.trim()) && !this.org.systemsById.has(orgKey(system.value))) {
      this.reporter.report('unknown-system', `SystemID "${system.value}" in row ${row} is not a device in ${org}.`, system, at);
    }
    const ldap = this.cell(record, 'ldapserver_id');
    if (ldap && OBJECT_ID.test(ldap.value.trim()) && !this.org.ldapServerIds.has(orgKey(ldap.value))) {
      this.reporter.report('unknown-ldap-server', `ldapserver_id "${ldap.value}" in row ${row} is not an LDAP server in ${org}.`, ldap, at);
    }
    const manager = this.cell(record, 'manager');
    if (manager) {
      const k = orgKey(manager.value);
      const known = this.org.usersByUsername.has(k) || this.org.usersByEmail.has(k) || this.org.usersById.has(k) || this.fileUsers.has(k);
      if (!known) this.reporter.report('unknown-manager', `Manager "${manager.value}" in row ${row} is not a user of ${org} or of this file.`, manager, at);
    }
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
