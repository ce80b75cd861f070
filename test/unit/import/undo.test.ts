import * as assert from 'node:assert/strict';
import { executeImport } from '../../../src/core/import/execute';
import { journalProgress, memoryJournal } from '../../../src/core/import/journal';
import { createdByRun, deleteCreatedUsers } from '../../../src/core/import/undo';
import { bigSeed, harness, ids, TRANSPORTS, type Harness } from '../jumpcloud/helpers';
import { assertContract, contractChecker } from './helpers';
import { group, plan } from './plan-builder';

describe('import undo: delete the users a run created', () => {
  const checker = contractChecker();
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("deletes only the users the run's journal recorded as created by it, journaling each deletion", async () => {
    h = await harness(TRANSPORTS[0], { emulator: { seed: bigSeed(3, 2) } });
    const journal = memoryJournal();
    const base = { client: h.client, journal, clock: h.clock, newUserState: 'STAGED' as const };
    await executeImport(
      plan()
        .create({ username: 'made.one', email: 'one@example.com' }, { groups: [group('Group 1', ids.group(1))] })
        .create({ username: 'made.two', email: 'two@example.com' })
        .create({ username: 'made.three', email: 'three@example.com' })
        .create({ username: 'clash', email: 'user1@example.com' })
        .update('u0002', ids.user(2), { jobTitle: 'Kept' })
        .build(),
      { ...base, runId: 'run-1' },
    );
    await executeImport(plan().create({ username: 'other.run', email: 'other@example.com' }).build(), { ...base, runId: 'run-2' });
    // Someone deleted one of them by hand in the meantime.
    const three = [...h.emulator.state.users.values()].find(u => u.username === 'made.three')!;
    h.emulator.state.removeUser(three._id as string);

    assert.deepEqual(createdByRun(journal.lines, 'run-1').map(u => u.username), ['made.one', 'made.two', 'made.three']);
    h.emulator.log.clear();
    const outcomes = await deleteCreatedUsers(h.client, await journal.read(), 'run-1', { journal, clock: h.clock });
    assert.deepEqual(outcomes.map(o => [o.username, o.status]), [['made.one', 'deleted'], ['made.two', 'deleted'], ['made.three', 'already']]);
    const remaining = [...h.emulator.state.users.values()].map(u => u.username).sort();
    assert.deepEqual(remaining, ['other.run', 'u0001', 'u0002', 'u0003']);
    assert.deepEqual(h.emulator.log.entries.map(e => e.method), ['DELETE', 'DELETE', 'DELETE'], 'nothing but the three deletions');
    assert.deepEqual(journal.lines.filter(l => l.step === 'delete').map(l => [l.run, l.username, l.status]).sort(), [['run-1', 'made.one', 'deleted'], ['run-1', 'made.three', 'already'], ['run-1', 'made.two', 'deleted']]);
    assertContract(checker(), h.emulator);

    // Undone: the run has nothing left to delete, and a re-run of its file would create the users again.
    assert.deepEqual(createdByRun(journal.lines, 'run-1'), []);
    assert.equal(journalProgress(journal.lines).users.get('made.one')?.done.size, 0);
    assert.deepEqual(await deleteCreatedUsers(h.client, journal.lines, 'run-1', { journal }), []);
    assert.equal(h.emulator.log.entries.length, 3);
  });
});
