/**
 * Lints one file as the CLI does (bytes decoded, default problem cap) in a process of its own, and prints its time and
 * the process's peak memory as JSON: `node out/test/bench/lint-file.js FILE`. Used by tools/bench.mjs.
 */
import * as fs from 'node:fs';
import { lintBytes } from '../../src/core/lint';

const file = process.argv[2];
if (file) {
  const bytes = fs.readFileSync(file);
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const result = lintBytes(bytes, { type: 'import' });
  const ms = performance.now() - start;
  // maxRSS is in KiB.
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms, peak, base: before, problems: result.total, kept: result.problems.length }) + '\n');
}
