import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { EmulatorSeed, FaultRule } from '../../emulator';
import { UsageError, type CliCommand } from '../io';

const usage = `Usage: jumpcloud-csv emulator [options]

Runs a local JumpCloud API on 127.0.0.1 for offline demos and tests, until Ctrl+C.
Point the extension or the CLI at the printed URL with any API key (or the one given).

Options:
  --port N          port to listen on (default: a free one)
  --api-key KEY     accept only this API key (default: any non-empty key)
  --seed FILE       starting data: JSON {"users", "userGroups", "systems", "ldapServers",
                    "associations"} in the API's field names (default: a sample organization
                    of 21 users, 5 groups, 6 systems and 1 LDAP server)
  --latency MS      delay every answer by MS milliseconds
  --rate-limit N    allow N requests per second, then answer 429 with Retry-After
  --fault-rate P    fail a share P (0 to 1) of API requests: half with a 500, a quarter
                    by dropping the connection, a quarter by losing the answer to a write
  -h, --help        show this help`;

function number(flag: string, text: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${flag} ${text}: expected ${expected}`);
  return n;
}

/** Splits a fault rate over three kinds; each rule's probability is conditional on the earlier ones not firing. */
export function faultRateRules(rate: number): FaultRule[] {
  if (rate <= 0) return [];
  const path = /^\/api\//;
  const error = rate / 2;
  const drop = rate / 4 / (1 - error);
  const lost = rate / 4 / (1 - error - rate / 4);
  return [
    { fault: 'error', status: 500, probability: error, path },
    { fault: 'drop', probability: drop, path },
    { fault: 'lost-response', probability: Math.min(1, lost), path },
  ];
}

async function readSeed(file: string, cwd: string, parseSeed: (json: unknown) => EmulatorSeed): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`--seed ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return parseSeed(JSON.parse(text));
  } catch (e) {
    throw new UsageError(`--seed ${file}: ${e instanceof SyntaxError ? 'not valid JSON' : (e as Error).message}`);
  }
}

export const emulatorCommand: CliCommand = {
  name: 'emulator',
  summary: 'run a local JumpCloud API for offline demos and tests',
  usage,
  async run(argv, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          port: { type: 'string' },
          'api-key': { type: 'string' },
          seed: { type: 'string' },
          latency: { type: 'string' },
          'rate-limit': { type: 'string' },
          'fault-rate': { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message.split('\n')[0]);
    }
    const port = number('port', values.port, n => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number 0-65535');
    const latencyMs = number('latency', values.latency, n => n >= 0 && n <= 600_000, 'milliseconds, 0-600000');
    const perSecond = number('rate-limit', values['rate-limit'], n => n > 0, 'requests per second, more than 0');
    const faultRate = number('fault-rate', values['fault-rate'], n => n >= 0 && n <= 1, 'a share between 0 and 1');
    const apiKey = values['api-key'];
    if (apiKey !== undefined && apiKey.trim() === '') throw new UsageError('--api-key must not be empty');
    // Loaded only when the emulator runs: it and its sample organization stay out of every other command's start-up.
    const { parseSeed, SAMPLE_ORGANIZATION, startEmulator } = await import('../../emulator');
    const seed = values.seed === undefined ? SAMPLE_ORGANIZATION : await readSeed(values.seed, io.cwd, parseSeed);

    let emulator;
    try {
      emulator = await startEmulator({
        ...(port === undefined ? {} : { port }),
        ...(apiKey === undefined ? {} : { apiKey }),
        seed,
        ...(latencyMs ? { latencyMs } : {}),
        ...(perSecond ? { rateLimit: { perSecond } } : {}),
        faults: faultRateRules(faultRate ?? 0),
        randomSeed: Date.now() >>> 0,
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new UsageError(`--port ${port}: the port is in use`);
      throw new UsageError(err.message.split('\n')[0]);
    }
    io.stdout(`listening on ${emulator.url}\n`);
    await new Promise<void>(resolve => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await emulator.close();
    return 0;
  },
};
