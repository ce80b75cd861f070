import { numberedColumn, ROLES, type BlockId } from '../catalogue';
import { formatCsv, formatCsvRow } from '../csv/write';
import type { JumpCloudClient, JumpCloudUser, JumpCloudUserGroup } from '../jumpcloud';
import { orgKey } from '../org';
import { templateFileName, TEMPLATE_NEWLINE } from '../template';
import { cellFor, exportableAttributes, exportRow, type ExportLookups, type ExportNote } from './cells';
import { exportBlocks, exportColumns, exportHeaders, type ExportLayout } from './columns';

/**
 * The export: an organization's users with their current values, as an update file the import reads back unchanged.
 *
 * Memory: user records are read one page at a time and each page's rows are handed on before the next page is read
 * (`chunks`), so however many users the organization has, at most one page of records is held. What is kept across
 * pages is small and bounded by other things: the group names of each member (memberships are listed per group), the
 * usernames of the users who are someone's manager, and the notes.
 *
 * Reads: the user groups and their members (with groups or `groupsOf`), one narrow pass over the users (only `_id`,
 * `username`, `email`, `manager`, `attributes`) to size the Attribute columns and find the managers, one more for the
 * managers' usernames, then the full records, sorted by username.
 */

/** What the export reads: a slice of the API client, so tests may pass their own. */
export type ExportSource = Pick<JumpCloudClient, 'pagesOfUsers' | 'listUserGroups' | 'getGroupMembers'>;

export interface ExportOptions {
  /** The column blocks, as the template wizard's; `base` (Username) is always in. */
  readonly blocks: ReadonlySet<BlockId> | 'all';
  /** Only the direct members of these user groups (names, any case); every user when absent. */
  readonly groupsOf?: readonly string[];
  /** Names the file (`JCUserUpdateImport_MM-DD-YYYY.csv`, local time). */
  readonly date: Date;
  readonly signal?: AbortSignal;
}

/** The organization cannot be exported as asked (a `groupsOf` name that is no group, or several). */
export class ExportError extends Error {}

export interface ExportSummary {
  /** Users written so far. */
  users: number;
  /** Cells, groups and users left out so far, with why. */
  readonly notes: ExportNote[];
}

