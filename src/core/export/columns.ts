import { blocksFor, columnsFor, numberedColumn, type ApiTarget, type BlockId, type ColumnSpec } from '../catalogue';

/**
 * Which catalogue columns an export writes. A column is exported when the user record returned by `listUsers`
 * carries its value, so that the file shows the organization as it is and an untouched file changes nothing.
 * Left out: Password (never readable, never written out), EnrollmentDays (the API keeps a date, not days), SystemID,
 * Administrator and ldapserver_id (bindings, not user fields), and passwordless_sudo, which update files do not take.
 */

/** Why a column of the update template is never exported (for the docs, the CLI help and the tests). */
export function leftOutReason(api: ApiTarget): string | undefined {
  switch (api.kind) {
    case 'field':
      return api.name === 'password' ? 'passwords cannot be read, and are never written out' : undefined;
    case 'mfa':
      // The window is a date the API sets when MFA is turned on; the number of days is not kept.
      return api.key === 'enrollmentDays' ? 'the enrollment window is not kept as a number of days' : undefined;
    case 'association':
      return `bindings to ${api.target === 'system' ? 'devices' : 'LDAP servers'} are not part of the user record`;
    case 'systemAdministrator':
      return 'administrator rights belong to device bindings, which are not part of the user record';
    default:
      return undefined;
  }
}

/** The blocks of an export: `base` always, then the chosen ones that an update file accepts. */
export function exportBlocks(blocks: ReadonlySet<BlockId> | 'all'): Set<BlockId> {
  return new Set(blocksFor('update').filter(b => b === 'base' || blocks === 'all' || blocks.has(b)));
}

/** The fixed columns an export writes for these blocks, in template order (Username first). */
export function exportColumns(blocks: ReadonlySet<BlockId> | 'all'): ColumnSpec[] {
  return columnsFor('update', exportBlocks(blocks)).filter(c => leftOutReason(c.api) === undefined);
}

/** The fixed columns of these blocks that an export leaves out, with why. */
export function leftOutColumns(blocks: ReadonlySet<BlockId> | 'all'): { header: string; reason: string }[] {
  return columnsFor('update', exportBlocks(blocks)).flatMap(c => {
    const reason = leftOutReason(c.api);
    return reason === undefined ? [] : [{ header: c.header, reason }];
  });
}

/** Where each value goes in a row: the fixed columns, then `groups` Group columns, then `attributes` pairs. */
export interface ExportLayout {
  readonly columns: readonly ColumnSpec[];
  readonly groups: number;
  readonly attributes: number;
}

/** The header row of a layout, as `templateHeaders` orders numbered columns: groups, then interleaved pairs. */
export function exportHeaders(layout: ExportLayout): string[] {
  const headers = layout.columns.map(c => c.header);
  const group = numberedColumn('group');
  const name = numberedColumn('attributeName');
  const value = numberedColumn('attributeValue');
  for (let n = 1; n <= layout.groups; n++) headers.push(group.header(n));
  for (let n = 1; n <= layout.attributes; n++) headers.push(name.header(n), value.header(n));
  return headers;
}
