import { blocksFor, columnsFor, MAX_NUMBERED, numberedColumn, ROLES, type BlockId, type UserCsvKind } from '../catalogue';
import { formatSafeCsv } from '../csv/write';
import { templateFileName } from './file-names';

/** Everything the wizard (or the CLI) decides about a template. */
export interface TemplateAnswers {
  readonly type: UserCsvKind;
  /** Optional blocks to include; `base` is always included. `'all'` means every block of the type. */
  readonly blocks: ReadonlySet<BlockId> | 'all';
  /** How many `GroupN` columns (used when the `groups` block is in). */
  readonly groups: number;
  /** How many `AttributeK_name`/`AttributeK_value` pairs (used when the `attributes` block is in). */
  readonly attributes: number;
  /** Update templates: usernames to list, one row each. */
  readonly usernames?: readonly string[];
}

export interface Template {
  readonly fileName: string;
  readonly headers: readonly string[];
  readonly text: string;
}

/** The line ending templates are written with: RFC 4180's, which Excel and PowerShell read alike. */
export const TEMPLATE_NEWLINE = '\r\n';

/** Checks a group or attribute count; returns a message when it is not a whole number in 0..MAX_NUMBERED. */
export function checkCount(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return `Enter a whole number from 0 to ${MAX_NUMBERED}.`;
  if (Number(trimmed) > MAX_NUMBERED) return `At most ${MAX_NUMBERED}: a template with more columns would be hard to fill in.`;
  return undefined;
}

function includes(answers: TemplateAnswers, block: BlockId): boolean {
  return block === 'base' || answers.blocks === 'all' || answers.blocks.has(block);
}

/** The header row: chosen blocks in wizard order, numbered columns last (groups, then interleaved attribute pairs). */
export function templateHeaders(answers: TemplateAnswers): string[] {
  for (const count of [answers.groups, answers.attributes]) {
    if (!Number.isInteger(count) || count < 0 || count > MAX_NUMBERED) {
      throw new RangeError(`group and attribute counts must be whole numbers from 0 to ${MAX_NUMBERED}`);
    }
  }
  const chosen = new Set(blocksFor(answers.type).filter(b => includes(answers, b)));
  const headers = columnsFor(answers.type, chosen).map(c => c.header);
  if (chosen.has('groups')) {
    const group = numberedColumn('group');
    for (let n = 1; n <= answers.groups; n++) headers.push(group.header(n));
  }
  if (chosen.has('attributes')) {
    const name = numberedColumn('attributeName');
    const value = numberedColumn('attributeValue');
    for (let n = 1; n <= answers.attributes; n++) headers.push(name.header(n), value.header(n));
  }
  return headers;
}

/** Builds the template: the header and, for a populated update template, one row per username (sorted). */
export function buildTemplate(answers: TemplateAnswers, date: Date): Template {
  const headers = templateHeaders(answers);
  const usernameAt = headers.indexOf(ROLES.username.header);
  const usernames = [...(answers.usernames ?? [])].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  const rows = usernames.map(u => headers.map((_, i) => (i === usernameAt ? u : '')));
  return { fileName: templateFileName(answers.type, date), headers, text: formatSafeCsv([headers, ...rows], TEMPLATE_NEWLINE) };
}
