import * as assert from 'node:assert/strict';
import { createAdaptiveLimiter } from '../../../src/core/import/limiter';
import { JumpCloudApiError } from '../../../src/core/jumpcloud';
import { bigSeed, harness, ids, TRANSPORTS, virtualClock, type Harness } from '../jumpcloud/helpers';

/** Lets pending promise callbacks and immediates run. */
const settle = () => new Promise<void>(resolve => setImmediate(resolve));

describe('import limiter (shared request gate)', () => {
  it('lets through at most the bound, in arrival order', async () => {
    const limiter = createAdaptiveLimiter({ maxConcurrency: 2, clock: virtualClock() });
    const order: number[] = [];
    const tickets = [1, 2, 3, 4].map(n => limiter.enter().then(leave => (order.push(n), leave)));
    await settle();
    assert.deepEqual(order, [1, 2]);
    (await tickets[0])({ status: 200 });
    await settle();
    assert.deepEqual(order, [1, 2, 3]);
    (await tickets[1])({ status: 204 });
    (await tickets[2])({ status: 200 });
    (await tickets[3])({ status: 200 });
    assert.equal(limiter.stats().requests, 4);
  });

  it('a 429 pauses every caller until its Retry-After, halves the bound once per round, and recovers by one per interval', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const limiter = createAdaptiveLimiter({ maxConcurrency: 8, clock, increaseEveryMs: 1000 });
    const round = await Promise.all(Array.from({ length: 8 }, () => limiter.enter()));
    // Two answers of the same round come back 429: one decrease, one pause.
    round[0]({ status: 429, retryAfterMs: 2000 });
    round[1]({ status: 429, retryAfterMs: 2000 });
    assert.equal(limiter.stats().concurrency, 4);
    let entered = 0;
    const waiting = limiter.enter().then(leave => ((entered = clock.now()), leave));
    for (const leave of round.slice(2)) leave({ status: 200 });
    (await waiting)({ status: 200 });
    assert.ok(entered - start >= 2000, `entered ${entered - start} ms after the 429, asked 2000`);
    assert.deepEqual({ ...limiter.stats(), requests: undefined }, { requests: undefined, rateLimited: 2, concurrency: 4, lowestConcurrency: 4, pauses: 1, pausedMs: 2000 });
    // A 429 of the next round halves again; time without one grows the bound back by one per second after the pause.
    (await limiter.enter())({ status: 429, retryAfterMs: 1000 });
    assert.equal(limiter.stats().concurrency, 2);
    await clock.sleep(2000);
    (await limiter.enter())({ status: 200 });
    assert.equal(limiter.stats().concurrency, 3);
    (await limiter.enter())({ status: 200 });
    assert.equal(limiter.stats().concurrency, 3, 'not before another second');
    await clock.sleep(1000);
    (await limiter.enter())({ status: 200 });
    assert.equal(limiter.stats().concurrency, 4);
  });

  it('never falls below the floor, ignores network errors and 5xx, and releases a waiter on abort', async () => {
    const clock = virtualClock();
    const limiter = createAdaptiveLimiter({ maxConcurrency: 1, clock });
    const first = await limiter.enter();
    const controller = new AbortController();
    const waiting = limiter.enter(controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    first({ status: 429 });
    assert.equal(limiter.stats().concurrency, 1);
    (await limiter.enter())({});
    (await limiter.enter())({ status: 500 });
    assert.equal(limiter.stats().pauses, 0, 'a 429 without Retry-After from the requester does not pause by itself');
    await assert.rejects(limiter.enter(AbortSignal.abort(new Error('already'))), /already/);
  });

  describe('as the client\'s gate', () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('sees every attempt; a 429 without Retry-After pauses for the request\'s own backoff', async () => {
      h = await harness(TRANSPORTS[0], { emulator: { seed: bigSeed(1), rateLimit: { perSecond: 1, retryAfter: 'none' } } });
      const limiter = createAdaptiveLimiter({ maxConcurrency: 4, clock: h.clock });
      const client = h.clientWith({ gate: limiter });
      await Promise.all([1, 2, 3].map(() => client.getUser(ids.user(1))));
      const stats = limiter.stats();
      assert.equal(stats.requests, h.emulator.log.entries.length);
      assert.equal(stats.rateLimited, h.emulator.log.entries.filter(e => e.status === 429).length);
      assert.ok(stats.pauses >= 1 && stats.pausedMs >= 250, `paused ${stats.pauses} times, ${stats.pausedMs} ms`);
    });

    it('never pauses everyone longer than a request would wait for itself', async () => {
      h = await harness(TRANSPORTS[0], { emulator: { seed: bigSeed(1), rateLimit: { perSecond: 0.01 } }, client: { retry: { maxRetryAfterMs: 10_000 } } });
      const limiter = createAdaptiveLimiter({ maxConcurrency: 2, clock: h.clock });
      const client = h.clientWith({ gate: limiter });
      await client.getUser(ids.user(1));
      await assert.rejects(client.getUser(ids.user(1)), (e: unknown) => e instanceof JumpCloudApiError && e.retryAfterMs === 100_000);
      assert.equal(limiter.stats().pausedMs, 10_000);
    });
  });
});
