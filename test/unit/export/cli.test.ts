import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportCommand } from '../../../src/cli/commands/export';
import { runProgram } from '../../../src/cli/program';
import { planCounts, planImport } from '../../../src/core/import';
import { lintText } from '../../../src/core/lint';
import { templateFileName } from '../../../src/core/template';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { fakeIo } from '../cli/fake-io';
import { API_KEY, harness, TRANSPORTS } from '../jumpcloud/helpers';
import { importStateFrom, richSeed } from './helpers';

const info = { name: 'jumpcloud-csv', version: 'test' };
const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

describe('jumpcloud-csv export', () => {
  let emulator: Emulator;
  let dir: string;
  before(async () => (emulator = await startEmulator({ apiKey: API_KEY, seed: richSeed() })));
  after(() => emulator.close());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-export-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ JC_API_KEY: API_KEY, JC_API_URL: emulator.url });
  const run = async (argv: string[], environment: Record<string, string> = env()) => {
    const io = fakeIo(dir, environment);
    const code = await runProgram(info, [exportCommand], ['export', ...argv], io);
    // Neither the key nor a password ever reaches the output.
    for (const secret of [API_KEY, 'Never-Exported']) assert.ok(!io.out.includes(secret) && !io.err.includes(secret), secret);
    return { code, out: io.out, err: io.err };
  };
  const fileName = () => templateFileName('update', new Date());
  const files = () => fs.readdirSync(dir).sort();

  it('--stdout prints the update file (which lints clean and plans unchanged) and reports what it left out on stderr', async () => {
    const r = await run(['--all', '--stdout']);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('Username,Email,FirstName,LastName,'), r.out.slice(0, 80));
    assert.deepEqual(lintText(r.out, { type: 'update' }).problems, []);
    const h = await harness(TRANSPORTS[0], { emulator: { seed: richSeed() } });
    try {
      const plan = planImport(r.out, await importStateFrom(h.client), { kind: 'update', now: Date.now(), newUserState: 'ACTIVATED' });
      assert.equal(planCounts(plan).unchanged, 3);
    } finally {
      await h.close();
    }
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 10, r.err);
    assert.equal(lines[4], 'jumpcloud-csv export: bob: Email left empty: the value is not a valid e-mail address');
    assert.equal(lines.at(-1), '3 users, 56 columns; 9 values left out (see above)');
  });

  it('writes JCUserUpdateImport_<date>.csv in --dir, never replaces it without --force, and leaves no partial file', async () => {
    fs.mkdirSync(path.join(dir, 'out'));
    const file = path.join(dir, 'out', fileName());
    const first = await run(['--with', 'names,telephony', '--dir', 'out']);
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out, `wrote ${file} (8 columns, 3 users)\n`);
    assert.equal(first.err, '');
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      'Username,FirstName,LastName,mobile_number,home_number,work_number,work_mobile_number,work_fax_number\r\n' +
        'ada,Ada,Lovelace,+1 (555) 010-0100,555 0101,+44 20 7946 0958 x12,-,555-0199\r\n' +
        'bob,Bob,Builder,+1 555 0102,,,,\r\n' +
        'carol,,,,,,,\r\n',
    );
    fs.writeFileSync(file, 'mine');
    const again = await run(['--with', 'names', '--dir', 'out']);
    assert.equal(again.code, 1);
    assert.equal(again.err, `jumpcloud-csv: ${file} already exists; pass --force to replace it\n`);
    assert.equal(fs.readFileSync(file, 'utf8'), 'mine');
    const forced = await run(['--with', 'names', '--dir', 'out', '--force']);
    assert.equal(forced.code, 0, forced.err);
    assert.equal(fs.readFileSync(file, 'utf8'), 'Username,FirstName,LastName\r\nada,Ada,Lovelace\r\nbob,Bob,Builder\r\ncarol,,\r\n');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), [fileName()]);
  });

  it('--groups-of exports the members of those groups only', async () => {
    const r = await run(['--with', 'groups', '--groups-of', 'everyone,Sales', '--stdout']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'Username,Group1,Group2,Group3\r\nada,Engineering,Everyone,Sales\r\nbob,Everyone,Sales,\r\n');
  });

  it('exits 2, writing nothing, when the organization cannot be read: with a wrong key, or when a page fails midway', async () => {
    const wrongKey = await run(['--all'], { JC_API_KEY: 'jc-wrong-key-000000000000', JC_API_URL: emulator.url });
    assert.equal(wrongKey.code, 2);
    assert.match(wrongKey.err, /^jumpcloud-csv export: .*401.*; check JC_API_KEY/);
    assert.ok(!wrongKey.err.includes('jc-wrong-key-000000000000'), wrongKey.err);
    // The header is already in the hidden partial file when the first page of users fails.
    emulator.setFaults([{ fault: 'error', status: 400, method: 'GET', path: '/api/systemusers', nth: 1 }]);
    try {
      const midway = await run(['--with', 'names']);
      assert.equal(midway.code, 2);
      assert.equal(midway.err.trim().split('\n').length, 1, midway.err);
      assert.equal(midway.out, '');
    } finally {
      emulator.setFaults([]);
    }
    assert.deepEqual(files(), []);
  });

  for (const [argv, message, environment] of [
    [['--all'], /export reads your organization: set JC_API_KEY/, {}],
    [['--with', 'systems'], /--with systems: nothing to export \(SystemID: bindings to devices are not part of the user record; Administrator: /],
    [['--with', 'bogus'], /--with bogus: unknown block; use email, names, ldap-info, location, telephony, unix, mfa, ldap-bind, account, groups, attributes\n/],
    [['--all', '--with', 'names'], /--all and --with do not go together/],
    [['--all', '--stdout', '--dir', 'x'], /--stdout and --dir do not go together/],
    [['--all', '--groups-of', ' , '], /--groups-of needs at least one group name/],
    [['--all', '--groups-of', 'Nobody', '--stdout'], /--groups-of: no user group is named "Nobody"/],
    [['--all', '--dir', 'missing'], /cannot write .*missing.*: no such folder/],
    [['--password'], /Unknown option '--password'/],
  ] as const) {
    it(`exits 2 with one line for ${argv.join(' ')}`, async () => {
      const r = await run([...argv], environment ?? env());
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.equal(r.out, '');
      assert.deepEqual(files(), []);
    });
  }

  it('is listed in --help, with its options (bundled CLI)', () => {
    const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^ {2}export +write the organization's users with their current values as an update file$/m);
    for (const flag of ['jumpcloud-csv export [--all | --with BLOCK,...]', '--groups-of NAME,...', 'Never exported: Password, EnrollmentDays, ldapserver_id, SystemID, Administrator']) {
      assert.ok(r.stdout.includes(flag), flag);
    }
  });
});
