import * as assert from 'node:assert/strict';
import { COLUMNS } from '../../../src/core/catalogue';
import { isUserScalarField, JumpCloudApiError, USER_SCALAR_FIELDS } from '../../../src/core/jumpcloud';
import { bigSeed, harness, ids, requestsTo, TRANSPORTS, type Harness } from './helpers';

/** Fields the server sets; none may ever appear in a body the client sends. */
const SERVER_SET = ['_id', 'id', 'organization', 'created', 'creationSource', 'activated', 'account_locked_date', 'badLoginAttempts', 'password_date', 'password_expiration_date', 'password_expired', 'totp_enabled', 'mfaEnrollment', 'admin', 'ssh_keys'];

function assertNoServerFields(body: unknown): void {
  const b = body as Record<string, unknown>;
  for (const key of SERVER_SET) assert.equal(key in b, false, `sent server-set field ${key}`);
  for (const list of ['addresses', 'phoneNumbers', 'attributes'] as const) {
    for (const item of (b[list] as Record<string, unknown>[] | undefined) ?? []) assert.equal('id' in item, false, `sent ${list}[].id`);
  }
}

for (const kind of TRANSPORTS) {
  describe(`JumpCloud client writes (${kind.name})`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await harness(kind, { emulator: { seed: bigSeed(3) } });
    });
    afterEach(() => h.close());

    it('creates a user (200 with _id) and finds it again', async () => {
      const { user, recovered } = await h.client.createUser({
        username: 'new.user',
        email: 'new.user@example.com',
        firstname: 'New',
        password: 'Secret-Pa55word!',
        phoneNumbers: [{ type: 'mobile', number: '+1 555 0100' }],
        attributes: [{ name: 'team', value: 'blue' }],
        mfa: { exclusion: true, exclusionUntil: '2026-03-08T09:00:00.000Z' },
      });
      assert.equal(recovered, false);
      assert.match(user._id, /^[0-9a-f]{24}$/);
      assert.equal(user.state, 'ACTIVATED');
      assert.equal('password' in user, false, 'passwords are never returned');
      assert.equal((await h.client.findUserByUsername('NEW.USER'))?._id, user._id);
      const [post] = requestsTo(h.emulator, 'POST', '/api/systemusers');
      assert.equal(post.headers['content-type'], 'application/json');
      assertNoServerFields(post.body);
    });

    it('update merges phone numbers, addresses and custom attributes, and sends only what changed', async () => {
      const { user } = await h.client.createUser({
        username: 'merge.me',
        email: 'merge.me@example.com',
        jobTitle: 'Engineer',
        phoneNumbers: [{ type: 'mobile', number: '111' }, { type: 'work_fax', number: '222' }],
        addresses: [{ type: 'home', locality: 'Denver', region: 'CO' }, { type: 'other', locality: 'Lisbon' }],
        attributes: [{ name: 'costCode', value: 'A1' }, { name: 'badge', value: '7' }],
      });
      h.emulator.log.clear();
      const result = await h.client.updateUser(user._id, {
        jobTitle: 'Engineer',
        department: 'R&D',
        phoneNumbers: [{ type: 'MOBILE', number: '333' }, { type: 'home', number: '444' }],
        addresses: [{ type: 'home', postalCode: '80202' }, { type: 'work', locality: 'Boston' }],
        attributes: [{ name: 'COSTCODE', value: 'B2' }, { name: 'floor', value: '3' }],
      });
      assert.deepEqual([...result.changed].sort(), ['addresses', 'attributes', 'department', 'phoneNumbers']);
      const [get, put] = h.emulator.log.entries;
      assert.equal(get.method, 'GET', 'read before write');
      assert.equal(put.method, 'PUT');
      assertNoServerFields(put.body);
      const body = put.body as Record<string, unknown>;
      assert.equal('jobTitle' in body, false, 'unchanged fields are not sent');
      assert.deepEqual(body.phoneNumbers, [{ type: 'mobile', number: '333' }, { type: 'work_fax', number: '222' }, { type: 'home', number: '444' }]);
      assert.deepEqual(body.addresses, [
        { type: 'home', locality: 'Denver', region: 'CO', postalCode: '80202' },
        { type: 'other', locality: 'Lisbon' },
        { type: 'work', locality: 'Boston' },
      ]);
      assert.deepEqual(body.attributes, [{ name: 'COSTCODE', value: 'B2' }, { name: 'badge', value: '7' }, { name: 'floor', value: '3' }]);
      const stored = h.emulator.state.users.get(user._id)!;
      assert.equal((stored.phoneNumbers as unknown[]).length, 3, 'nothing was lost on the server');
      assert.equal(result.user.department, 'R&D');
    });

    it('skips the PUT when nothing differs, and skips the GET when given the current record', async () => {
      const { user } = await h.client.createUser({ username: 'same', email: 'same@example.com', jobTitle: 'QA' });
      h.emulator.log.clear();
      const result = await h.client.updateUser(user._id, { jobTitle: 'QA' }, { current: user });
      assert.deepEqual(result.changed, []);
      assert.equal(h.emulator.log.entries.length, 0);
    });

    it('sets ldap_binding_user with a one-field PUT', async () => {
      await h.client.setLdapBindingUser(ids.user(1), true);
      const [put] = requestsTo(h.emulator, 'PUT', `/api/systemusers/${ids.user(1)}`);
      assert.deepEqual(put.body, { ldap_binding_user: true });
      assert.equal(h.emulator.state.users.get(ids.user(1))!.ldap_binding_user, true);
    });

    it('adds group members; a repeated add is "already-exists", not an error', async () => {
      assert.equal(await h.client.addUserToGroup(ids.group(1), ids.user(1)), 'added');
      assert.equal(await h.client.addUserToGroup(ids.group(1), ids.user(1)), 'already-exists');
      const posts = requestsTo(h.emulator, 'POST', `/api/v2/usergroups/${ids.group(1)}/members`);
      assert.deepEqual(posts.map(p => [p.body, p.status]), [
        [{ op: 'add', type: 'user', id: ids.user(1) }, 204],
        [{ op: 'add', type: 'user', id: ids.user(1) }, 409],
      ]);
    });

    it('binds users to systems with and without sudo, and updates sudo with op: update', async () => {
      assert.equal(await h.client.bindUserToSystem(ids.system(1), ids.user(1)), 'added');
      assert.equal(await h.client.bindUserToSystem(ids.system(1), ids.user(2), { sudo: { enabled: true, withoutPassword: false } }), 'added');
      assert.equal(await h.client.bindUserToSystem(ids.system(1), ids.user(1), { op: 'update', sudo: { enabled: true, withoutPassword: true } }), 'updated');
      const bodies = requestsTo(h.emulator, 'POST', `/api/v2/systems/${ids.system(1)}/associations`).map(p => p.body);
      assert.deepEqual(bodies[0], { op: 'add', type: 'user', id: ids.user(1) }, 'no attributes key, never attributes: null');
      assert.deepEqual(bodies[1], { op: 'add', type: 'user', id: ids.user(2), attributes: { sudo: { enabled: true, withoutPassword: false } } });
      const users = await h.client.getSystemUsers(ids.system(1));
      assert.deepEqual(users.map(c => [c.to.id, c.attributes?.sudo]), [
        [ids.user(1), { enabled: true, withoutPassword: true }],
        [ids.user(2), { enabled: true, withoutPassword: false }],
      ]);
      await assert.rejects(h.client.bindUserToSystem(ids.system(1), ids.user(3), { sudo: { enabled: false, withoutPassword: true } }), RangeError);
    });

    it('binds users to an LDAP server', async () => {
      assert.equal(await h.client.bindUserToLdapServer(ids.ldap(1), ids.user(1)), 'added');
      assert.deepEqual((await h.client.getLdapServerUsers(ids.ldap(1))).map(c => c.to.id), [ids.user(1)]);
    });

    it('reports duplicates as conflicts, case-insensitively, as 409 or 400', async () => {
      for (const username of ['U0001', 'someone']) {
        const email = username === 'someone' ? 'USER2@example.com' : 'fresh@example.com';
        await assert.rejects(h.client.createUser({ username, email }), (e: unknown) => e instanceof JumpCloudApiError && e.status === 409 && e.isConflict);
      }
      const h400 = await harness(kind, { emulator: { seed: bigSeed(1), duplicateStatus: 400 } });
      try {
        await assert.rejects(h400.client.createUser({ username: 'u0001', email: 'x@example.com' }), (e: unknown) => e instanceof JumpCloudApiError && e.status === 400 && e.isConflict);
      } finally {
        await h400.close();
      }
      assert.equal(requestsTo(h.emulator, 'POST', '/api/systemusers').length, 2, 'a conflict is not retried');
    });

    it('can write every plain field the column catalogue targets', () => {
      const fields = COLUMNS.flatMap(c => (c.api.kind === 'field' ? [c.api.name] : []));
      // username is the key, not a change; passwordless_sudo exists only in the create schema.
      const missing = fields.filter(f => !isUserScalarField(f) && f !== 'username' && f !== 'passwordless_sudo');
      assert.deepEqual(missing, []);
      assert.ok(USER_SCALAR_FIELDS.length >= fields.length - 2);
    });
  });
}
