import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importCommand } from '../../../src/cli/commands/import';
import { createdByRun, journalProgress, parseJournal } from '../../../src/core/import';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { bigSeed, ids } from '../jumpcloud/helpers';
import { fakeIo } from './fake-io';
import { until } from '../until';

/**
 * Intent before effect, proved by killing a real CLI process: creates are committed by the local JumpCloud but never
 * answered, the process gets SIGKILL with all of them in flight, and the next run must adopt the users it created
 * (their groups then added, each exactly once), report them as created, and leave undo able to delete exactly them.
 */

const KEY = 'jc-cli-kill-key-7a3e9b1c5d';
const CLI = path.resolve(__dirname, '../../../src/cli/main.js');
const USERS = ['kim', 'lee', 'max', 'noa'];
const CSV = 'FirstName,LastName,Username,Email,Group1\n' + USERS.map(u => `${u},Test,${u},${u}@example.com,Group 1`).join('\n') + '\n';

describe('jumpcloud-csv import, killed while creates are in flight', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let dir: string;

  beforeEach(async () => {
    emulator = await startEmulator({ apiKey: KEY, seed: bigSeed(3, 2), faults: [{ fault: 'commit-hang', method: 'POST', path: '/api/systemusers' }] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-kill-'));
    fs.writeFileSync(path.join(dir, 'JCUserImport_12-04-2026.csv'), CSV);
  });
  afterEach(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resumes by adopting the users it created: each exists once, with its group, created by the first run', async () => {
    const env = { ...process.env, JC_API_KEY: KEY, JC_API_URL: emulator.url };
    const child = spawn(process.execPath, [CLI, 'import', 'JCUserImport_12-04-2026.csv', '--yes', '--concurrency', '4'], { cwd: dir, env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>(resolve => child.once('exit', (code, signal) => resolve(signal ?? code)));
    const created = () => [...emulator.state.users.values()].filter(u => USERS.includes(u.username as string)).length;
    await until(() => created() === USERS.length, 'the four creates to be committed');
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const journalFile = path.join(dir, 'JCUserImport_12-04-2026.csv.journal.jsonl');
    const first = parseJournal(fs.readFileSync(journalFile, 'utf8'));
    assert.deepEqual(first.filter(l => l.status === 'intent').map(l => l.username).sort(), USERS, 'each create was journaled before it was sent');
    assert.deepEqual(first.filter(l => l.status === 'created'), [], 'no answer came back');
    const firstRun = first[0].run;

    // The run again, as the README says, with JumpCloud answering now.
    emulator.setFaults([]);
    const io = fakeIo(dir, { JC_API_KEY: KEY, JC_API_URL: emulator.url });
    const code = await importCommand.run(['JCUserImport_12-04-2026.csv', '--yes', '--results', 'results.csv'], io);
    assert.equal(code, 0, io.err);

    const users = [...emulator.state.users.values()].filter(u => USERS.includes(u.username as string));
    assert.deepEqual(users.map(u => u.username).sort(), USERS, 'each user exists exactly once');
    const members = emulator.state.edges.filter(e => e.kind === 'member' && [e.a.id, e.b.id].includes(ids.group(1)) && users.some(u => [e.a.id, e.b.id].includes(u._id as string)));
    assert.equal(members.length, USERS.length, 'each joined its group exactly once');
    for (const u of USERS) assert.match(io.out, new RegExp(`row \\d+ ${u} created \\(in run ${firstRun}, continued now\\)`), `${u} is reported as created by the run`);
    assert.match(io.err, new RegExp(`4 created, 0 updated.*continuing ${firstRun}`));
    const results = fs.readFileSync(path.join(dir, 'results.csv'), 'utf8');
    for (const u of USERS) assert.match(results, new RegExp(`\\r\\n${u},created,[0-9a-f]{24},Group 1: Added,`), 'the results describe the run as a whole');

    const lines = parseJournal(fs.readFileSync(journalFile, 'utf8'));
    const undo = createdByRun(lines, firstRun);
    assert.deepEqual(undo.map(u => u.userId).sort(), users.map(u => u._id).sort(), 'undo of the first run deletes exactly its users');
    assert.deepEqual([...journalProgress(lines).users.values()].filter(p => p.intent), [], 'no intent is left open');

    // And a third run sends nothing.
    const again = fakeIo(dir, { JC_API_KEY: KEY, JC_API_URL: emulator.url });
    const before = emulator.log.entries.filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/')).length;
    assert.equal(await importCommand.run(['JCUserImport_12-04-2026.csv', '--yes'], again), 0, again.err);
    assert.equal(emulator.log.entries.filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/')).length, before);
  });

  it('a user of that name with another e-mail is not adopted: it stays taken', async () => {
    fs.writeFileSync(path.join(dir, 'JCUserImport_12-04-2026.csv.journal.jsonl'), JSON.stringify({ run: 'r1', time: '2026-12-04T10:00:00.000Z', row: 2, username: 'u0001', step: 'user', status: 'intent', email: 'someone.else@example.com' }) + '\n');
    fs.writeFileSync(path.join(dir, 'JCUserImport_12-04-2026.csv'), 'FirstName,LastName,Username,Email\nA,B,u0001,someone.else@example.com\n');
    emulator.setFaults([]);
    const io = fakeIo(dir, { JC_API_KEY: KEY, JC_API_URL: emulator.url });
    assert.equal(await importCommand.run(['JCUserImport_12-04-2026.csv', '--dry-run'], io), 1);
    assert.match(io.out, /user-exists/);
  });
});
