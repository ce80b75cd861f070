import type { ImportPlan, PlanCounts, PlannedRow, PlanOutline } from './plan-types';
import { countRow, emptyCounts, planCounts } from './planner';

/**
 * The words a person reads before an import: the one-sentence summary of the confirmation and the line-per-change
 * preview. Shared by the editor and the CLI so both say the same thing.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A plan, or the outline of one with its rows counted as they were planned (see streamedPreview). */
type Counted = ImportPlan | (PlanOutline & { readonly counts: PlanCounts });

const countsOf = (plan: Counted) => ('counts' in plan ? plan.counts : planCounts(plan));

/** "Create 3 users, update 5, add 12 group memberships, bind 2 devices; 1 row skipped for errors." */
export function planSummary(plan: Counted): string {
  if (plan.blocked?.length) return `The file cannot be imported: ${plan.blocked.map(b => b.message).join(' ')}`;
  const c = countsOf(plan);
  const actions = [
    c.create ? `create ${plural(c.create, 'user')}` : '',
    c.update ? `update ${c.create ? c.update : plural(c.update, 'user')}` : '',
    c.memberships ? `add ${plural(c.memberships, 'group membership')}` : '',
    c.devices ? `bind ${plural(c.devices, 'device')}` : '',
    c.ldap ? `bind ${plural(c.ldap, 'user')} to LDAP` : '',
  ].filter(Boolean);
  const first = actions.length ? actions.join(', ') : 'nothing to send';
  const notes = [
    c.unchanged ? `${plural(c.unchanged, 'row')} already up to date` : '',
    c.skipped ? `${plural(c.skipped, 'row')} skipped for errors` : '',
  ].filter(Boolean);
  const sentence = `${first[0].toUpperCase()}${first.slice(1)}${notes.length ? `; ${notes.join(', ')}` : ''}.`;
  return sentence;
}

/** What creating users costs: JumpCloud bills every account and e-mails activated users at once. */
export function creationNote(plan: Counted): string | undefined {
  const n = countsOf(plan).create;
  if (n === 0) return undefined;
  const mail = plan.newUserState === 'ACTIVATED' ? 'each gets a welcome e-mail now' : 'staged: no e-mail until they are activated';
  return `${plural(n, 'new account')} in ${plan.organization} (${mail}); JumpCloud bills every account created.`;
}

/** The preview of one row: a heading line, then one indented line per change. */
export function rowPreview(row: PlannedRow): string[] {
  const head = `Row ${row.row} ${row.username || '(no username)'}`;
  if (row.action === 'skipped') return [`${head}: skipped`, ...row.problems.map(p => `    ${p.code}: ${p.message}`)];
  if (row.action === 'unchanged') return [`${head}: unchanged${row.note ? ` (${row.note})` : ''}`];
  const lines = [`${head}: ${row.action}${row.note ? ` (${row.note})` : ''}`];
  for (const f of row.fields) lines.push(`    ${f.field}: ${f.before === undefined ? '' : `${f.before} → `}${f.after}`);
  if (row.ldap) {
    if (row.ldap.associate) lines.push(`    + LDAP server ${row.ldap.serverId}`);
    if (row.ldap.bindingUser !== undefined) lines.push(`    ldap_binding_user: ${row.ldap.bindingUser}`);
  }
  if (row.system) {
    const admin = row.system.sudo?.enabled ? 'with administrator rights' : 'as a standard user';
    lines.push(row.system.op === 'add' ? `    + device ${row.system.systemId} ${admin}` : `    device ${row.system.systemId}: ${admin}`);
  }
  for (const g of row.groups) lines.push(`    + group ${g.name}`);
  if (row.managerFromFile) lines.push(`    manager: ${row.managerFromFile} (created by row ${row.managerRow ?? '?'} of this import, set once that row is sent)`);
  if (row.managerNotSet) lines.push(`    manager: ${row.managerNotSet.username} not set: row ${row.managerNotSet.row}, which creates that user, is skipped`);
  return lines;
}

/** Characters per chunk of a streamed preview: few writes, and never the whole text of 100k rows at once. */
const PREVIEW_CHUNK = 64 * 1024;

/** The lines before the rows: the summary and what creating users costs, then a blank line. */
function previewHead(plan: Counted): string {
  const note = creationNote(plan);
  return [planSummary(plan), ...(note ? [note] : []), ''].join('\n') + '\n';
}

/** Collects rows' previews in chunks of whole lines, a new chunk each PREVIEW_CHUNK characters. */
function previewWriter(emit: (chunk: string) => void, head = ''): { readonly add: (row: PlannedRow) => void; readonly flush: () => void } {
  // The head shares the first chunk: a small plan is written in one piece.
  let chunk = head;
  return {
    add: row => {
      chunk += rowPreview(row).join('\n') + '\n';
      if (chunk.length >= PREVIEW_CHUNK) {
        emit(chunk);
        chunk = '';
      }
    },
    flush: () => {
      if (chunk) emit(chunk);
      chunk = '';
    },
  };
}

/** The whole preview, in chunks of whole lines (for a terminal or a pipe): the summary, then every row. */
export function planPreviewChunks(plan: ImportPlan): string[] {
  const chunks: string[] = [];
  const writer = previewWriter(chunk => chunks.push(chunk), previewHead(plan));
  for (const row of plan.rows) writer.add(row);
  writer.flush();
  return chunks;
}

/** The whole preview as one text (the editor's preview document). */
export function planPreview(plan: ImportPlan): string {
  return planPreviewChunks(plan).join('');
}

/**
 * The preview of a plan that is never held (`plan` plans the file, handing each row over, as planRows does), written
 * to `emit` as it is made: the file is planned twice, once to count (the summary comes first) and once to write, so a
 * dry run of 100k rows holds neither the plan's objects nor the preview's text.
 */
export function streamedPreview(plan: (onRow: (row: PlannedRow) => void) => PlanOutline, emit: (chunk: string) => void): PlanOutline & { readonly counts: PlanCounts } {
  const counts = emptyCounts();
  const outline = { ...plan(row => countRow(counts, row)), counts };
  const writer = previewWriter(emit, previewHead(outline));
  plan(writer.add);
  writer.flush();
  return outline;
}
