import * as path from 'node:path';

/**
 * A file's path relative to `cwd` as path segments, or undefined when it is not under `cwd` (then no relative name
 * means the same file to a CI system that resolves names against the repository root).
 */
export function segmentsUnder(file: string, cwd: string): string[] | undefined {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  const outside = relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? undefined : relative.split(path.sep);
}
