import { EnvHttpProxyAgent, request } from 'undici';
import type { HttpResponse, Transport } from '../core/jumpcloud/transport';

export interface UndiciTransportOptions {
  /**
   * Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case) are read; default `process.env`. Passed explicitly to
   * undici so that a test or a caller's env, not whatever the process happens to have, decides.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sockets kept per origin (default 8; the importer runs a handful of requests in parallel). */
  readonly connections?: number;
  /** How long an idle socket stays open for reuse (default 10 s). */
  readonly keepAliveTimeoutMs?: number;
}

export type UndiciTransport = Transport & {
  /** Closes the pooled sockets; call once the CLI is done. */
  close(): Promise<void>;
};

const pick = (env: Readonly<Record<string, string | undefined>>, name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '';

/**
 * The CLI's transport: one undici keep-alive pool for the whole run, behind `EnvHttpProxyAgent` so corporate proxies
 * set in the environment apply (the extension uses VS Code's fetch, which has its own proxy settings).
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const env = options.env ?? process.env;
  const dispatcher = new EnvHttpProxyAgent({
    // '' (not undefined) when unset, or undici would fall back to process.env itself.
    httpProxy: pick(env, 'http_proxy'),
    httpsProxy: pick(env, 'https_proxy'),
    noProxy: pick(env, 'no_proxy'),
    connections: options.connections ?? 8,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    // The client enforces its own per-attempt timeout; these are only a backstop.
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
  });

  const transport: Transport = async req => {
    const response = await request(req.url, {
      dispatcher,
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    const result: HttpResponse = {
      status: response.statusCode,
      header: name => {
        const v = response.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
      text: () => response.body.text(),
    };
    return result;
  };

  return Object.assign(transport, { close: () => dispatcher.close() });
}
