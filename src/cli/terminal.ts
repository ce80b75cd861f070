import * as readline from 'node:readline/promises';

/** Asks one question on the terminal (stdin/stderr, so stdout stays the command's output). */
export async function terminalAsk(question: string): Promise<string | undefined> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** A progress line on stderr (through `write`, the CLI's own stderr writer) that rewrites itself, at most ten times a second. */
export function terminalProgress(write: (text: string) => void): (text: string) => void {
  let last = 0;
  return text => {
    const now = Date.now();
    // An empty text clears the line at once (before the results are printed).
    if (text !== '' && now - last < 100) return;
    last = now;
    write(`\r\x1b[K${text}`);
  };
}
