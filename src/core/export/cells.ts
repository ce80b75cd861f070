import { numberedColumn, readValue, ROLES, type ApiTarget, type ColumnSpec, type NumberedColumnSpec } from '../catalogue';
import { displayValue } from '../import/changes';
import type { JumpCloudUser } from '../jumpcloud';
import type { ExportLayout } from './columns';

/**
 * One user record → the cells of its row. The rule for every cell: it holds the organization's value written so that
 * the lint accepts it and the row model reads back exactly that value (so the planner finds nothing to change), or it
 * is left empty (which the import reads as "leave unchanged") and a note says why. Nothing in between.
 */

/** A cell (or a whole user, header `Username`; or a group, header `Group1`) the export left out, with why. */
export interface ExportNote {
  /** The user; absent for a group left out of every row. */
  readonly username?: string;
  /** The column concerned (`custom attribute NAME` for attributes). */
  readonly header: string;
  /** What was left out and why, as one clause for people ("jobTitle left empty: …"). */
  readonly message: string;
}

export interface ExportLookups {
  /** The username of the user with this id (the `manager` column names managers by username); undefined if none. */
  managerName(id: string): string | undefined;
  /** The names of the groups the user is a direct member of that can be written (see `groupProblem`), sorted. */
  groupsOf(userId: string): readonly string[];
}

/** The row of one user: its cells in layout order, or undefined when the user is left out (see the notes). */
export interface ExportedRow {
  readonly cells?: string[];
  readonly notes: ExportNote[];
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@]/;
/**
 * A sign followed only by digits, spaces and number punctuation, perhaps an extension (`+1 (555) 010-0100 x12`): a
 * spreadsheet may show it as a number but runs nothing, since no function can be named.
 */
const NUMBER_LIKE = /^[+-]?[\d ().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i;

/**
 * Whether a spreadsheet opening the file would run the value as a formula: it starts (after whitespace, which tab
 * and CR tricks hide behind) with `=`, `+`, `-` or `@` and is not number-like. Such values are never written: an
 * escaping apostrophe would be read back as part of the value and sent by the import.
 */
export function formulaRisk(value: string): boolean {
  const start = value.replace(/^\s+/, '');
  return FORMULA_START.test(start) && !NUMBER_LIKE.test(start);
}

type Cell = { readonly text: string } | { readonly reason: string };

/**
 * The cell text of `raw` under a column's value rule, checked by reading it back with the catalogue's own parser:
 * the reading must carry no issue (no lint error or warning) and equal `expected` (what the planner compares with).
 */
export function cellFor(spec: ColumnSpec | NumberedColumnSpec, raw: unknown, expected: unknown = raw): Cell {
  if (raw === undefined || raw === null || raw === '') return { text: '' };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return { reason: 'is not a single value a cell can hold' };
  const text = String(raw);
  if (formulaRisk(text)) return { reason: `starts with "${text.trim()[0]}": a spreadsheet would run it as a formula` };
  const reading = readValue(spec.value, text);
  if (reading.issue) return { reason: reading.issue.message };
  if (reading.value !== expected) return { reason: `would be read back as ${JSON.stringify(reading.value)}, not as the organization has it` };
  return { text };
}

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** The organization's value for a column, as the planner reads it from the record (first address/phone of a type). */
function valueOf(user: JumpCloudUser, api: ApiTarget, lookups: ExportLookups): { raw: unknown; missingManager?: string } {
  switch (api.kind) {
    case 'field':
      return { raw: (user as Record<string, unknown>)[api.name] };
    case 'recoveryEmail':
      return { raw: user.recoveryEmail?.address };
    case 'address':
      return { raw: user.addresses?.find(a => same(a.type, api.type))?.[api.key] };
    case 'phone':
      return { raw: user.phoneNumbers?.find(p => same(p.type, api.type))?.number };
    case 'mfa':
      return { raw: api.key === 'enabled' ? user.enable_user_portal_multifactor : undefined };
    case 'manager': {
      if (!user.manager) return { raw: undefined };
      const name = lookups.managerName(user.manager);
      return name === undefined ? { raw: undefined, missingManager: user.manager } : { raw: name };
    }
    case 'ldapBindingUser':
      return { raw: user.ldap_binding_user };
    default:
      return { raw: undefined };
  }
}

/**
 * The custom attributes a row can hold, in the record's order: names the lint accepts, the first of names that repeat
 * (ignoring case, as the planner compares), values that read back as the planner shows them (`displayValue`).
 */
export function exportableAttributes(user: JumpCloudUser): { attributes: { name: string; value: string }[]; notes: ExportNote[] } {
  const attributes: { name: string; value: string }[] = [];
  const notes: ExportNote[] = [];
  const seen = new Set<string>();
  const nameColumn = numberedColumn('attributeName');
  const valueColumn = numberedColumn('attributeValue');
  for (const attribute of user.attributes ?? []) {
    const header = `custom attribute ${attribute.name}`;
    const note = (reason: string) => notes.push({ username: user.username, header, message: `${header} left out: ${reason}` });
    const lower = attribute.name.toLowerCase();
    if (seen.has(lower)) {
      note('appears twice; only the first is written, as the import compares the first');
      continue;
    }
    seen.add(lower);
    const name = cellFor(nameColumn, attribute.name);
    if ('reason' in name) {
      note(`its name ${name.reason}`);
      continue;
    }
    const text = displayValue(attribute.value);
    if (text === '') {
      note('has no value; a file cannot hold an attribute without one');
      continue;
    }
    const value = cellFor(valueColumn, text);
    if ('reason' in value) note(`its value ${value.reason}`);
    else attributes.push({ name: attribute.name, value: value.text });
  }
  return { attributes, notes };
}

/** One user's row under a layout. */
export function exportRow(user: JumpCloudUser, layout: ExportLayout, lookups: ExportLookups): ExportedRow {
  const notes: ExportNote[] = [];
  const username = cellFor(ROLES.username, user.username);
  if ('reason' in username || username.text === '') {
    const why = 'reason' in username ? username.reason : 'is empty';
    return { notes: [{ username: user.username, header: ROLES.username.header, message: `user left out: the username ${why}` }] };
  }
  const note = (header: string, message: string) => notes.push({ username: user.username, header, message });
  const cells: string[] = [];
  for (const column of layout.columns) {
    const { raw, missingManager } = valueOf(user, column.api, lookups);
    if (missingManager !== undefined) note(column.header, `${column.header} left empty: the manager's id ${missingManager} is not a user of the organization`);
    const cell = cellFor(column, raw);
    if ('reason' in cell) note(column.header, `${column.header} left empty: the value ${cell.reason}`);
    cells.push('text' in cell ? cell.text : '');
  }
  if (layout.groups > 0) {
    const groups = lookups.groupsOf(user._id);
    for (let n = 0; n < layout.groups; n++) cells.push(groups[n] ?? '');
    // The layout was sized before the rows were read: a membership added meanwhile does not fit.
    for (const name of groups.slice(layout.groups)) note(numberedColumn('group').header(1), `group "${name}" left out: the user joined it during the export`);
  }
  if (layout.attributes > 0) {
    const found = exportableAttributes(user);
    notes.push(...found.notes);
    for (let n = 0; n < layout.attributes; n++) cells.push(found.attributes[n]?.name ?? '', found.attributes[n]?.value ?? '');
    for (const extra of found.attributes.slice(layout.attributes)) note(`custom attribute ${extra.name}`, `custom attribute ${extra.name} left out: it was added during the export`);
  }
  return { cells, notes };
}
