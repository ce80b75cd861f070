// How long `jumpcloud-csv --help` takes to start, against `node -e 0` (Node's own start-up) on the same machine.
//
//   npm run bench:startup          (builds nothing: run `node esbuild.js --production` first for the shipped figure)
//
// Each command runs RUNS times, alternating, after two warm-up runs; the medians and their ratio are printed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RUNS = Number(process.env.RUNS || 21);
const cases = [
  ['node -e 0', ['-e', '0']],
  ['jumpcloud-csv --help', [CLI, '--help']],
  ['jumpcloud-csv template --type import --stdout', [CLI, 'template', '--type', 'import', '--stdout']],
];

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const samples = cases.map(() => []);
for (let i = 0; i < RUNS + 2; i++) {
  cases.forEach(([, args], c) => {
    const ms = time(args);
    if (i >= 2) samples[c].push(ms);
  });
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples[0]);
cases.forEach(([name], c) => {
  const m = median(samples[c]);
  console.log(`${name.padEnd(48)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}x`);
});
