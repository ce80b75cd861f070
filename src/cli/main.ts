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

const version = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

runProgram(
  { name: 'jumpcloud-csv', version },
  commands,
  process.argv.slice(2),
  {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    version,
    signal: controller.signal,
    ...(process.stdin.isTTY && process.stderr.isTTY ? { ask: terminalAsk } : {}),
    ...(process.stderr.isTTY ? { progress: terminalProgress() } : {}),
  },
).then(code => {
  process.exitCode = code;
});
