/** What a CLI command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The product version (for the API's User-Agent). */
  readonly version: string;
  /** Aborted on Ctrl+C (SIGINT). */
  readonly signal: AbortSignal;
  /** Asks a question on the terminal and resolves with the answer; absent when stdin is not a terminal. */
  readonly ask?: (question: string) => Promise<string | undefined>;
  /** Shows a transient progress line on stderr; absent when stderr is not a terminal. */
  readonly progress?: (text: string) => void;
}

/** A command's outcome: 0 success, 1 the work found errors, 2 bad usage or unreadable input. */
export type ExitCode = 0 | 1 | 2;

export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full usage text, shown by `jumpcloud-csv COMMAND --help` and `jumpcloud-csv --help`. */
  readonly usage: string;
  readonly run: (argv: string[], io: CliIo) => Promise<ExitCode>;
}

/** Bad arguments: reported as one line and exit code 2. */
export class UsageError extends Error {}
