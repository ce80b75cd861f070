import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileJournal, journalProgress, memoryJournal, parseJournal, type JournalLine } from '../../../src/core/import/journal';

const line = (over: Partial<JournalLine>): JournalLine => ({ run: 'r1', time: '2026-12-02T05:00:00.000Z', row: 2, username: 'jdoe', step: 'user', status: 'created', userId: 'a'.repeat(24), ...over });

describe('import journal', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-journal-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per outcome to a file, durably, concurrent appends batched in order', async () => {
    const file = path.join(dir, 'sub', 'run.jsonl');
    const journal = fileJournal(file);
    const lines = Array.from({ length: 200 }, (_, i) => line({ row: i + 2, username: `u${i}` }));
    await Promise.all(lines.map(l => journal.append(l)));
    assert.deepEqual(await journal.read(), lines);
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text.split('\n').length, 201, 'one line each, newline-terminated');
    await journal.close();
    // Reopened after close, still appending.
    await journal.append(line({ username: 'late' }));
    await journal.close();
    assert.equal((await fileJournal(file).read()).at(-1)?.username, 'late');
    assert.deepEqual(await fileJournal(path.join(dir, 'missing.jsonl')).read(), []);
  });

  it('leaves out a torn last line (a crash mid-write) and lines that are not journal lines', () => {
    const good = JSON.stringify(line({}));
    assert.deepEqual(parseJournal(`${good}\n{"run":"r1","time":"2026-12-02T05:00:01Z","row":3,"user\n[1,2]\n\n`), [line({})]);
  });

  it('replays progress: steps done per user, who created it; failures are not done; a deletion forgets the user', () => {
    const lines = [
      line({}),
      line({ step: 'group:g1', status: 'added' }),
      line({ step: 'group:g2', status: 'failed', error: 'Not Found (HTTP 404)' }),
      line({ run: 'r2', step: 'group:g2', status: 'already' }),
      line({ run: 'r2', username: 'other', step: 'update:abc', status: 'updated', userId: 'b'.repeat(24) }),
      line({ run: 'r2', username: 'gone', step: 'user', status: 'created', userId: 'c'.repeat(24) }),
      line({ run: 'undo', username: 'gone', step: 'delete', status: 'deleted', userId: 'c'.repeat(24) }),
    ];
    const progress = journalProgress(lines);
    assert.deepEqual(progress.runs, ['r1', 'r2', 'undo']);
    const jdoe = progress.users.get('jdoe')!;
    assert.deepEqual([...jdoe.done], [['user', 'created'], ['group:g1', 'added'], ['group:g2', 'already']]);
    assert.deepEqual(jdoe.createdBy, { run: 'r1', userId: 'a'.repeat(24), time: '2026-12-02T05:00:00.000Z' });
    assert.equal(progress.users.get('JDOE'.toLowerCase())?.userId, 'a'.repeat(24));
    assert.equal(progress.users.get('other')?.createdBy, undefined, 'an update is not a create');
    assert.deepEqual([...progress.users.get('gone')!.done], [], 'deleted: created again on the next run');
    assert.equal(progress.users.get('gone')!.createdBy, undefined);
  });

  it('keeps lines in memory for tests and the extension', async () => {
    const journal = memoryJournal([line({})]);
    await journal.append(line({ step: 'group:g1', status: 'added' }));
    assert.equal((await journal.read()).length, 2);
  });
});
