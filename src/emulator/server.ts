import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan, RateLimiter, type FaultRule, type RateLimitOptions } from './faults';
import { seededRandom, OBJECT_ID } from './random';
import { ApiFailure, errorBody, type Reply } from './replies';
import { createRequestLog, MAX_LOGGED_BODY_BYTES, redactKey, type LoggedRequest, type RequestLog } from './request-log';
import { createRouter, ROUTES } from './routes';
import { parseSeed, type EmulatorSeed } from './seed';
import { EmulatorState, loadSeed, type Organization } from './state';
import { createUser, type UserRules } from './users';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. The server only ever listens on 127.0.0.1. */
  readonly port?: number;
  /** Only this key is accepted; without it any non-empty key is. */
  readonly apiKey?: string;
  readonly seed?: EmulatorSeed;
  /** Delay before every answer, in real milliseconds. */
  readonly latencyMs?: number;
  readonly rateLimit?: RateLimitOptions;
  readonly faults?: readonly FaultRule[];
  /** Seeds generated ids and probabilistic faults (default 1). */
  readonly randomSeed?: number;
  /** The emulator's time (timestamps, rate limit); tests share a virtual clock with the client. */
  readonly clock?: { now(): number };
  /** 409 (default) or 400 for duplicate username/email/employeeIdentifier. */
  readonly duplicateStatus?: 409 | 400;
  /** The organizations the key reaches; more than one makes it a multi-tenant key that must send `x-org-id`. */
  readonly organizations?: readonly Organization[];
  readonly searchMaxLimit?: number;
  /**
   * The largest request body accepted, in bytes (default 1 MiB); a larger one gets 413 and is not read. JumpCloud
   * publishes no limit; its largest bodies here are one user (every string at most 1024 characters) or a search.
   */
  readonly maxBodyBytes?: number;
  /** How many requests `log` keeps, the oldest dropped first (default 1000). */
  readonly requestLogSize?: number;
}

/** 1 MiB: ten times the largest user body the API's string limits allow. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Each request as the emulator sees it happen, whatever the log's size: counts that must cover every request (the
 * benchmark's) and tests that wait for a request to reach the server (rather than for some time to pass) listen here.
 */
export interface EmulatorEvents {
  /** A request arrived; it is logged, its body not read yet, nothing answered. */
  request: [request: LoggedRequest];
  /**
   * The emulator is done with a request: it answered (`status`), or it sends nothing more because of a fault (`fault`:
   * dropped, hanging, lost) or because the client went away (neither set). Once per request, after its `request`;
   * only a request whose body never finishes arriving has none.
   */
  handled: [request: LoggedRequest];
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  readonly log: RequestLog;
  readonly events: EventEmitter<EmulatorEvents>;
  readonly state: EmulatorState;
  /** Replaces the fault rules (and resets their counters). */
  setFaults(rules: readonly FaultRule[]): void;
  /** Stops listening and cuts every open connection, hanging ones included. */
  close(): Promise<void>;
}

const DEFAULT_ORGANIZATION: Organization = { _id: '5f0c1a2b3c4d5e6f70819203', displayName: 'Emulated Organization' };
const UNAUTHORIZED = { error: 'Unauthorized' };

function headerOf(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function safeHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    out[k] = k === 'x-api-key' ? redactKey(value) : value;
  }
  return out;
}

