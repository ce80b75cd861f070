import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { columnsFor } from '../../../src/core/catalogue';
import { templateFileName } from '../../../src/core/template';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../../src/emulator';
import { runProgram } from '../../../src/cli/program';
import { templateCommand } from '../../../src/cli/commands/template';
import { fakeIo } from './fake-io';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
const info = { name: 'jumpcloud-csv', version: 'test' };
const program = (argv: string[], cwd = os.tmpdir()) => {
  const io = fakeIo(cwd);
  return runProgram(info, [templateCommand], argv, io).then(code => ({ code, out: io.out, err: io.err }));
};

describe('jumpcloud-csv template', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-template-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one header line with every import column in catalogue order (bundled CLI)', () => {
    const out = execFileSync(process.execPath, [CLI, 'template', '--type', 'import', '--all', '--stdout'], { encoding: 'utf8' });
    assert.equal(out, columnsFor('import').map(c => c.header).join(',') + '\r\n');
  });

  it('writes the file named for the type and date, and never overwrites without --force', async () => {
    const first = await program(['template', '--type', 'update', '--with', 'email,mfa', '--dir', dir]);
    assert.equal(first.code, 0, first.err);
    const file = path.join(dir, templateFileName('update', new Date()));
    assert.equal(fs.readFileSync(file, 'utf8'), 'Username,Email,enable_user_portal_multifactor,EnrollmentDays\r\n');
    fs.writeFileSync(file, 'kept');
    const second = await program(['template', '--type', 'update', '--dir', dir]);
    assert.equal(second.code, 1);
    assert.match(second.err, /already exists; pass --force/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'kept');
    assert.equal((await program(['template', '--type', 'update', '--dir', dir, '--force'])).code, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), 'Username\r\n');
  });

  it('adds numbered columns from the counts', async () => {
    const r = await program(['template', '--type', 'import', '--groups', '2', '--attributes', '1', '--stdout']);
    assert.equal(r.out, 'FirstName,LastName,Username,Password,Email,Group1,Group2,Attribute1_name,Attribute1_value\r\n');
  });

  for (const [argv, message] of [
    [['template'], /--type is required/],
    [['template', '--type', 'new'], /--type must be import or update/],
    [['template', '--type', 'import', '--groups', '-1'], /--groups/],
    [['template', '--type', 'import', '--groups', '51'], /At most 50/],
    [['template', '--type', 'import', '--attributes', 'x'], /whole number/],
    [['template', '--type', 'import', '--with', 'email'], /not available for import/],
    [['template', '--type', 'import', '--with', 'phones'], /unknown block/],
    [['template', '--type', 'import', '--colour'], /Unknown option/i],
    [['templat'], /unknown command/],
  ] as const) {
    it(`rejects ${argv.join(' ')} with one line and exit code 2`, async () => {
      const r = await program([...argv]);
      assert.equal(r.code, 2);
      assert.match(r.err, message);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.equal(r.out, '');
    });
  }

  it('documents every command in --help (bundled CLI)', () => {
    const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    for (const flag of ['--type import|update', '--all', '--with', '--groups', '--attributes', '--dir', '--stdout']) assert.ok(r.stdout.includes(flag), flag);
  });
});

describe('jumpcloud-csv template with the organization (local JumpCloud)', () => {
  let emulator: Emulator;
  let dir: string;
  before(async () => (emulator = await startEmulator({ seed: SAMPLE_ORGANIZATION })));
  after(() => emulator.close());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-template-org-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (env: Record<string, string>, ...argv: string[]) => {
    const io = fakeIo(dir, env);
    return runProgram(info, [templateCommand], ['template', ...argv], io).then(code => ({ code, out: io.out, err: io.err }));
  };

  it('--populate lists every user sorted, and --systems-file writes the devices list, as the wizard does', async () => {
    const r = await run({ JC_API_KEY: 'any', JC_API_URL: emulator.url }, '--type', 'update', '--with', 'systems', '--populate', '--systems-file');
    assert.equal(r.code, 0, r.err);
    const lines = fs.readFileSync(path.join(dir, templateFileName('update', new Date())), 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'Username,SystemID,Administrator');
    const names = lines.slice(1).map(l => l.split(',')[0]);
    assert.equal(names.length, SAMPLE_ORGANIZATION.users?.length);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const systems = fs.readdirSync(dir).find(f => f.startsWith('JCSystems_'));
    assert.ok(systems);
    assert.match(fs.readFileSync(path.join(dir, systems), 'utf8'), /^HostName,DisplayName,SystemID,lastContact\r\n/);
    assert.match(r.out, /6 devices/);
  });

  it('says what is missing without a key, and refuses --populate on import templates', async () => {
    const noKey = await run({}, '--type', 'update', '--populate');
    assert.equal(noKey.code, 2);
    assert.match(noKey.err, /set JC_API_KEY/);
    const onImport = await run({ JC_API_KEY: 'any', JC_API_URL: emulator.url }, '--type', 'import', '--populate');
    assert.equal(onImport.code, 2);
    assert.match(onImport.err, /--populate is for update templates/);
  });
});
