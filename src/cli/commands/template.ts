import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { BLOCKS, blocksFor, MAX_NUMBERED, type BlockId, type UserCsvKind } from '../../core/catalogue';
import { buildTemplateFiles, checkCount, createTemplate, diskFolder, needsOrganization, type FileConflict, type TemplateRequest } from '../../core/template';
import { UsageError, type CliCommand, type CliIo } from '../io';
import { readOrganizationFromEnv } from '../jumpcloud-env';

/** Blocks chosen with --with; groups and attributes come from their counts instead. */
const WITH_BLOCKS = BLOCKS.filter(b => !b.always && !b.counted).map(b => b.id);

const usage = `Usage: jumpcloud-csv template --type import|update [options]

Writes a CSV template for creating (import) or updating (update) JumpCloud users,
named JCUserImport_MM-DD-YYYY.csv or JCUserUpdateImport_MM-DD-YYYY.csv.

Options:
  --type import|update   the kind of template (required)
  --all                  every column the type accepts
  --with BLOCK,...       add column blocks: ${WITH_BLOCKS.join(', ')}
                         (email and names are for update templates only)
  --groups N             add Group1..GroupN columns (0-${MAX_NUMBERED})
  --attributes M         add M custom attribute name/value column pairs (0-${MAX_NUMBERED})
  --dir DIR              folder to write to (default: the current folder)
  --stdout               print the CSV instead of writing a file
  --force                replace existing files of the same names (a symbolic link
                         is replaced itself; the file it points to is not written)
  --populate             update only: one row per existing user, sorted (needs JC_API_KEY)
  --systems-file         also write JCSystems_MM-DD-YYYY.csv, the devices and their ids
                         (needs JC_API_KEY)
  -h, --help             show this help

Without --force nothing is written if either file exists. Cells that a spreadsheet
would run as a formula (starting with = + - @, a tab or a carriage return) are
written with a leading apostrophe.

JC_API_KEY (with JC_ORG_ID, JC_REGION us|eu|in or JC_API_URL as needed) is read from
the environment, never from a flag; if the organization cannot be read, nothing is
written and the exit code is 2.`;

/** The organization for --populate / --systems-file; without a key, an error that says what to set. */
async function readOrganization(io: CliIo) {
  const org = await readOrganizationFromEnv(io);
  if (!org) throw new UsageError('--populate and --systems-file read your organization: set JC_API_KEY');
  return org;
}

function parseCount(flag: string, text: string | undefined): number {
  if (text === undefined) return 0;
  const problem = checkCount(text);
  if (problem) throw new UsageError(`--${flag} ${text}: ${problem}`);
  return Number(text);
}

export const templateCommand: CliCommand = {
  name: 'template',
  summary: 'write a CSV template for new or existing users',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        type: { type: 'string' },
        all: { type: 'boolean', default: false },
        with: { type: 'string' },
        groups: { type: 'string' },
        attributes: { type: 'string' },
        dir: { type: 'string' },
        stdout: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        populate: { type: 'boolean', default: false },
        'systems-file': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.type !== 'import' && values.type !== 'update') {
      throw new UsageError(values.type === undefined ? '--type is required (import or update)' : `--type must be import or update, not "${values.type}"`);
    }
    const type: UserCsvKind = values.type;
    const groups = parseCount('groups', values.groups);
    const attributes = parseCount('attributes', values.attributes);
    const available = new Set(blocksFor(type));
    const chosen = new Set<BlockId>();
    for (const name of (values.with ?? '').split(',').map(s => s.trim()).filter(Boolean)) {
      const block = WITH_BLOCKS.find(b => b === name);
      if (!block) throw new UsageError(`--with ${name}: unknown block; use ${WITH_BLOCKS.join(', ')}`);
      if (!available.has(block)) throw new UsageError(`--with ${name}: not available for ${type} templates`);
      chosen.add(block);
    }
    if (groups > 0) chosen.add('groups');
    if (attributes > 0) chosen.add('attributes');
    if (values.populate && type !== 'update') throw new UsageError('--populate is for update templates');
    if (values['systems-file'] && values.stdout) throw new UsageError('--systems-file writes a second file; it does not go with --stdout');
    const request: TemplateRequest = {
      answers: { type, blocks: values.all ? 'all' : chosen, groups, attributes },
      populate: values.populate,
      systemsFile: values['systems-file'],
      date: new Date(),
    };
    if (values.stdout) {
      const org = needsOrganization(request) ? await readOrganization(io) : undefined;
      io.stdout(buildTemplateFiles(request, org).template.text);
      return 0;
    }
    const dir = path.resolve(io.cwd, values.dir ?? '.');
    const taken: FileConflict[] = [];
    let outcome;
    try {
      outcome = await createTemplate(request, {
        folder: diskFolder(dir),
        organization: () => readOrganization(io),
        onConflict: async conflict => {
          if (values.force) return 'replace';
          taken.push(conflict);
          return 'cancel';
        },
      });
    } catch (e) {
      if (e instanceof UsageError) throw e;
      io.stderr(`jumpcloud-csv: cannot write in ${dir}: ${(e as Error).message}\n`);
      return 2;
    }
    if (outcome.kind !== 'written') {
      for (const t of taken) io.stderr(`jumpcloud-csv: ${path.join(dir, t.name)} already exists; pass --force to replace it\n`);
      return 1;
    }
    const { files, template, systems } = outcome;
    io.stdout(`wrote ${template.path} (${files.template.headers.length} columns${files.users === undefined ? '' : `, ${files.users} users`})\n`);
    if (systems && files.systems) io.stdout(`wrote ${systems.path} (${files.systems.devices} devices)\n`);
    return 0;
  },
};