/** The body as text, or undefined as soon as it passes `max` bytes (the rest is left unread). */
function readBody(req: http.IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        stop();
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (e: Error) => {
      stop();
      reject(e);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function isAuthorized(req: http.IncomingMessage, apiKey: string | undefined): boolean {
  const key = headerOf(req, 'x-api-key');
  return Boolean(key) && (apiKey === undefined || key === apiKey);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock;
  const now = clock ? () => clock.now() : () => Date.now();
  const random = seededRandom(options.randomSeed ?? 1);
  const organizations = options.organizations?.length ? options.organizations : [DEFAULT_ORGANIZATION];
  const state = new EmulatorState(organizations, now, options.randomSeed ?? 1);
  const rules: UserRules = { duplicateStatus: options.duplicateStatus ?? 409 };
  loadSeed(state, parseSeed(options.seed ?? {}), (s, body, id) => createUser(s, body, rules, id));
  const faults = new FaultPlan(options.faults ?? [], random);
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, now) : undefined;
  const router = createRouter(ROUTES);
  const log = createRequestLog(options.requestLogSize);
  const events = new EventEmitter<EmulatorEvents>();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;

  const delay = (ms: number) =>
    new Promise<void>(resolve => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** Auth, org selection, routing; every refusal in the API's own shape. */
  function dispatch(req: http.IncomingMessage, entry: LoggedRequest, query: URLSearchParams, bodyText: string): Reply {
    const { path, method } = entry;
    const fail = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({ status, body: errorBody(path, status, message, extra) });
    if (path !== '/api/organizations') {
      const orgId = headerOf(req, 'x-org-id');
      if (orgId !== undefined && !OBJECT_ID.test(orgId)) return fail(400, 'Bad Request: invalid x-org-id');
      if (orgId !== undefined && !organizations.some(o => o._id === orgId)) return fail(404, 'organization not found');
      if (orgId === undefined && organizations.length > 1) return fail(401, 'Unauthorized: no organization selected');
    }
    let match: ReturnType<typeof router.match>;
    try {
      match = router.match(method, path);
    } catch (e) {
      if (e instanceof ApiFailure) return fail(e.status, e.message, e.extra);
      throw e;
    }
    if (!match) return fail(404, 'Not Found');
    entry.route = match.route.template;
    let body: unknown;
    if (bodyText !== '') {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return fail(400, 'Bad Request: the body is not valid JSON');
      }
    }
    try {
      return match.route.handle({ params: match.params, query, body, state, rules, searchMaxLimit: options.searchMaxLimit ?? 1000 });
    } catch (e) {
      if (e instanceof ApiFailure) return fail(e.status, e.message, e.extra);
      return fail(500, 'Internal Server Error');
    }
  }

  /** Handles one request; `seen.entry` is its log entry once it has one (the caller emits `handled` with it). */
  async function handle(req: http.IncomingMessage, res: http.ServerResponse, seen: { entry?: LoggedRequest }): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: LoggedRequest = {
      seq: ++seq,
      ts: now(),
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      headers: safeHeaders(req),
      body: undefined,
    };
    log.add(entry);
    seen.entry = entry;
    events.emit('request', entry);

    const send = (reply: Reply) => {
      const headers: Record<string, string> = { ...(reply.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...reply.headers };
      entry.status = reply.status;
      entry.responseHeaders = headers;
      entry.responseBody = reply.body;
      res.writeHead(reply.status, headers);
      res.end(reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    };
    // Answered before the body is read, which is then left unread: the connection closes after the answer.
    const refuse = (status: number, message: string, extra: Record<string, unknown> = {}) =>
      send({ status, body: errorBody(entry.path, status, message, extra), headers: { connection: 'close' } });

    // The key first, so an unauthenticated client cannot make the emulator read (and log) anything it sends.
    if (!isAuthorized(req, options.apiKey)) return refuse(401, 'Unauthorized: api key user not found', UNAUTHORIZED);
    const declared = Number(headerOf(req, 'content-length') ?? 0);
    if (declared > maxBody) return refuse(413, `Request Entity Too Large: the body is over ${maxBody} bytes`);
    const bodyText = await readBody(req, maxBody);
    if (bodyText === undefined) return refuse(413, `Request Entity Too Large: the body is over ${maxBody} bytes`);
    if (Buffer.byteLength(bodyText) > MAX_LOGGED_BODY_BYTES) entry.body = `[a body of ${Buffer.byteLength(bodyText)} bytes, not kept in the log]`;
    else {
      try {
        entry.body = bodyText === '' ? undefined : JSON.parse(bodyText);
      } catch {
        entry.body = bodyText;
      }
    }
    if (options.latencyMs) await delay(options.latencyMs);
    if (res.destroyed) return;

    if (limiter) {
      const token = limiter.take();
      if (!token.ok) {
        send({ status: 429, body: errorBody(entry.path, 429, 'Too Many Requests'), ...(token.retryAfter ? { headers: { 'retry-after': token.retryAfter } } : {}) });
        return;
      }
    }

    const fault = faults.pick(method, entry.path);
    if (fault) entry.fault = fault.fault;
    switch (fault?.fault) {
      case 'error': {
        const status = fault.status ?? 500;
        send(fault.body !== undefined ? { status, body: fault.body, headers: { 'content-type': 'text/html' } } : { status, body: errorBody(entry.path, status, 'Internal Server Error') });
        return;
      }
      case 'drop':
        req.socket.destroy();
        return;
      case 'hang':
        return;
    }

    const reply = dispatch(req, entry, url.searchParams, bodyText);
    if (fault?.fault === 'lost-response') {
      // The write happened; the client never hears of it.
      entry.status = reply.status;
      entry.responseBody = reply.body;
      req.socket.destroy();
      return;
    }
    if (fault?.fault === 'commit-hang') {
      entry.status = reply.status;
      return;
    }
    send(reply);
  }

  const server = http.createServer((req, res) => {
    const seen: { entry?: LoggedRequest } = {};
    void handle(req, res, seen)
      .catch(() => {
        if (!res.headersSent && !res.destroyed) {
          let path = '/';
          try {
            path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
          } catch {
            // keep '/': the v1 shape
          }
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(errorBody(path, 500, 'Internal Server Error')));
          if (seen.entry) seen.entry.status = 500;
        }
      })
      .finally(() => {
        if (seen.entry) events.emit('handled', seen.entry);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    events,
    state,
    setFaults: rules => faults.set(rules),
    close: () =>
      new Promise<void>(resolve => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
