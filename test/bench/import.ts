/**
 * The import half of `npm run bench` (tools/bench.mjs calls `runImportBench`; `node out/test/bench/import.js` runs it
 * alone). Against the local JumpCloud in a child process, at 25 ms per request:
 * - an update of 1,000 users, each with 2 groups and 1 device (5 requests a user: GET + PUT, 3 graph writes), at the
 *   default concurrency and one at a time (the reference's way); target >= 10x faster;
 * - the same import under a rate limit of 50 requests per second; targets >= 85% of the allowed rate used, no failed row;
 * - the importer's heap after runs of 1,000 and 4,000 users: per row it must stay flat (only the results grow).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DEFAULT_IMPORT_CONCURRENCY, executeImport, type ExecuteResults } from '../../src/core/import/execute';
import { fileJournal } from '../../src/core/import/journal';
import { createAdaptiveLimiter } from '../../src/core/import/limiter';
import type { ImportPlan, PlannedUser } from '../../src/core/import/plan-types';
import { createJumpCloudClient } from '../../src/core/jumpcloud';
import { createUndiciTransport } from '../../src/cli/undici-transport';
import type { EmulatorOptions, EmulatorSeed } from '../../src/emulator';
import { userCsv } from './user-csv';

const KEY = 'jc-bench-key-0123456789abcdef';
const REQUEST_LOG_SIZE = 200_000;
const LATENCY_MS = 25;
const hex = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(16, '0')}`;

function seed(users: number): EmulatorSeed {
  return {
    users: Array.from({ length: users }, (_, i) => ({ _id: hex('a0a0a0a0', i + 1), username: `user${i + 1}`, email: `user${i + 1}@example.com`, firstname: 'Bench', lastname: 'User' })),
    userGroups: Array.from({ length: 10 }, (_, i) => ({ _id: hex('b0b0b0b0', i + 1), name: `Group ${i + 1}` })),
    systems: Array.from({ length: 50 }, (_, i) => ({ _id: hex('c0c0c0c0', i + 1), hostname: `host-${i + 1}` })),
  };
}

/** Every user: a new job title, two groups, one device. */
function updatePlan(users: number): ImportPlan {
  const rows: PlannedUser[] = Array.from({ length: users }, (_, i) => ({
    row: i + 2,
    record: i + 1,
    username: `user${i + 1}`,
    action: 'update',
    userId: hex('a0a0a0a0', i + 1),
    update: { jobTitle: `Bench ${i + 1}` },
    fields: [{ key: 'jobTitle', header: 'jobTitle', field: 'jobTitle', after: `Bench ${i + 1}` }],
    groups: [
      { name: `Group ${(i % 10) + 1}`, groupId: hex('b0b0b0b0', (i % 10) + 1) },
      { name: `Group ${((i + 1) % 10) + 1}`, groupId: hex('b0b0b0b0', ((i + 1) % 10) + 1) },
    ],
    system: { systemId: hex('c0c0c0c0', (i % 50) + 1), op: 'add' },
  }));
  return { kind: 'update', organization: 'Bench', newUserState: 'ACTIVATED', rows };
}

interface ServerStats {
  readonly requests: number;
  readonly statuses: Record<string, number>;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly edges: number;
  readonly retitled: number;
}

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise(resolve => {
    child.once('message', reply => resolve(reply as T));
    child.send(message);
  });
}

interface RunFigures {
  readonly ms: number;
  readonly results: ExecuteResults;
  readonly server: ServerStats;
  /** Heap used after the run (after GC), minus before, with the results still referenced. */
  readonly heapGrowth: number;
}

