import { parseArgs } from 'node:util';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BLOCKS, blocksFor, MAX_NUMBERED, type BlockId, type TemplateType } from '../../core/catalogue';
import type { OrgSnapshot } from '../../core/org';
import { buildSystemsFile, buildTemplate, checkCount } from '../../core/template';
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
  --force                replace an existing file of the same name
  --populate             update only: one row per existing user, sorted (needs JC_API_KEY)
  --systems-file         also write JCSystems_MM-DD-YYYY.csv, the devices and their ids
                         (needs JC_API_KEY)
  -h, --help             show this help

JC_API_KEY (with JC_ORG_ID, JC_REGION us|eu|in or JC_API_URL as needed) is read from
the environment, never from a flag.`;

function parseCount(flag: string, text: string | undefined): number {
  if (text === undefined) return 0;
  const problem = checkCount(text);
  if (problem) throw new UsageError(`--${flag} ${text}: ${problem}`);
  return Number(text);
}

/** The organization for --populate / --systems-file; without a key, an error that says what to set. */
async function readOrganization(io: CliIo): Promise<OrgSnapshot> {
  const org = await readOrganizationFromEnv(io);
  if (!org) throw new UsageError('--populate and --systems-file read your organization: set JC_API_KEY');
  return org;
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
    const type: TemplateType = values.type;
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
    const org = values.populate || values['systems-file'] ? await readOrganization(io) : undefined;
    const usernames = values.populate ? org!.users.map(u => u.username) : undefined;
    const template = buildTemplate({ type, blocks: values.all ? 'all' : chosen, groups, attributes, ...(usernames ? { usernames } : {}) }, new Date());
    if (values.stdout) {
      io.stdout(template.text);
      return 0;
    }
    const file = path.resolve(io.cwd, values.dir ?? '.', template.fileName);
    try {
      await fs.writeFile(file, template.text, { flag: values.force ? 'w' : 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        io.stderr(`jumpcloud-csv: ${file} already exists; pass --force to replace it\n`);
        return 1;
      }
      io.stderr(`jumpcloud-csv: cannot write ${file}: ${(e as Error).message}\n`);
      return 2;
    }
    io.stdout(`wrote ${file} (${template.headers.length} columns${usernames ? `, ${usernames.length} users` : ''})\n`);
    if (org && values['systems-file']) {
      // A list to copy ids from, regenerated each time (as the wizard does): replacing an older one loses nothing.
      const systems = buildSystemsFile(org.systems, new Date());
      const systemsPath = path.join(path.dirname(file), systems.fileName);
      await fs.writeFile(systemsPath, systems.text);
      io.stdout(`wrote ${systemsPath} (${org.systems.length} devices)\n`);
    }
    return 0;
  },
};
