/** Issue 9, reproduction 10: the local JumpCloud under hostile requests. */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { unsafeRegex } from '../../../src/emulator/query';
import { API_KEY, bigSeed } from './helpers';

interface RawReply {
  readonly status: number;
  readonly json: unknown;
}

/**
 * One request over node:http, so a test controls what is sent: `declared` announces a body length that is never sent
 * (the answer must come without it), `chunks` sends a chunked body.
 */
function raw(emulator: Emulator, method: string, path: string, options: { key?: string; body?: string; declared?: number; chunks?: Buffer[] } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.key !== undefined) headers['x-api-key'] = options.key;
    if (options.declared !== undefined) headers['content-length'] = String(options.declared);
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = http.request(emulator.url + path, { method, headers, agent: false }, res => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined });
        req.destroy();
      });
    });
    // Once the server has answered and closed, the rest of an unwanted body cannot be written; that is the point.
    req.on('error', e => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(e)));
    if (options.body !== undefined) req.end(options.body);
    else if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else if (options.declared !== undefined) req.flushHeaders();
    else req.end();
  });
}

const user = (i: number) => JSON.stringify({ username: `h${i}`, email: `h${i}@example.com` });

describe('emulator under hostile requests', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ apiKey: API_KEY, seed: bigSeed(5, 3), maxBodyBytes: 64 * 1024, requestLogSize: 4 });
  });
  after(() => emulator.close());

  it('answers 413 to a body over the limit without reading it, in the shape of the path’s API version', async () => {
    const v1 = await raw(emulator, 'POST', '/api/systemusers', { key: API_KEY, declared: 50 * 2 ** 20 });
    assert.equal(v1.status, 413);
    assert.deepEqual(v1.json, { message: 'Request Entity Too Large: the body is over 65536 bytes' });
    const v2 = await raw(emulator, 'POST', '/api/v2/usergroups/5f0c1a2b3c4d5e6f70819203/members', { key: API_KEY, declared: 50 * 2 ** 20 });
    assert.deepEqual(v2.json, { code: 413, message: 'Request Entity Too Large: the body is over 65536 bytes', status: 'RESOURCE_EXHAUSTED' });
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const r = await raw(emulator, 'POST', '/api/search/systemusers', { key: API_KEY, chunks: Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 0x20)) });
    assert.equal(r.status, 413);
  });

  it('checks the key before reading a body: a wrong key gets 401 while the body is still unsent', async () => {
    const r = await raw(emulator, 'POST', '/api/systemusers', { key: 'wrong-key-0000', declared: 10 * 2 ** 20 });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { message: 'Unauthorized: api key user not found', error: 'Unauthorized' });
    const logged = emulator.log.entries.at(-1)!;
    assert.equal(logged.body, undefined);
    assert.ok(!JSON.stringify(logged).includes('wrong-key-0000'), 'the key is redacted');
  });

  it('keeps only the last requests in its log (a ring buffer), with large bodies noted, not kept', async () => {
    emulator.log.clear();
    const big = JSON.stringify({ filter: { username: 'x'.repeat(40 * 1024) } });
    for (let i = 0; i < 5; i++) await raw(emulator, 'POST', '/api/systemusers', { key: API_KEY, body: user(i) });
    await raw(emulator, 'POST', '/api/search/systemusers', { key: API_KEY, body: big });
    await raw(emulator, 'POST', '/api/search/systemusers', { key: API_KEY, body: JSON.stringify({ filter: { username: 'x'.repeat(70 * 1024) } }) });
    const entries = emulator.log.entries;
    assert.equal(entries.length, 4);
    assert.deepEqual(entries.map(e => e.seq), [...entries].map(e => e.seq).sort((a, b) => a - b), 'oldest first');
    assert.deepEqual(entries.map(e => e.path), ['/api/systemusers', '/api/systemusers', '/api/search/systemusers', '/api/search/systemusers']);
    assert.deepEqual(entries[1].body, JSON.parse(user(4)));
    assert.deepEqual(entries[2].body, JSON.parse(big));
    assert.equal(entries[3].status, 413);
  });

  it('notes a body over 64 KiB in its log instead of keeping it, by default', async () => {
    const roomy = await startEmulator({ apiKey: API_KEY });
    try {
      const body = JSON.stringify({ filter: { username: 'x'.repeat(100 * 1024) } });
      const r = await raw(roomy, 'POST', '/api/search/systemusers', { key: API_KEY, body });
      assert.equal(r.status, 200);
      assert.equal(roomy.log.entries.at(-1)!.body, `[a body of ${Buffer.byteLength(body)} bytes, not kept in the log]`);
    } finally {
      await roomy.close();
    }
  });

  it('refuses $regex patterns that could backtrack exponentially, quickly and as a 400', async () => {
    for (const pattern of ['^(a+)+$', '(a|aa)*b', '(\\w+)\\1', 'x'.repeat(300)]) {
      const r = await raw(emulator, 'POST', '/api/search/systemusers', { key: API_KEY, body: JSON.stringify({ filter: { username: { $regex: pattern } } }) });
      assert.equal(r.status, 400, pattern);
      assert.match((r.json as { message: string }).message, /\$regex refused/);
    }
    const ok = await raw(emulator, 'POST', '/api/search/systemusers', { key: API_KEY, body: JSON.stringify({ filter: { username: { $regex: '(?i)^U000[12]$' } }, fields: 'username' }) });
    assert.equal(ok.status, 200);
    assert.deepEqual((ok.json as { results: { username: string }[] }).results.map(u => u.username), ['u0001', 'u0002']);
    assert.equal(unsafeRegex('^[^@]+@example\\.com$'), undefined);
  });

  it('answers a malformed percent-encoding in a path with 400 in the path’s API shape', async () => {
    const v2 = await raw(emulator, 'GET', '/api/v2/usergroups/%E0%A4%A', { key: API_KEY });
    assert.deepEqual(v2, { status: 400, json: { code: 400, message: 'Bad Request: malformed percent-encoding in the path', status: 'INVALID_ARGUMENT' } });
    const v1 = await raw(emulator, 'GET', '/api/systemusers/%ZZ', { key: API_KEY });
    assert.deepEqual(v1, { status: 400, json: { message: 'Bad Request: malformed percent-encoding in the path' } });
  });

  it('survives all of these at once and still answers', async () => {
    const hostile = [
      ...Array.from({ length: 17 }, () => raw(emulator, 'POST', '/api/systemusers', { key: API_KEY, declared: 50 * 2 ** 20 })),
      ...Array.from({ length: 5 }, () => raw(emulator, 'POST', '/api/systemusers', { declared: 50 * 2 ** 20 })),
      raw(emulator, 'POST', '/api/search/systemusers', { key: API_KEY, body: JSON.stringify({ filter: { username: { $regex: '^(a+)+$' } } }) }),
      raw(emulator, 'GET', '/api/v2/usergroups/%', { key: API_KEY }),
      raw(emulator, 'POST', '/api/systemusers', { key: API_KEY, body: '{not json' }),
    ];
    const statuses = (await Promise.all(hostile)).map(r => r.status);
    assert.deepEqual([...new Set(statuses)].sort(), [400, 401, 413]);
    const after = await raw(emulator, 'GET', '/api/systemusers?limit=1', { key: API_KEY });
    assert.equal(after.status, 200);
    assert.ok(emulator.log.entries.length <= 4);
  });
});
