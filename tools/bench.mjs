// npm run bench: how fast the linter is, measured against a bare csv-parse parse of the same text in the same run,
// and how quickly the editor shows diagnostics after an edit (in a real VS Code extension host). Every figure is the
// median of several runs in one process, and each is printed beside a ratio to a baseline measured in the same run,
// since machines of one kind differ: the ratios are what hold from machine to machine.
// Targets (issue 12): the CLI's whole-process lint of 100k rows <= 1.0x a csv-parse process; a one-cell edit costs
// the same on 100k rows as on 10k (<= 1.5x); the editor's targets are printed by its part.
// Then hostile files (issue 9): each linted as the CLI does in a process of its own, time and peak memory beside a
// clean file of about the same size; target within 2x. `--hostile-scale 0.2` shrinks them, `--no-hostile` skips them.
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The bundles as they ship (minified): the CLI's start-up is part of what the whole-process figures measure.
execFileSync('node', ['esbuild.js', '--production'], { cwd: root, stdio: 'ignore' });
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
const { lintSummary, IncrementalLint } = require(path.join(root, 'out/src/core/lint'));
const { parse } = require('csv-parse/sync');
const { userCsv } = require(path.join(root, 'out/test/bench/user-csv.js'));

/** Median of `runs` timings of fn, after one warm-up. */
function time(fn, runs) {
  fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1];
}

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
console.log('rows     size      csv-parse   full lint   ratio   problems');
for (const rows of [1_000, 10_000, 100_000]) {
  const text = userCsv(rows);
  const runs = rows >= 100_000 ? 5 : 15;
  const bare = time(() => parse(text, { bom: true, relax_column_count: true }), runs);
  let problems = 0;
  const lint = time(() => (problems = lintSummary(text, { type: 'import' }).total), runs);
  console.log(`${String(rows).padEnd(8)} ${(text.length / 2 ** 20).toFixed(1).padStart(5)} MB  ${bare.toFixed(1).padStart(8)} ms ${lint.toFixed(1).padStart(8)} ms  ${(lint / bare).toFixed(2).padStart(5)}x  ${problems}`);
}

/** Median wall time of `runs` runs of a command, alternating with the others' runs so load affects all alike. */
function processTimes(commands, runs) {
  const samples = commands.map(() => []);
  for (let r = 0; r < runs; r++) {
    commands.forEach((args, i) => {
      const t = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      samples[i].push(performance.now() - t);
    });
  }
  return samples.map(xs => xs.sort((a, b) => a - b)[xs.length >> 1]);
}

