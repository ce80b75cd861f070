import { CLOSED_OUTPUT_EXIT, ClosedOutputError, UsageError, type CliCommand, type CliIo, type ExitCode } from './io';

/** A command known by name, loaded only when it runs or its usage is shown. */
export interface LazyCommand {
  readonly name: string;
  readonly load: () => Promise<CliCommand>;
}

/** The program's name and version, as the CLI prints them. */
export interface ProgramInfo {
  readonly name: string;
  readonly version: string;
}

/** The top-level help: every command's summary, then each command's full usage. */
function helpText(info: ProgramInfo, commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map(c => c.name.length));
  return [
    `${info.name} ${info.version}: create, check, import and export JumpCloud user CSV files`,
    '',
    `Usage: ${info.name} COMMAND [options]`,
    '',
    'Commands:',
    ...commands.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${info.name} COMMAND --help" for one command. Exit codes: 0 success, 1 problems found, 2 bad usage.`,
    ...commands.flatMap(c => ['', c.usage]),
    '',
  ].join('\n');
}

/** Node's parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options. */
function isArgumentError(e: unknown): e is Error {
  return e instanceof UsageError || (e instanceof TypeError && String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));
}

const loaded = (c: CliCommand | LazyCommand): Promise<CliCommand> => ('load' in c ? c.load() : Promise.resolve(c));

/**
 * Runs one command line; every failure becomes a one-line message and an exit code, never a stack trace. Only the
 * command named is loaded (all of them for the full help). An output closed under a command that did not handle it
 * ends the program quietly with 141, as SIGPIPE ends a Unix tool.
 */
export async function runProgram(info: ProgramInfo, commands: readonly (CliCommand | LazyCommand)[], argv: string[], io: CliIo): Promise<ExitCode> {
  try {
    return await runCommandLine(info, commands, argv, io);
  } catch (e) {
    if (e instanceof ClosedOutputError) return CLOSED_OUTPUT_EXIT;
    throw e;
  }
}

async function runCommandLine(info: ProgramInfo, commands: readonly (CliCommand | LazyCommand)[], argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText(info, await Promise.all(commands.map(loaded))));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${info.version}\n`);
    return 0;
  }
  const entry = commands.find(c => c.name === name);
  if (!entry) {
    io.stderr(`${info.name}: unknown command "${name}"; run "${info.name} --help" for the list\n`);
    return 2;
  }
  const command = await loaded(entry);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof ClosedOutputError) throw e;
    if (isArgumentError(e)) {
      io.stderr(`${info.name} ${name}: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    io.stderr(`${info.name} ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
