// npm run bench: how fast the linter is, measured against a bare csv-parse parse of the same text in the same run,
// and how quickly the editor shows diagnostics after an edit (in a real VS Code extension host). Every figure is the
// median of several runs in one process, and each is printed beside a ratio to a baseline measured in the same run,
// since machines of one kind differ: the ratios are what hold from machine to machine.
// Targets (issue 12): the CLI's whole-process lint of 100k rows <= 1.0x a csv-parse process; a one-cell edit costs
// the same on 100k rows as on 10k (<= 1.5x); the editor's targets are printed by its part.
// Then hostile files (issue 9): each linted as the CLI does in a process of its own, time and peak memory beside a
// clean file of about the same size; target within 2x. `--hostile-scale 0.2` shrinks them, `--no-hostile` skips them.
// Then the import (test/bench/import.ts; `--no-import` skips it) and the editor (`--no-editor` skips it).
// Every figure printed is also written, with its unit, how it was measured and its target, beside the date and the
// machine, to bench-results/bench-results.json (`--json FILE` writes it elsewhere; see test/bench/report.ts). A figure
// that cannot be right (NaN, a division by zero, counts that disagree) stops the run with a non-zero exit, and the
// JSON says so (`complete: false`, `error`).
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
const { BenchReport, check, jsonPath, ratio } = require(path.join(root, 'out/test/bench/report.js'));

const report = new BenchReport();
const jsonFile = jsonPath(process.argv, root);
const log = line => report.log(line);
const option = name => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const positive = { min: 0, exclusive: true };

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

