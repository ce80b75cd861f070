import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintLocated } from '../../../src/core/lint';
import { LintRunner, WORKER_THRESHOLD_CHARS } from '../../../src/vscode/lint/lint-runner';
import { userCsv } from '../../bench/user-csv';

// The runner only type-imports vscode, so it runs under plain Node with the bundled worker (npm test builds dist/).
const WORKER = path.resolve(__dirname, '../../../../dist/worker.js');

describe('lint runner', function () {
  this.timeout(60_000);
  const big = userCsv(20_000);
  const logs: string[] = [];

  it('lints large texts in the worker thread with the same result as in-process', async () => {
    assert.ok(big.length > WORKER_THRESHOLD_CHARS, 'the text is large enough for the worker');
    assert.ok(fs.existsSync(WORKER), 'dist/worker.js is built');
    const runner = new LintRunner(WORKER, m => logs.push(m));
    try {
      const options = { type: 'import' as const, maxProblems: 50 };
      assert.deepEqual(await runner.lint(big, options), lintLocated(big, options));
      assert.deepEqual(logs, []);
    } finally {
      runner.dispose();
    }
  });

  it('falls back to linting in-process when the worker cannot run', async () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jc-worker-')), 'worker.js');
    fs.writeFileSync(broken, 'throw new Error("broken worker")');
    const runner = new LintRunner(broken, m => logs.push(m));
    try {
      const result = await runner.lint(big, { type: 'import', maxProblems: 5 });
      assert.equal(result.rows, 20_000);
      assert.ok(result.total > 5);
      assert.ok(logs.some(l => /broken worker/.test(l)), logs.join('\n'));
    } finally {
      runner.dispose();
    }
  });
});
