import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/** A folder the product writes files into, as the template orchestration needs it. */
export interface TemplateFolder {
  /** Where a name in the folder is, for messages. */
  pathOf(name: string): string;
  /** Whether anything (a file, a folder, a symbolic link, even a broken one) has this name. */
  exists(name: string): Promise<boolean>;
  /**
   * Writes a file. `new` fails if the name is taken by then; `replace` swaps in a complete new file, so a symbolic
   * link at the name is replaced itself and its target is never written.
   */
  write(name: string, text: string, mode: 'new' | 'replace'): Promise<void>;
}

/** A folder on disk, written with Node's fs (the CLI, and the extension host for `file:` folders). */
export function diskFolder(dir: string): TemplateFolder {
  const pathOf = (name: string) => path.join(dir, name);
  return {
    pathOf,
    async exists(name) {
      try {
        await fs.lstat(pathOf(name));
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw e;
      }
    },
    async write(name, text, mode) {
      const target = pathOf(name);
      // O_CREAT|O_EXCL: fails on any existing entry and never follows a link.
      if (mode === 'new') return fs.writeFile(target, text, { flag: 'wx' });
      const temporary = pathOf(`.${name}.${randomUUID()}.tmp`);
      await fs.writeFile(temporary, text, { flag: 'wx' });
      try {
        // rename replaces the directory entry (a link included), never the file a link points to.
        await fs.rename(temporary, target);
      } catch (e) {
        await fs.rm(temporary, { force: true });
        throw e;
      }
    },
  };
}
