import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { columnsFor } from '../../../src/core/catalogue';
import { templateFileName } from '../../../src/core/template';
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
