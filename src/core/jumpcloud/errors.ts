import type { HttpMethod } from './transport';

/**
 * Errors the client throws. None of them carries the API key or a password: request bodies are stored with
 * `password` masked, every text is scrubbed of the key, and raw transport errors are reduced to name/code/message.
 */

export const REDACTED = '[REDACTED]';

/** The failed request, safe to log and show. */
export interface RequestSummary {
  readonly method: HttpMethod;
  readonly url: string;
  /** The JSON body with passwords masked; absent on requests without a body. */
  readonly body?: string;
}

export abstract class JumpCloudError extends Error {
  constructor(
    message: string,
    readonly request: RequestSummary,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, request: this.request };
  }
}

/** The API answered with a non-success status. */
export class JumpCloudApiError extends JumpCloudError {
  constructor(
    request: RequestSummary,
    readonly status: number,
    /** The server's own words (`message`, else `error`, else `status`, else the start of the body). */
    readonly serverMessage: string,
    /** `details` of a v2 400, kept for the report. */
    readonly details?: readonly unknown[],
    /** For 429/503: how long the server asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(`JumpCloud answered ${status} to ${request.method} ${pathOf(request.url)}: ${serverMessage}`, request);
  }

  /**
   * A uniqueness clash. The API's status for duplicates is undocumented: 409 is most likely, but a 400 whose message
   * says so counts too (api doc §5.2).
   */
  get isConflict(): boolean {
    return this.status === 409 || (this.status === 400 && /already|exists|unique|taken|in use/i.test(this.serverMessage));
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, serverMessage: this.serverMessage, details: this.details, retryAfterMs: this.retryAfterMs };
  }
}

/** No response arrived: refused, reset, dropped, timed out, DNS or TLS failure. */
export class JumpCloudNetworkError extends JumpCloudError {
  constructor(
    request: RequestSummary,
    /** The low-level error code when the transport gave one (`ECONNRESET`, `UND_ERR_SOCKET`, `TIMEOUT`…). */
    readonly code: string | undefined,
    readonly causeMessage: string,
  ) {
    super(`No response from JumpCloud to ${request.method} ${pathOf(request.url)}: ${causeMessage}`, request);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code, causeMessage: this.causeMessage };
  }
}

/** A success status whose body is not what the API documents (not JSON, or a different shape). */
export class JumpCloudResponseError extends JumpCloudError {
  constructor(
    request: RequestSummary,
    readonly status: number,
    readonly problem: string,
  ) {
    super(`Unexpected response from JumpCloud to ${request.method} ${pathOf(request.url)}: ${problem}`, request);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, problem: this.problem };
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Replaces every occurrence of the secrets in a text. Short strings are skipped: masking "a" would mangle everything. */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const real = secrets.filter(s => s.length >= 4);
  return text => real.reduce((t, s) => t.split(s).join(REDACTED), text);
}

/** Masks `password` values anywhere in a JSON body (create and update bodies carry them). */
export function maskPasswords(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(maskPasswords);
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, /password$/i.test(k) && typeof v === 'string' ? REDACTED : maskPasswords(v)]));
  }
  return body;
}

/** What the error body says, whatever its shape: `{message}`, `{error, message}`, `{code, message, status, details}`, text or HTML. */
export function parseErrorBody(text: string): { message: string; details?: unknown[] } {
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const o = json as Record<string, unknown>;
      const message = [o.message, o.error, o.status].find((v): v is string => typeof v === 'string' && v.length > 0);
      const details = Array.isArray(o.details) ? o.details : undefined;
      if (message !== undefined) return details ? { message, details } : { message };
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const raw = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return { message: raw || '(empty body)' };
}
