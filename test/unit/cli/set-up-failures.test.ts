import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportCommand } from '../../../src/cli/commands/export';
import { importCommand } from '../../../src/cli/commands/import';
import { lintCommand } from '../../../src/cli/commands/lint';
import { templateCommand } from '../../../src/cli/commands/template';
import { runProgram } from '../../../src/cli/program';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { bigSeed } from '../jumpcloud/helpers';
import { fakeIo } from './fake-io';

const KEY = 'jc-cli-setup-key-0f3b9d7e21';
const WRONG_KEY = 'jc-wrong-key-77aa31c0de';
const COMMANDS = [importCommand, lintCommand, exportCommand, templateCommand];

/** A loopback port with nothing listening on it (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

/**
 * Every command that reads the organization stops with exit 2 and the setting to check when it cannot (README: "2
 * bad usage or an organization that cannot be read"), before any change and without writing a file.
 */
describe('CLI set-up failures: exit 2 naming the setting, in every command that reads the organization', () => {
  let emulator: Emulator;
  let dir: string;

  before(async () => {
    emulator = await startEmulator({ apiKey: KEY, seed: bigSeed(3, 1) });
  });
  after(() => emulator.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-setup-'));
    fs.writeFileSync(path.join(dir, 'JCUserImport_12-04-2026.csv'), 'FirstName,LastName,Username,Email\nAda,Lovelace,ada,ada@example.com\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const commandLines: readonly (readonly string[])[] = [
    ['import', 'JCUserImport_12-04-2026.csv', '--yes'],
    ['import', 'JCUserImport_12-04-2026.csv', '--dry-run'],
    ['lint', 'JCUserImport_12-04-2026.csv'],
    ['export', '--all'],
    ['export', '--stdout'],
    ['template', '--type', 'update', '--populate'],
    ['template', '--type', 'import', '--systems-file'],
  ];

  const run = async (argv: readonly string[], env: Record<string, string>) => {
    const io = fakeIo(dir, env);
    const code = await runProgram({ name: 'jumpcloud-csv', version: 'test' }, COMMANDS, [...argv], io);
    return { code, out: io.out, err: io.err };
  };

  const cases: readonly { readonly name: string; readonly env: () => Promise<Record<string, string>>; readonly says: RegExp }[] = [
    { name: 'a key JumpCloud refuses (401)', env: async () => ({ JC_API_KEY: WRONG_KEY, JC_API_URL: emulator.url }), says: /401.*; check JC_API_KEY/ },
    { name: 'an organization the key does not reach', env: async () => ({ JC_API_KEY: KEY, JC_API_URL: emulator.url, JC_ORG_ID: 'aaaaaaaaaaaaaaaaaaaaaaaa' }), says: /organization not found.*; check JC_ORG_ID/ },
    { name: 'an address where nothing answers', env: async () => ({ JC_API_KEY: KEY, JC_API_URL: `http://127.0.0.1:${await closedPort()}` }), says: /could not reach JumpCloud .*; check the network, JC_REGION and JC_API_URL/ },
  ];

  for (const c of cases) {
    for (const argv of commandLines) {
      it(`${argv.join(' ')}: ${c.name}`, async () => {
        const before = emulator.log.entries.length;
        const r = await run(argv, await c.env());
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, c.says);
        assert.match(r.err, new RegExp(`^jumpcloud-csv ${argv[0]}: `));
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
        assert.ok(!r.err.includes(KEY) && !r.err.includes(WRONG_KEY), 'the key is never printed');
        assert.deepEqual(fs.readdirSync(dir), ['JCUserImport_12-04-2026.csv'], 'no file was written');
        const writes = emulator.log.entries.slice(before).filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/'));
        assert.deepEqual(writes, [], 'nothing was changed');
      });
    }
  }
});
