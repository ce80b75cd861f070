/**
 * The import half of `npm run bench` (tools/bench.mjs calls `runImportBench` and `runMemoryBench`; `node
 * out/test/bench/import.js [--json FILE]` runs them alone). Against the local JumpCloud in a child process, at 25 ms
 * per request:
 * - an update of 1,000 users, each with 2 groups and 1 device (5 requests a user: GET + PUT, 3 graph writes), at the
 *   default concurrency and one at a time (the reference's way); target >= 10x faster;
 * - the same import under a rate limit of 50 requests per second; targets >= 85% of the allowed rate used, no failed row;
 * - the importer's heap after runs of 1,000 and 4,000 users: per row it must stay flat (only the results grow);
 * - the CLI's whole-process peak memory: `import --dry-run` against `lint` of 100k rows, and per imported row.
 * Requests are counted as they happen, by the importer's transport, its limiter and the emulator child (its events,
 * not its request log, which is a ring), and the three must agree; a count below the plan's steps, a rate above the
 * limit or a ratio that is not a number throws (test/bench/report.ts) instead of being printed.
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
import { createJumpCloudClient, type Transport } from '../../src/core/jumpcloud';
import { createUndiciTransport, type UndiciTransport } from '../../src/cli/undici-transport';
import type { EmulatorOptions, EmulatorSeed } from '../../src/emulator';
import type { ServerStats } from './import-emulator';
import { BenchReport, check, jsonPath, median, ratio } from './report';
import { userCsv } from './user-csv';

const KEY = 'jc-bench-key-0123456789abcdef';
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

/**
 * The requests a plan must send at the least: an update is a GET and a PUT (the client merges the user before it
 * writes), then one request per group to add and one for the device.
 */
function planSteps(plan: ImportPlan): number {
  let steps = 0;
  for (const row of plan.rows) {
    check(row.action === 'update', `the bench plans updates only, row ${row.row} is ${row.action}`);
    steps += 2 + row.groups.length + (row.system ? 1 : 0);
  }
  return steps;
}

/** Counted in the importer's process, by a wrapper around its transport: every request sent and how it ended. */
interface ClientCounts {
  sent: number;
  /** By status; transport errors (no answer) counted apart. */
  readonly statuses: Record<string, number>;
  errors: number;
}

function countingTransport(inner: UndiciTransport): UndiciTransport & { readonly counts: ClientCounts } {
  const counts: ClientCounts = { sent: 0, statuses: {}, errors: 0 };
  const counted: Transport = async req => {
    counts.sent++;
    try {
      const response = await inner(req);
      counts.statuses[String(response.status)] = (counts.statuses[String(response.status)] ?? 0) + 1;
      return response;
    } catch (e) {
      counts.errors++;
      throw e;
    }
  };
  return Object.assign(counted, { close: () => inner.close(), counts });
}

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise(resolve => {
    child.once('message', reply => resolve(reply as T));
    child.send(message);
  });
}

const sumOf = (statuses: Readonly<Record<string, number>>, keep: (status: string) => boolean) =>
  Object.entries(statuses).reduce((n, [status, count]) => n + (keep(status) ? count : 0), 0);
const is2xx = (status: string) => /^2\d\d$/.test(status);

interface RunFigures {
  readonly users: number;
  readonly ms: number;
  readonly results: ExecuteResults;
  readonly server: ServerStats;
  /** Every request sent (429s included), and the 429s among them. */
  readonly requests: number;
  readonly rateLimited: number;
  /** Heap used after the run (after GC), minus before, with the results still referenced. */
  readonly heapGrowth: number;
}

/**
 * Three counts of one run must agree: the importer's transport (what was sent and answered), the limiter (attempts let
 * through, 429s) and the emulator (what arrived, how it was answered). A run that sent fewer requests than its plan's
 * steps, or answered more than its rate limit allows, cannot have happened: each throws rather than become a figure.
 */
