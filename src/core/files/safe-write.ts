import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The one way the product writes a file (templates, the systems file, exports, import results), in the CLI and the
 * extension host alike:
 * - the content goes into a hidden file beside the target, streamed, and is moved into place only when complete, so a
 *   failed or cancelled write leaves no half file;
 * - `new` never replaces anything: a hard link fails on a name taken by anything, a file that appeared meanwhile
 *   included;
 * - `replace` swaps the directory entry, so a symbolic link at the name is replaced itself and the file it points to
 *   is never written.
 */
export type WriteMode = 'new' | 'replace';

/** `exists`: in `new` mode, the name was taken (nothing was written). */
export type WriteOutcome = 'written' | 'exists';

export type FileContent = string | Iterable<string> | AsyncIterable<string>;

/** Whether anything (a file, a folder, a symbolic link, even a broken one) has this path. */
export async function pathTaken(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * Whether two paths name the same file, following links as a write through them would: a results file that is the
 * CSV being imported (by another name, a hard link or a symbolic link) must not be written.
 */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => undefined), fs.stat(b).catch(() => undefined)]);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}

export async function writeFileSafely(file: string, content: FileContent, mode: WriteMode): Promise<WriteOutcome> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  // O_CREAT|O_EXCL: the hidden name is ours alone, never a link someone left there.
  const handle = await fs.open(temp, 'wx');
  try {
    try {
      if (typeof content === 'string') await handle.write(content);
      else for await (const chunk of content) if (chunk) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    if (mode === 'replace') {
      await fs.rename(temp, file);
      return 'written';
    }
    try {
      await fs.link(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      // File systems without hard links: check, then rename (a file created in between would be replaced).
      if (await pathTaken(file)) return 'exists';
      await fs.rename(temp, file);
    }
    return 'written';
  } finally {
    await fs.rm(temp, { force: true });
  }
}
