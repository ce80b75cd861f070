import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createdByRun, executeImport, fileJournal, journalProgress, parseJournal, prepareImport, resultsCsv, type JournalSink } from '../../../src/core/import';
import { RUN_FINISHED_STEP } from '../../../src/core/import/journal';
import type { Transport } from '../../../src/core/jumpcloud';
import { bigSeed, harness, ids, TRANSPORTS, type Harness } from '../jumpcloud/helpers';
import { until } from '../until';

/**
 * The engine both fronts drive (prepareImport, then executeImport), cut off as a dead process is: after the cut its
 * requests and journal writes never complete. The next run, in a fresh journal handle as a new process opens it,
 * must adopt what the dead one created and describe the run as a whole; a finished run is not continued.
 */

const USERS = ['kim', 'lee', 'max'];
const CSV = 'FirstName,LastName,Username,Email,Group1\n' + USERS.map(u => `${u},Test,${u},${u}@example.com,Group 1`).join('\n') + '\n';
const bytes = new TextEncoder().encode(CSV);

/** What a process that died leaves behind: from `cut()` on, no request answers and no journal line is written. */
function mortal(transport: Transport, journal: JournalSink) {
  let dead = false;
  const never = new Promise<never>(() => undefined);
  return {
    transport: ((request => (dead ? never : transport(request))) as Transport),
    journal: { append: line => (dead ? never : journal.append(line)), read: () => journal.read() } satisfies JournalSink,
    cut: () => void (dead = true),
  };
}

describe('import engine cut off between intent and outcome, then resumed', function () {
  this.timeout(30_000);
  let h: Harness;
  let dir: string;
  let file: string;

  beforeEach(async () => {
    h = await harness(TRANSPORTS[0], { emulator: { seed: bigSeed(3, 2) } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-resume-'));
    file = path.join(dir, 'journal.jsonl');
  });
  afterEach(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ours = () => [...h.emulator.state.users.values()].filter(u => USERS.includes(u.username as string));
  const membersOfGroup1 = () => h.emulator.state.edges.filter(e => e.kind === 'member' && [e.a.id, e.b.id].includes(ids.group(1)) && ours().some(u => [e.a.id, e.b.id].includes(u._id as string)));
  const prepare = (journal: JournalSink) => prepareImport({ client: h.client, bytes, kind: 'import', newUserState: 'ACTIVATED', journal, now: h.clock.now() });

  it('adopts the users the dead run created, adds their groups once, calls them created and lets undo delete exactly them', async () => {
    // The first process: every create is committed by JumpCloud and never answered, then the process dies.
    h.emulator.setFaults([{ fault: 'commit-hang', method: 'POST', path: '/api/systemusers' }]);
    const disk = fileJournal(file);
    const dying = mortal(TRANSPORTS[0].make().transport, disk);
    const first = await prepare(dying.journal);
    void executeImport(first.plan, { client: h.clientWith({ transport: dying.transport }), newUserState: 'ACTIVATED', concurrency: 3, journal: dying.journal, runId: 'run-A', clock: h.clock });
    await until(() => ours().length === USERS.length, 'the creates to be committed');
    dying.cut();
    await disk.close();
    const left = parseJournal(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(left.map(l => `${l.username} ${l.status}`).sort(), USERS.map(u => `${u} intent`), 'only the intents reached the disk');

    // The next process.
    h.emulator.setFaults([]);
    const journal = fileJournal(file);
    try {
      const second = await prepare(journal);
      assert.deepEqual([...second.adopted.keys()].sort(), USERS);
      assert.deepEqual(second.continued.runs, ['run-A']);
      const results = await executeImport(second.plan, { client: h.client, newUserState: 'ACTIVATED', journal, progress: second.progress, adopted: second.adopted, continued: second.continued, runId: 'run-B', clock: h.clock });
      assert.deepEqual(results.continues, ['run-A']);
      assert.deepEqual(results.users.map(u => [u.username, u.status]), USERS.map(u => [u, 'created']));
      for (const u of results.users) assert.ok(u.steps.some(s => s.kind === 'group' && s.status === 'added' && !s.resumed), `${u.username} joined its group now`);
      assert.match(resultsCsv(results), /\r\nkim,created,[0-9a-f]{24},Group 1: Added,/);
      assert.deepEqual(results.counts, { created: 3, updated: 0, unchanged: 0, failed: 0, skipped: 0, cancelled: 0 });
      assert.equal(ours().length, USERS.length, 'each user exists once');
      assert.equal(membersOfGroup1().length, USERS.length, 'each joined once');

      const lines = await journal.read();
      assert.deepEqual(createdByRun(lines, [results.run, ...results.continues!]).map(u => u.userId).sort(), ours().map(u => u._id).sort(), 'undo of the run deletes exactly its users');
      assert.deepEqual([...journalProgress(lines).users.values()].filter(p => p.intent), [], 'no intent is left open');
      assert.ok(lines.some(l => l.run === 'run-B' && l.step === RUN_FINISHED_STEP));

      // A finished run is not continued: the next import is a run of its own, with nothing to send.
      const third = await prepare(journal);
      assert.deepEqual(third.continued.runs, []);
      assert.deepEqual(third.plan.rows.map(r => r.action), ['unchanged', 'unchanged', 'unchanged']);
    } finally {
      await journal.close();
    }
  });

  it('a cancelled run continued: the users its first part created are reported created, with the groups added in either part', async () => {
    const journal = fileJournal(file);
    try {
      const first = await prepare(journal);
      const controller = new AbortController();
      const a = await executeImport(first.plan, {
        client: h.client, newUserState: 'ACTIVATED', concurrency: 1, journal, runId: 'run-A', clock: h.clock, signal: controller.signal,
        onOutcome: o => {
          if (o.kind === 'user' && o.username === 'kim') controller.abort();
        },
      });
      assert.deepEqual(a.users.map(u => u.status), ['cancelled', 'cancelled', 'cancelled'], 'kim was created, its group cancelled');
      assert.ok(!(await journal.read()).some(l => l.step === RUN_FINISHED_STEP), 'a cancelled run is not finished');

      const second = await prepare(journal);
      assert.deepEqual(second.continued.runs, ['run-A']);
      const kimPlan = second.plan.rows[0];
      assert.equal(kimPlan.action, 'update', 'planned against the organization: kim exists, without its group');
      const b = await executeImport(second.plan, { client: h.client, newUserState: 'ACTIVATED', journal, progress: second.progress, adopted: second.adopted, continued: second.continued, runId: 'run-B', clock: h.clock });
      const kim = b.users[0];
      assert.equal(kim.status, 'created');
      assert.deepEqual(kim.steps.map(s => [s.step, s.status, s.resumed === true, s.run]), [
        ['user', 'created', true, 'run-A'],
        [`group:${ids.group(1)}`, 'added', false, undefined],
      ]);
      assert.deepEqual(b.counts, { created: 3, updated: 0, unchanged: 0, failed: 0, skipped: 0, cancelled: 0 });
      assert.deepEqual(createdByRun(await journal.read(), [b.run, ...(b.continues ?? [])]).map(u => u.username), USERS);
      assert.deepEqual(createdByRun(await journal.read(), b.run).map(u => u.username), ['lee', 'max'], 'each part alone created only its own');
    } finally {
      await journal.close();
    }
  });
});