function verify(label: string, plan: ImportPlan, ms: number, results: ExecuteResults, client: ClientCounts, server: ServerStats, perSecond?: number): void {
  const users = plan.rows.length;
  const steps = planSteps(plan);
  const limiter = results.requests;
  check(ms > 0, `${label}: took ${ms} ms`);
  check(server.retitled === users && results.counts.updated === users, `${label}: the import did not update every user: ${server.retitled} retitled, ${JSON.stringify(results.counts)}`);
  check(client.errors === 0, `${label}: ${client.errors} requests got no answer`);
  check(client.sent === server.requests, `${label}: the importer sent ${client.sent} requests, the emulator counted ${server.requests}`);
  check(server.handled === server.requests, `${label}: the emulator finished ${server.handled} of the ${server.requests} requests it got`);
  check(limiter !== undefined && limiter.requests === client.sent, `${label}: the limiter let ${limiter?.requests} requests through, the transport sent ${client.sent}`);
  for (const status of new Set([...Object.keys(client.statuses), ...Object.keys(server.statuses)])) {
    check(client.statuses[status] === server.statuses[status], `${label}: ${client.statuses[status] ?? 0} answers ${status} received, ${server.statuses[status] ?? 0} sent`);
  }
  const ok = sumOf(server.statuses, is2xx);
  const limited = server.statuses['429'] ?? 0;
  check(ok === steps, `${label}: ${ok} requests answered 2xx where the plan has ${steps} steps for ${users} users`);
  check(server.requests === ok + limited, `${label}: answers other than 2xx and 429: ${JSON.stringify(server.statuses)}`);
  check(server.served === ok, `${label}: the emulator served ${server.served} requests, ${ok} of them 2xx`);
  check(limiter.rateLimited === limited, `${label}: the limiter saw ${limiter.rateLimited} 429s, the emulator sent ${limited}`);
  if (perSecond === undefined) {
    check(limited === 0, `${label}: ${limited} 429s without a rate limit`);
    return;
  }
  // A token bucket of `perSecond` tokens (full at the start) that refills at `perSecond`: between its first and last
  // answer the emulator can have served no more than that.
  const window = (server.lastServedAt - server.firstServedAt) / 1000;
  const allowed = perSecond + perSecond * window;
  check(server.served <= allowed + 1, `${label}: ${server.served} requests served in ${window.toFixed(3)} s, more than a limit of ${perSecond}/s allows (${allowed.toFixed(0)})`);
}

// `npm run bench` runs node without --expose-gc; turning the flag on here gives exact heap figures all the same.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function run(users: number, concurrency: number, emulator: EmulatorOptions, label: string): Promise<RunFigures> {
  const child = fork(path.join(__dirname, 'import-emulator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await ask<{ url: string }>(child, { cmd: 'start', options: { apiKey: KEY, seed: seed(users), latencyMs: LATENCY_MS, ...emulator } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-import-bench-'));
  const transport = countingTransport(createUndiciTransport({ env: {}, connections: concurrency }));
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
  await journal.close();
  await transport.close();
  await ask(child, { cmd: 'close' });
  fs.rmSync(dir, { recursive: true, force: true });
  verify(label, plan, ms, results, transport.counts, server, emulator.rateLimit?.perSecond);
  return { users, ms, results, server, requests: server.requests, rateLimited: server.statuses['429'] ?? 0, heapGrowth };
}

const RATE_LIMIT = 50;
const COUNTED = "counted by the importer's transport, its limiter and the emulator (all three equal)";
const ONE_RUN = 'the wall time of one executeImport in this process';

