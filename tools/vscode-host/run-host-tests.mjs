// Runs the extension-host test suite inside a real VS Code: the job @vscode/test-electron does, without Electron.
//
//   node tools/vscode-host/run-host-tests.mjs [--ext DIR] [--tests FILE] [--workspace DIR] [--vsix FILE]...
//
// Defaults: --ext = the project root (loaded as the extension under development, from its package.json "main"),
//           --tests = out/test/host/index.js (the module whose run(): Promise<void> VS Code calls),
//           --workspace = test/fixtures/workspace (copied to a temp dir first, so tests may write into it),
//           --vsix = other extensions to install first (none).
// How: code-server is started with --vscode-option enable-smoke-test-driver; headless chromium opens the workbench
// with a URL payload naming extensionDevelopmentPath/extensionTestsPath as vscode-remote:// URIs, so the tests run
// in code-server's Node extension host with the full `vscode` API. The workbench reports the end through
// window.codeAutomationExit(code) and forwards the extension host's console through window.codeAutomationLog.
// Exit code: 0 when all tests passed; 1 on failures, crash or timeout. The last line is `N passed, N failed`.
//
// Env: EXT_TEST_ENV='{"K":"V"}' env vars for the extension host; TEST_TIMEOUT_MS (default 300000);
//      SHOW_WORKBENCH_LOG=1 also prints the workbench's own log lines; KEEP_STATE=1 keeps server logs/user data;
//      DISABLE_OTHER_EXTENSIONS=1 starts VS Code with the other (built-in) extensions disabled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { PROJECT_ROOT, isMain, launchBrowser, log } from './config.mjs';
import { startServer } from './serve.mjs';

const say = (...a) => log('host tests', ...a);

/** Workbench chatter that is not test output (shown with SHOW_WORKBENCH_LOG=1). */
const NOISE = new RegExp('^(' + [
  'Ignoring fetching additional builtin extensions', 'Updating additional builtin extensions cache', '\\[AgentHost',
  '\\[AccountPolicyGate\\]', '\\[Service Worker\\]', '\\[reconnection-grace-time\\]', 'Resolv(ing|ed) connection token',
  'Creating a socket',
  // the output model complains once the extension host has stopped at the end of the run; harmless
  "Cannot read properties of undefined \\(reading 'add'\\)",
].join('|') + ')');

/**
 * The workbench calls codeAutomationExit(0) even when the extension host dies in the middle of the run. So the
 * tests are started through this wrapper, which writes how the real run() ended into a file; only "run() resolved"
 * together with exit code 0 counts as a pass. Both runner contracts are kept: run(): Promise<void> and the old
 * run(testsRoot, callback(error, failures)).
 */
function writeCrashGuard(dir, testsModule) {
  const resultFile = path.join(dir, 'outcome.json');
  const guard = path.join(dir, 'crash-guard.js');
  fs.writeFileSync(guard, `'use strict';
const fs = require('fs');
const testsModule = ${JSON.stringify(testsModule)};
const resultFile = ${JSON.stringify(resultFile)};
function settle(ok, error) {
  fs.writeFileSync(resultFile, JSON.stringify({ ok, error: error === undefined ? undefined : String((error && error.stack) || error) }));
}
exports.run = function (_testsRoot, callback) {
  const outcome = new Promise((resolve, reject) => {
    const done = (error, failures) => (error ? reject(error) : failures ? reject(new Error(failures + ' test(s) failed')) : resolve());
    const returned = require(testsModule).run(${JSON.stringify(path.dirname(testsModule))}, done);
    if (returned && typeof returned.then === 'function') returned.then(() => resolve(), reject);
  }).then(() => settle(true), error => { settle(false, error); throw error; });
  if (typeof callback === 'function') { outcome.then(() => callback(undefined, 0), error => callback(error)); return undefined; }
  return outcome;
};
`);
  return { guard, resultFile };
}

function tail(file, lines) {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

function findFiles(dir, name, found = []) {
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return found; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, name, found);
    else if (e.name === name) found.push(p);
  }
  return found;
}