// The CLI as a user runs it (start, read, decode, lint, print) against a process that only parses with csv-parse.
console.log('\nwhole process (median of 5; node start included in both):');
console.log('rows     csv-parse process   jumpcloud-csv lint   ratio (target <= 1.00x at 100k)');
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-'));
  try {
    for (const rows of [10_000, 100_000]) {
      const file = path.join(dir, 'JCUserImport_bench.csv');
      fs.writeFileSync(file, userCsv(rows));
      const [bare, cli] = processTimes([[path.join(root, 'out/test/bench/csv-parse-file.js'), file], [path.join(root, 'dist/cli.js'), 'lint', file]], 5);
      console.log(`${String(rows).padEnd(8)} ${bare.toFixed(0).padStart(10)} ms ${cli.toFixed(0).padStart(17)} ms   ${(cli / bare).toFixed(2).padStart(5)}x`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The incremental lint alone (what the worker does per keystroke): a one-cell edit and the new result.
console.log('\nincremental lint alone, one-cell edit and its result (median of 41, in this process; the worker\'s share of an edit):');
{
  const edits = {};
  for (const rows of [10_000, 100_000]) {
    const text = userCsv(rows);
    const lint = new IncrementalLint(text, { type: 'import' });
    lint.result();
    let current = text;
    const samples = [];
    for (let i = 0; i < 41; i++) {
      const at = current.indexOf('@example', Math.floor(current.length * ((i % 20) / 20)));
      const valid = current.startsWith('@example.com', at);
      const edit = { start: at, end: at + (valid ? 12 : 8), text: valid ? '@example' : '@example.com' };
      current = current.slice(0, edit.start) + edit.text + current.slice(edit.end);
      const t = performance.now();
      lint.edit([edit]);
      lint.result();
      samples.push(performance.now() - t);
    }
    edits[rows] = samples.sort((a, b) => a - b)[samples.length >> 1];
    console.log(`${String(rows).padEnd(8)} ${edits[rows].toFixed(1).padStart(7)} ms`);
  }
  // Informational: the targets are the editor's figures below, from the edit to the diagnostics shown.
  console.log(`100k ÷ 10k: ${(edits[100_000] / edits[10_000]).toFixed(2)}x`);
}

/** Lints one file in a fresh process (out/test/bench/lint-file.js): { ms, peak } with peak the process's max RSS. */
function lintInProcess(file) {
  const out = execFileSync(process.execPath, [path.join(root, 'out/test/bench/lint-file.js'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

if (!process.argv.includes('--no-hostile')) {
  const at = process.argv.indexOf('--hostile-scale');
  const scale = at > 0 ? Number(process.argv[at + 1]) : 1;
  const { hostileFiles } = require(path.join(root, 'out/test/bench/hostile.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-'));
  const mb = n => `${(n / 2 ** 20).toFixed(0)} MB`;
  console.log('\nhostile files (one process each, as the CLI lints: decode, read, lint; peak = max RSS):');
  console.log('file                        size      time      peak   | clean twin         size      time      peak   | ratio time  memory');
  try {
    for (const [hostile, clean] of hostileFiles(scale)) {
      const run = f => {
        const file = path.join(dir, 'f.csv');
        fs.writeFileSync(file, f.text);
        const r = lintInProcess(file);
        fs.rmSync(file);
        return { ...r, size: Buffer.byteLength(f.text) };
      };
      const h = run(hostile);
      const c = run(clean);
      const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
      console.log(
        `${hostile.name.padEnd(26)} ${mb(h.size).padStart(6)} ${(h.ms / 1000).toFixed(2).padStart(7)} s ${mb(h.peak).padStart(8)} | ` +
          `${clean.name.padEnd(16)} ${mb(c.size).padStart(6)} ${(c.ms / 1000).toFixed(2).padStart(7)} s ${mb(c.peak).padStart(8)} | ` +
          `${ratio(h.ms, c.ms).padStart(6)} ${ratio(h.peak, c.peak).padStart(7)}   (${h.problems} problems, ${h.kept} kept)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The importer against the local JumpCloud (test/bench/import.ts); `--no-import` skips its few minutes.
if (!process.argv.includes('--no-import')) {
  const importBench = require(path.join(root, 'out/test/bench/import.js'));
  await importBench.runImportBench();
  await importBench.runMemoryBench();
}

if (process.argv.includes('--no-editor')) process.exit(0);
// The editor half (test/bench/index.ts) in a real VS Code: `--editor-rounds N` (default 3) rounds, each figure their
// median; `--cpu-prof DIR` also writes a CPU profile of the extension host's main thread per round into DIR.
const option = name => { const at = process.argv.indexOf(name); return at > 0 ? process.argv[at + 1] : undefined; };
const rounds = Number(option('--editor-rounds') ?? 3);
const profiles = option('--cpu-prof');
console.log(`\neditor (real VS Code extension host, ${rounds} rounds):`);
const r = spawnSync('node', [path.join(root, 'tools/vscode-host/run-host-tests.mjs'), '--tests', path.join(root, 'out/test/bench/index.js')], {
  cwd: root,
  encoding: 'utf8',
  env: {
    ...process.env,
    TEST_TIMEOUT_MS: String(rounds * 300_000),
    BENCH_ROUNDS: String(rounds),
    ...(profiles ? { BENCH_CPU_PROFILE_DIR: path.resolve(profiles) } : {}),
  },
});
const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter(l => l.startsWith('BENCH '));
for (const l of lines) console.log('  ' + l.slice(6));
if (r.status !== 0 || lines.length === 0) {
  console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
  process.exit(1);
}
