import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { blocksFor, type BlockId } from '../../core/catalogue';
import { exportColumns } from '../../core/export/columns';
import { diskFolder, freeName, type ConflictChoice, type FileConflict } from '../../core/template';

/**
 * Where an export goes and how it is written, without VS Code (unit-tested in Node): the blocks worth offering, the
 * name to write under once a taken name is settled, and a write that never leaves half a file or replaces one by
 * surprise.
 */

/** Blocks an export can fill, in wizard order: device binding adds no column an export can read. */
export const EXPORT_BLOCKS: readonly BlockId[] = blocksFor('update').filter(
  b => b !== 'base' && (b === 'groups' || b === 'attributes' || exportColumns(new Set([b])).length > 1),
);

/** A name to write under: `new` must not exist when written, `replace` swaps the existing file. */
export type ExportTarget = { readonly kind: 'target'; readonly path: string; readonly mode: 'new' | 'replace' };

/** Settles a taken name as the template wizard does: asks once, keep both (`name (2).csv`) or replace. */
export async function exportTarget(dir: string, fileName: string, onConflict: (conflict: FileConflict) => Promise<ConflictChoice>): Promise<ExportTarget | { readonly kind: 'back' | 'cancel' }> {
  const folder = diskFolder(dir);
  if (!(await folder.exists(fileName))) return { kind: 'target', path: folder.pathOf(fileName), mode: 'new' };
  const alternative = await freeName(folder, fileName);
  const choice = await onConflict({ file: 'template', name: fileName, alternative });
  if (choice === 'back' || choice === 'cancel') return { kind: choice };
  return choice === 'replace' ? { kind: 'target', path: folder.pathOf(fileName), mode: 'replace' } : { kind: 'target', path: folder.pathOf(alternative), mode: 'new' };
}

/**
 * Streams `chunks` into a hidden file beside the target and moves it into place at the end, so a failed or cancelled
 * read leaves no half file. In `new` mode a file that took the name meanwhile is kept: a hard link fails on a taken name.
 */
export async function writeExportFile(target: ExportTarget, chunks: AsyncIterable<string>): Promise<'written' | 'exists'> {
  const file = target.path;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  const handle = await fs.open(temp, 'wx');
  try {
    try {
      for await (const chunk of chunks) if (chunk) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    if (target.mode === 'replace') {
      await fs.rename(temp, file);
      return 'written';
    }
    try {
      await fs.link(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      // File systems without hard links: check, then rename (a file created in between would be replaced).
      if (await diskFolder(path.dirname(file)).exists(path.basename(file))) return 'exists';
      await fs.rename(temp, file);
    }
    return 'written';
  } finally {
    await fs.rm(temp, { force: true });
  }
}
