import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileConflict } from '../../../src/core/template';
import { EXPORT_BLOCKS, exportTarget, writeExportFile, type ExportTarget } from '../../../src/vscode/export/export-file';

async function* chunksOf(...parts: string[]): AsyncGenerator<string> {
  for (const part of parts) yield part;
}

async function* failing(): AsyncGenerator<string> {
  yield 'Username\r\n';
  throw new Error('JumpCloud went away');
}

describe('export file (editor command, without VS Code)', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jc-export-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('offers the blocks an export can fill: not device binding, which is not part of the user record', () => {
    assert.ok(EXPORT_BLOCKS.includes('groups') && EXPORT_BLOCKS.includes('attributes') && EXPORT_BLOCKS.includes('location'));
    assert.ok(!EXPORT_BLOCKS.includes('systems'));
    assert.ok(!EXPORT_BLOCKS.includes('base'), 'Username is always in, not a choice');
  });

  it('takes a free name without asking', async () => {
    const asked: FileConflict[] = [];
    const target = await exportTarget(dir, 'JCUserUpdateImport_12-02-2026.csv', async c => (asked.push(c), 'replace'));
    assert.deepEqual(target, { kind: 'target', path: path.join(dir, 'JCUserUpdateImport_12-02-2026.csv'), mode: 'new' });
    assert.deepEqual(asked, []);
  });

  it('asks about a taken name: keep both names the first free "(n)", replace keeps the name, back and cancel stop', async () => {
    await fs.writeFile(path.join(dir, 'a.csv'), 'x');
    await fs.writeFile(path.join(dir, 'a (2).csv'), 'x');
    const asked: FileConflict[] = [];
    const keep = await exportTarget(dir, 'a.csv', async c => (asked.push(c), 'keep-both'));
    assert.deepEqual(asked, [{ file: 'template', name: 'a.csv', alternative: 'a (3).csv' }]);
    assert.deepEqual(keep, { kind: 'target', path: path.join(dir, 'a (3).csv'), mode: 'new' });
    assert.deepEqual(await exportTarget(dir, 'a.csv', async () => 'replace'), { kind: 'target', path: path.join(dir, 'a.csv'), mode: 'replace' });
    assert.deepEqual(await exportTarget(dir, 'a.csv', async () => 'back'), { kind: 'back' });
    assert.deepEqual(await exportTarget(dir, 'a.csv', async () => 'cancel'), { kind: 'cancel' });
  });

  it('writes the chunks and leaves no hidden partial file', async () => {
    const target: ExportTarget = { kind: 'target', path: path.join(dir, 'out.csv'), mode: 'new' };
    assert.equal(await writeExportFile(target, chunksOf('Username\r\n', '', 'alice\r\n')), 'written');
    assert.equal(await fs.readFile(target.path, 'utf8'), 'Username\r\nalice\r\n');
    assert.deepEqual(await fs.readdir(dir), ['out.csv']);
  });

  it('keeps a file that took the name meanwhile in "new" mode, and replaces it in "replace" mode', async () => {
    const file = path.join(dir, 'out.csv');
    await fs.writeFile(file, 'edited by the admin');
    assert.equal(await writeExportFile({ kind: 'target', path: file, mode: 'new' }, chunksOf('Username\r\n')), 'exists');
    assert.equal(await fs.readFile(file, 'utf8'), 'edited by the admin');
    assert.equal(await writeExportFile({ kind: 'target', path: file, mode: 'replace' }, chunksOf('Username\r\n')), 'written');
    assert.equal(await fs.readFile(file, 'utf8'), 'Username\r\n');
    assert.deepEqual(await fs.readdir(dir), ['out.csv']);
  });

  it('leaves nothing behind when the read fails, and an existing file untouched', async () => {
    const file = path.join(dir, 'out.csv');
    await fs.writeFile(file, 'before');
    await assert.rejects(writeExportFile({ kind: 'target', path: file, mode: 'replace' }, failing()), /went away/);
    assert.equal(await fs.readFile(file, 'utf8'), 'before');
    assert.deepEqual(await fs.readdir(dir), ['out.csv']);
  });
});
