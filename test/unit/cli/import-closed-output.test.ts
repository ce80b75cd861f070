import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJournal } from '../../../src/core/import';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { bigSeed } from '../jumpcloud/helpers';

/**
 * `jumpcloud-csv import … | head -1`: one rule at any size. A plan that cannot be shown is not sent (exit 141); once
 * sending has started the import finishes, the journal keeps every outcome and the exit code is the import's own.
 */

const KEY = 'jc-cli-closed-key-2b8e4f6a1c';
const CLI = path.resolve(__dirname, '../../../src/cli/main.js');
const FILE = 'JCUserImport_12-04-2026.csv';

describe('jumpcloud-csv import with its output closed early (| head -1)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let dir: string;

  beforeEach(async () => {
    // Latency keeps the creates in flight well after the reader has gone.
    emulator = await startEmulator({ apiKey: KEY, seed: bigSeed(3, 1), latencyMs: 20 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-closed-'));
  });
  afterEach(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the real CLI, reads its first chunk of stdout and closes the pipe, as `head -1` does. */
  async function runClosed(csv: string): Promise<{ code: number | null; err: string }> {
    fs.writeFileSync(path.join(dir, FILE), csv);
    const child = spawn(process.execPath, [CLI, 'import', FILE, '--yes'], { cwd: dir, env: { ...process.env, JC_API_KEY: KEY, JC_API_URL: emulator.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>(resolve => child.on('close', c => resolve(c)));
    return { code, err };
  }

  const created = (prefix: string) => [...emulator.state.users.values()].filter(u => String(u.username).startsWith(prefix)).length;
  const journal = () => parseJournal(fs.readFileSync(path.join(dir, `${FILE}.journal.jsonl`), 'utf8'));

  it('a small plan was shown, so the import finishes: every user created, the failure not hidden (exit 1), the journal complete', async () => {
    const rows = ['Ada', 'Bea', 'Cy', 'Di'].map(n => `${n},Test,sm-${n.toLowerCase()},${n.toLowerCase()}@example.com`);
    const r = await runClosed(`FirstName,LastName,Username,Email\n${rows.join('\n')}\nEd,Test,sm-ed,not-an-email\n`);
    assert.equal(r.code, 1, `a row skipped for errors keeps exit 1, not 141: ${r.err}`);
    assert.equal(created('sm-'), 4);
    assert.match(r.err, /4 created, 0 updated, 0 unchanged, 0 failed, 1 skipped/);
    assert.match(r.err, /the output was closed, so the results were not all printed; every outcome is in JCUserImport_12-04-2026\.csv\.journal\.jsonl/);
    assert.equal(journal().filter(l => l.status === 'created').length, 4);
  });

  it('a plan too long for the pipe cannot be shown, so nothing is sent: exit 141 with one line on stderr', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `F${i},L${i},lg-${i},lg-${i}@example.com`);
    const r = await runClosed(`FirstName,LastName,Username,Email\n${rows.join('\n')}\n`);
    assert.equal(r.code, 141, r.err);
    assert.equal(r.err, 'jumpcloud-csv import: the output was closed before the plan was shown; nothing was sent\n');
    assert.equal(created('lg-'), 0);
    assert.deepEqual(emulator.log.entries.filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/')), [], 'no write request');
  });
});