// `npm run bench` runs node without --expose-gc; turning the flag on here gives exact heap figures all the same.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function run(users: number, concurrency: number, emulator: EmulatorOptions): Promise<RunFigures> {
  const child = fork(path.join(__dirname, 'import-emulator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // A log that holds every request of the run (its default is a ring of the last 1,000), so the counts are all of them.
  const { url } = await ask<{ url: string }>(child, { cmd: 'start', options: { apiKey: KEY, seed: seed(users), latencyMs: LATENCY_MS, requestLogSize: REQUEST_LOG_SIZE, ...emulator } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-import-bench-'));
  const transport = createUndiciTransport({ env: {}, connections: concurrency });
  const limiter = createAdaptiveLimiter({ maxConcurrency: concurrency });
  const client = createJumpCloudClient({ apiKey: KEY, baseUrl: url, transport, version: '0.1.0-bench', gate: limiter });
  const journal = fileJournal(path.join(dir, 'journal.jsonl'));
  const plan = updatePlan(users);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const results = await executeImport(plan, { client, limiter, journal, newUserState: 'ACTIVATED', concurrency });
  const ms = performance.now() - start;
  gc();
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  const server = await ask<ServerStats>(child, { cmd: 'stats' });
  if (server.requests >= REQUEST_LOG_SIZE) throw new Error(`the emulator's request log (${REQUEST_LOG_SIZE}) is too small to count this run`);
  await journal.close();
  await transport.close();
  await ask(child, { cmd: 'close' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (server.retitled !== users || results.counts.updated !== users) throw new Error(`the import did not update every user: ${JSON.stringify(results.counts)}`);
  return { ms, results, server, heapGrowth };
}

export async function runImportBench(log: (line: string) => void = console.log): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  log(`\nimport (local JumpCloud in a child process, ${LATENCY_MS} ms per request; machine: nproc ${os.availableParallelism()}, ${cpu}, node ${process.version}):`);
  const users = 1000;
  const fast = await run(users, DEFAULT_IMPORT_CONCURRENCY, {});
  const requests = fast.server.requests;
  log(`  ${users} users x (update + 2 groups + 1 device) = ${requests} requests`);
  log(`  concurrency ${DEFAULT_IMPORT_CONCURRENCY} (default): ${(fast.ms / 1000).toFixed(1)} s, ${(requests / (fast.ms / 1000)).toFixed(0)} requests/s, ${fast.results.counts.failed} failed`);
  const slow = await run(users, 1, {});
  log(`  one at a time (the reference's way): ${(slow.ms / 1000).toFixed(1)} s, ${(slow.server.requests / (slow.ms / 1000)).toFixed(0)} requests/s`);
  log(`  speed-up: ${(slow.ms / fast.ms).toFixed(1)}x (target >= 10x)`);

  const limited = await run(users, DEFAULT_IMPORT_CONCURRENCY, { rateLimit: { perSecond: 50 } });
  const served = limited.server.requests - (limited.server.statuses['429'] ?? 0);
  const rate = served / (limited.ms / 1000);
  const stats = limited.results.requests;
  log(
    `  rate limit 50/s: ${(limited.ms / 1000).toFixed(1)} s, ${rate.toFixed(1)} answered requests/s = ${((rate / 50) * 100).toFixed(0)}% of the allowed rate (target >= 85%), ` +
      `${limited.server.statuses['429'] ?? 0} 429s of ${limited.server.requests} requests, concurrency fell to ${stats?.lowestConcurrency} and ended at ${stats?.concurrency}, ` +
      `${limited.results.counts.failed} failed rows (target 0)`,
  );

  // Memory after warm-up (the first run also pays for loading and compiling the code): 1,000 users, then 4,000.
  const small = await run(users, DEFAULT_IMPORT_CONCURRENCY, {});
  const big = await run(4000, DEFAULT_IMPORT_CONCURRENCY, {});
  const perRowSmall = small.heapGrowth / users;
  const perRowBig = big.heapGrowth / 4000;
  const resultBytes = (r: ExecuteResults) => Buffer.byteLength(JSON.stringify(r.users)) / r.users.length;
  log(
    `  memory (heap after the run, results still held): 1,000 users +${(small.heapGrowth / 2 ** 20).toFixed(1)} MiB (${(perRowSmall / 1024).toFixed(1)} KiB/row), ` +
      `4,000 users +${(big.heapGrowth / 2 ** 20).toFixed(1)} MiB (${(perRowBig / 1024).toFixed(1)} KiB/row); the results are ~${(resultBytes(big.results) / 1024).toFixed(1)} KiB/row as JSON`,
  );
  log(`  4,000 users at concurrency ${DEFAULT_IMPORT_CONCURRENCY}: ${(big.ms / 1000).toFixed(1)} s`);
}

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const PEAK = path.join(__dirname, 'peak-rss.js');
const MEMORY_RUNS = 5;

/** Runs the CLI as a person would, in a process of its own; resolves with its exit code and whole-process peak RSS. */
function cliPeak(args: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; peak: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-r', PEAK, CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', code => {
      const peak = /@@peak-rss (\d+)/.exec(err);
      if (!peak) return reject(new Error(`no peak from jumpcloud-csv ${args.join(' ')}: ${err.slice(-500)}`));
      resolve({ code, peak: Number(peak[1]), ms: performance.now() - start });
    });
  });
}

/** userCsv's groups and devices, so its rows plan as creates rather than as unknown-group errors. */
function dryRunSeed(): EmulatorSeed {
  return {
    users: [],
    userGroups: [{ _id: hex('b0b0b0b0', 1), name: 'All Users' }],
    systems: Array.from({ length: 16 }, (_, i) => ({ _id: i.toString(16).repeat(24), hostname: `host-${i}` })),
  };
}

/**
 * Whole-process memory of the CLI (issue 17): `import --dry-run` of 100k rows against `lint` of the same file with the
 * same organization (target: at most 2x), then a real import's peak resident memory per row (1,000 and 4,000 users).
 */
export async function runMemoryBench(log: (line: string) => void = console.log): Promise<void> {
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-memory-bench-'));
  try {
    let child = fork(path.join(__dirname, 'import-emulator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let { url } = await ask<{ url: string }>(child, { cmd: 'start', options: { apiKey: KEY, seed: dryRunSeed() } });
    let env = { JC_API_KEY: KEY, JC_API_URL: url };
    const file = 'JCUserImport_12-04-2026.csv';
    fs.writeFileSync(path.join(dir, file), userCsv(100_000));
    // Alternating runs: a peak depends on when V8 happens to collect, so one run of each says little.
    const lints: number[] = [];
    const dries: number[] = [];
    for (let i = 0; i < MEMORY_RUNS; i++) {
      const lint = await cliPeak(['lint', file], env, dir);
      const dry = await cliPeak(['import', file, '--dry-run'], env, dir);
      if (dry.code !== 1 || lint.code !== 1) throw new Error(`unexpected exit codes: lint ${lint.code}, dry run ${dry.code} (the file has a few rows with errors)`);
      lints.push(lint.peak);
      dries.push(dry.peak);
    }
    await ask(child, { cmd: 'close' });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    log(`\nwhole-process peak memory (max RSS), 100k-row new-users file, the same organization, ${MEMORY_RUNS} runs each:`);
    log(
      `  lint median ${mb(median(lints))} (${lints.map(mb).join(', ')}); import --dry-run median ${mb(median(dries))} (${dries.map(mb).join(', ')}); ` +
        `ratio of medians ${(median(dries) / median(lints)).toFixed(2)}x, worst run ${(Math.max(...dries) / median(lints)).toFixed(2)}x (target <= 2x)`,
    );

    // A real import, whole process, at two sizes: the difference per row is what each row costs to hold and send.
    const peaks: number[] = [];
    for (const users of [1000, 4000]) {
      child = fork(path.join(__dirname, 'import-emulator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      ({ url } = await ask<{ url: string }>(child, { cmd: 'start', options: { apiKey: KEY, seed: seed(users), latencyMs: LATENCY_MS } }));
      env = { JC_API_KEY: KEY, JC_API_URL: url };
      const name = `JCUserUpdateImport_12-04-2026-${users}.csv`;
      const rows = Array.from({ length: users }, (_, i) => `user${i + 1},Bench ${i + 1},Group ${(i % 10) + 1},Group ${((i + 1) % 10) + 1},${hex('c0c0c0c0', (i % 50) + 1)}`);
      fs.writeFileSync(path.join(dir, name), `Username,jobTitle,Group1,Group2,SystemID\n${rows.join('\n')}\n`);
      const run = await cliPeak(['import', name, '--yes', '--type', 'update'], env, dir);
      await ask(child, { cmd: 'close' });
      if (run.code !== 0) throw new Error(`the ${users}-user import exited ${run.code}`);
      peaks.push(run.peak);
    }
    log(`  import --yes (update + 2 groups + 1 device per user): 1,000 users ${mb(peaks[0])}, 4,000 users ${mb(peaks[1])}: ${((peaks[1] - peaks[0]) / 3000 / 1024).toFixed(1)} KiB of RSS per row`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runImportBench().then(() => runMemoryBench()).catch(e => {
    console.error(e);
    process.exit(1);
  });
}
