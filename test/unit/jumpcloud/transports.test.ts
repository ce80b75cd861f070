import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createFetchTransport, createJumpCloudClient, JumpCloudApiError, JumpCloudNetworkError } from '../../../src/core/jumpcloud';
import { createUndiciTransport } from '../../../src/cli/undici-transport';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { API_KEY } from './helpers';

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: http.Server) =>
  new Promise<void>(resolve => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** A minimal forward proxy: tunnels CONNECT and forwards absolute-form requests, counting both. */
function proxyServer(): { server: http.Server; used: () => number } {
  let used = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    used++;
    const target = new URL(req.url ?? '/');
    const upstream = http.request(target, { method: req.method, headers: req.headers }, up => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    used++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
  });
  server.on('close', () => sockets.forEach(s => s.destroy()));
  return { server, used: () => used };
}

describe('transports', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ apiKey: API_KEY });
  });
  after(() => emulator.close());

  const client = (transport: ReturnType<typeof createUndiciTransport>) =>
    createJumpCloudClient({ apiKey: API_KEY, baseUrl: emulator.url, transport, version: 't', clock: { now: Date.now, sleep: async () => {} }, retry: { maxAttempts: 1 } });

  it('undici honours HTTP_PROXY, and NO_PROXY exempts hosts from it', async () => {
    const { server, used } = proxyServer();
    const proxyUrl = await listen(server);
    const proxied = createUndiciTransport({ env: { HTTP_PROXY: proxyUrl } });
    const exempt = createUndiciTransport({ env: { http_proxy: proxyUrl, no_proxy: 'localhost,127.0.0.1' } });
    try {
      assert.equal((await client(proxied).testConnection()).needsOrgId, false);
      assert.ok(used() >= 1, 'the request went through the proxy');
      const before = used();
      await client(exempt).testConnection();
      assert.equal(used(), before, 'NO_PROXY bypassed the proxy');
    } finally {
      await proxied.close();
      await exempt.close();
      await close(server);
    }
  });

  it('undici reports an unreachable proxy as a network error', async () => {
    const dead = http.createServer();
    const deadUrl = await listen(dead);
    await close(dead);
    const transport = createUndiciTransport({ env: { HTTP_PROXY: deadUrl } });
    try {
      await assert.rejects(client(transport).testConnection(), JumpCloudNetworkError);
    } finally {
      await transport.close();
    }
  });

  it('the fetch transport does not follow redirects, so the key never leaves for another host', async () => {
    let leaked = false;
    const elsewhere = http.createServer((_req, res) => {
      leaked = true;
      res.end('{}');
    });
    const elsewhereUrl = await listen(elsewhere);
    const redirector = http.createServer((_req, res) => {
      res.writeHead(302, { location: `${elsewhereUrl}/api/organizations` });
      res.end();
    });
    const redirectorUrl = await listen(redirector);
    try {
      const c = createJumpCloudClient({ apiKey: API_KEY, baseUrl: redirectorUrl, transport: createFetchTransport(), version: 't' });
      await assert.rejects(c.testConnection(), (e: unknown) => e instanceof JumpCloudApiError && e.status === 302);
      assert.equal(leaked, false);
    } finally {
      await close(elsewhere);
      await close(redirector);
    }
  });

  it('undici reuses keep-alive connections instead of opening one per request', async () => {
    const transport = createUndiciTransport({ env: {} });
    const sockets = new Set<string>();
    const server = http.createServer((req, res) => {
      sockets.add(`${req.socket.remotePort}`);
      res.setHeader('content-type', 'application/json');
      res.end('{"totalCount":0,"results":[]}');
    });
    const url = await listen(server);
    try {
      const c = createJumpCloudClient({ apiKey: API_KEY, baseUrl: url, transport, version: 't' });
      for (let i = 0; i < 6; i++) await c.countUsers();
      assert.ok(sockets.size <= 2, `${sockets.size} sockets for 6 requests`);
    } finally {
      await transport.close();
      await close(server);
    }
  });
});
