import * as assert from 'node:assert/strict';
import { listUsersInstead, readImportState, SEARCH_BATCH, userLookups, type ImportRefs } from '../../../src/core/import/org-state';
import type { EmulatorSeed } from '../../../src/emulator';
import { bigSeed, harness, ids, TRANSPORTS, type Harness } from '../jumpcloud/helpers';
import { assertContract, contractChecker } from './helpers';

const name = (n: number) => `u${String(n).padStart(4, '0')}`;

/** 250 users (3 pages), two of them in Group 1, one bound to host-1 with sudo, one to the LDAP server. */
function seed(): EmulatorSeed {
  const base = bigSeed(250, 3);
  return {
    ...base,
    associations: [
      { from: { type: 'user_group', id: ids.group(1) }, to: { type: 'user', id: ids.user(1) } },
      { from: { type: 'user_group', id: ids.group(1) }, to: { type: 'user', id: ids.user(2) } },
      { from: { type: 'system', id: ids.system(1) }, to: { type: 'user', id: ids.user(3) }, attributes: { sudo: { enabled: true, withoutPassword: false } } },
      { from: { type: 'system', id: ids.system(1) }, to: { type: 'user', id: ids.user(4) } },
      { from: { type: 'ldap_server', id: ids.ldap(1) }, to: { type: 'user', id: ids.user(5) } },
    ],
  };
}

/**
 * A file of `n` rows: existing users plus two it creates (one with the e-mail of u0249, who is not in the file, in
 * another case), their e-mails, an employeeIdentifier, two groups, one device, the LDAP server, five managers.
 */
function refs(n: number): ImportRefs {
  return {
    usernames: [...Array.from({ length: n - 2 }, (_, i) => name(i + 1)), 'brand.new', 'Brand.New2'],
    emails: [...Array.from({ length: n - 2 }, (_, i) => `user${i + 1}@example.com`), 'USER249@example.com', 'new2@example.com'],
    employeeIds: ['E-404'],
    groupNames: Array.from({ length: n }, (_, i) => (i % 2 ? 'Group 1' : 'group 2')),
    systemIds: Array.from({ length: n }, () => ids.system(1)),
    ldapServerIds: [ids.ldap(1)],
    managers: ['user200@example.com', ids.user(201), 'brand.new', 'u0202', 'nobody@example.com'],
  };
}

