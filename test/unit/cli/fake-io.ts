import type { CliIo } from '../../../src/cli/io';

/** A CliIo that records what a command prints. */
export function fakeIo(cwd: string, env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    env,
    cwd,
    version: 'test',
    signal: new AbortController().signal,
  };
  return io;
}
