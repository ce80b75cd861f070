import type { z } from 'zod/mini';
import { abortReason, type Clock } from './clock';
import {
  JumpCloudApiError,
  JumpCloudNetworkError,
  JumpCloudResponseError,
  maskPasswords,
  parseErrorBody,
  redactor,
  type RequestSummary,
} from './errors';
import { backoffDelay, isTransientStatus, isUnreachable, parseRetryAfter, type RetryEvent, type RetryPolicy } from './retry';
import type { HttpMethod, HttpResponse, Transport } from './transport';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** One API call as the operations describe it. */
export interface ApiCall<T> {
  readonly method: HttpMethod;
  /** From the host root: `/api/systemusers`, `/api/v2/usergroups/{id}/members` with ids already encoded. */
  readonly path: string;
  /** Arrays become repeated parameters (the v1 `filter` is `collectionFormat: multi`). */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Validates a 2xx JSON body; absent for calls answered with 204 or an empty 200. */
  readonly schema?: z.ZodMiniType<T>;
  /** May be re-sent after a 5xx or a lost connection (see retry.ts). */
  readonly idempotent: boolean;
  /** Sends `x-org-id` (all calls except the organization list). */
  readonly orgScoped?: boolean;
  readonly signal?: AbortSignal;
}

export interface ApiResult<T> {
  readonly status: number;
  readonly data: T;
  header(name: string): string | null;
}

export interface RequesterConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly orgId?: string;
  readonly userAgent: string;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly random: () => number;
  readonly retry: RetryPolicy;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly gate?: RequestGate;
}

export type Requester = <T = undefined>(call: ApiCall<T>) => Promise<ApiResult<T>>;

/** How one attempt ended, as a gate needs to know it. */
export interface GateOutcome {
  /** The HTTP status; undefined when no response arrived. */
  readonly status?: number;
  /** For a 429 (or a 503 with Retry-After): how long the server asked every caller to wait. */
  readonly retryAfterMs?: number;
}

/**
 * Every attempt of every request passes through the gate when one is given: `enter` resolves when the request may be
 * sent, and the function it returns is called exactly once with how the attempt ended. Sharing one gate between many
 * concurrent callers lets it pace them together (see src/core/import/limiter.ts); retry waits happen outside it.
 */
export interface RequestGate {
  enter(signal?: AbortSignal): Promise<(outcome: GateOutcome) => void>;
}


/** Encodes with %20 rather than `+` for spaces: v1 `fields`/`sort` are space-separated and `+` is ambiguous in paths. */
function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function describeCause(e: unknown): { code: string | undefined; message: string } {
  // fetch wraps the socket error in `cause`; undici raises it directly.
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const code = [err?.cause?.code, err?.code].find((c): c is string => typeof c === 'string');
  const message = [err?.cause?.message, err?.message].find((m): m is string => typeof m === 'string' && m.length > 0) ?? String(e);
  return { code, message };
}

/**
 * The request loop: headers, retries with backoff and Retry-After, per-attempt timeout, abort, error typing and
 * response validation. Operations only describe calls.
 */
export function createRequester(config: RequesterConfig): Requester {
  const scrub = redactor([config.apiKey]);

  return async function call<T>(spec: ApiCall<T>): Promise<ApiResult<T>> {
    const url = config.baseUrl + spec.path + queryString(spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const summary: RequestSummary = {
      method: spec.method,
      url: scrub(url),
      ...(body === undefined ? {} : { body: scrub(JSON.stringify(maskPasswords(spec.body))) }),
    };
    const headers: Record<string, string> = {
      'x-api-key': config.apiKey,
      accept: 'application/json',
      'user-agent': config.userAgent,
      ...(config.orgId && spec.orgScoped !== false ? { 'x-org-id': config.orgId } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const { signal } = spec;
    const policy = config.retry;

    const wait = async (attempt: number, delayMs: number, reason: RetryEvent['reason'], status?: number) => {
      config.onRetry?.({ method: spec.method, url: summary.url, attempt, delayMs, reason, ...(status === undefined ? {} : { status }) });
      await config.clock.sleep(delayMs, signal);
    };

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      // Waiting at the gate is not part of the attempt: its timeout starts once the request may go.
      const leave = config.gate ? await config.gate.enter(signal) : undefined;
      const ms = policy.requestTimeoutMs;
      const timeout = ms > 0 ? (config.clock.timeout ? config.clock.timeout(ms) : AbortSignal.timeout(ms)) : undefined;
      const attemptSignal = timeout && signal ? AbortSignal.any([signal, timeout]) : (timeout ?? signal);
      let response: HttpResponse;
      let text: string;
      try {
        response = await config.transport({ method: spec.method, url, headers, ...(body === undefined ? {} : { body }), ...(attemptSignal ? { signal: attemptSignal } : {}) });
        text = await response.text();
      } catch (e) {
        leave?.({});
        if (signal?.aborted) throw abortReason(signal);
        const timedOut = timeout?.aborted === true;
        const cause = timedOut ? { code: 'TIMEOUT', message: `no answer within ${policy.requestTimeoutMs} ms` } : describeCause(e);
        const error = new JumpCloudNetworkError(summary, cause.code, scrub(cause.message));
        const attempts = isUnreachable(cause.code) ? Math.min(policy.maxAttempts, policy.maxAttemptsUnreachable) : policy.maxAttempts;
        if (!spec.idempotent || attempt >= attempts) throw error;
        await wait(attempt, backoffDelay(attempt, policy, config.random), timedOut ? 'timeout' : 'network');
        continue;
      }

      const status = response.status;
      if (status !== 429 && status !== 503) leave?.({ status });
      if (status >= 200 && status < 300) {
        if (!spec.schema) return { status, data: undefined as T, header: n => response.header(n) };
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new JumpCloudResponseError(summary, status, `the body is not JSON: ${scrub(text.slice(0, 120))}`);
        }
        const parsed = spec.schema.safeParse(json);
        if (!parsed.success) {
          const issues = parsed.error.issues.slice(0, 3).map(i => `${i.path.join('.') || '(body)'}: ${i.message}`);
          throw new JumpCloudResponseError(summary, status, issues.join('; '));
        }
        return { status, data: parsed.data, header: n => response.header(n) };
      }

      const { message, details } = parseErrorBody(text);
      const retryAfterMs = parseRetryAfter(response.header('retry-after'), config.clock.now());
      const safeDetails = details && (JSON.parse(scrub(JSON.stringify(details))) as unknown[]);
      const error = new JumpCloudApiError(summary, status, scrub(message), safeDetails, retryAfterMs);
      const retryable = status === 429 || (spec.idempotent && isTransientStatus(status));
      // Honour Retry-After exactly, plus a little jitter so parallel callers do not return in lockstep.
      const delay = retryAfterMs !== undefined ? retryAfterMs + Math.floor(config.random() * policy.baseDelayMs * 0.5) : backoffDelay(attempt, policy, config.random);
      if (status === 429 || status === 503) {
        // A 429 without Retry-After still pauses the gate, for this request's own backoff; a pause is never longer
        // than a request would wait (a longer Retry-After fails the request instead, see RetryPolicy).
        const pause = retryAfterMs ?? (status === 429 ? delay : undefined);
        leave?.({ status, ...(pause === undefined ? {} : { retryAfterMs: Math.min(pause, policy.maxRetryAfterMs) }) });
      }
      if (!retryable || attempt >= policy.maxAttempts) throw error;
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw error;
      await wait(attempt, delay, status === 429 ? 'rate-limited' : 'server-error', status);
    }
  };
}
