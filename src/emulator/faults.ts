/**
 * Injected trouble: scripted or random faults, and a rate limit. Faults are matched before the request is handled,
 * except `lost-response`, which lets the write happen and then drops the connection (the case that tests whether a
 * client repeats a create blindly).
 */

export type FaultKind =
  /** Answer with an error status (default 500) and a JSON body, or `body` as given (e.g. an HTML proxy page). */
  | 'error'
  /** Destroy the socket without answering; nothing is processed. */
  | 'drop'
  /** Never answer; the client must time out or abort. */
  | 'hang'
  /** Process the request (writes commit), then destroy the socket instead of answering. */
  | 'lost-response'
  /** Process the request (writes commit), then never answer: a process killed while its create is in flight. */
  | 'commit-hang';

export interface FaultRule {
  readonly fault: FaultKind;
  /** Only requests of this method. */
  readonly method?: string;
  /** Only this path: a template (`/api/systemusers/{id}`), an exact path, or a RegExp. */
  readonly path?: string | RegExp;
  /** Fire on the nth matching request (1-based) and `count - 1` after it; without `nth`, on every match. */
  readonly nth?: number;
  readonly count?: number;
  /** Fire with this probability (from the emulator's seeded RNG). */
  readonly probability?: number;
  /** For `error`: the status (default 500) and an optional raw body. */
  readonly status?: number;
  readonly body?: string;
}

function pathMatcher(path: string | RegExp | undefined): (p: string) => boolean {
  if (path === undefined) return () => true;
  if (path instanceof RegExp) return p => path.test(p);
  const re = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return p => re.test(p);
}

/** The active fault rules and how often each has matched. */
export class FaultPlan {
  private rules: { rule: FaultRule; matches: (method: string, path: string) => boolean; seen: number }[] = [];

  constructor(
    rules: readonly FaultRule[],
    private readonly random: () => number,
  ) {
    this.set(rules);
  }

  /** Replaces the rules and resets their counters. */
  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map(rule => {
      const path = pathMatcher(rule.path);
      return { rule, matches: (m: string, p: string) => (!rule.method || rule.method.toUpperCase() === m) && path(p), seen: 0 };
    });
  }

  /** The fault for this request, if any; the first rule that fires wins. */
  pick(method: string, path: string): FaultRule | undefined {
    for (const entry of this.rules) {
      if (!entry.matches(method, path)) continue;
      entry.seen++;
      const { nth, count = 1, probability } = entry.rule;
      if (nth !== undefined && (entry.seen < nth || entry.seen >= nth + count)) continue;
      if (probability !== undefined && this.random() >= probability) continue;
      return entry.rule;
    }
    return undefined;
  }
}

export interface RateLimitOptions {
  /** Sustained requests per second; also the burst size (at least 1). */
  readonly perSecond: number;
  /** How 429s say when to come back: delta-seconds (default), an HTTP date, or not at all. */
  readonly retryAfter?: 'seconds' | 'http-date' | 'none';
}

/** A token bucket on the emulator's clock. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {
    this.tokens = this.capacity;
    this.last = now();
  }

  /** The burst: a second's worth of requests, and at least one. */
  private get capacity(): number {
    return Math.max(1, this.options.perSecond);
  }

  /** Takes a token; when there is none, the `Retry-After` header value to send (or '' for none). */
  take(): { ok: true } | { ok: false; retryAfter: string | undefined } {
    const now = this.now();
    const rate = this.options.perSecond;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    const seconds = Math.max(1, Math.ceil((1 - this.tokens) / rate));
    switch (this.options.retryAfter ?? 'seconds') {
      case 'none':
        return { ok: false, retryAfter: undefined };
      // Rounded up to a whole second: an HTTP date cannot say less, and must not say earlier.
      case 'http-date':
        return { ok: false, retryAfter: new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString() };
      default:
        return { ok: false, retryAfter: String(seconds) };
    }
  }
}