/** @returns {Promise<{ code: number, passed: number, failed: number }>} */
export async function runHostTests({
  ext = PROJECT_ROOT,
  tests = path.join(PROJECT_ROOT, 'out', 'test', 'host', 'index.js'),
  workspace = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace'),
  vsix = [],
} = {}) {
  const t0 = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-host-tests-'));
  let passed = 0, failed = 0, counted = false, ok = false;
  let server, browser;
  try {
    const testsModule = path.resolve(tests);
    if (!fs.existsSync(testsModule)) throw new Error(`${testsModule} does not exist (compile the tests: npx tsc -p .)`);
    const ws = path.join(scratch, 'workspace');
    if (fs.existsSync(workspace)) fs.cpSync(workspace, ws, { recursive: true });
    else fs.mkdirSync(ws);
    const { guard, resultFile } = writeCrashGuard(scratch, testsModule);

    server = await startServer({ workspace: ws, vsix, testMode: true });
    // code-server's web client uses host:port as the remote authority; the server maps vscode-remote:// to its disk.
    const remote = p => `vscode-remote://${new URL(server.url).host}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ext)],
      ['extensionTestsPath', remote(guard)],
    ];
    if (process.env.EXT_TEST_ENV) payload.push(['extensionEnvironment', process.env.EXT_TEST_ENV]);
    if (process.env.DISABLE_OTHER_EXTENSIONS === '1') payload.push(['disableExtensions', 'true']);
    const url = `${server.folderUrl(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await launchBrowser();
    const page = await browser.newPage();
    page.on('pageerror', e => console.error('[workbench page error]', e.message));
    let reportExit;
    const exited = new Promise(resolve => { reportExit = resolve; });
    await page.exposeFunction('codeAutomationExit', code => reportExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(args || []));
      if (!process.env.SHOW_WORKBENCH_LOG && NOISE.test(line)) return;
      const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
      if (m) { passed = Number(m[1]); failed = Number(m[2]); counted = true; }
      if (type === 'error') console.error(line);
      else console.log(type === 'log' || type === 'info' ? line : `[${type}] ${line}`);
    });
    await page.goto(url);

    const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300000);
    let timer;
    const code = await Promise.race([exited, new Promise(r => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    const outcome = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
    if (code === 'timeout') say(`no result after ${timeoutMs} ms`);
    else if (!outcome) say(`the test runner never finished (did the extension host crash?); workbench exit code ${code}`);
    else if (!outcome.ok) say(`run() failed: ${outcome.error.split('\n')[0]}`);
    else if (code !== 0) say(`workbench exit code ${code}`);
    else ok = true;
  } catch (e) {
    say('error:', e && e.stack || e);
  } finally {
    await browser?.close().catch(() => {});
    if (server) {
      if (!ok) {
        console.error(`--- code-server log (tail) ---\n${tail(server.logFile, 20)}`);
        for (const f of findFiles(path.join(server.stateDir, 'user-data', 'logs'), 'remoteexthost.log')) {
          console.error(`--- ${path.basename(path.dirname(f))}/remoteexthost.log (tail) ---\n${tail(f, 30)}`);
        }
      }
      await server.stop().catch(e => say('stopping the server:', e.message));
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  // A run that did not pass always counts at least one failure, also when the suite never printed its counts.
  if (!ok && failed === 0) failed = 1;
  if (!counted && ok) say('the suite did not print an "N passed, N failed" line');
  say(`${ok ? 'passed' : 'FAILED'} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return { code: ok ? 0 : 1, passed, failed };
}

if (isMain(import.meta.url)) {
  const opts = { vsix: [] };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ext') opts.ext = argv[++i];
    else if (a === '--tests') opts.tests = argv[++i];
    else if (a === '--workspace') opts.workspace = argv[++i];
    else if (a === '--vsix') opts.vsix.push(argv[++i]);
    else { console.error(`unknown argument ${a}`); process.exit(2); }
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130)); // 'exit' stops the server
  const { code } = await runHostTests(opts);
  process.exit(code);
}
