import * as assert from 'node:assert/strict';
import { exportUsers, type ExportSource } from '../../../src/core/export';
import type { GraphConnection, JumpCloudUser, JumpCloudUserGroup } from '../../../src/core/jumpcloud';
import { textOf } from './helpers';

const DATE = new Date(2026, 0, 5);
const user = (n: number, extra: Record<string, unknown> = {}) => ({ _id: `a${String(n).padStart(23, '0')}`, username: `u${n}`, email: `u${n}@example.com`, ...extra }) as JumpCloudUser;

/**
 * An in-memory organization. `changed` is what the full records say when they differ from the narrow reads made
 * before them (a user edited while the export runs).
 */
function source(users: JumpCloudUser[], options: { groups?: JumpCloudUserGroup[]; members?: Record<string, string[]>; changed?: JumpCloudUser[]; pageSize?: number } = {}) {
  const calls: string[] = [];
  const pageSize = options.pageSize ?? 2;
  const s: ExportSource = {
    async *pagesOfUsers(o) {
      calls.push(`users ${o?.fields?.join(' ') ?? 'all'} by ${o?.sort ?? '_id'}`);
      const all = o?.fields ? users : (options.changed ?? users);
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize);
    },
    async listUserGroups() {
      calls.push('groups');
      return options.groups ?? [];
    },
    async getGroupMembers(id) {
      calls.push(`members ${id}`);
      return (options.members?.[id] ?? []).map(to => ({ to: { id: to, type: 'user' } }) as GraphConnection);
    },
  };
  return { source: s, calls };
}

describe('export: passes and layout (in-memory organization)', () => {
  it('writes only the header for an organization without users', async () => {
    const { source: s } = source([]);
    const exported = await exportUsers(s, { blocks: 'all', date: DATE });
    assert.equal(await textOf(exported.chunks), `${exported.headers.join(',')}\r\n`);
    assert.equal(exported.fileName, 'JCUserUpdateImport_01-05-2026.csv');
    assert.deepEqual([exported.layout.groups, exported.layout.attributes, exported.summary.users], [0, 0, 0]);
  });

  it('sizes the columns in narrow passes, then reads the full records sorted by username, one chunk per page', async () => {
    const groups = [{ id: 'g1', name: 'Sales' }, { id: 'g2', name: 'Ops' }] as JumpCloudUserGroup[];
    const users = [user(1), user(2, { manager: user(1)._id, attributes: [{ name: 'a', value: '1' }] }), user(3)];
    const { source: s, calls } = source(users, { groups, members: { g1: [users[0]._id, users[1]._id], g2: [users[1]._id] } });
    const exported = await exportUsers(s, { blocks: new Set(['ldap-info', 'groups', 'attributes']), date: DATE });
    const pieces: string[] = [];
    for await (const chunk of exported.chunks) pieces.push(chunk);
    assert.deepEqual(calls, ['groups', 'members g1', 'members g2', 'users attributes manager by username', 'users username by _id', 'users all by username']);
    assert.equal(pieces.length, 3, 'the header, then one piece per page of two users');
    assert.deepEqual([exported.layout.groups, exported.layout.attributes], [2, 1]);
    const rows = pieces.join('').split('\r\n').map(line => line.split(','));
    const at = (row: string[], header: string) => row[exported.headers.indexOf(header)];
    assert.deepEqual(rows.slice(1, 4).map(r => [at(r, 'Username'), at(r, 'manager'), at(r, 'Group1'), at(r, 'Group2'), at(r, 'Attribute1_name')]), [
      ['u1', '', 'Sales', '', ''],
      ['u2', 'u1', 'Ops', 'Sales', 'a'],
      ['u3', '', '', '', ''],
    ]);
  });

  it('reports what no longer fits because it was added after the columns were sized', async () => {
    const before = [user(1, { attributes: [{ name: 'a', value: '1' }] })];
    const after = [user(1, { attributes: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }], manager: 'f'.repeat(24) })];
    const { source: s } = source(before, { changed: after });
    const exported = await exportUsers(s, { blocks: new Set(['attributes', 'ldap-info']), date: DATE });
    await textOf(exported.chunks);
    assert.deepEqual(exported.summary.notes.map(n => n.message), [
      `manager left empty: the manager's id ${'f'.repeat(24)} is not a user of the organization`,
      'custom attribute b left out: it was added during the export',
    ]);
  });

  it('reads no group, attribute or manager when only plain columns are chosen', async () => {
    const { source: s, calls } = source([user(1), user(2)]);
    const exported = await exportUsers(s, { blocks: new Set(['names', 'account']), date: DATE });
    await textOf(exported.chunks);
    assert.deepEqual(calls, ['users all by username']);
  });
});
