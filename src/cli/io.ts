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

/** A command's outcome: 0 success, 1 the work found errors, 2 bad usage or unreadable input, 141 output closed. */
export type ExitCode = 0 | 1 | 2 | typeof CLOSED_OUTPUT_EXIT;

/** 128 + SIGPIPE: what a shell reports for a Unix tool whose reader went away (`| head`). */
export const CLOSED_OUTPUT_EXIT = 141;

/**
 * The reader of stdout or stderr went away (`| head -1`). The CLI's writers throw it, on that write and every later
 * one, so each command decides what a closed output means: the lint stops there, quietly, as a Unix tool killed by
 * SIGPIPE does; an import that has started sending finishes (see the import command).
 */
export class ClosedOutputError extends Error {
  constructor(readonly stream: 'stdout' | 'stderr') {
    super(`${stream} was closed`);
  }
}

/** A writer that swallows a closed output and remembers it: for what must not stop work already under way. */
export function keepGoing(write: (text: string) => void): { readonly write: (text: string) => void; readonly closed: () => boolean } {
  let closed = false;
  return {
    write: text => {
      if (closed) return;
      try {
        write(text);
      } catch (e) {
        if (!(e instanceof ClosedOutputError)) throw e;
        closed = true;
      }
    },
    closed: () => closed,
  };
}

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