export interface UserExport {
  readonly fileName: string;
  readonly headers: readonly string[];
  readonly layout: ExportLayout;
  /**
   * The file's text in pieces: the header line, then the rows of one page of users at a time (empty when no user of
   * the page is exported). Read it once; records are fetched as it is read.
   */
  readonly chunks: AsyncIterable<string>;
  /** Filled in as `chunks` is read; complete when it ends. */
  readonly summary: ExportSummary;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** Why a group's name cannot be written in a GroupN cell, or undefined when it can. */
export function groupProblem(group: { readonly name: string }, groups: readonly { readonly name: string }[]): string | undefined {
  // The import names groups, so a name two groups share would be refused as ambiguous.
  if (groups.filter(g => orgKey(g.name) === orgKey(group.name)).length > 1) return 'several user groups have this name';
  const cell = cellFor(numberedColumn('group'), group.name);
  return 'reason' in cell ? `its name ${cell.reason}` : undefined;
}

/** The groups `groupsOf` names; a name that matches no group or several is an error. */
function chosenGroups(groups: readonly JumpCloudUserGroup[], names: readonly string[]): JumpCloudUserGroup[] {
  return names.map(name => {
    const matches = groups.filter(g => orgKey(g.name) === orgKey(name));
    if (matches.length === 0) throw new ExportError(`no user group is named "${name}"`);
    if (matches.length > 1) throw new ExportError(`${matches.length} user groups are named "${name}"`);
    return matches[0];
  });
}

/**
 * The names of the writable groups each user is a direct member of (sorted; memberships are listed per group), and,
 * with `groupsOf`, the users to export. Groups whose names a GroupN cell cannot hold are noted once and left out.
 */
async function readMemberships(source: ExportSource, withGroups: boolean, groupsOf: readonly string[] | undefined, notes: ExportNote[], signal: AbortSignal | undefined) {
  const groups = await source.listUserGroups({ signal });
  const chosen = groupsOf?.length ? new Set(chosenGroups(groups, groupsOf).map(g => g.id)) : undefined;
  const members = new Map<string, string[]>();
  const only = chosen ? new Set<string>() : undefined;
  for (const group of groups) {
    const problem = withGroups ? groupProblem(group, groups) : undefined;
    if (problem) notes.push({ header: numberedColumn('group').header(1), message: `group "${group.name}" left out of every row: ${problem}` });
    const write = withGroups && !problem;
    if (!write && !chosen?.has(group.id)) continue;
    for (const edge of await source.getGroupMembers(group.id, { signal })) {
      if (edge.to.type !== 'user') continue;
      if (chosen?.has(group.id)) only?.add(edge.to.id);
      if (!write) continue;
      const names = members.get(edge.to.id);
      if (names) names.push(group.name);
      else members.set(edge.to.id, [group.name]);
    }
  }
  for (const names of members.values()) names.sort(byName);
  return { members, only };
}

/**
 * Starts an export: reads what sizes the columns (groups, attribute counts, managers), then returns the header and
 * the rows as a stream. Notes on what could not be written collect in `summary` as the rows are read.
 */
export async function exportUsers(source: ExportSource, options: ExportOptions): Promise<UserExport> {
  const signal = options.signal;
  const blocks = exportBlocks(options.blocks);
  const columns = exportColumns(options.blocks);
  const withGroups = blocks.has('groups');
  const withAttributes = blocks.has('attributes');
  const withManager = columns.includes(ROLES.manager);
  const notes: ExportNote[] = [];

  const { members, only } = withGroups || options.groupsOf?.length ? await readMemberships(source, withGroups, options.groupsOf, notes, signal) : { members: new Map<string, string[]>() };
  const included = (user: { readonly _id: string }) => !only || only.has(user._id);

  let attributes = 0;
  const managerIds = new Set<string>();
  if (withAttributes || withManager) {
    const fields = [...(withAttributes ? ['attributes'] : []), ...(withManager ? ['manager'] : [])];
    for await (const page of source.pagesOfUsers({ fields, sort: 'username', signal })) {
      for (const user of page) {
        if (!included(user)) continue;
        if (withAttributes) attributes = Math.max(attributes, exportableAttributes(user).attributes.length);
        if (withManager && user.manager) managerIds.add(user.manager);
      }
    }
  }
  const managers = new Map<string, string>();
  if (managerIds.size) {
    for await (const page of source.pagesOfUsers({ fields: ['username'], signal })) {
      for (const user of page) if (managerIds.has(user._id)) managers.set(user._id, user.username);
    }
  }

  let groups = 0;
  for (const [id, names] of members) if (!only || only.has(id)) groups = Math.max(groups, names.length);
  const layout: ExportLayout = { columns, groups, attributes };
  const lookups: ExportLookups = { managerName: id => managers.get(id), groupsOf: id => members.get(id) ?? [] };
  const headers = exportHeaders(layout);
  const summary: ExportSummary = { users: 0, notes };

  async function* chunks(): AsyncGenerator<string> {
    yield formatCsv([headers], TEMPLATE_NEWLINE);
    for await (const page of source.pagesOfUsers({ sort: 'username', signal })) yield rowsOf(page);
  }
  function rowsOf(page: readonly JumpCloudUser[]): string {
    let text = '';
    for (const user of page) {
      if (!included(user)) continue;
      const row = exportRow(user, layout, lookups);
      notes.push(...row.notes);
      if (!row.cells) continue;
      text += formatCsvRow(row.cells) + TEMPLATE_NEWLINE;
      summary.users++;
    }
    return text;
  }

  return { fileName: templateFileName('update', options.date), headers, layout, chunks: chunks(), summary };
}

/** A note as one line for people: `alice: jobTitle left empty: the value starts with "="…`. */
export function describeNote(note: ExportNote): string {
  return note.username === undefined ? note.message : `${note.username}: ${note.message}`;
}
