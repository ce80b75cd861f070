/**
 * The one seam between the JumpCloud client and the network. The client never imports an HTTP library: the extension
 * passes a transport over VS Code's global `fetch` (so the editor's proxy settings apply), the CLI one over undici.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborting must reject the pending promise (and stop reading the body) promptly. */
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** A response header by case-insensitive name; null when absent. */
  header(name: string): string | null;
  /** The whole body as text. The client always reads it, so the connection returns to the pool. */
  text(): Promise<string>;
}

/**
 * Sends one request. Resolves with any HTTP status (errors included); rejects only when no response arrived
 * (connection refused or reset, DNS, TLS, abort).
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;
