import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { startEmulator, type Emulator, type LoggedRequest } from '../../../src/emulator';

const KEY = 'jc-events-key-5b8d2e0f9a7c';

/** One raw request; resolves with the status, or 'no answer' when the connection ends without one. */
async function send(emulator: Emulator, method: string, path: string, key = KEY): Promise<number | 'no answer'> {
  try {
    const response = await fetch(emulator.url + path, { method, headers: { 'x-api-key': key } });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'no answer';
  }
}

describe('emulator events', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('tells of every request as it arrives and once more when it is handled, past the size of the log', async () => {
    emulator = await startEmulator({
      apiKey: KEY,
      requestLogSize: 2,
      rateLimit: { perSecond: 4 },
      clock: { now: () => 0 },
      faults: [{ fault: 'drop', method: 'GET', path: '/api/systems', nth: 1 }],
    });
    const arrived: LoggedRequest[] = [];
    const handled: LoggedRequest[] = [];
    emulator.events.on('request', e => {
      assert.equal(e.status, undefined, 'not answered yet');
      arrived.push(e);
    });
    emulator.events.on('handled', e => handled.push(e));
    const statuses: (number | 'no answer')[] = [];
    statuses.push(await send(emulator, 'GET', '/api/systems'));
    statuses.push(await send(emulator, 'GET', '/api/v2/usergroups', 'wrong-key'));
    for (let i = 0; i < 4; i++) statuses.push(await send(emulator, 'GET', '/api/v2/usergroups'));
    // The drop took a token before it dropped the connection: the bucket of 4 is empty after 3 more.
    assert.deepEqual(statuses, ['no answer', 401, 200, 200, 200, 429]);
    assert.equal(emulator.log.entries.length, 2, 'the log keeps the last two');
    assert.equal(arrived.length, 6);
    assert.deepEqual(
      handled.map(e => e.status ?? e.fault),
      ['drop', 401, 200, 200, 200, 429],
    );
    assert.deepEqual(
      handled.map(e => e.seq),
      arrived.map(e => e.seq),
    );
  });

  it('a hanging request is handled (left unanswered) as soon as the emulator decides so', async () => {
    emulator = await startEmulator({ apiKey: KEY, faults: [{ fault: 'hang', method: 'GET' }] });
    const controller = new AbortController();
    const call = fetch(emulator.url + '/api/systems', { headers: { 'x-api-key': KEY }, signal: controller.signal });
    const [hung] = (await once(emulator.events, 'handled')) as [LoggedRequest];
    assert.equal(hung.fault, 'hang');
    assert.equal(hung.status, undefined);
    controller.abort();
    await assert.rejects(call, (e: Error) => e.name === 'AbortError');
  });
});
