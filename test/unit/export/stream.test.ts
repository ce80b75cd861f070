import * as assert from 'node:assert/strict';
import { exportUsers, type ExportSource } from '../../../src/core/export';
import { planCounts, planImport } from '../../../src/core/import';
import type { JumpCloudUser } from '../../../src/core/jumpcloud';
import { lintText } from '../../../src/core/lint';
import type { EmulatorSeed } from '../../../src/emulator';
import { bigSeed, harness, ids, TRANSPORTS, type Harness } from '../jumpcloud/helpers';
import { importStateFrom } from './helpers';

const USERS = 3000;
const PAGE = 100;

/** bigSeed's users with values in most columns, a manager, an attribute or two and one to three groups each. */
function largeSeed(): EmulatorSeed {
  const seed = bigSeed(USERS, 3);
  const users = seed.users!.map((u, i) => ({
    ...u,
    jobTitle: `Title ${i % 7}`,
    department: i % 2 ? 'Sales, EMEA' : 'R&D',
    phoneNumbers: [{ type: 'mobile', number: `+1 555 ${String(i).padStart(4, '0')}` }],
    addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
    unix_uid: 10_000 + i,
    sudo: i % 5 === 0,
    attributes: i % 3 ? [{ name: 'seat', value: `S${i}` }] : [{ name: 'seat', value: `S${i}` }, { name: 'floor', value: String(i % 9) }],
    ...(i > 0 ? { manager: ids.user(1 + (i % 10)) } : {}),
  }));
  // Managers must exist before the users who name them: the first ten users have none but user 1.
  for (let i = 1; i < 10; i++) users[i] = { ...users[i], manager: ids.user(1) };
  const associations = users.flatMap((u, i) =>
    [1, 2, 3].slice(0, 1 + (i % 3)).map(g => ({ from: { type: 'user_group' as const, id: ids.group(g) }, to: { type: 'user' as const, id: u._id! } })),
  );
  return { ...seed, users, associations };
}

describe('export: a large organization, streamed', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => (h = await harness(TRANSPORTS[1], { emulator: { seed: largeSeed() } })));
  after(() => h.close());

  it(`holds at most one page of user records: each page's rows are handed on before the next page is read (${USERS} users)`, async () => {
    const events: string[] = [];
    let largest = 0;
    // Only the paged reads are offered: the export cannot collect every user (listUsers) even by mistake.
    const source: ExportSource = {
      listUserGroups: o => h.client.listUserGroups(o),
      getGroupMembers: (id, o) => h.client.getGroupMembers(id, o),
      async *pagesOfUsers(o) {
        for await (const page of h.client.pagesOfUsers(o)) {
          if (!o?.fields) {
            events.push('page');
            largest = Math.max(largest, page.length);
          }
          yield page;
        }
      },
    };
    const exported = await exportUsers(source, { blocks: 'all', date: new Date(2026, 11, 2) });
    assert.equal(events.length, 0, 'no full record is read before the rows are asked for');
    let text = '';
    for await (const chunk of exported.chunks) {
      events.push('chunk');
      text += chunk;
    }
    assert.equal(largest, PAGE);
    const pages = USERS / PAGE;
    assert.deepEqual(events, ['chunk', ...Array.from({ length: pages }, () => ['page', 'chunk']).flat()]);
    assert.equal(exported.summary.users, USERS);
    assert.deepEqual(exported.summary.notes, []);
    assert.deepEqual(exported.layout.groups, 3);
    assert.deepEqual(exported.layout.attributes, 2);

    // Three passes over the users: attributes and managers (narrow), the managers' usernames (narrow), full records.
    const reads = h.emulator.log.entries.filter(e => e.method === 'GET' && e.path === '/api/systemusers').map(e => String(e.query.fields ?? 'all'));
    assert.deepEqual(reads.filter(f => f === 'all').length, pages);
    assert.equal(reads.length, 3 * pages);

    const lint = lintText(text, { type: 'update' });
    assert.deepEqual(lint.problems, []);
    const state = await importStateFrom(h.client);
    const plan = planImport(text, state, { kind: 'update', now: Date.parse('2026-12-02T09:00:00Z'), newUserState: 'ACTIVATED' });
    assert.deepEqual(planCounts(plan), { create: 0, update: 0, unchanged: USERS, skipped: 0, memberships: 0, devices: 0, ldap: 0 });
  });

  it('reads pages lazily: stopping early reads no further page', async () => {
    h.emulator.log.clear();
    const exported = await exportUsers(h.client, { blocks: new Set(['names']), date: new Date() });
    const iterator = exported.chunks[Symbol.asyncIterator]();
    await iterator.next(); // header
    const first = await iterator.next();
    await iterator.return?.(undefined);
    assert.equal(first.value.split('\r\n').filter(Boolean).length, PAGE);
    assert.equal(h.emulator.log.entries.filter(e => e.path === '/api/systemusers').length, 1);
  });

  it('reads users through pagesOfUsers in username order, a page of at most 100 at a time', async () => {
    const seen: JumpCloudUser[][] = [];
    for await (const page of h.client.pagesOfUsers({ sort: 'username', fields: ['jobTitle'] })) seen.push(page);
    assert.equal(seen.length, USERS / PAGE);
    assert.ok(seen.every(p => p.length === PAGE));
    const names = seen.flat().map(u => u.username);
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(Object.keys(seen[0][0]).sort(), ['_id', 'email', 'jobTitle', 'username']);
  });
});