describe('import: reading the organization once per run', () => {
  const checker = contractChecker();
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const read = async (n: number, orgUserCount?: number) => {
    h = await harness(TRANSPORTS[1], { emulator: { seed: seed() } });
    const progress: [number, number][] = [];
    const state = await readImportState(h.client, refs(n), { organization: 'Org', onProgress: p => progress.push([p.done, p.total]), ...(orgUserCount ? { orgUserCount } : {}) });
    const log = h.emulator.log.entries;
    const count = (method: string, re: RegExp) => log.filter(e => e.method === method && re.test(e.path)).length;
    const counts = {
      searches: count('POST', /^\/api\/search\/systemusers$/),
      userPages: log.filter(e => e.method === 'GET' && e.path === '/api/systemusers' && e.query.limit !== '1').length,
      userCounts: log.filter(e => e.method === 'GET' && e.path === '/api/systemusers' && e.query.limit === '1').length,
      userGets: count('GET', /^\/api\/systemusers\/[^/]+$/),
      groupPages: count('GET', /^\/api\/v2\/usergroups$/),
      members: count('GET', /\/members$/),
      systemPages: count('GET', /^\/api\/systems$/),
      systemUsers: count('GET', /^\/api\/v2\/systems\/.*\/associations$/),
      ldapPages: count('GET', /^\/api\/v2\/ldapservers$/),
      ldapUsers: count('GET', /^\/api\/v2\/ldapservers\/.*\/associations$/),
      total: log.length,
    };
    assertContract(checker(), h.emulator);
    await h.close();
    h = undefined;
    return { state, counts, progress };
  };

  it('reads everything the planner needs: users, group members, device users with sudo, LDAP users, managers', async () => {
    const { state, progress } = await read(10);
    assert.equal(state.organization, 'Org');
    // The file's users, the holder of an e-mail it names (u0249), and the managers it names by e-mail, id and username.
    assert.deepEqual(state.users.map(u => u.username).sort(), [...Array.from({ length: 8 }, (_, i) => name(i + 1)), 'u0200', 'u0201', 'u0202', 'u0249']);
    assert.ok(state.users[0].firstname, 'full records');
    assert.equal(state.groups.length, 3);
    assert.deepEqual([...state.groupMembers.keys()].sort(), [ids.group(1), ids.group(2)]);
    assert.deepEqual([...state.groupMembers.get(ids.group(1))!].sort(), [ids.user(1), ids.user(2)]);
    assert.deepEqual([...state.systemUsers.get(ids.system(1))!], [[ids.user(3), { enabled: true, withoutPassword: false }], [ids.user(4), undefined]]);
    assert.equal(state.systemUsers.has(ids.system(2)), false, 'only the devices the file names');
    assert.deepEqual([...state.ldapUsers.get(ids.ldap(1))!], [ids.user(5)]);
    assert.equal(state.systems.length, 3);
    assert.deepEqual(Object.fromEntries(state.managers), {
      'user200@example.com': ids.user(200),
      [ids.user(201)]: ids.user(201),
      u0202: ids.user(202),
    }, 'a manager this file creates (brand.new) and an unknown one stay unresolved');
    const [done, total] = progress.at(-1)!;
    assert.equal(done, total, 'progress ends with every read done');
  });

  it(`looks the file's values up ${SEARCH_BATCH} to a search, or lists every user when that is fewer requests; nothing else grows with the rows`, async () => {
    const small = await read(10);
    const medium = await read(60);
    const large = await read(240);
    // Values looked up: usernames and e-mails per row, one employeeIdentifier, and the managers by username and
    // e-mail (and the id by id), those already named once.
    assert.deepEqual([10, 60, 240].map(n => userLookups(refs(n)).length), [31, 131, 489]);
    // 31 values: one search, and no need to know the organization's size.
    assert.deepEqual([small.counts.searches, small.counts.userCounts, small.counts.userPages, small.counts.userGets], [1, 0, 0, 0]);
    // 131 values: 3 searches, which the user list (250 users, 3 pages) does not beat; the size costs one request.
    assert.deepEqual([medium.counts.searches, medium.counts.userCounts, medium.counts.userPages], [3, 1, 0]);
    // 489 values: 10 searches, so the 3 pages of the list instead.
    assert.deepEqual([large.counts.searches, large.counts.userCounts, large.counts.userPages], [0, 1, 3]);
    assert.equal(large.state.users.length, 238 + 1, 'only the users the values name are kept: the file\'s (managers among them) and u0249');
    assert.deepEqual(large.state.managers, small.state.managers);
    assert.deepEqual(medium.state.users.map(u => u._id).sort(), (await read(60, 100_000)).state.users.map(u => u._id).sort(), 'searches and the list find the same users');
    // Groups, devices and LDAP: one list each, plus one read per object named, whatever the number of rows.
    for (const r of [small, medium, large]) {
      assert.deepEqual([r.counts.groupPages, r.counts.members, r.counts.systemPages, r.counts.systemUsers, r.counts.ldapPages, r.counts.ldapUsers], [1, 2, 1, 1, 1, 1]);
    }
  });

  it('with the organization size known, picks whichever user read is cheaper without asking for it', async () => {
    assert.equal(listUsersInstead(130, 100_000), false, '3 searches beat 1,000 pages');
    assert.equal(listUsersInstead(490, 250), true, '3 pages beat 10 searches');
    assert.equal(listUsersInstead(30, 250), false, 'one search beats 3 pages');
    const known = await read(240, 250);
    assert.deepEqual([known.counts.userCounts, known.counts.userPages, known.counts.searches], [0, 3, 0]);
  });

  it('stops reading when cancelled', async () => {
    h = await harness(TRANSPORTS[0], { emulator: { seed: seed() } });
    const controller = new AbortController();
    const reading = readImportState(h.client, refs(10), { organization: 'Org', signal: controller.signal, onProgress: p => p.done >= 3 && controller.abort(new Error('cancelled by the user')) });
    await assert.rejects(reading, /cancelled by the user/);
    assert.ok(h.emulator.log.entries.length < 20, `${h.emulator.log.entries.length} requests before stopping`);
  });
});
