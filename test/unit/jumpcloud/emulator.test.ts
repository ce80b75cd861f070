import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../../src/emulator';
import { API_KEY, bigSeed, ids } from './helpers';

/** Raw HTTP against the emulator, to pin its API semantics independently of the client. */
async function send(emulator: Emulator, method: string, path: string, body?: unknown, headers: Record<string, string> = { 'x-api-key': API_KEY }) {
  const response = await fetch(emulator.url + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
}

type Json = Record<string, unknown> & { results?: Record<string, unknown>[] };

describe('emulator', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ apiKey: API_KEY, seed: bigSeed(25, 12) });
  });
  after(() => emulator.close());

  it('pages like the real API: default 10, limit at most 100 (the observed 400), skip, totals', async () => {
    const first = (await send(emulator, 'GET', '/api/systemusers')).json as Json;
    assert.equal(first.totalCount, 25);
    assert.equal(first.results!.length, 10);
    const last = (await send(emulator, 'GET', '/api/systemusers?limit=100&skip=20')).json as Json;
    assert.equal(last.results!.length, 5);
    const tooMany = await send(emulator, 'GET', '/api/systemusers?limit=101');
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.json, { message: 'Bad Request: request parameter "limit" exceeds maximum value of 100' });
    const groups = await send(emulator, 'GET', '/api/v2/usergroups');
    assert.equal((groups.json as unknown[]).length, 10);
    assert.equal(groups.headers.get('x-total-count'), '12');
    const v2TooMany = await send(emulator, 'GET', '/api/v2/usergroups?limit=500');
    assert.deepEqual(v2TooMany.json, { code: 400, message: 'Bad Request: request parameter "limit" exceeds maximum value of 100', status: 'INVALID_ARGUMENT' });
  });

  it('filters, sorts and projects v1 lists (values case-sensitive)', async () => {
    const hit = (await send(emulator, 'GET', `/api/systemusers?filter=${encodeURIComponent('username:$eq:u0003')}&fields=username`)).json as Json;
    assert.deepEqual(hit.results, [{ _id: ids.user(3), username: 'u0003' }]);
    const miss = (await send(emulator, 'GET', `/api/systemusers?filter=${encodeURIComponent('username:$eq:U0003')}`)).json as Json;
    assert.equal(miss.totalCount, 0);
    const sorted = (await send(emulator, 'GET', '/api/systemusers?sort=-username&limit=2&fields=username')).json as Json;
    assert.deepEqual(sorted.results!.map(u => u.username), ['u0025', 'u0024']);
  });

  it('searches with the Mongo-like filter: (?i) regexes, and/or; refuses the array form', async () => {
    const found = (await send(emulator, 'POST', '/api/search/systemusers', { filter: { or: [{ username: { $regex: '(?i)^U0001$' } }, { email: 'user2@example.com' }] }, fields: 'username', limit: 5 })).json as Json;
    assert.deepEqual(found.results!.map(u => u.username), ['u0001', 'u0002']);
    const arrayForm = await send(emulator, 'POST', '/api/search/systemusers', { filter: [{ username: 'u0001' }] });
    assert.equal(arrayForm.status, 400);
    const queryPaging = (await send(emulator, 'POST', '/api/search/systemusers?limit=3', {})).json as Json;
    assert.equal(queryPaging.results!.length, 3);
  });

  it('answers 401 in the observed shape for a missing or wrong key', async () => {
    for (const headers of [{}, { 'x-api-key': 'nope' }] as Record<string, string>[]) {
      const r = await send(emulator, 'GET', '/api/systemusers', undefined, headers);
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, { message: 'Unauthorized: api key user not found', error: 'Unauthorized' });
    }
  });

  it('enforces uniqueness of username, email and employeeIdentifier ignoring case, on create and update', async () => {
    const created = await send(emulator, 'POST', '/api/systemusers', { username: 'uniq', email: 'uniq@example.com', employeeIdentifier: 'E-1' });
    assert.equal(created.status, 200);
    const user = created.json as Json;
    assert.equal(user._id, user.id, 'both _id and id');
    for (const clash of [{ username: 'UNIQ', email: 'a@example.com' }, { username: 'b', email: 'Uniq@Example.com' }, { username: 'c', email: 'c@example.com', employeeIdentifier: 'e-1' }]) {
      const r = await send(emulator, 'POST', '/api/systemusers', clash);
      assert.equal(r.status, 409, JSON.stringify(clash));
    }
    const update = await send(emulator, 'PUT', `/api/systemusers/${ids.user(1)}`, { email: 'UNIQ@example.com' });
    assert.equal(update.status, 409);
    const self = await send(emulator, 'PUT', `/api/systemusers/${user._id as string}`, { email: 'UNIQ@example.com' });
    assert.equal(self.status, 200, 'a user does not clash with itself');
  });

  it('validates user bodies: required fields, attribute names, state on update, types', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/systemusers', { username: 'x' }, 'email is required'],
      ['POST', '/api/systemusers', { username: 'x', email: 'x@example.com', attributes: [{ name: 'bad.value', value: '1' }] }, 'Attribute names may only contain letters and numbers'],
      ['POST', '/api/systemusers', { username: 'x', email: 'x@example.com', unix_uid: 0 }, 'unix_uid must be an integer of at least 1'],
      ['POST', '/api/systemusers', { username: 'x', email: 'x@example.com', mfa: { exclusionDays: '7' } }, 'mfa.exclusionDays must be an integer of at least 1'],
      ['PUT', `/api/systemusers/${ids.user(2)}`, { state: 'STAGED' }, 'state must be one of ACTIVATED, SUSPENDED'],
      ['PUT', `/api/systemusers/${ids.user(2)}`, { manager: null }, 'manager must not be null'],
      ['PUT', `/api/systemusers/${ids.user(2)}`, '{not json', 'Bad Request: the body is not valid JSON'],
    ];
    for (const [method, path, body, message] of cases) {
      const r = await send(emulator, method, path, body);
      assert.equal(r.status, 400, message);
      assert.deepEqual(r.json, { message });
    }
  });

  it('replaces arrays on PUT and keeps state and suspended in agreement', async () => {
    await send(emulator, 'PUT', `/api/systemusers/${ids.user(4)}`, { phoneNumbers: [{ type: 'home', number: '1' }, { type: 'work', number: '2' }] });
    const r = (await send(emulator, 'PUT', `/api/systemusers/${ids.user(4)}`, { phoneNumbers: [{ type: 'work', number: '3' }], suspended: true })).json as Json;
    assert.deepEqual((r.phoneNumbers as Json[]).map(p => [p.type, p.number]), [['work', '3']]);
    assert.equal(r.state, 'SUSPENDED');
    assert.equal((await send(emulator, 'PUT', `/api/systemusers/${ids.user(4)}`, { state: 'ACTIVATED', suspended: true })).status, 400);
  });

  it('checks graph writes: required targets, attributes must be an object, sudo needs both flags, type enums', async () => {
    const base = `/api/v2/systems/${ids.system(1)}/associations`;
    assert.equal((await send(emulator, 'GET', base)).status, 400, 'targets is required');
    const bad: [unknown, string][] = [
      [{ op: 'add', type: 'user', id: ids.user(1), attributes: null }, 'attributes must be an object'],
      [{ op: 'add', type: 'user', id: ids.user(1), attributes: { sudo: { enabled: true } } }, 'attributes.sudo must have the booleans enabled and withoutPassword'],
      [{ op: 'add', type: 'user', id: ids.user(1), attributes: { sudo: { enabled: false, withoutPassword: true } } }, 'attributes.sudo.withoutPassword requires enabled'],
      [{ op: 'add', type: 'system', id: ids.user(1) }, 'type must be one of command, policy, policy_group, user, user_group'],
      [{ op: 'bind', type: 'user', id: ids.user(1) }, 'op must be one of add, remove, update'],
    ];
    for (const [body, message] of bad) {
      const r = await send(emulator, 'POST', base, body);
      assert.deepEqual([r.status, (r.json as Json).message], [400, message]);
    }
    assert.equal((await send(emulator, 'POST', base, { op: 'add', type: 'user', id: 'ffffffffffffffffffffffff' })).status, 404);
    assert.equal((await send(emulator, 'POST', base, { op: 'update', type: 'user', id: ids.user(5) })).status, 404, 'update needs an existing edge');
    assert.equal((await send(emulator, 'POST', base, { op: 'add', type: 'user', id: ids.user(5) })).status, 204);
    const again = await send(emulator, 'POST', base, { op: 'add', type: 'user', id: ids.user(5) });
    assert.deepEqual([again.status, (again.json as Json).message], [409, 'Already Exists']);
    assert.equal((await send(emulator, 'POST', base, { op: 'remove', type: 'user', id: ids.user(5) })).status, 204);
    assert.equal((await send(emulator, 'POST', `/api/v2/usergroups/${ids.group(1)}/members`, { op: 'add', type: 'system', id: ids.system(1) })).status, 400);
  });

  it('answers unknown routes with 404 and logs them as unrouted, with the key redacted', async () => {
    emulator.log.clear();
    const r = await send(emulator, 'GET', '/api/systemusers-lite');
    assert.deepEqual([r.status, r.json], [404, { message: 'Not Found' }]);
    const [entry] = emulator.log.entries;
    assert.equal(entry.route, undefined);
    assert.equal(entry.headers['x-api-key'], `…${API_KEY.slice(-4)}`);
  });

  it('listens on 127.0.0.1 only', async () => {
    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const external = Object.values(os.networkInterfaces()).flat().find(i => i && i.family === 'IPv4' && !i.internal);
    if (!external) return;
    await assert.rejects(fetch(`http://${external.address}:${emulator.port}/api/organizations`, { signal: AbortSignal.timeout(2000) }));
  });

  it('rejects a bad seed with the path of the problem, and takes exported users with nulls and server fields', async () => {
    await assert.rejects(startEmulator({ seed: { users: [{ username: 'x' }] } as never }), /invalid seed: users\.0\.email/);
    await assert.rejects(startEmulator({ seed: { users: [{ username: 'x', email: 'a@b.c' }, { username: 'X', email: 'b@b.c' }] } }), /invalid seed: users\.1 \(X\): username already exists/);
    const exported = await startEmulator({ seed: { users: [{ username: 'x', email: 'x@example.com', manager: null, created: '2020-01-01T00:00:00Z', mfaEnrollment: {} }] } });
    await exported.close();
    await assert.rejects(startEmulator({ seed: { associations: [{ from: { type: 'user', id: ids.user(1) }, to: { type: 'system', id: ids.system(1) } }] } }), /names a missing object/);
  });

  it('serves the sample organization, with traversals through groups', async () => {
    const sample = await startEmulator({ seed: SAMPLE_ORGANIZATION });
    try {
      assert.deepEqual([sample.state.users.size, sample.state.userGroups.size, sample.state.systems.size, sample.state.ldapServers.size], [21, 5, 6, 1]);
      const gsantos = [...sample.state.users.values()].find(u => u.username === 'gsantos')!;
      const systems = (await send(sample, 'GET', `/api/v2/users/${gsantos._id as string}/systems`, undefined, { 'x-api-key': 'any' })).json as Json[];
      const byHost = Object.fromEntries(systems.map(s => [sample.state.systems.get(s.id as string)!.hostname as string, (s.compiledAttributes as Json).sudo]));
      assert.deepEqual(byHost, { 'web-01': { enabled: true, withoutPassword: true }, 'build-01': { enabled: true, withoutPassword: false } });
    } finally {
      await sample.close();
    }
  });

  it('draws probabilistic faults from its seeded RNG, the same way every run', async () => {
    const outcomes: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const faulty = await startEmulator({ randomSeed: 42, faults: [{ fault: 'error', status: 503, probability: 0.5 }] });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) statuses.push((await send(faulty, 'GET', '/api/organizations', undefined, { 'x-api-key': 'k' })).status);
        outcomes.push(statuses);
      } finally {
        await faulty.close();
      }
    }
    assert.deepEqual(outcomes[0], outcomes[1]);
    assert.ok(outcomes[0].includes(503) && outcomes[0].includes(200));
  });
});
