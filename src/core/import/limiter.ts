import { abortReason, systemClock, type Clock, type GateOutcome, type RequestGate } from '../jumpcloud';

/**
 * The import's one shared limiter: a request gate (see the client's `gate` option) that every worker's requests pass
 * through. It bounds the requests in flight, and adapts that bound to the organization's rate limit:
 * - a 429 pauses EVERY caller until its Retry-After (not only the one that got it), so a storm costs one round of
 *   429s, not one per worker;
 * - the bound halves on a 429 (once per round: answers to requests sent before the last decrease do not halve again)
 *   and grows by one per `increaseEveryMs` without a 429 (AIMD, as TCP congestion control does).
 *
 * Written by hand: the well-kept pools (p-limit, p-queue, bottleneck) bound concurrency or pace a fixed rate, but none
 * takes feedback from a response (Retry-After, 429) to pause every caller and resize the pool while requests are in
 * flight, and they do not run on an injected clock, which the tests need to take no real time.
 */

export interface LimiterOptions {
  /** The most requests in flight at once (the import's concurrency); the bound starts here. */
  readonly maxConcurrency: number;
  /** The bound never falls below this (default 1). */
  readonly minConcurrency?: number;
  /** The bound grows by one after this long without a 429 (default 1000 ms). */
  readonly increaseEveryMs?: number;
  readonly clock?: Clock;
}

export interface LimiterStats {
  /** Attempts let through. */
  readonly requests: number;
  /** Attempts answered 429 (or 503 with Retry-After). */
  readonly rateLimited: number;
  /** The bound now, and the lowest it fell to. */
  readonly concurrency: number;
  readonly lowestConcurrency: number;
  /** How many times every caller was paused, and for how long in all (ms, overlapping pauses merged). */
  readonly pauses: number;
  readonly pausedMs: number;
}

export interface AdaptiveLimiter extends RequestGate {
  readonly maxConcurrency: number;
  stats(): LimiterStats;
}

interface Waiter {
  readonly grant: () => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export function createAdaptiveLimiter(options: LimiterOptions): AdaptiveLimiter {
  const clock = options.clock ?? systemClock;
  const max = Math.max(1, Math.floor(options.maxConcurrency));
  const min = Math.max(1, Math.min(max, Math.floor(options.minConcurrency ?? 1)));
  const increaseEveryMs = options.increaseEveryMs ?? 1000;
  let limit = max;
  let lowest = max;
  let inFlight = 0;
  /** Bumped on every decrease; a ticket remembers the epoch it was sent in. */
  let epoch = 0;
  let lastChange = clock.now();
  let pausedUntil = 0;
  let sleeping = false;
  let requests = 0;
  let rateLimited = 0;
  let pauses = 0;
  let pausedMs = 0;
  const queue: Waiter[] = [];

  const pump = (): void => {
    const now = clock.now();
    if (now < pausedUntil) {
      if (!sleeping) {
        sleeping = true;
        void clock.sleep(pausedUntil - now).then(() => {
          sleeping = false;
          pump();
        });
      }
      return;
    }
    while (inFlight < limit && queue.length > 0) {
      const waiter = queue.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.grant();
    }
  };

  const pause = (ms: number) => {
    const now = clock.now();
    const until = now + ms;
    if (until <= pausedUntil) return;
    pausedMs += until - Math.max(now, pausedUntil);
    if (pausedUntil <= now) pauses++;
    pausedUntil = until;
  };

  const ticket = (): ((outcome: GateOutcome) => void) => {
    inFlight++;
    requests++;
    const sentIn = epoch;
    let done = false;
    return outcome => {
      if (done) return;
      done = true;
      inFlight--;
      const now = clock.now();
      const throttled = outcome.status === 429 || (outcome.status === 503 && outcome.retryAfterMs !== undefined);
      if (throttled) {
        rateLimited++;
        if (outcome.retryAfterMs !== undefined) pause(outcome.retryAfterMs);
        if (sentIn === epoch) {
          limit = Math.max(min, Math.floor(limit / 2));
          lowest = Math.min(lowest, limit);
          epoch++;
        }
        // Time paused is no evidence that the organization would take more: the increase clock starts after it.
        lastChange = Math.max(now, pausedUntil);
      } else if (outcome.status !== undefined && outcome.status < 500 && limit < max && now - lastChange >= increaseEveryMs) {
        limit++;
        lastChange = now;
      }
      pump();
    };
  };

  return {
    maxConcurrency: max,
    enter(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          grant: () => resolve(ticket()),
          signal,
          onAbort: () => {
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            reject(abortReason(signal as AbortSignal));
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    stats: () => ({ requests, rateLimited, concurrency: limit, lowestConcurrency: lowest, pauses, pausedMs }),
  };
}
