/**
 * When and how long to wait before trying a request again.
 *
 * What is safe to repeat (reasoned from the API doc §5.4 and the HTTP semantics of each call):
 * - GET: reads.
 * - POST /search/*: a read that happens to be a POST.
 * - PUT /systemusers/{id}: sets absolute values (the client sends whole merged arrays), so a second PUT leaves the same
 *   state. One caveat: a repeated PUT carrying a password may trip the org's password-history rule; that surfaces as a
 *   400 for the row, never as a wrong state.
 * - Graph POSTs (`op: add | update`): `update` writes absolute attributes; a repeated `add` answers "Already Exists",
 *   which the client reports as success.
 * - POST /systemusers is NOT: a create whose response was lost may have happened. The client never repeats it blindly;
 *   it looks the username up first (see `createUser`).
 * - 429 is retried for every request, create included: the rate limiter rejects before the request is processed.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Backoff base: attempt n waits a random time up to `baseDelayMs * 2^(n-1)` ("full jitter"). */
  readonly baseDelayMs: number;
  /** Cap of one backoff wait. */
  readonly maxDelayMs: number;
  /** A longer Retry-After is not waited out: the 429 is reported at once (with `retryAfterMs`) instead. */
  readonly maxRetryAfterMs: number;
  /** One attempt gives up after this long (0: never); a timed-out attempt counts as a dropped connection. */
  readonly requestTimeoutMs: number;
  /**
   * Attempts in all when nothing is there to connect to (refused, or a name that does not resolve): almost always a
   * wrong address or region, which the person should hear about in a second, not after a minute of backoff.
   */
  readonly maxAttemptsUnreachable: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  requestTimeoutMs: 60_000,
  maxAttemptsUnreachable: 2,
};

/** Transport error codes that mean no server answers at that address at all. */
export function isUnreachable(code: string | undefined): boolean {
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND';
}

/** Statuses that say "try again later" rather than "this request is wrong". */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Full-jitter exponential backoff for attempt `attempt` (1 = the wait after the first failure). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Why the client is about to wait; reported through `onRetry` for progress and logs. */
export interface RetryEvent {
  readonly method: string;
  readonly url: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: 'rate-limited' | 'server-error' | 'network' | 'timeout' | 'create-reconciled';
  readonly status?: number;
}
