import * as vscode from 'vscode';
import { COLUMNS, headerKey, matchHeader, numberedColumn, ROLES, type ColumnSpec, type NumberedColumnSpec, type UserCsvKind } from '../../core/catalogue';
import type { OrgSnapshot } from '../../core/org';
import type { FileTypes } from './file-types';
import type { ParsedDocuments } from './parsed-documents';

/** The next unused number of a numbered family among the headers (`Group3` when Group1 and Group2 exist). */
function nextNumber(headers: readonly string[], id: 'group' | 'attributeName'): number {
  let max = 0;
  for (const h of headers) {
    const m = matchHeader(h);
    if (m.kind === 'numbered' && (m.column.id === id || (id === 'attributeName' && m.column.id === 'attributeValue'))) max = Math.max(max, m.n);
  }
  return max + 1;
}

function headerItems(present: readonly string[], type: UserCsvKind | undefined, range: vscode.Range): vscode.CompletionItem[] {
  const taken = new Set(present.map(headerKey));
  const items: vscode.CompletionItem[] = [];
  COLUMNS.forEach((column, order) => {
    if (type && !column.blocks[type]) return;
    if ([column.header, ...column.aliases].some(h => taken.has(headerKey(h)))) return;
    const item = new vscode.CompletionItem(column.header, vscode.CompletionItemKind.Field);
    item.documentation = new vscode.MarkdownString(column.doc);
    item.detail = vscode.l10n.t('JumpCloud column');
    item.sortText = String(order).padStart(3, '0');
    item.range = range;
    items.push(item);
  });
  const group = numberedColumn('group');
  const n = nextNumber(present, 'group');
  const groupItem = new vscode.CompletionItem(group.header(n), vscode.CompletionItemKind.Field);
  groupItem.documentation = new vscode.MarkdownString(group.doc);
  groupItem.sortText = '900';
  groupItem.range = range;
  const k = nextNumber(present, 'attributeName');
  const pair = new vscode.CompletionItem(`${numberedColumn('attributeName').header(k)}, ${numberedColumn('attributeValue').header(k)}`, vscode.CompletionItemKind.Field);
  pair.insertText = `${numberedColumn('attributeName').header(k)},${numberedColumn('attributeValue').header(k)}`;
  pair.filterText = numberedColumn('attributeName').header(k);
  pair.documentation = new vscode.MarkdownString(numberedColumn('attributeName').doc);
  pair.sortText = '901';
  pair.range = range;
  return [...items, groupItem, pair];
}

/** Completes header names on the first line (only those not yet present, valid for the type) and booleans in cells. */
export class JumpCloudCompletion implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = [',', ';'];

  constructor(
    private readonly parsed: ParsedDocuments,
    private readonly fileTypes: FileTypes,
    /** The organization's data when it is at hand: group names, devices and managers to complete. */
    private readonly org: (doc: vscode.TextDocument) => OrgSnapshot | undefined,
  ) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const cell = this.parsed.cellAt(doc, doc.offsetAt(position));
    if (!cell) return [];
    const range = new vscode.Range(doc.positionAt(cell.field.start), doc.positionAt(cell.field.end));
    const headers = cell.header?.fields.map(f => f.value) ?? [];
    if (cell.record.index === 0) {
      const others = headers.filter((_, i) => i !== cell.column);
      return headerItems(others, this.fileTypes.get(doc.uri).type, range);
    }
    const match = matchHeader(headers[cell.column] ?? '');
    if (match.kind === 'unknown') return [];
    if (match.column.value.kind === 'boolean') {
      return ['true', 'false'].map(v => Object.assign(new vscode.CompletionItem(v, vscode.CompletionItemKind.Value), { range }));
    }
    const org = this.org(doc);
    return org ? orgItems(org, match.kind === 'numbered' ? match.column.id : match.column, range) : [];
  }
}

/** Values from the organization for the columns that name its objects. */
function orgItems(org: OrgSnapshot, column: ColumnSpec | NumberedColumnSpec['id'], range: vscode.Range): vscode.CompletionItem[] {
  const item = (label: string | vscode.CompletionItemLabel, kind: vscode.CompletionItemKind, insert: string, filter: string, sort: string) =>
    Object.assign(new vscode.CompletionItem(label, kind), { range, insertText: insert, filterText: filter, sortText: sort });
  if (column === 'group') {
    return org.groups.map(g => item(g.name, vscode.CompletionItemKind.Folder, g.name, g.name, g.name.toLowerCase()));
  }
  if (column === ROLES.system) {
    return org.systems.map(s => {
      const name = s.hostname ?? s.displayName ?? s.id;
      // Labelled by name (what admins know), inserting the id (what the importer needs); filtering works on all three.
      return item({ label: name, description: s.displayName && s.displayName !== name ? s.displayName : undefined, detail: ` ${s.id}` }, vscode.CompletionItemKind.Reference, s.id, `${s.hostname ?? ''} ${s.displayName ?? ''} ${s.id}`, name.toLowerCase());
    });
  }
  if (column === ROLES.manager) {
    return [...org.users]
      .sort((a, b) => a.username.localeCompare(b.username))
      .map(u => item({ label: u.username, description: u.email }, vscode.CompletionItemKind.User, u.username, `${u.username} ${u.email ?? ''}`, u.username.toLowerCase()));
  }
  return [];
}
