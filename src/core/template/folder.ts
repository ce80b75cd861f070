import * as path from 'node:path';
import { pathTaken, writeFileSafely } from '../files/safe-write';

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

/** A folder on disk, written with Node's fs through the one safe writer (the CLI, and the extension host for `file:` folders). */
export function diskFolder(dir: string): TemplateFolder {
  const pathOf = (name: string) => path.join(dir, name);
  return {
    pathOf,
    exists: name => pathTaken(pathOf(name)),
    async write(name, text, mode) {
      if ((await writeFileSafely(pathOf(name), text, mode)) === 'exists') {
        throw Object.assign(new Error(`EEXIST: ${pathOf(name)} already exists`), { code: 'EEXIST' });
      }
    },
  };
}
