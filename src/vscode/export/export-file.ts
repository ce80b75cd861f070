import { blocksFor, type BlockId } from '../../core/catalogue';
import { exportColumns } from '../../core/export/columns';
import { writeFileSafely, type WriteOutcome } from '../../core/files/safe-write';
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

/** Streams `chunks` into place through the one safe writer: no half file, and in `new` mode no file replaced. */
export function writeExportFile(target: ExportTarget, chunks: AsyncIterable<string>): Promise<WriteOutcome> {
  return writeFileSafely(target.path, chunks, target.mode);
}
