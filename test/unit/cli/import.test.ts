import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importCommand } from '../../../src/cli/commands/import';
import { DEFAULT_IMPORT_CONCURRENCY } from '../../../src/core/import';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { bigSeed, ids } from '../jumpcloud/helpers';
import { fakeIo } from './fake-io';
import { UsageError } from '../../../src/cli/io';

const KEY = 'jc-cli-import-key-5e1d7a9c3b';
const PASSWORD = 'Sup3r-Secret-Passw0rd!';

/** Write requests in the emulator's log since `from` (searches are reads sent as POST). */
function writes(emulator: Emulator, from = 0) {
  return emulator.log.entries.slice(from).filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/'));
}

describe('jumpcloud-csv import (local JumpCloud)', () => {
  let emulator: Emulator;
  let dir: string;

  beforeEach(async () => {
    emulator = await startEmulator({ apiKey: KEY, seed: bigSeed(5, 2) });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-import-'));
  });
  afterEach(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ JC_API_KEY: KEY, JC_API_URL: emulator.url });
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const run = async (args: string[], e: Record<string, string> = env(), extra: Partial<ReturnType<typeof fakeIo>> = {}) => {
    const io = Object.assign(fakeIo(dir, e), extra);
    const code = await importCommand.run(args, io);
    return { code, out: io.out, err: io.err };
  };

  const NEW_USERS = `FirstName,LastName,Username,Email,Password,Group1,SystemID,Administrator\nAda,Lovelace,ada,ada@example.com,${PASSWORD},Group 1,${ids.system(1)},true\nAlan,Turing,alan,alan@example.com,,Group 2,,\n`;

  it('--dry-run prints the plan and sends no write request', async () => {
    write('JCUserImport_12-02-2026.csv', NEW_USERS);
    const r = await run(['JCUserImport_12-02-2026.csv', '--dry-run']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Create 2 users, add 2 group memberships, bind 1 device\./);
    assert.match(r.out, /Row 2 ada: create/);
    assert.match(r.out, /password: \(set\)/);
    assert.ok(!r.out.includes(PASSWORD), 'the password is never printed');
    assert.deepEqual(writes(emulator), []);
  });

  it('refuses a key HTTP cannot carry (an invisible character) before any request, naming JC_API_KEY; trims and says so', async () => {
    write('JCUserImport_12-02-2026.csv', NEW_USERS);
    // A usage error: the program prints it and exits with 2.
    await assert.rejects(run(['JCUserImport_12-02-2026.csv', '--yes'], { JC_API_KEY: `${KEY.slice(0, 5)}\u200b${KEY.slice(5)}`, JC_API_URL: emulator.url }), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /JC_API_KEY holds a character an API key cannot have \(U\+200B at character 6\)/);
      return true;
    });
    assert.equal(emulator.log.entries.length, 0, 'nothing was sent');
    const padded = await run(['JCUserImport_12-02-2026.csv', '--dry-run'], { JC_API_KEY: ` ${KEY}\n`, JC_API_URL: emulator.url });
    assert.equal(padded.code, 0, padded.err);
    assert.match(padded.err, /JC_API_KEY had spaces or a line break around it; they were trimmed/);
  });

  it('sends the key over plain http:// only to this computer, as the extension does', async () => {
    write('JCUserImport_12-02-2026.csv', NEW_USERS);
    await assert.rejects(run(['JCUserImport_12-02-2026.csv', '--dry-run'], { JC_API_KEY: KEY, JC_API_URL: 'http://jc.example.com' }), /JC_API_URL: the API address must start with https:\/\/ \(http:\/\/ is allowed only for 127\.0\.0\.1, ::1 or localhost\)/);
    assert.equal(emulator.log.entries.length, 0);
  });

  describe('reads the bytes as the lint does', () => {
    const TEXT = 'FirstName,LastName,Username,Email\nJosé,Núñez,jose,jose@example.com\n';

    it('UTF-16 with a byte order mark (Excel\'s "Unicode Text") imports as its text says', async () => {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
      fs.writeFileSync(path.join(dir, 'JCUserImport_12-04-2026.csv'), le);
      const r = await run(['JCUserImport_12-04-2026.csv', '--yes']);
      assert.equal(r.code, 0, r.err);
      const jose = [...emulator.state.users.values()].find(u => u.username === 'jose');
      assert.equal(jose?.firstname, 'José');
      assert.equal(jose?.lastname, 'Núñez');
    });

    it('bytes that are not UTF-8 (a Latin-1 file) are an encoding error that blocks the import: nothing is sent', async () => {
      fs.writeFileSync(path.join(dir, 'JCUserImport_12-04-2026.csv'), Buffer.from(TEXT, 'latin1'));
      const r = await run(['JCUserImport_12-04-2026.csv', '--yes']);
      assert.equal(r.code, 1);
      assert.match(r.out, /cannot be imported: The file is not valid UTF-8: byte 37 \(0xE9/);
      assert.deepEqual(writes(emulator), []);
      assert.ok(!r.out.includes('Jos\uFFFD,'), 'no garbled user is planned');
    });
  });

  it('refuses to send without --yes when there is no terminal to ask on', async () => {
    write('JCUserImport_12-02-2026.csv', NEW_USERS);
    // A usage error: the program prints it as one line and exits with 2.
    await assert.rejects(run(['JCUserImport_12-02-2026.csv']), (e: unknown) => e instanceof UsageError && /not a terminal, so nothing was sent; .* --yes/.test(e.message));
    assert.deepEqual(writes(emulator), []);
  });

  it('sends after a "y" on the terminal, and nothing after any other answer', async () => {
    write('JCUserImport_12-02-2026.csv', NEW_USERS);
    const questions: string[] = [];
    const no = await run(['JCUserImport_12-02-2026.csv'], env(), { ask: async q => (questions.push(q), 'n') });
    assert.equal(no.code, 1);
    assert.deepEqual(writes(emulator), []);
    assert.match(questions[0], /Create 2 users.*2 new accounts.*bills every account.*Import\? \[y\/N\]/s);
    const yes = await run(['JCUserImport_12-02-2026.csv'], env(), { ask: async () => 'y' });
    assert.equal(yes.code, 0, yes.err);
    assert.equal(writes(emulator).filter(e => e.method === 'POST' && e.path === '/api/systemusers').length, 2);
  });

  it('imports, journals without passwords, and a re-run sends nothing', async () => {
    write('JCUserImport_12-02-2026.csv', NEW_USERS);
    const first = await run(['JCUserImport_12-02-2026.csv', '--yes', '--results', 'results.csv']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /row 2 ada created/);
    assert.match(first.err, /2 created, 0 updated/);
    const users = [...emulator.state.users.values()];
    const ada = users.find(u => u.username === 'ada')!;
    assert.ok(ada, 'ada exists');
    const journal = fs.readFileSync(path.join(dir, 'JCUserImport_12-02-2026.csv.journal.jsonl'), 'utf8');
    assert.ok(journal.includes('"status":"created"'));
    assert.ok(!journal.includes(PASSWORD) && !journal.includes(KEY), 'no password or key in the journal');
    const results = fs.readFileSync(path.join(dir, 'results.csv'), 'utf8');
    assert.match(results, /^Username,Status,UserID,GroupsAdd,SystemID,SystemAdd,LdapUserBind,Error/);

    const before = emulator.log.entries.length;
    const again = await run(['JCUserImport_12-02-2026.csv', '--yes']);
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(writes(emulator, before), [], 're-running a finished import sends nothing');
    assert.match(again.out, /created by run/);
  });

  describe('--results goes through the safe writer: no replacement without --force, never through a link, never the input', () => {
    const CSV = 'JCUserImport_12-02-2026.csv';
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

    it('refuses an existing file before anything is sent, and replaces it with --force', async () => {
      write(CSV, NEW_USERS);
      write('results.csv', 'precious\n');
      await assert.rejects(run([CSV, '--yes', '--results', 'results.csv']), /--results results\.csv already exists; pass --force/);
      assert.equal(emulator.log.entries.length, 0, 'nothing was read or sent');
      assert.equal(read('results.csv'), 'precious\n');
      const forced = await run([CSV, '--yes', '--results', 'results.csv', '--force']);
      assert.equal(forced.code, 0, forced.err);
      assert.match(read('results.csv'), /^Username,Status,/);
    });

    it('a symbolic link is refused without --force; with it, the link is replaced and the file it points to is not written', async function () {
      write(CSV, NEW_USERS);
      write('elsewhere.txt', 'not yours\n');
      try {
        fs.symlinkSync(path.join(dir, 'elsewhere.txt'), path.join(dir, 'link.csv'));
      } catch {
        this.skip();
      }
      await assert.rejects(run([CSV, '--yes', '--results', 'link.csv']), /already exists/);
      const forced = await run([CSV, '--yes', '--results', 'link.csv', '--force']);
      assert.equal(forced.code, 0, forced.err);
      assert.equal(read('elsewhere.txt'), 'not yours\n', 'the link\'s target is untouched');
      assert.ok(!fs.lstatSync(path.join(dir, 'link.csv')).isSymbolicLink(), 'the link itself was replaced');
      assert.match(read('link.csv'), /^Username,Status,/);
    });

    it('never the file being imported, by its name, another spelling, or a link to it, even with --force', async function () {
      write(CSV, NEW_USERS);
      const links = ['./' + CSV];
      try {
        fs.symlinkSync(path.join(dir, CSV), path.join(dir, 'to-input.csv'));
        links.push('to-input.csv');
      } catch {
        // no symbolic links here: the other spellings still count
      }
      for (const target of [CSV, ...links]) {
        await assert.rejects(run([CSV, '--yes', '--results', target, '--force']), /is the file being imported/, target);
      }
      await assert.rejects(run([CSV, '--yes', '--journal', CSV]), /--journal .* is the file being imported/);
      assert.equal(read(CSV), NEW_USERS);
      assert.equal(emulator.log.entries.length, 0, 'nothing was read or sent');
    });

    it('--force without --results is a usage error', async () => {
      write(CSV, NEW_USERS);
      await assert.rejects(run([CSV, '--dry-run', '--force']), /--force replaces the --results file/);
    });
  });

  it('creates new users in the state the organization chose for CSV imports, unless --state says otherwise', async () => {
    const staging = await startEmulator({ apiKey: KEY, seed: bigSeed(2, 2), organizations: [{ _id: 'c0ffee00c0ffee00c0ffee00', displayName: 'Staging Org', settings: { newSystemUserStateDefaults: { csvImport: 'STAGED', manualEntry: 'ACTIVATED' } } }] });
    try {
      const e = { JC_API_KEY: KEY, JC_API_URL: staging.url };
      write('JCUserImport_12-02-2026.csv', 'FirstName,LastName,Username,Email\nAda,Lovelace,ada,ada@example.com\n');
      const dry = await run(['JCUserImport_12-02-2026.csv', '--dry-run'], e);
      assert.match(dry.out, /1 new account in Staging Org \(staged: no e-mail until they are activated\)/);
      assert.equal((await run(['JCUserImport_12-02-2026.csv', '--yes'], e)).code, 0);
      assert.equal([...staging.state.users.values()].find(u => u.username === 'ada')?.state, 'STAGED');
      write('JCUserImport_12-03-2026.csv', 'FirstName,LastName,Username,Email\nAlan,Turing,alan,alan@example.com\n');
      assert.equal((await run(['JCUserImport_12-03-2026.csv', '--yes', '--state', 'activated'], e)).code, 0);
      assert.equal([...staging.state.users.values()].find(u => u.username === 'alan')?.state, 'ACTIVATED', '--state wins over the organization');
    } finally {
      await staging.close();
    }
  });

  it('updates only what differs, skips rows with errors (exit 1), and prints JSON results', async () => {
    write('JCUserUpdateImport_12-02-2026.csv', 'Username,jobTitle,Email\nu0001,Lead,\nu0002,,not-an-email\nu0003,,\n');
    const r = await run(['JCUserUpdateImport_12-02-2026.csv', '--yes', '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    const results = JSON.parse(r.out) as { users: { username: string; status: string }[] };
    assert.deepEqual(results.users.map(u => [u.username, u.status]), [['u0001', 'updated'], ['u0002', 'skipped'], ['u0003', 'unchanged']]);
    const puts = writes(emulator).filter(e => e.method === 'PUT');
    assert.equal(puts.length, 1);
  });

  it('documents the one concurrency range and default (the settings module, which --help loads without the engine)', () => {
    assert.match(importCommand.usage, new RegExp(`1 to 64 \\(default ${DEFAULT_IMPORT_CONCURRENCY};`));
  });

  it('exits 2 without a key, with an unreadable file, or without a type', async () => {
    write('users.csv', NEW_USERS);
    assert.equal((await run(['users.csv', '--type', 'import', '--dry-run'], {})).code, 2, 'no key');
    assert.equal((await run(['missing.csv', '--type', 'import', '--dry-run'])).code, 2, 'no file');
    await assert.rejects(run(['users.csv', '--dry-run']), /--type import/);
  });
});
