import type { HttpResponse, Transport } from './transport';

/**
 * A transport over a `fetch` function, by default the global one. In VS Code the global fetch honours the editor's
 * `http.proxy` settings, which is why the extension uses this transport rather than undici directly.
 */
export function createFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return async request => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.signal ? { signal: request.signal } : {}),
      // A redirect would forward x-api-key to wherever it points; the API never redirects, so surface it as a status.
      redirect: 'manual',
    });
    const result: HttpResponse = {
      status: response.status,
      header: name => response.headers.get(name),
      text: () => response.text(),
    };
    return result;
  };
}
