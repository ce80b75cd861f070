import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixAll, lintLocated } from '../../../src/core/lint';
import { LintRunner, WORKER_THRESHOLD_CHARS, type LintSource } from '../../../src/vscode/lint/lint-runner';
import type { ChangeEvent, TextChange } from '../../../src/vscode/lint/worker-protocol';
import { userCsv } from '../../bench/user-csv';

// The runner only type-imports vscode, so it runs under plain Node with the bundled worker (npm test builds dist/).
const WORKER = path.resolve(__dirname, '../../../../dist/worker.js');

/** A document as the controller describes it; `readable: false` makes reading the whole text fail the test. */
function source(text: string, version: number, events: ChangeEvent[] = [], readable = true): LintSource {
  return {
    key: 'file:///big.csv',
    version,
    length: text.length,
    text: () => {
      if (!readable) throw new Error('the whole text was read although the worker had it');
      return text;
    },
    changesSince: base => {
      const since = events.filter(e => e.version > base);
      return since.length === version - base ? since : undefined;
    },
  };
}

/** Applies one change event as VS Code does: its changes all refer to the text before it, so last first. */
function applyChangeEvent(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.offset - a.offset)) out = out.slice(0, c.offset) + c.text + out.slice(c.offset + c.length);
  return out;
}

describe('lint runner', function () {
  this.timeout(60_000);
  const big = userCsv(20_000);
  const options = { type: 'import' as const, maxProblems: 50 };
  let logs: string[];
  beforeEach(() => (logs = []));

  it('lints large texts in the worker thread with the same result as in-process', async () => {
    assert.ok(big.length > WORKER_THRESHOLD_CHARS, 'the text is large enough for the worker');
    assert.ok(fs.existsSync(WORKER), 'dist/worker.js is built');
    const runner = new LintRunner(WORKER, m => logs.push(m));
    try {
      assert.deepEqual(await runner.lint(source(big, 1), options), lintLocated(big, options));
      assert.deepEqual(logs, []);
    } finally {
      runner.dispose();
    }
  });

  it('sends the worker only the edits once it has the text', async () => {
    const runner = new LintRunner(WORKER, m => logs.push(m));
    try {
      await runner.lint(source(big, 1), options);
      // Two change events: one breaks an e-mail in row 2, the next (two changes at once) edits rows 3 and 4.
      const at = (s: string, needle: string) => s.indexOf(needle);
      const e2: ChangeEvent = { version: 2, changes: [{ offset: at(big, '@example.com'), length: 12, text: '@example' }] };
      const after2 = applyChangeEvent(big, e2.changes);
      const row3 = at(after2, 'Engineer,Sales');
      const e3: ChangeEvent = { version: 3, changes: [{ offset: row3, length: 8, text: 'Boss' }, { offset: at(after2, 'E100003'), length: 7, text: 'E100002' }] };
      const after3 = applyChangeEvent(after2, e3.changes);
      const incremental = await runner.lint(source(after3, 3, [e2, e3], false), options);
      assert.deepEqual(incremental, lintLocated(after3, options));
      assert.ok(incremental.problems.some(p => p.code === 'duplicate-value'), 'the edits were applied');
      assert.deepEqual(logs, []);
    } finally {
      runner.dispose();
    }
  });

  it('lints with new options after edits when the settings changed meanwhile', async () => {
    const runner = new LintRunner(WORKER, m => logs.push(m));
    try {
      await runner.lint(source(big, 1), options);
      const e2: ChangeEvent = { version: 2, changes: [{ offset: big.indexOf('@example.com'), length: 12, text: '@example' }] };
      const after = applyChangeEvent(big, e2.changes);
      const stricter = { type: 'import' as const, maxProblems: 5, rules: { 'invalid-email': 'warning' as const } };
      const result = await runner.lint(source(after, 2, [e2], false), stricter);
      assert.deepEqual(result, lintLocated(after, stricter));
      assert.equal(result.problems.length, 6, 'five problems and the note that more were left out');
    } finally {
      runner.dispose();
    }
  });

  it("sends the whole text again when the edits since the worker's version are not all known", async () => {
    const runner = new LintRunner(WORKER, m => logs.push(m));
    try {
      await runner.lint(source(big, 1), options);
      const edited = big.replace('Engineer', 'Manager');
      assert.deepEqual(await runner.lint(source(edited, 5, []), options), lintLocated(edited, options));
    } finally {
      runner.dispose();
    }
  });

  it('fixes all in the worker thread for large texts, with the same result as in-process', async () => {
    // Semicolons and $true: a delimiter conversion, then a second lint's safe fixes.
    const semicolons = big.replace(/,/g, ';').replace(/\ntrue;/g, '\n$true;');
    const runner = new LintRunner(WORKER, m => logs.push(m));
    try {
      const expected = fixAll(semicolons, options);
      assert.ok(expected.applied > 0);
      const fixed = await runner.fixAll(semicolons, options);
      assert.deepEqual(fixed, expected);
      assert.deepEqual(logs, [], 'the worker did it, without falling back');
    } finally {
      runner.dispose();
    }
  });

  it('falls back to linting in-process when the worker cannot run', async () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jc-worker-')), 'worker.js');
    fs.writeFileSync(broken, 'throw new Error("broken worker")');
    const runner = new LintRunner(broken, m => logs.push(m));
    try {
      const result = await runner.lint(source(big, 1), { type: 'import', maxProblems: 5 });
      assert.equal(result.rows, 20_000);
      assert.ok(result.total > 5);
      assert.ok(logs.some(l => /broken worker/.test(l)), logs.join('\n'));
    } finally {
      runner.dispose();
    }
  });
});
