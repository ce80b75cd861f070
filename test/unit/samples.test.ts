import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { importCommand } from '../../src/cli/commands/import';
import { lintCommand } from '../../src/cli/commands/lint';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../src/emulator';
import { fakeIo } from './cli/fake-io';

const SAMPLES = path.resolve(__dirname, '../../../samples');
const KEY = 'jc-samples-key-0b7d41';

/**
 * The samples are a newcomer's first run (`npm start` serves them next to the sample organization): the clean one must
 * import as it is, and the one named for organization mistakes must show each of them.
 */
describe('samples against the sample organization (local JumpCloud)', () => {
  let emulator: Emulator;
  before(async () => (emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION })));
  after(() => emulator.close());

  const run = async (command: typeof lintCommand, args: string[]) => {
    const io = fakeIo(SAMPLES, { JC_API_KEY: KEY, JC_API_URL: emulator.url });
    const code = await command.run(args, io);
    return { code, out: io.out, err: io.err };
  };

  it('new-users-import.csv lints clean and plans every row as a create', async () => {
    const lint = await run(lintCommand, ['new-users-import.csv', '--type', 'import']);
    assert.equal(lint.code, 0, lint.out + lint.err);
    assert.doesNotMatch(lint.out, /error|warning/);
    const plan = await run(importCommand, ['new-users-import.csv', '--type', 'import', '--dry-run']);
    assert.equal(plan.code, 0, plan.err);
    assert.match(plan.out, /^Create 3 users, /);
    assert.deepEqual([...plan.out.matchAll(/^Row \d+ \S+: (\S+)/gm)].map(m => m[1]), ['create', 'create', 'create']);
  });

  it('new-users-with-org-mistakes.csv shows each mistake against the organization, one a row', async () => {
    const lint = await run(lintCommand, ['new-users-with-org-mistakes.csv', '--type', 'import']);
    assert.equal(lint.code, 1);
    const found = [...lint.out.matchAll(/:(\d+):\d+: error (\S+)/g)].map(m => `${m[1]} ${m[2]}`);
    assert.deepEqual(found, ['3 user-exists', '4 value-in-use', '5 value-in-use', '6 unknown-group', '7 unknown-system', '8 unknown-manager']);
    const plan = await run(importCommand, ['new-users-with-org-mistakes.csv', '--type', 'import', '--dry-run']);
    assert.deepEqual([...plan.out.matchAll(/^Row \d+ \S+: (\S+)/gm)].map(m => m[1]), ['create', ...Array(6).fill('skipped')], plan.out);
  });
});
