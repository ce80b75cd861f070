import * as assert from 'node:assert/strict';
import { bigSeed, harness, ids, requestsTo, TRANSPORTS, type Harness } from './helpers';

for (const kind of TRANSPORTS) {
  describe(`JumpCloud client reads (${kind.name})`, () => {
    let h: Harness;
    before(async () => {
      const seed = bigSeed(250, 130);
      seed.users!.push(
        { _id: ids.user(9001), username: 'a.b', email: 'Dot.User@Example.com' },
        { _id: ids.user(9002), username: 'axb', email: 'x@example.com' },
        { _id: ids.user(9003), username: 'JDoe', email: 'jdoe@example.com', employeeIdentifier: 'E-42' },
      );
      seed.associations = [
        { from: { type: 'user_group', id: ids.group(1) }, to: { type: 'user', id: ids.user(9003) } },
        { from: { type: 'user_group', id: ids.group(2) }, to: { type: 'user', id: ids.user(9003) } },
        { from: { type: 'system', id: ids.system(1) }, to: { type: 'user', id: ids.user(9003) }, attributes: { sudo: { enabled: true, withoutPassword: false } } },
        { from: { type: 'ldap_server', id: ids.ldap(1) }, to: { type: 'user', id: ids.user(9003) } },
      ];
      h = await harness(kind, { emulator: { seed } });
    });
    after(() => h.close());
    beforeEach(() => h.emulator.log.clear());

    it('tests the connection of a single-tenant key without x-org-id', async () => {
      const info = await h.client.testConnection();
      assert.equal(info.organizations.length, 1);
      assert.equal(info.organization?._id, h.emulator.state.organizationId);
      assert.equal(info.needsOrgId, false);
      const [request] = h.emulator.log.entries;
      assert.equal(request.path, '/api/organizations');
      assert.equal(request.headers['x-org-id'], undefined);
      assert.equal(request.headers['user-agent'], 'jumpcloud-csv/0.1.0-test');
    });

    it('finds users by username and e-mail exactly, ignoring case', async () => {
      assert.equal((await h.client.findUserByUsername('jdoe'))?._id, ids.user(9003));
      assert.equal((await h.client.findUserByUsername('JDOE'))?._id, ids.user(9003));
      assert.deepEqual((await h.client.findUsers('email', 'DOT.USER@example.com')).map(u => u._id), [ids.user(9001)]);
      assert.equal(await h.client.findUserByUsername('jdo'), undefined, 'no prefix match');
      assert.equal(await h.client.findUserByUsername('jdoe2'), undefined, 'no suffix match');
      assert.deepEqual((await h.client.findUsers('employeeIdentifier', 'e-42')).map(u => u.username), ['JDoe']);
      for (const e of requestsTo(h.emulator, 'POST', '/api/search/systemusers')) {
        const body = e.body as { filter: { and: unknown[] }; limit: number };
        assert.ok(Array.isArray(body.filter.and), 'the object form of the filter');
        assert.ok(body.limit <= 100);
      }
    });

    it('escapes regex metacharacters: "a.b" never finds "axb", and ".*" finds nothing', async () => {
      assert.deepEqual((await h.client.findUsers('username', 'a.b')).map(u => u.username), ['a.b']);
      assert.deepEqual(await h.client.findUsers('username', '.*'), []);
      assert.deepEqual(await h.client.findUsers('username', 'a(b'), []);
    });

    it('gets a user by id, with _id', async () => {
      const user = await h.client.getUser(ids.user(9003));
      assert.equal(user.username, 'JDoe');
      assert.equal(user._id, ids.user(9003));
    });

    it('lists every user over several pages of at most 100, sorted by _id', async () => {
      const users = await h.client.listUsers({ fields: ['employeeIdentifier'] });
      assert.equal(users.length, 253);
      assert.equal(new Set(users.map(u => u._id)).size, 253);
      const pages = requestsTo(h.emulator, 'GET', '/api/systemusers');
      assert.equal(pages.length, 3);
      assert.deepEqual(pages.map(p => [p.query.limit, p.query.skip, p.query.sort]), [['100', '0', '_id'], ['100', '100', '_id'], ['100', '200', '_id']]);
      assert.equal(pages[0].query.fields, '_id username email employeeIdentifier');
    });

    it('lists all user groups (v2 paging by x-total-count), systems and LDAP servers', async () => {
      const groups = await h.client.listUserGroups();
      assert.equal(groups.length, 130);
      assert.equal(requestsTo(h.emulator, 'GET', '/api/v2/usergroups').length, 2);
      assert.deepEqual((await h.client.listSystems()).map(s => s.hostname), ['host-1', 'host-2', 'host-3']);
      assert.deepEqual((await h.client.listLdapServers()).map(l => l.name), ['JumpCloud LDAP']);
      for (const e of h.emulator.log.entries) assert.ok(Number(e.query.limit) > 0 && Number(e.query.limit) <= 100, `${e.path} sends an explicit limit`);
    });

    it('reads group members, a system’s users with their sudo attributes, and an LDAP server’s users', async () => {
      assert.deepEqual((await h.client.getGroupMembers(ids.group(1))).map(c => c.to.id), [ids.user(9003)]);
      const systemUsers = await h.client.getSystemUsers(ids.system(1));
      assert.deepEqual(systemUsers.map(c => [c.to.type, c.to.id, c.attributes?.sudo]), [['user', ids.user(9003), { enabled: true, withoutPassword: false }]]);
      assert.deepEqual((await h.client.getLdapServerUsers(ids.ldap(1))).map(c => c.to.id), [ids.user(9003)]);
      assert.equal(requestsTo(h.emulator, 'GET', /\/associations$/).every(e => typeof e.query.targets === 'string'), true);
    });

    it('reports an unknown user id as a 404 JumpCloudApiError', async () => {
      await assert.rejects(h.client.getUser('ffffffffffffffffffffffff'), (e: Error & { status?: number; isNotFound?: boolean }) => {
        assert.equal(e.name, 'JumpCloudApiError');
        assert.equal(e.status, 404);
        return true;
      });
      assert.equal(h.emulator.log.entries.length, 1, 'a 404 is not retried');
    });
  });
}
