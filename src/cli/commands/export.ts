import { parseArgs } from 'node:util';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { blocksFor, type BlockId } from '../../core/catalogue';
import { describeNote, exportColumns, exportUsers, ExportError, leftOutColumns, type UserExport } from '../../core/export';
import { pathTaken, writeFileSafely } from '../../core/files/safe-write';
import { templateFileName } from '../../core/template';
import { UsageError, type CliCommand, type CliIo } from '../io';
import { asSetUpFailure, connectionFromEnv } from '../jumpcloud-env';

/** Blocks --with takes: those that add a column an export can fill (device binding adds none). */
const EXPORT_BLOCKS = blocksFor('update').filter(b => b !== 'base' && (b === 'groups' || b === 'attributes' || exportColumns(new Set([b])).length > 1));
const LEFT_OUT = leftOutColumns('all');
/** At most this many notes are printed one by one; the rest are counted. */
const NOTES_SHOWN = 100;

const usage = `Usage: jumpcloud-csv export [--all | --with BLOCK,...] [options]

Writes your organization's users with their current values as an update file,
JCUserUpdateImport_MM-DD-YYYY.csv: one row per user, sorted by username, with
Group1..GroupN and custom attribute columns sized to the data. Edit it and import it:
the untouched file changes nothing, an edited cell changes that field only.

Options:
  --all                  every column that can be exported
  --with BLOCK,...       column blocks: ${EXPORT_BLOCKS.join(', ')}
                         (without --all or --with: usernames only)
  --groups-of NAME,...   only the direct members of these user groups
  --dir DIR              folder to write to (default: the current folder)
  --stdout               print the CSV instead of writing a file
  --force                replace an existing file of the same name
  -h, --help             show this help

Never exported: ${LEFT_OUT.map(c => c.header).join(', ')} and passwordless_sudo (passwords cannot be
read; bindings and the enrollment window are not part of the user record; passwordless_sudo
is for new users only). A value that a spreadsheet would run as a formula (=, +, -, @
followed by more than a number), or that would not read back exactly as it is, is left
empty, so the import leaves it unchanged, and reported on stderr.

JC_API_KEY (with JC_ORG_ID, JC_REGION us|eu|in or JC_API_URL as needed) is read from
the environment, never from a flag.

Exit codes: 0 written (notes on stderr), 1 the file exists (pass --force), 2 bad
usage or an organization that cannot be read (the message names the setting to check).`;

function chosenBlocks(all: boolean, list: string | undefined): ReadonlySet<BlockId> | 'all' {
  if (all && list !== undefined) throw new UsageError('--all and --with do not go together');
  if (all) return 'all';
  const chosen = new Set<BlockId>();
  for (const name of (list ?? '').split(',').map(s => s.trim()).filter(Boolean)) {
    const block = EXPORT_BLOCKS.find(b => b === name);
    if (block) chosen.add(block);
    else if (blocksFor('update').includes(name as BlockId)) {
      throw new UsageError(`--with ${name}: nothing to export (${leftOutColumns(new Set([name as BlockId])).map(c => `${c.header}: ${c.reason}`).join('; ')})`);
    } else throw new UsageError(`--with ${name}: unknown block; use ${EXPORT_BLOCKS.join(', ')}`);
  }
  return chosen;
}

function reportNotes(io: CliIo, exported: UserExport): void {
  const notes = exported.summary.notes;
  for (const note of notes.slice(0, NOTES_SHOWN)) io.stderr(`jumpcloud-csv export: ${describeNote(note)}\n`);
  if (notes.length > NOTES_SHOWN) io.stderr(`jumpcloud-csv export: … and ${notes.length - NOTES_SHOWN} more\n`);
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "write the organization's users with their current values as an update file",
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        all: { type: 'boolean', default: false },
        with: { type: 'string' },
        'groups-of': { type: 'string' },
        dir: { type: 'string' },
        stdout: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const blocks = chosenBlocks(values.all, values.with);
    const groupsOf = values['groups-of']?.split(',').map(s => s.trim()).filter(Boolean);
    if (values['groups-of'] !== undefined && !groupsOf?.length) throw new UsageError('--groups-of needs at least one group name');
    if (values.stdout && values.dir !== undefined) throw new UsageError('--stdout and --dir do not go together');
    if (values.stdout && values.force) throw new UsageError('--force is for files; it does not go with --stdout');

    const date = new Date();
    const file = values.stdout ? undefined : path.resolve(io.cwd, values.dir ?? '.', templateFileName('update', date));
    if (file) {
      const folder = await fs.stat(path.dirname(file)).catch(() => undefined);
      if (!folder?.isDirectory()) {
        io.stderr(`jumpcloud-csv: cannot write ${file}: no such folder\n`);
        return 2;
      }
    }
    if (file && !values.force && (await pathTaken(file))) {
      io.stderr(`jumpcloud-csv: ${file} already exists; pass --force to replace it\n`);
      return 1;
    }
    const connection = await connectionFromEnv(io);
    if (!connection) throw new UsageError('export reads your organization: set JC_API_KEY');
    try {
      let exported: UserExport;
      try {
        exported = await exportUsers(connection.client, { blocks, ...(groupsOf ? { groupsOf } : {}), date, signal: io.signal });
      } catch (e) {
        if (!(e instanceof ExportError)) throw e;
        io.stderr(`jumpcloud-csv export: --groups-of: ${e.message}\n`);
        return 2;
      }
      const columns = exported.headers.length;
      if (!file) {
        for await (const chunk of exported.chunks) if (chunk) io.stdout(chunk);
        reportNotes(io, exported);
        io.stderr(`${exported.summary.users} users, ${columns} columns${exported.summary.notes.length ? `; ${exported.summary.notes.length} values left out (see above)` : ''}\n`);
        return 0;
      }
      if ((await writeFileSafely(file, exported.chunks, values.force ? 'replace' : 'new')) === 'exists') {
        io.stderr(`jumpcloud-csv: ${file} already exists; pass --force to replace it\n`);
        return 1;
      }
      reportNotes(io, exported);
      io.stdout(`wrote ${file} (${columns} columns, ${exported.summary.users} users${exported.summary.notes.length ? `; ${exported.summary.notes.length} values left out, see above` : ''})\n`);
      return 0;
    } catch (e) {
      // Pages are read as the file is written, so a refused key or a silent address can fail at any point (exit 2).
      throw asSetUpFailure(e);
    } finally {
      await connection.close();
    }
  },
};
