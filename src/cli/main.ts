import * as fs from 'node:fs';
import { ClosedOutputError, keepGoing } from './io';
import { runProgram, type LazyCommand } from './program';
import { terminalAsk, terminalProgress } from './terminal';

declare const __VERSION__: string | undefined;

/**
 * The `jumpcloud-csv` entry point: wires the real process into the program. Each command is imported when it runs,
 * so `--help` and `template` never load undici, the API client or the local JumpCloud.
 */
const commands: readonly LazyCommand[] = [
  { name: 'template', load: () => import('./commands/template').then(m => m.templateCommand) },
  { name: 'lint', load: () => import('./commands/lint').then(m => m.lintCommand) },
  { name: 'import', load: () => import('./commands/import').then(m => m.importCommand) },
  { name: 'export', load: () => import('./commands/export').then(m => m.exportCommand) },
  { name: 'emulator', load: () => import('./commands/emulator').then(m => m.emulatorCommand) },
];

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

/** Something to wait on while a full pipe drains (never notified: only the timeout ends the wait). */
const DRAIN_WAIT = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes synchronously to a file descriptor. process.stdout reports a closed pipe later, as an 'error' event (a stack
 * trace when unhandled), after a whole file's problems were queued; a synchronous write fails on the first line past
 * the close, and throws a ClosedOutputError there (then on every later write) for the command to handle (Node ignores
 * SIGPIPE).
 */
function writer(fd: number, stream: 'stdout' | 'stderr'): (text: string) => void {
  let closed = false;
  return text => {
    if (closed) throw new ClosedOutputError(stream);
    let data = Buffer.from(text, 'utf8');
    while (data.length > 0) {
      try {
        data = data.subarray(fs.writeSync(fd, data));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A socket (what Node makes for a child's stdio) says ECONNRESET where a pipe says EPIPE.
        if (code === 'EPIPE' || code === 'ECONNRESET') {
          closed = true;
          throw new ClosedOutputError(stream);
        }
        // A non-blocking pipe that is full: let the reader catch up.
        if (code === 'EAGAIN') Atomics.wait(DRAIN_WAIT, 0, 0, 5);
        else throw e;
      }
    }
  };
}

const version = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

runProgram(
  { name: 'jumpcloud-csv', version },
  commands,
  process.argv.slice(2),
  {
    stdout: writer(1, 'stdout'),
    stderr: writer(2, 'stderr'),
    env: process.env,
    cwd: process.cwd(),
    version,
    signal: controller.signal,
    ...(process.stdin.isTTY && process.stderr.isTTY ? { ask: terminalAsk } : {}),
    ...(process.stderr.isTTY ? { progress: terminalProgress(keepGoing(writer(2, 'stderr')).write) } : {}),
  },
).then(
  code => {
    settled = true;
    process.exitCode = code;
  },
  (e: unknown) => {
    settled = true;
    process.stderr.write(`jumpcloud-csv: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

// Never a silent success: if the command's promise never settles (a request that neither answers nor fails), the
// event loop empties with no exit code set, which a shell would read as 0.
let settled = false;
process.once('beforeExit', () => {
  if (settled) return;
  process.stderr.write('jumpcloud-csv: stopped before the command finished (a request never completed); see the journal for what was sent\n');
  process.exitCode = 1;
});
