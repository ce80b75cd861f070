import * as assert from 'node:assert/strict';
import { abortReason, createJumpCloudClient, JumpCloudApiError, JumpCloudNetworkError, type Clock, type RetryEvent, type Transport } from '../../../src/core/jumpcloud';
import { startEmulator, type Emulator, type FaultKind, type LoggedRequest } from '../../../src/emulator';
import { API_KEY, bigSeed, harness, ids, requestsTo, TRANSPORTS, virtualClock, type Harness } from './helpers';

const USER_PATH = '/api/systemusers/{id}';

/** Resolves with the first request the emulator leaves unanswered because of `fault`, the moment it does. */
function unanswered(emulator: Emulator, fault: FaultKind): Promise<LoggedRequest> {
  return new Promise(resolve => {
    const listener = (request: LoggedRequest) => {
      if (request.fault !== fault) return;
      emulator.events.off('handled', listener);
      resolve(request);
    };
    emulator.events.on('handled', listener);
  });
}

for (const kind of TRANSPORTS) {
  describe(`JumpCloud client retries (${kind.name})`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('rides out a 429 storm, each retry waiting at least Retry-After (seconds and HTTP date)', async () => {
      for (const retryAfter of ['seconds', 'http-date'] as const) {
        h = await harness(kind, { emulator: { seed: bigSeed(8), rateLimit: { perSecond: 2, retryAfter } } });
        const names = Array.from({ length: 8 }, (_, i) => `u${String(i + 1).padStart(4, '0')}`);
        const found = await Promise.all(names.map(n => h!.client.findUserByUsername(n)));
        assert.deepEqual(found.map(u => u?.username), names);
        const log = h.emulator.log.entries;
        assert.ok(log.filter(e => e.status === 429).length >= 6, 'the storm happened');
        for (const name of names) {
          const mine = log.filter(e => JSON.stringify(e.body).includes(`^${name}$`));
          mine.forEach((e, i) => {
            if (e.status !== 429) return;
            const header = e.responseHeaders!['retry-after'];
            const waitMs = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - e.ts;
            assert.ok(mine[i + 1].ts - e.ts >= waitMs, `${name} came back after ${mine[i + 1].ts - e.ts} ms, asked ${waitMs}`);
          });
          assert.equal(mine.at(-1)!.status, 200);
        }
        await h.close();
        h = undefined;
      }
    });

    it('falls back to exponential backoff when a 429 has no Retry-After, and fails fast on an excessive one', async () => {
      h = await harness(kind, { emulator: { seed: bigSeed(1), rateLimit: { perSecond: 1, retryAfter: 'none' } } });
      await h.client.getUser(ids.user(1));
      await h.client.getUser(ids.user(1));
      assert.deepEqual(h.clock.sleeps, [250, 500, 1000], 'full jitter at random 0.5: half of 500, 1000, 2000');
      await h.close();

      h = await harness(kind, { emulator: { seed: bigSeed(1), rateLimit: { perSecond: 0.01 } }, client: { retry: { maxRetryAfterMs: 10_000 } } });
      await h.client.getUser(ids.user(1));
      await assert.rejects(h.client.getUser(ids.user(1)), (e: unknown) => e instanceof JumpCloudApiError && e.status === 429 && e.retryAfterMs === 100_000);
      assert.equal(h.emulator.log.entries.length, 2);
    });

    it('retries reads after 500s, an HTML 502 and a dropped connection', async () => {
      const events: RetryEvent[] = [];
      h = await harness(kind, {
        emulator: {
          seed: bigSeed(1),
          faults: [
            { fault: 'error', method: 'GET', path: USER_PATH, nth: 1 },
            { fault: 'error', status: 502, body: '<html><body>502 Bad Gateway</body></html>', method: 'GET', path: '/api/v2/usergroups', nth: 1, count: 2 },
            { fault: 'drop', method: 'GET', path: '/api/systems', nth: 1 },
          ],
        },
        client: { onRetry: e => events.push(e) },
      });
      assert.equal((await h.client.getUser(ids.user(1))).username, 'u0001');
      assert.equal((await h.client.listUserGroups()).length, 3);
      assert.equal((await h.client.listSystems()).length, 3);
      assert.deepEqual(events.map(e => [e.reason, e.status]), [['server-error', 500], ['server-error', 502], ['server-error', 502], ['network', undefined]]);
      assert.equal(requestsTo(h.emulator, 'GET', '/api/v2/usergroups').length, 3);
    });

    it('gives up after maxAttempts with the last error', async () => {
      h = await harness(kind, { emulator: { seed: bigSeed(1), faults: [{ fault: 'error', status: 503, method: 'GET' }] }, client: { retry: { maxAttempts: 3 } } });
      await assert.rejects(h.client.getUser(ids.user(1)), (e: unknown) => e instanceof JumpCloudApiError && e.status === 503);
      assert.equal(h.emulator.log.entries.length, 3);
    });

    it('never retries a request the server refused on its merits (400)', async () => {
      h = await harness(kind, { emulator: { seed: bigSeed(1) } });
      await assert.rejects(
        h.client.createUser({ username: 'bad', email: 'bad@example.com', attributes: [{ name: 'bad value', value: 'x' }] }),
        (e: unknown) => e instanceof JumpCloudApiError && e.status === 400 && e.serverMessage === 'Attribute names may not contain spaces',
      );
      assert.equal(h.emulator.log.entries.length, 1);
    });

    it('a create answered 500 or dropped before processing: looks the user up, then creates it once', async () => {
      for (const fault of ['error', 'drop'] as const) {
        h = await harness(kind, { emulator: { seed: bigSeed(1), faults: [{ fault, method: 'POST', path: '/api/systemusers', nth: 1 }] } });
        const { user, recovered } = await h.client.createUser({ username: 'retry.me', email: 'retry.me@example.com' });
        assert.equal(recovered, false);
        assert.deepEqual(h.emulator.log.entries.map(e => `${e.method} ${e.path} ${e.status ?? e.fault}`), [
          `POST /api/systemusers ${fault === 'error' ? 500 : 'drop'}`,
          'POST /api/search/systemusers 200',
          'POST /api/systemusers 200',
        ]);
        assert.equal(h.emulator.state.usersWhere('username', 'retry.me').length, 1);
        assert.equal(user.username, 'retry.me');
        await h.close();
        h = undefined;
      }
    });

    it('a create whose response was lost is found by username, never POSTed again', async () => {
      h = await harness(kind, { emulator: { seed: bigSeed(1), faults: [{ fault: 'lost-response', method: 'POST', path: '/api/systemusers', nth: 1 }] } });
      const { user, recovered } = await h.client.createUser({ username: 'lost.one', email: 'lost.one@example.com' });
      assert.equal(recovered, true);
      assert.equal(requestsTo(h.emulator, 'POST', '/api/systemusers').length, 1);
      assert.equal(h.emulator.state.usersWhere('username', 'lost.one').length, 1);
      assert.equal(user._id, h.emulator.state.usersWhere('username', 'lost.one')[0]._id);
    });

    it('a lost create that the lookup misses (eventual consistency) ends as the 409 echo, reconciled, still one user', async () => {
      const emulator = await startEmulator({ apiKey: API_KEY, seed: bigSeed(1), faults: [{ fault: 'lost-response', method: 'POST', path: '/api/systemusers', nth: 1 }] });
      const { transport: real, close } = kind.make();
      let searches = 0;
      // The first search answers as a lagging index would: nothing yet.
      const lagging: Transport = async req => {
        if (req.url.includes('/api/search/systemusers') && searches++ === 0) return { status: 200, header: () => null, text: async () => '{"totalCount":0,"results":[]}' };
        return real(req);
      };
      try {
        const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: emulator.url, transport: lagging, version: 't', clock: { now: Date.now, sleep: async () => {} } });
        const { recovered } = await client.createUser({ username: 'lagging', email: 'lagging@example.com' });
        assert.equal(recovered, true);
        assert.deepEqual(requestsTo(emulator, 'POST', '/api/systemusers').map(e => e.status), [200, 409]);
        assert.equal(emulator.state.usersWhere('username', 'lagging').length, 1);
      } finally {
        await emulator.close();
        await close();
      }
    });

    it('when the lookup after a lost create fails too, it reports the failure and does not POST again', async () => {
      h = await harness(kind, {
        emulator: {
          seed: bigSeed(1),
          faults: [
            { fault: 'drop', method: 'POST', path: '/api/systemusers', nth: 1 },
            { fault: 'error', status: 503, path: '/api/search/systemusers' },
          ],
        },
        client: { retry: { maxAttempts: 2 } },
      });
      await assert.rejects(h.client.createUser({ username: 'unknown.fate', email: 'u@example.com' }), JumpCloudApiError);
      assert.equal(requestsTo(h.emulator, 'POST', '/api/systemusers').length, 1);
    });

    it('repeats a PUT and a graph add whose responses were lost (both idempotent); the add ends "already-exists"', async () => {
      h = await harness(kind, {
        emulator: {
          seed: bigSeed(1),
          faults: [
            { fault: 'lost-response', method: 'PUT', path: USER_PATH, nth: 1 },
            { fault: 'lost-response', method: 'POST', path: '/api/v2/usergroups/{id}/members', nth: 1 },
          ],
        },
      });
      const { user } = await h.client.updateUser(ids.user(1), { jobTitle: 'Lead' });
      assert.equal(user.jobTitle, 'Lead');
      assert.equal(requestsTo(h.emulator, 'PUT', `/api/systemusers/${ids.user(1)}`).length, 2);
      assert.equal(await h.client.addUserToGroup(ids.group(1), ids.user(1)), 'already-exists');
      assert.equal(h.emulator.state.edges.length, 1);
    });

    it('abandons a hanging request as soon as the caller aborts, without retrying', async () => {
      h = await harness(kind, { emulator: { seed: bigSeed(1), faults: [{ fault: 'hang', method: 'GET' }] }, client: { retry: { requestTimeoutMs: 0 } } });
      const controller = new AbortController();
      const hung = unanswered(h.emulator, 'hang');
      const call = h.client.getUser(ids.user(1), { signal: controller.signal });
      // No timeout and no answer: only the abort can end the call (or mocha's timeout fails the test).
      await hung;
      controller.abort();
      await assert.rejects(call, (e: Error) => e.name === 'AbortError');
      assert.equal(h.emulator.log.entries.length, 1);
      await assert.rejects(h.client.getUser(ids.user(1), { signal: controller.signal }), (e: Error) => e.name === 'AbortError');
      assert.equal(h.emulator.log.entries.length, 1, 'an aborted signal sends nothing');
    });

    it('times out a hanging attempt and retries it', async () => {
      const events: RetryEvent[] = [];
      // The timeout is on the test's clock: it fires when the clock passes it, here once the emulator has let the first
      // attempt hang. A minute, so that a timeout in real time would fail the test (mocha gives it 20 s).
      const clock = virtualClock(undefined, { timeouts: true });
      h = await harness(kind, {
        clock,
        emulator: { seed: bigSeed(1), faults: [{ fault: 'hang', method: 'GET', nth: 1 }] },
        client: { retry: { requestTimeoutMs: 60_000 }, onRetry: e => events.push(e) },
      });
      const hung = unanswered(h.emulator, 'hang');
      const call = h.client.getUser(ids.user(1));
      await hung;
      clock.advance(60_000);
      assert.equal((await call).username, 'u0001');
      assert.deepEqual(events.map(e => e.reason), ['timeout']);
      const [first, second] = h.emulator.log.entries;
      assert.equal(h.emulator.log.entries.length, 2);
      assert.equal(second.ts - first.ts, 60_000 + events[0].delayMs, 'the retry came after the timeout and its backoff, on the virtual clock');
    });

    it('a hanging create times out and is reconciled, not re-sent blindly', async () => {
      const clock = virtualClock(undefined, { timeouts: true });
      h = await harness(kind, {
        clock,
        emulator: { seed: bigSeed(1), faults: [{ fault: 'hang', method: 'POST', path: '/api/systemusers', nth: 1 }] },
        client: { retry: { requestTimeoutMs: 60_000 } },
      });
      const hung = unanswered(h.emulator, 'hang');
      const call = h.client.createUser({ username: 'slow', email: 'slow@example.com' });
      await hung;
      clock.advance(60_000);
      await call;
      assert.deepEqual(h.emulator.log.entries.map(e => `${e.method} ${e.path}`), ['POST /api/systemusers', 'POST /api/search/systemusers', 'POST /api/systemusers']);
      assert.equal(h.emulator.state.usersWhere('username', 'slow').length, 1);
    });

    it('stops waiting for Retry-After the moment the caller aborts', async () => {
      // The client's waits end only by an abort, so the abort lands while it sits out the Retry-After; the emulator's
      // virtual clock stands still, so the second request is over the limit of 1 a second.
      const waits: number[] = [];
      let waiting!: () => void;
      const began = new Promise<void>(resolve => (waiting = resolve));
      const held: Clock = {
        now: () => h!.clock.now(),
        sleep: (ms, signal) =>
          new Promise<void>((_resolve, reject) => {
            waits.push(ms);
            signal?.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
            waiting();
          }),
      };
      h = await harness(kind, { emulator: { seed: bigSeed(1), rateLimit: { perSecond: 1 } }, client: { clock: held } });
      await h.client.getUser(ids.user(1));
      const controller = new AbortController();
      const call = h.client.getUser(ids.user(1), { signal: controller.signal });
      await began;
      assert.ok(waits[0] >= 1000, `waiting out the 1 s Retry-After (${waits[0]} ms)`);
      controller.abort();
      await assert.rejects(call, (e: Error) => e.name === 'AbortError');
      assert.deepEqual(h.emulator.log.entries.map(e => e.status), [200, 429]);
    });

    it('reports a refused connection as a JumpCloudNetworkError after one retry, not the full backoff (a wrong address)', async () => {
      const emulator = await startEmulator({});
      const url = emulator.url;
      await emulator.close();
      const { transport, close } = kind.make();
      try {
        const events: RetryEvent[] = [];
        const client = createJumpCloudClient({ apiKey: API_KEY, baseUrl: url, transport, version: 't', clock: { now: Date.now, sleep: async () => {} }, onRetry: e => events.push(e) });
        await assert.rejects(client.listUserGroups(), (e: unknown) => e instanceof JumpCloudNetworkError && e.code === 'ECONNREFUSED');
        assert.deepEqual(events.map(e => [e.reason, e.attempt]), [['network', 1]], 'two attempts in all, where a dropped connection gets six');
      } finally {
        await close();
      }
    });
  });
}
