/**
 * Preloaded into a CLI process by the benchmarks (`node -r out/test/bench/peak-rss.js dist/cli.js …`): on exit, writes
 * the whole process's peak resident memory to stderr as `@@peak-rss BYTES`, so a figure covers everything the process
 * held (heap, buffers, code), not only the JavaScript heap.
 */
import * as fs from 'node:fs';

process.on('exit', () => {
  // maxRSS is in KiB.
  fs.writeSync(2, `\n@@peak-rss ${process.resourceUsage().maxRSS * 1024}\n`);
});