/** The full lint against a bare csv-parse of the same text, in this process. */
function lintInThisProcess() {
  log(`machine: ${os.cpus().length} x ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
  log('rows     size      csv-parse   full lint   ratio   problems');
  for (const rows of [1_000, 10_000, 100_000]) {
    const text = userCsv(rows);
    const runs = rows >= 100_000 ? 5 : 15;
    const how = `median of ${runs} runs in this process, after a warm-up`;
    const bare = report.figure('lint', `csvParse${rows}`, `csv-parse of ${rows} rows`, time(() => parse(text, { bom: true, relax_column_count: true }), runs), 'ms', { how, ...positive });
    let problems = 0;
    const lint = report.figure('lint', `lint${rows}`, `full lint of ${rows} rows`, time(() => (problems = lintSummary(text, { type: 'import' }).total), runs), 'ms', { how, ...positive });
    const r = report.figure('lint', `ratio${rows}`, `full lint ÷ csv-parse, ${rows} rows`, ratio(lint, bare, 'lint ÷ csv-parse'), 'x', { how });
    report.figure('lint', `problems${rows}`, `problems in the ${rows}-row file`, problems, 'problems', { min: 0 });
    log(`${String(rows).padEnd(8)} ${(text.length / 2 ** 20).toFixed(1).padStart(5)} MB  ${bare.toFixed(1).padStart(8)} ms ${lint.toFixed(1).padStart(8)} ms  ${r.toFixed(2).padStart(5)}x  ${problems}`);
  }
}

/** Median wall time of `runs` runs of a command, alternating with the others' runs so load affects all alike. */
function processTimes(commands, runs) {
  const samples = commands.map(() => []);
  for (let r = 0; r < runs; r++) {
    commands.forEach((args, i) => {
      const t = performance.now();
      const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
      check(run.status !== null, `${args.join(' ')} was killed (${run.signal})`);
      samples[i].push(performance.now() - t);
    });
  }
  return samples.map(xs => xs.sort((a, b) => a - b)[xs.length >> 1]);
}

/** The CLI as a user runs it (start, read, decode, lint, print) against a process that only parses with csv-parse. */
function wholeProcess() {
  log('\nwhole process (median of 5; node start included in both):');
  log('rows     csv-parse process   jumpcloud-csv lint   ratio (target <= 1.00x at 100k)');
  const how = 'median wall time of 5 processes each, the two alternated; node start included in both';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-'));
  try {
    for (const rows of [10_000, 100_000]) {
      const file = path.join(dir, 'JCUserImport_bench.csv');
      fs.writeFileSync(file, userCsv(rows));
      const [bare, cli] = processTimes([[path.join(root, 'out/test/bench/csv-parse-file.js'), file], [path.join(root, 'dist/cli.js'), 'lint', file]], 5);
      report.figure('process', `csvParse${rows}`, `a process that parses ${rows} rows with csv-parse`, bare, 'ms', { how, ...positive });
      report.figure('process', `lint${rows}`, `jumpcloud-csv lint of ${rows} rows (dist/cli.js as shipped)`, cli, 'ms', { how, ...positive });
      const r = report.figure('process', `ratio${rows}`, `jumpcloud-csv lint ÷ the csv-parse process, ${rows} rows`, ratio(cli, bare, 'lint process ÷ csv-parse process'), 'x', {
        how,
        ...(rows === 100_000 ? { target: { op: '<=', bound: 1 } } : {}),
      });
      log(`${String(rows).padEnd(8)} ${bare.toFixed(0).padStart(10)} ms ${cli.toFixed(0).padStart(17)} ms   ${r.toFixed(2).padStart(5)}x`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The incremental lint alone (what the worker does per keystroke): a one-cell edit and the new result. */
function incremental() {
  log('\nincremental lint alone, one-cell edit and its result (median of 41, in this process; the worker\'s share of an edit):');
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
    const median = samples.sort((a, b) => a - b)[samples.length >> 1];
    edits[rows] = report.figure('incremental', `edit${rows}`, `incremental lint of a one-cell edit and its result, ${rows} rows`, median, 'ms', { how: 'median of 41 edits in this process', ...positive });
    log(`${String(rows).padEnd(8)} ${edits[rows].toFixed(1).padStart(7)} ms`);
  }
  // Informational: the targets are the editor's figures below, from the edit to the diagnostics shown.
  const r = report.figure('incremental', 'ratio', 'incremental lint of a one-cell edit, 100k ÷ 10k rows', ratio(edits[100_000], edits[10_000], 'edit 100k ÷ 10k'), 'x', { how: 'the two medians' });
  log(`100k ÷ 10k: ${r.toFixed(2)}x`);
}

/** Lints one file in a fresh process (out/test/bench/lint-file.js): { ms, peak } with peak the process's max RSS. */
function lintInProcess(file) {
  const out = execFileSync(process.execPath, [path.join(root, 'out/test/bench/lint-file.js'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

function hostile() {
  const scale = Number(option('--hostile-scale') ?? 1);
  const { hostileFiles } = require(path.join(root, 'out/test/bench/hostile.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-'));
  const mb = n => `${(n / 2 ** 20).toFixed(0)} MB`;
  const how = 'one process each (out/test/bench/lint-file.js): lintBytes wall time; peak = the process\'s max RSS';
  log('\nhostile files (one process each, as the CLI lints: decode, read, lint; peak = max RSS):');
  log('file                        size      time      peak   | clean twin         size      time      peak   | ratio time  memory');
  try {
    for (const [bad, clean] of hostileFiles(scale)) {
      const run = f => {
        const file = path.join(dir, 'f.csv');
        fs.writeFileSync(file, f.text);
        const r = lintInProcess(file);
        fs.rmSync(file);
        return { ...r, size: Buffer.byteLength(f.text) };
      };
      const h = run(bad);
      const c = run(clean);
      for (const [f, r] of [[bad, h], [clean, c]]) {
        report.figure('hostile', `${f.id}.size`, `${f.name}: size`, r.size / 2 ** 20, 'MiB', positive);
        report.figure('hostile', `${f.id}.time`, `${f.name}: lint time`, r.ms / 1000, 's', { how, ...positive });
        report.figure('hostile', `${f.id}.peak`, `${f.name}: peak memory`, r.peak / 2 ** 20, 'MiB', { how, ...positive });
      }
      const within = { op: '<=', bound: 2 };
      const t = report.figure('hostile', `${bad.id}.timeRatio`, `${bad.name} ÷ ${clean.name}: time`, ratio(h.ms, c.ms, `${bad.name}: time`), 'x', { how, target: within });
      const m = report.figure('hostile', `${bad.id}.peakRatio`, `${bad.name} ÷ ${clean.name}: peak memory`, ratio(h.peak, c.peak, `${bad.name}: peak`), 'x', { how, target: within });
      report.figure('hostile', `${bad.id}.problems`, `${bad.name}: problems counted`, h.problems, 'problems', { min: h.kept });
      log(
        `${bad.name.padEnd(26)} ${mb(h.size).padStart(6)} ${(h.ms / 1000).toFixed(2).padStart(7)} s ${mb(h.peak).padStart(8)} | ` +
          `${clean.name.padEnd(16)} ${mb(c.size).padStart(6)} ${(c.ms / 1000).toFixed(2).padStart(7)} s ${mb(c.peak).padStart(8)} | ` +
          `${`${t.toFixed(2)}x`.padStart(6)} ${`${m.toFixed(2)}x`.padStart(7)}   (${h.problems} problems, ${h.kept} kept)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The editor half (test/bench/index.ts) in a real VS Code: `--editor-rounds N` (default 3) rounds, each figure their
 * median; `--cpu-prof DIR` also writes a CPU profile of the extension host's main thread per round into DIR. Its
 * `BENCH ` lines are printed, its `BENCH-FIGURE {json}` lines recorded.
 */
function editor() {
  const rounds = Number(option('--editor-rounds') ?? 3);
  const profiles = option('--cpu-prof');
  log(`\neditor (real VS Code extension host, ${rounds} rounds):`);
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
  const output = `${r.stdout}\n${r.stderr}`.split('\n');
  const lines = output.filter(l => l.startsWith('BENCH '));
  if (r.status !== 0 || lines.length === 0) {
    console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
    throw new Error(`the editor part exited ${r.status} after ${lines.length} BENCH lines`);
  }
  for (const l of lines) log('  ' + l.slice(6));
  const figures = output.filter(l => l.startsWith('BENCH-FIGURE ')).map(l => JSON.parse(l.slice('BENCH-FIGURE '.length)));
  check(figures.length > 0, 'the editor part printed no figures');
  for (const f of figures) report.figure('editor', f.id, f.name, f.value, f.unit, { how: f.how, samples: f.samples, min: 0, ...(f.target ? { target: f.target } : {}) });
}

try {
  lintInThisProcess();
  wholeProcess();
  incremental();
  if (!process.argv.includes('--no-hostile')) hostile();
  // The importer against the local JumpCloud (test/bench/import.ts); `--no-import` skips its few minutes.
  if (!process.argv.includes('--no-import')) {
    const importBench = require(path.join(root, 'out/test/bench/import.js'));
    await importBench.runImportBench(report);
    await importBench.runMemoryBench(report);
  }
  if (!process.argv.includes('--no-editor')) editor();
  report.write(jsonFile);
} catch (e) {
  console.error(e);
  report.write(jsonFile, e);
  process.exit(1);
}
