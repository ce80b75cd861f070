// Runs the UI tests (test/ui/**/*.test.mjs, mocha bdd) against a real VS Code workbench in headless chromium, with
// the extension installed from the packaged .vsix: what users install is what gets tested.
//
//   node tools/vscode-host/run-ui-tests.mjs [--vsix FILE] [--workspace DIR] [TEST_FILE ...]
//
// Defaults: --vsix = dist-vsix/<name>-<version>.vsix (npm run package makes it), --workspace = test/fixtures/workspace
// (copied to a temp dir first), test files = every test/ui/**/*.test.mjs.
// The tests get, as environment variables:
//   VSCODE_URL         http://127.0.0.1:PORT of the server
//   VSCODE_FOLDER_URL  the workbench URL that opens the workspace copy
//   VSCODE_WORKSPACE   the workspace copy's path (look at files the extension wrote)
//   JC_UI_EMULATOR_PORT  the port the user settings' jumpcloud.apiBaseUrl points at, for a test's local JumpCloud
//   SCREENSHOT_DIR     where ui.screenshot() writes (default test-results/screenshots)
// Exit code 0 when all passed; the last line is `N passed, N failed`.
// Env: UI_TEST_TIMEOUT_MS (per test, default 120000), UI_TEST_GREP (only tests whose title matches), KEEP_STATE=1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import net from 'node:net';
import { DEFAULT_SETTINGS, PROJECT_ROOT, isMain, log, vsixPath } from './config.mjs';
import { startServer } from './serve.mjs';

const say = (...a) => log('ui tests', ...a);

function uiTestFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return uiTestFiles(p);
    return e.isFile() && e.name.endsWith('.test.mjs') ? [p] : [];
  }).sort();
}

/** @returns {Promise<{ code: number, passed: number, failed: number }>} */
export async function runUiTests({
  vsix = vsixPath(),
  workspace = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace'),
  files = uiTestFiles(path.join(PROJECT_ROOT, 'test', 'ui')),
} = {}) {
  const t0 = Date.now();
  let passed = 0, failed = 0, crashed = false, server;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-ui-tests-'));
  try {
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
    if (!files.length) throw new Error('no UI test files (test/ui/**/*.test.mjs)');
    const ws = path.join(scratch, 'workspace');
    if (fs.existsSync(workspace)) fs.cpSync(workspace, ws, { recursive: true });
    else fs.mkdirSync(ws);

    // The local JumpCloud the UI tests start listens on a port chosen here, so that the user settings point at it from
    // the workbench's first moment (jumpcloud.apiBaseUrl is an application setting: user settings only).
    const emulatorPort = await freePort();
    const settings = path.join(scratch, 'settings.json');
    const defaults = JSON.parse(fs.readFileSync(process.env.CS_SETTINGS || DEFAULT_SETTINGS, 'utf8'));
    fs.writeFileSync(settings, JSON.stringify({ ...defaults, 'jumpcloud.apiBaseUrl': `http://127.0.0.1:${emulatorPort}` }, null, 2));
    process.env.CS_SETTINGS = settings;
    process.env.JC_UI_EMULATOR_PORT = String(emulatorPort);

    server = await startServer({ workspace: ws, vsix: [vsix] });
    say(`${path.relative(PROJECT_ROOT, vsix)} installed; workbench at ${server.folderUrl()}`);
    Object.assign(process.env, {
      VSCODE_URL: server.url,
      VSCODE_FOLDER_URL: server.folderUrl(),
      VSCODE_WORKSPACE: server.workspace,
    });

    const Mocha = createRequire(path.join(PROJECT_ROOT, 'package.json'))('mocha/lib/mocha.cjs');
    const mocha = new Mocha({
      ui: 'bdd', reporter: 'spec', color: Boolean(process.stdout.isTTY || process.env.FORCE_COLOR),
      timeout: Number(process.env.UI_TEST_TIMEOUT_MS || 120000),
      ...(process.env.UI_TEST_GREP ? { grep: process.env.UI_TEST_GREP } : {}),
    });
    for (const f of files) mocha.addFile(path.resolve(f));
    await mocha.loadFilesAsync();
    await new Promise(resolve => {
      const runner = mocha.run(resolve);
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    });
  } catch (e) {
    crashed = true;
    say('error:', e && e.stack || e);
    if (server) console.error(`--- code-server log (tail) ---\n${fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
  } finally {
    await server?.stop().catch(e => say('stopping the server:', e.message));
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (crashed && failed === 0) failed = 1;
  say(`${failed ? 'FAILED' : 'passed'} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return { code: failed ? 1 : 0, passed, failed };
}

if (isMain(import.meta.url)) {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vsix') opts.vsix = path.resolve(argv[++i]);
    else if (a === '--workspace') opts.workspace = argv[++i];
    else if (!a.startsWith('--')) (opts.files ??= []).push(path.resolve(a));
    else { console.error(`unknown argument ${a}`); process.exit(2); }
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130)); // 'exit' stops the server
  const { code } = await runUiTests(opts);
  process.exit(code);
}

/** A port free right now on 127.0.0.1 (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
