export type ApiUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a custom API address (the local JumpCloud, a test server) before the key is sent to it: https://, or plain
 * http:// only to this computer, so a key never crosses a network in clear text. One rule for the editor and the
 * CLI. Reasons never repeat the text given: it may hold a user name and password.
 */
export function checkApiUrl(text: string): ApiUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'the API address is not a valid URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'the API address must not contain a user name or password' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `the API address must start with https:// or http://, not ${url.protocol}//` };
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return { ok: false, reason: 'the API address must start with https:// (http:// is allowed only for 127.0.0.1, ::1 or localhost)' };
  }
  if (url.search || url.hash) return { ok: false, reason: 'the API address must not contain a query or fragment' };
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}