export async function runImportBench(report: BenchReport = new BenchReport()): Promise<void> {
  const part = 'import';
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const s = (ms: number) => (ms / 1000).toFixed(1);
  report.log(`\nimport (local JumpCloud in a child process, ${LATENCY_MS} ms per request; machine: nproc ${os.availableParallelism()}, ${cpu}, node ${process.version}):`);
  report.log('  requests counted three ways that must agree: by the importer\'s transport, its limiter and the emulator as they arrive');
  const users = 1000;
  const steps = planSteps(updatePlan(users));
  const fast = await run(users, DEFAULT_IMPORT_CONCURRENCY, {}, 'default concurrency');
  report.figure(part, 'requests', `${users} users x (update + 2 groups + 1 device)`, fast.requests, 'requests', { how: COUNTED, min: steps });
  report.log(`  ${users} users x (update + 2 groups + 1 device) = ${fast.requests} requests (the plan's ${steps} steps)`);
  const fastRate = report.figure(part, 'fast.rate', `requests per second at concurrency ${DEFAULT_IMPORT_CONCURRENCY}`, fast.requests / (fast.ms / 1000), 'requests/s', { how: `${COUNTED}, ÷ ${ONE_RUN}`, min: 0, exclusive: true });
  report.figure(part, 'fast.time', `${users} users at concurrency ${DEFAULT_IMPORT_CONCURRENCY}`, fast.ms / 1000, 's', { how: ONE_RUN, min: 0, exclusive: true });
  report.figure(part, 'fast.failed', 'failed rows at the default concurrency', fast.results.counts.failed, 'rows', { min: 0, target: { op: '<=', bound: 0 } });
  report.log(`  concurrency ${DEFAULT_IMPORT_CONCURRENCY} (default): ${s(fast.ms)} s, ${fastRate.toFixed(0)} requests/s, ${fast.results.counts.failed} failed`);
  const slow = await run(users, 1, {}, 'one at a time');
  const slowRate = report.figure(part, 'slow.rate', 'requests per second one at a time', slow.requests / (slow.ms / 1000), 'requests/s', { how: `${COUNTED}, ÷ ${ONE_RUN}`, min: 0, exclusive: true });
  report.figure(part, 'slow.time', `${users} users one at a time`, slow.ms / 1000, 's', { how: ONE_RUN, min: 0, exclusive: true });
  report.log(`  one at a time (the reference's way): ${s(slow.ms)} s, ${slowRate.toFixed(0)} requests/s`);
  const speedup = report.figure(part, 'speedup', 'the default concurrency against one at a time (time for the same import)', ratio(slow.ms, fast.ms, 'speed-up'), 'x', {
    how: `slow ÷ fast, each ${ONE_RUN}`,
    min: 0,
    exclusive: true,
    target: { op: '>=', bound: 10 },
  });
  report.log(`  speed-up: ${speedup.toFixed(1)}x (target >= 10x)`);

  const limited = await run(users, DEFAULT_IMPORT_CONCURRENCY, { rateLimit: { perSecond: RATE_LIMIT } }, `rate limit ${RATE_LIMIT}/s`);
  const seconds = limited.ms / 1000;
  // The bucket starts full: over `seconds` the emulator can answer at most RATE_LIMIT x (seconds + 1).
  const most = (RATE_LIMIT * (seconds + 1)) / seconds;
  const served = limited.requests - limited.rateLimited;
  const rate = report.figure(part, 'rateLimit.rate', `answered requests per second under a limit of ${RATE_LIMIT}/s`, served / seconds, 'requests/s', {
    how: `answers other than 429 (${COUNTED}) ÷ ${ONE_RUN}; at most ${RATE_LIMIT} x (seconds + 1) ÷ seconds, the bucket being full at the start`,
    min: 0,
    max: most,
  });
  const share = report.figure(part, 'rateLimit.share', 'share of the allowed rate used', (rate / RATE_LIMIT) * 100, '%', { how: `the answered rate ÷ ${RATE_LIMIT}/s`, min: 0, max: (most / RATE_LIMIT) * 100, target: { op: '>=', bound: 85 } });
  report.figure(part, 'rateLimit.time', `${users} users under the rate limit`, seconds, 's', { min: 0, exclusive: true });
  report.figure(part, 'rateLimit.429s', '429 answers', limited.rateLimited, 'requests', { min: 0 });
  report.figure(part, 'rateLimit.requests', 'requests sent under the rate limit, 429s included', limited.requests, 'requests', { min: steps });
  const stats = limited.results.requests;
  report.figure(part, 'rateLimit.lowestConcurrency', 'the lowest concurrency the limiter fell to', stats?.lowestConcurrency ?? NaN, 'requests in flight', { min: 1, max: DEFAULT_IMPORT_CONCURRENCY });
  report.figure(part, 'rateLimit.failed', 'failed rows under the rate limit', limited.results.counts.failed, 'rows', { min: 0, target: { op: '<=', bound: 0 } });
  report.log(
    `  rate limit ${RATE_LIMIT}/s: ${s(limited.ms)} s, ${rate.toFixed(1)} answered requests/s = ${share.toFixed(0)}% of the allowed rate (target >= 85%), ` +
      `${limited.rateLimited} 429s of ${limited.requests} requests, concurrency fell to ${stats?.lowestConcurrency} and ended at ${stats?.concurrency}, ` +
      `${limited.results.counts.failed} failed rows (target 0)`,
  );

  // Memory after warm-up (the first run also pays for loading and compiling the code): 1,000 users, then 4,000.
  const small = await run(users, DEFAULT_IMPORT_CONCURRENCY, {}, 'heap, 1,000 users');
  const big = await run(4000, DEFAULT_IMPORT_CONCURRENCY, {}, 'heap, 4,000 users');
  const kib = (bytes: number) => bytes / 1024;
  const perRowSmall = report.figure(part, 'heap.perRow1000', 'heap growth per row, 1,000 users (results still held, after GC)', kib(small.heapGrowth / users), 'KiB/row');
  const perRowBig = report.figure(part, 'heap.perRow4000', 'heap growth per row, 4,000 users (results still held, after GC)', kib(big.heapGrowth / 4000), 'KiB/row');
  const resultBytes = (r: ExecuteResults) => Buffer.byteLength(JSON.stringify(r.users)) / r.users.length;
  const resultsPerRow = report.figure(part, 'heap.resultsPerRow', 'the results as JSON, per row', kib(resultBytes(big.results)), 'KiB/row', { min: 0, exclusive: true });
  report.log(
    `  memory (heap after the run, results still held): 1,000 users +${(small.heapGrowth / 2 ** 20).toFixed(1)} MiB (${perRowSmall.toFixed(1)} KiB/row), ` +
      `4,000 users +${(big.heapGrowth / 2 ** 20).toFixed(1)} MiB (${perRowBig.toFixed(1)} KiB/row); the results are ~${resultsPerRow.toFixed(1)} KiB/row as JSON`,
  );
  report.figure(part, 'big.time', `4,000 users at concurrency ${DEFAULT_IMPORT_CONCURRENCY}`, big.ms / 1000, 's', { min: 0, exclusive: true });
  report.log(`  4,000 users at concurrency ${DEFAULT_IMPORT_CONCURRENCY}: ${s(big.ms)} s`);
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
 * Sizes and runs of the RSS-per-row figure. A peak depends on when V8 collects, and the peaks of one size fall in two
 * groups (a collection just before the end of the run, or none): single runs of 1,000 against 4,000 users gave 4 to
 * 21 KiB a row, and the medians of 3 runs of each 0.6 and 15.3 KiB in two runs of the bench (1,000 against 8,000: 15.6,
 * with one of its three peaks 60 MB below the others). A late collection only adds garbage to a peak, never takes away
 * what the rows hold: so the figure is the difference of the lowest peaks, the medians' beside it.
 */
const RSS_SIZES = [1000, 4000] as const;
const RSS_RUNS = 3;

/** One `import --yes` of `users` updates by the CLI against an emulator of its own; its peak and what the emulator counted. */
async function cliImport(parent: string, users: number): Promise<{ peak: number; ms: number; server: ServerStats }> {
  // A folder of its own: the journal beside the file must not be an earlier run's.
  const dir = fs.mkdtempSync(path.join(parent, 'run-'));
  const child = fork(path.join(__dirname, 'import-emulator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await ask<{ url: string }>(child, { cmd: 'start', options: { apiKey: KEY, seed: seed(users), latencyMs: LATENCY_MS } });
  const name = `JCUserUpdateImport_12-04-2026-${users}.csv`;
  const rows = Array.from({ length: users }, (_, i) => `user${i + 1},Bench ${i + 1},Group ${(i % 10) + 1},Group ${((i + 1) % 10) + 1},${hex('c0c0c0c0', (i % 50) + 1)}`);
  fs.writeFileSync(path.join(dir, name), `Username,jobTitle,Group1,Group2,SystemID\n${rows.join('\n')}\n`);
  const run = await cliPeak(['import', name, '--yes', '--type', 'update'], { JC_API_KEY: KEY, JC_API_URL: url }, dir);
  const server = await ask<ServerStats>(child, { cmd: 'stats' });
  await ask(child, { cmd: 'close' });
  fs.rmSync(dir, { recursive: true, force: true });
  const label = `the CLI's import of ${users} users`;
  check(run.code === 0, `${label} exited ${run.code}`);
  // The CLI also reads the organization first (users, groups, devices, memberships): at least the plan's steps.
  const ok = sumOf(server.statuses, is2xx);
  check(server.retitled === users, `${label} updated ${server.retitled} users`);
  check(ok >= users * 5, `${label}: ${ok} requests answered 2xx, fewer than the plan's ${users * 5} steps`);
  check(server.handled === server.requests && ok === server.requests, `${label}: of ${server.requests} requests, ${ok} answered 2xx (${JSON.stringify(server.statuses)})`);
  return { peak: run.peak, ms: run.ms, server };
}

/**
 * Whole-process memory of the CLI (issue 17): `import --dry-run` of 100k rows against `lint` of the same file with the
 * same organization (target: at most 2x), then a real import's peak resident memory per row, from RSS_RUNS runs at
 * each of two sizes (a peak depends on when V8 happens to collect, so one run of each says little).
 */
export async function runMemoryBench(report: BenchReport = new BenchReport()): Promise<void> {
  const part = 'memory';
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  const toMb = (n: number) => n / 2 ** 20;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-memory-bench-'));
  try {
    const child = fork(path.join(__dirname, 'import-emulator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { url } = await ask<{ url: string }>(child, { cmd: 'start', options: { apiKey: KEY, seed: dryRunSeed() } });
    const env = { JC_API_KEY: KEY, JC_API_URL: url };
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
    const dryServer = await ask<ServerStats>(child, { cmd: 'stats' });
    await ask(child, { cmd: 'close' });
    check(dryServer.requests > 0 && sumOf(dryServer.statuses, is2xx) === dryServer.requests, `the dry runs' organization reads: ${JSON.stringify(dryServer.statuses)}`);
    const how = `whole-process max RSS, median of ${MEMORY_RUNS} runs, lint and dry run alternated`;
    const lintPeak = report.figure(part, 'lint.peak', 'lint of a 100k-row new-users file', toMb(median(lints)), 'MiB', { how, min: 0, exclusive: true, samples: lints.map(toMb) });
    const dryPeak = report.figure(part, 'dryRun.peak', 'import --dry-run of the same file and organization', toMb(median(dries)), 'MiB', { how, min: 0, exclusive: true, samples: dries.map(toMb) });
    const dryRatio = report.figure(part, 'dryRun.ratio', 'import --dry-run ÷ lint, ratio of the medians', ratio(dryPeak, lintPeak, 'dry run ÷ lint'), 'x', { how, min: 0, exclusive: true, target: { op: '<=', bound: 2 } });
    const worst = report.figure(part, 'dryRun.worstRatio', 'the worst dry run ÷ the median lint', ratio(Math.max(...dries), median(lints), 'worst dry run ÷ lint'), 'x', { how, min: 0, exclusive: true });
    report.log(`\nwhole-process peak memory (max RSS), 100k-row new-users file, the same organization, ${MEMORY_RUNS} runs each:`);
    report.log(
      `  lint median ${mb(median(lints))} (${lints.map(mb).join(', ')}); import --dry-run median ${mb(median(dries))} (${dries.map(mb).join(', ')}); ` +
        `ratio of medians ${dryRatio.toFixed(2)}x, worst run ${worst.toFixed(2)}x (target <= 2x)`,
    );

    // A real import, whole process, at two sizes: the difference per row is what each row costs to hold and send.
    // The sizes alternate, so that whatever else the machine does weighs on both alike.
    const [few, many] = RSS_SIZES;
    const peaks = new Map<number, number[]>(RSS_SIZES.map(n => [n, []]));
    for (let i = 0; i < RSS_RUNS; i++) for (const users of RSS_SIZES) peaks.get(users)!.push((await cliImport(dir, users)).peak);
    const low = peaks.get(few)!;
    const high = peaks.get(many)!;
    const rows = many - few;
    const perRowOf = (a: number, b: number) => (b - a) / rows / 1024;
    const rssHow = `whole-process max RSS of import --yes, ${RSS_RUNS} runs at each size (sizes alternated)`;
    const perRow = report.figure(part, 'import.rssPerRow', 'resident memory per imported row', perRowOf(Math.min(...low), Math.min(...high)), 'KiB/row', {
      how: `${rssHow}; (lowest peak at ${many} - lowest at ${few}) / ${rows} rows`,
      samples: high.map((h, i) => perRowOf(low[i], h)),
    });
    const perRowMedian = report.figure(part, 'import.rssPerRowMedian', 'resident memory per imported row, from the medians', perRowOf(median(low), median(high)), 'KiB/row', {
      how: `${rssHow}; (median peak at ${many} - median at ${few}) / ${rows} rows`,
    });
    report.figure(part, `import.peak${few}`, `import --yes of ${few} users, lowest peak`, toMb(Math.min(...low)), 'MiB', { how: rssHow, min: 0, exclusive: true, samples: low.map(toMb) });
    report.figure(part, `import.peak${many}`, `import --yes of ${many} users, lowest peak`, toMb(Math.min(...high)), 'MiB', { how: rssHow, min: 0, exclusive: true, samples: high.map(toMb) });
    const n = (x: number) => x.toLocaleString('en');
    report.log(
      `  import --yes (update + 2 groups + 1 device per user), ${RSS_RUNS} runs per size, sizes alternated: ${n(few)} users ${low.map(mb).join(', ')}; ` +
        `${n(many)} users ${high.map(mb).join(', ')}: ${perRow.toFixed(1)} KiB of RSS per row (lowest peaks' difference ÷ ${n(rows)}: a late collection only adds ` +
        `garbage to a peak; from the medians ${perRowMedian.toFixed(1)}, run by run ${high.map((h, i) => perRowOf(low[i], h).toFixed(1)).join(', ')})`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const report = new BenchReport();
  const file = jsonPath(process.argv, ROOT);
  runImportBench(report)
    .then(() => runMemoryBench(report))
    .then(
      () => report.write(file),
      (e: unknown) => {
        console.error(e);
        report.write(file, e);
        process.exit(1);
      },
    );
}
