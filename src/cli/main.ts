import { runProgram } from './program';
import { templateCommand } from './commands/template';
import { emulatorCommand } from './commands/emulator';
import { lintCommand } from './commands/lint';
import { exportCommand } from './commands/export';
import type { CliCommand } from './io';

declare const __VERSION__: string | undefined;

/** The `jumpcloud-csv` entry point: wires the real process into the program. */
const commands: readonly CliCommand[] = [templateCommand, lintCommand, exportCommand, emulatorCommand];

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
  },
).then(code => {
  process.exitCode = code;
});
