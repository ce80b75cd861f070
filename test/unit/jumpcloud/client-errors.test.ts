import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  baseUrlFor,
  createJumpCloudClient,
  JumpCloudApiError,
  JumpCloudError,
  JumpCloudNetworkError,
  JumpCloudResponseError,
  type Transport,
} from '../../../src/core/jumpcloud';
import { startEmulator } from '../../../src/emulator';
import { API_KEY, bigSeed, harness, ids, TRANSPORTS, type Harness } from './helpers';

/** Every way an error gets printed or serialised. */
function renderings(e: unknown): string[] {
  const err = e as Error;
  return [err.message, String(err), err.stack ?? '', JSON.stringify(err), inspect(err, { depth: 10 })];
}

function assertNoSecret(e: unknown, secret: string): void {
  for (const text of renderings(e)) assert.equal(text.includes(secret), false, `secret leaked in: ${text.slice(0, 200)}`);
}

const noSleep = { now: Date.now, sleep: async () => {} };

/** A transport that answers every request with one canned response. */
const canned = (status: number, body: string): Transport => async () => ({ status, header: () => null, text: async () => body });

describe('JumpCloud client errors', () => {
  for (const kind of TRANSPORTS) {
    describe(`over ${kind.name}`, () => {
      let h: Harness;
      beforeEach(async () => {
        h = await harness(kind, { emulator: { seed: bigSeed(2) } });
      });
      afterEach(() => h.close());

      it('a wrong key is a typed 401 with the server message, and the key appears nowhere', async () => {
        const wrongKey = 'jc-wrong-key-9d8e7f6a5b4c3d2e1f00';
        const client = h.clientWith({ apiKey: wrongKey });
        const error = await client.testConnection().then(
          () => assert.fail('expected a 401'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof JumpCloudApiError);
        assert.equal(error.status, 401);
        assert.equal(error.serverMessage, 'Unauthorized: api key user not found');
        assert.equal(error.request.method, 'GET');
        assert.match(error.request.url, /\/api\/organizations\?/);
        assertNoSecret(error, wrongKey);
        assert.equal(h.emulator.log.entries.length, 1, 'a 401 is not retried');
        for (const entry of h.emulator.log.entries) assert.equal(JSON.stringify(entry).includes(wrongKey), false, 'the emulator log redacts keys');
      });

      it('a failed create carries the request body with the password masked', async () => {
        const password = 'Sup3r-Secret-Passw0rd';
        const error = await h.client.createUser({ username: 'u0001', email: 'other@example.com', password }).catch((e: unknown) => e);
        assert.ok(error instanceof JumpCloudApiError && error.isConflict);
        assert.match(error.request.body ?? '', /"password":"\[REDACTED\]"/);
        assertNoSecret(error, password);
        assertNoSecret(error, API_KEY);
      });

      it('a multi-tenant key must choose an organization; x-org-id goes everywhere but /api/organizations', async () => {
        const orgs = [
          { _id: '6000000000000000000000a1', displayName: 'Tenant A' },
          { _id: '6000000000000000000000b2', displayName: 'Tenant B' },
        ];
        const msp = await harness(kind, { emulator: { seed: bigSeed(1), organizations: orgs } });
        try {
          const info = await msp.client.testConnection();
          assert.equal(info.needsOrgId, true);
          assert.deepEqual(info.organizations.map(o => o.displayName), ['Tenant A', 'Tenant B']);
          await assert.rejects(msp.client.getUser(ids.user(1)), (e: unknown) => e instanceof JumpCloudApiError && e.status === 401 && /no organization selected/.test(e.serverMessage));
          const chosen = msp.clientWith({ orgId: orgs[1]._id });
          assert.equal((await chosen.testConnection()).organization?.displayName, 'Tenant B');
          assert.equal((await chosen.getUser(ids.user(1))).username, 'u0001');
          const [orgList, getUser] = msp.emulator.log.entries.slice(-2);
          assert.equal(orgList.headers['x-org-id'], undefined);
          assert.equal(getUser.headers['x-org-id'], orgs[1]._id);
          const unknown = await msp.clientWith({ orgId: '6000000000000000000000c3' }).testConnection();
          assert.equal(unknown.needsOrgId, true);
        } finally {
          await msp.close();
        }
      });
    });
  }

  it('a refused connection is a JumpCloudNetworkError without the key', async () => {
    const emulator = await startEmulator({});
    const url = emulator.url;
    await emulator.close();
    const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: url, transport: TRANSPORTS[0].make().transport, version: 't', clock: noSleep });
    const error = await client.getUser(ids.user(1)).catch((e: unknown) => e);
    assert.ok(error instanceof JumpCloudNetworkError && error instanceof JumpCloudError);
    assert.equal(error.code, 'ECONNREFUSED');
    assertNoSecret(error, API_KEY);
  });

  it('scrubs the key even when the server echoes it back', async () => {
    const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1', transport: canned(400, JSON.stringify({ message: `bad key ${API_KEY}` })), version: 't' });
    const error = await client.listLdapServers().catch((e: unknown) => e);
    assert.ok(error instanceof JumpCloudApiError);
    assert.equal(error.serverMessage, 'bad key [REDACTED]');
    assertNoSecret(error, API_KEY);
  });

  it('reads error bodies of any shape: {message}, {error}, v2 {code,message,status,details}, text', async () => {
    const cases: [string, string][] = [
      ['{"message":"m1"}', 'm1'],
      ['{"error":"Unauthorized"}', 'Unauthorized'],
      ['{"code":400,"message":"Password validation fail","status":"INVALID_ARGUMENT","details":[{"x":1}]}', 'Password validation fail'],
      ['<html><body>502 Bad Gateway</body></html>', '<html><body>502 Bad Gateway</body></html>'],
      ['', '(empty body)'],
    ];
    for (const [body, message] of cases) {
      const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1', transport: canned(400, body), version: 't' });
      const error = (await client.getUser('x').catch((e: unknown) => e)) as JumpCloudApiError;
      assert.equal(error.serverMessage, message);
    }
  });

  it('a success body of the wrong shape is a JumpCloudResponseError, not a crash later', async () => {
    for (const body of ['{"totalCount":"many","results":[]}', 'not json', '{"totalCount":1,"results":[{"username":"no id"}]}']) {
      const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1', transport: canned(200, body), version: 't' });
      await assert.rejects(client.listUsers(), JumpCloudResponseError);
    }
  });

  it('accepts a user record that carries only id (not _id) and extra fields', async () => {
    const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1', transport: canned(200, '{"id":"abc","username":"u","email":"e@x","newField":{"a":1}}'), version: 't' });
    const user = await client.getUser('abc');
    assert.equal(user._id, 'abc');
    assert.deepEqual(user.newField, { a: 1 });
  });

  it('knows the regional consoles and never builds a double slash', () => {
    assert.equal(baseUrlFor({}), 'https://console.jumpcloud.com');
    assert.equal(baseUrlFor({ region: 'eu' }), 'https://console.eu.jumpcloud.com');
    assert.equal(baseUrlFor({ region: 'in' }), 'https://console.in.jumpcloud.com');
    assert.equal(baseUrlFor({ region: 'eu', baseUrl: 'http://127.0.0.1:9/' }), 'http://127.0.0.1:9');
  });

  it('sends the documented headers on every request', async () => {
    const seen: Record<string, string>[] = [];
    const client = createJumpCloudClient({
      apiKey: API_KEY,
      orgId: '6000000000000000000000a1',
      region: 'eu',
      transport: async req => {
        seen.push({ ...req.headers, url: req.url });
        return { status: 204, header: () => null, text: async () => '' };
      },
      version: '1.2.3',
    });
    await client.addUserToGroup('g1', 'u1');
    assert.deepEqual(seen, [
      {
        url: 'https://console.eu.jumpcloud.com/api/v2/usergroups/g1/members',
        'x-api-key': API_KEY,
        accept: 'application/json',
        'user-agent': 'jumpcloud-csv/1.2.3',
        'x-org-id': '6000000000000000000000a1',
        'content-type': 'application/json',
      },
    ]);
    assert.throws(() => createJumpCloudClient({ apiKey: '', transport: canned(200, ''), version: 't' }), TypeError);
  });
});
