import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

/**
 * Commands are loaded when they run: `--help` and `template` must not load undici or the local JumpCloud, which
 * would show as Node's network modules being required (the bundle requires nothing else at run time).
 */
describe('jumpcloud-csv start-up (bundled CLI)', () => {
  let dir: string;
  let hook: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-startup-'));
    hook = path.join(dir, 'hook.js');
    fs.writeFileSync(
      hook,
      `const Module = require('module'); const load = Module._load; const seen = new Set();
       Module._load = function (request, ...rest) { seen.add(request.replace(/^node:/, '')); return load.call(this, request, ...rest); };
       process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_FILE, [...seen].join('\\n')));`,
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const loaded = (...args: string[]) => {
    const file = path.join(dir, `loaded-${args.join('-')}.txt`);
    const r = spawnSync(process.execPath, ['-r', hook, CLI, ...args], { env: { ...process.env, LOADED_FILE: file }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return fs.readFileSync(file, 'utf8').split('\n');
  };
  const NETWORK = ['net', 'tls', 'http', 'https', 'http2'];

  for (const args of [['--help'], ['template', '--type', 'import', '--stdout']]) {
    it(`${args.join(' ')} loads no network module`, () => {
      const modules = loaded(...args);
      assert.deepEqual(modules.filter(m => NETWORK.includes(m)), []);
    });
  }

  it('the emulator, when it runs, does load them (so the check above can fail)', () => {
    const r = spawnSync(process.execPath, ['-r', hook, CLI, 'emulator', '--seed', path.join(dir, 'missing.json')], { env: { ...process.env, LOADED_FILE: path.join(dir, 'emulator.txt') }, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.ok(fs.readFileSync(path.join(dir, 'emulator.txt'), 'utf8').split('\n').includes('http'));
  });
});
