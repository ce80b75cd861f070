// npm run bench: how fast the linter is, measured against a bare csv-parse parse of the same text in the same run,
// and how quickly the editor shows diagnostics after an edit (in a real VS Code extension host).
// Prints a table; targets: lint <= 1.5x csv-parse, one-cell edit on 10k rows < 150 ms, no main-thread block > 50 ms.
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync('node', ['esbuild.js'], { cwd: root, stdio: 'ignore' });
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
const { lintText } = require(path.join(root, 'out/src/core/lint'));
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
  const lint = time(() => (problems = lintText(text, { type: 'import' }).total), runs);
  console.log(`${String(rows).padEnd(8)} ${(text.length / 2 ** 20).toFixed(1).padStart(5)} MB  ${bare.toFixed(1).padStart(8)} ms ${lint.toFixed(1).padStart(8)} ms  ${(lint / bare).toFixed(2).padStart(5)}x  ${problems}`);
}

// The importer against the local JumpCloud (test/bench/import.ts); `--no-import` skips its few minutes.
if (!process.argv.includes('--no-import')) await require(path.join(root, 'out/test/bench/import.js')).runImportBench();

if (process.argv.includes('--no-editor')) process.exit(0);
console.log('\neditor (real VS Code extension host):');
const r = spawnSync('node', [path.join(root, 'tools/vscode-host/run-host-tests.mjs'), '--tests', path.join(root, 'out/test/bench/index.js')], {
  cwd: root, encoding: 'utf8', env: { ...process.env, HOST_TEST_TIMEOUT_MS: '120000' },
});
const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter(l => l.startsWith('BENCH '));
for (const l of lines) console.log('  ' + l.slice(6));
if (r.status !== 0 || lines.length === 0) {
  console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
  process.exit(1);
}
