import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emulatorCommand, faultRateRules } from '../../../src/cli/commands/emulator';
import { UsageError, type CliIo, type ExitCode } from '../../../src/cli/io';

interface Running {
  readonly url: string;
  readonly stdout: string[];
  stop(): Promise<ExitCode>;
}

/** Runs `jumpcloud-csv emulator ARGS` in-process until it prints its URL. */
async function runEmulator(args: string[], cwd = process.cwd()): Promise<Running> {
  const controller = new AbortController();
  const stdout: string[] = [];
  let announced!: (url: string) => void;
  const ready = new Promise<string>(resolve => (announced = resolve));
  const io: CliIo = {
    stdout: text => {
      stdout.push(text);
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(text);
      if (m) announced(m[1]);
    },
    stderr: () => {},
    env: {},
    cwd,
    version: 'test',
    signal: controller.signal,
  };
  const done = emulatorCommand.run(args, io);
  const url = await Promise.race([ready, done.then(code => assert.fail(`exited early with ${code}`))]);
  return {
    url,
    stdout,
    stop: async () => {
      controller.abort();
      return done;
    },
  };
}

const get = (url: string, key = 'any-key') => fetch(url, { headers: { 'x-api-key': key } });

describe('jumpcloud-csv emulator', () => {
  it('prints exactly its URL, serves the sample organization, and stops on SIGINT', async () => {
    const running = await runEmulator([]);
    assert.deepEqual(running.stdout, [`listening on ${running.url}\n`]);
    const users = (await (await get(`${running.url}/api/systemusers?limit=100`)).json()) as { totalCount: number };
    assert.equal(users.totalCount, 21);
    assert.equal(await running.stop(), 0);
    await assert.rejects(get(`${running.url}/api/organizations`));
  });

  it('accepts only the given API key, and a seed file relative to the working folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-emulator-'));
    fs.writeFileSync(path.join(dir, 'seed.json'), JSON.stringify({ users: [{ username: 'solo', email: 'solo@example.com' }] }));
    const running = await runEmulator(['--api-key', 'only-this-key', '--seed', 'seed.json', '--port', '0', '--latency', '1', '--rate-limit', '50', '--fault-rate', '0'], dir);
    try {
      assert.equal((await get(`${running.url}/api/systemusers`)).status, 401);
      const body = (await (await get(`${running.url}/api/systemusers`, 'only-this-key')).json()) as { results: { username: string }[] };
      assert.deepEqual(body.results.map(u => u.username), ['solo']);
    } finally {
      await running.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments with a one-line UsageError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-emulator-'));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"users": [');
    fs.writeFileSync(path.join(dir, 'wrong.json'), '{"users": [{"username": "x"}]}');
    const io: CliIo = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dir, version: 'test', signal: new AbortController().signal };
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port abc: expected a port number/],
      [['--port', '70000'], /--port 70000/],
      [['--fault-rate', '2'], /--fault-rate 2: expected a share between 0 and 1/],
      [['--rate-limit', '0'], /--rate-limit 0/],
      [['--latency=-5'], /--latency -5/],
      [['--latency', '-5'], /--latency/],
      [['--api-key', ' '], /--api-key must not be empty/],
      [['--frobnicate'], /frobnicate/],
      [['extra'], /extra/],
      [['--seed', 'missing.json'], /--seed missing.json: cannot read it \(ENOENT\)/],
      [['--seed', 'broken.json'], /--seed broken.json: not valid JSON/],
      [['--seed', 'wrong.json'], /--seed wrong.json: invalid seed: users\.0\.email/],
    ];
    try {
      for (const [args, message] of cases) {
        await assert.rejects(emulatorCommand.run(args, io), (e: unknown) => e instanceof UsageError && message.test(e.message) && !e.message.includes('\n'), args.join(' '));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits --fault-rate into 500s, drops and lost responses that add up to the rate', () => {
    const rules = faultRateRules(0.4);
    let remaining = 1;
    const shares = rules.map(r => {
      const share = remaining * (r.probability ?? 1);
      remaining -= share;
      return [r.fault, Number(share.toFixed(6))];
    });
    assert.deepEqual(shares, [['error', 0.2], ['drop', 0.1], ['lost-response', 0.1]]);
    assert.deepEqual(faultRateRules(0), []);
  });
});
