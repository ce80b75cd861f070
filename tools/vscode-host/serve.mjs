// Starts code-server (the real VS Code server + web workbench) on a free 127.0.0.1 port, with a fresh user-data and
// extensions dir, and stops it again. Used by run-host-tests.mjs, run-ui-tests.mjs and `npm start`.
//
// As a library:   const server = await startServer({ workspace, vsix: [file], testMode: true });
//                 server.url, server.folderUrl, ...; await server.stop();
// As a command:   node tools/vscode-host/serve.mjs [--vsix FILE]... [--test-mode] [--port N] WORKSPACE
//                 prints the URL and serves until Ctrl+C / SIGTERM, then stops the server and everything it started.
//
// Env: VSC_HOST_DIR & co. (config.mjs), KEEP_STATE=1 keeps the temp state dir (logs, user data) after stop,
//      CS_SETTINGS (a user settings.json instead of tools/vscode-host/settings.json), CS_READY_TIMEOUT_MS (60000),
//      EXTENSIONS_GALLERY (default '{}': no marketplace, it is unreachable offline anyway).
// The server inherits this process's environment, and so does the extension host: set env vars for the extension
// before starting (startServer({ env }) adds some).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_ENTRY, DEFAULT_SETTINGS, HOST_NODE, isMain, log } from './config.mjs';

const say = (...a) => log('vscode-host serve', ...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function healthy(url) {
  return new Promise(resolve => {
    const req = http.get(`${url}/healthz`, res => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

const groupAlive = pid => { try { process.kill(-pid, 0); return true; } catch { return false; } };

/** Ends the server's whole process group: server, extension host, file watcher, pty host. */
async function killGroup(pid) {
  try { process.kill(-pid, 'SIGTERM'); } catch { return; }
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise(r => setTimeout(r, 100));
  if (groupAlive(pid)) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
}

/** Servers of this process still running (pid -> state dir): killed and removed if the process exits without stop(). */
const running = new Map();
process.on('exit', () => {
  for (const [pid, dir] of running) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    if (process.env.KEEP_STATE !== '1') try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* busy */ }
  }
});

/**
 * @param {object} o
 * @param {string} o.workspace   folder the workbench opens
 * @param {string[]} [o.vsix]    .vsix files installed into the fresh extensions dir before the server starts
 * @param {boolean} [o.testMode] adds --vscode-option enable-smoke-test-driver, without which the web client ignores
 *                               the URL payload (extensionDevelopmentPath / extensionTestsPath)
 * @param {Record<string,string>} [o.env] extra env vars for the server and its extension host
 * @param {number} [o.port]      default: a free port
 */
export async function startServer({ workspace, vsix = [], testMode = false, env = {}, port } = {}) {
  if (!fs.existsSync(CODE_SERVER_ENTRY) || !fs.existsSync(HOST_NODE)) {
    throw new Error('the VS Code host is not installed: run `node tools/vscode-host/install.mjs`');
  }
  workspace = fs.realpathSync(workspace);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-host-'));
  const userData = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.copyFileSync(process.env.CS_SETTINGS || DEFAULT_SETTINGS, path.join(userData, 'User', 'settings.json'));
  const common = ['--config', '/dev/null', '--user-data-dir', userData, '--extensions-dir', extensionsDir];

  for (const file of vsix) {
    const r = spawnSync(HOST_NODE, [CODE_SERVER_ENTRY, ...common, '--force', '--install-extension', path.resolve(file)],
      { encoding: 'utf8' });
    if (r.status !== 0) {
      fs.rmSync(stateDir, { recursive: true, force: true });
      throw new Error(`installing ${file} failed:\n${r.stdout}${r.stderr}${r.error ? r.error.message : ''}`);
    }
  }

  // VS Code leaves vscode-ipc-*.sock files and vscode-typescript* dirs in TMPDIR: keep them in the state dir, unless
  // that path is too long for a unix socket name (108 bytes with the socket's own name).
  const serverTmp = path.join(stateDir, 'tmp');
  fs.mkdirSync(serverTmp);
  const logFile = path.join(stateDir, 'server.log');

  for (let attempt = 1; ; attempt++) {
    const p = port || await freePort();
    const url = `http://127.0.0.1:${p}`;
    const out = fs.openSync(logFile, 'w');
    const child = spawn(HOST_NODE, [
      CODE_SERVER_ENTRY, ...common,
      '--bind-addr', `127.0.0.1:${p}`, '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      ...(testMode ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      workspace,
    ], {
      detached: true, // own process group (setsid), so one kill ends every child
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY || '{}',
        TMPDIR: serverTmp.length <= 50 ? serverTmp : os.tmpdir(),
        ...env,
      },
    });
    fs.closeSync(out);
    child.unref();
    running.set(child.pid, stateDir);
    let exited = false;
    const exitedPromise = new Promise(resolve => child.on('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));

    const deadline = Date.now() + Number(process.env.CS_READY_TIMEOUT_MS || 60000);
    let ready = false;
    while (!exited && Date.now() < deadline) {
      if (await healthy(url)) { ready = true; break; }
      await new Promise(r => setTimeout(r, 200));
    }
    if (ready) {
      const server = {
        url, port: p, pid: child.pid, stateDir, logFile, workspace,
        /** Settles with the exit code (or signal) when the server process ends. */
        exited: exitedPromise,
        folderUrl: (folder = workspace) => `${url}/?folder=${encodeURIComponent(folder)}`,
        async stop() {
          await killGroup(child.pid);
          running.delete(child.pid);
          if (process.env.KEEP_STATE === '1') say(`state kept in ${stateDir}`);
          else fs.rmSync(stateDir, { recursive: true, force: true });
        },
      };
      return server;
    }
    await killGroup(child.pid);
    running.delete(child.pid);
    const text = fs.readFileSync(logFile, 'utf8');
    if (!port && attempt < 3 && text.includes('EADDRINUSE')) continue;
    fs.rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`code-server did not become ready at ${url}:\n${text.split('\n').slice(-30).join('\n')}`);
  }
}

async function main(argv) {
  const vsix = [];
  let testMode = false, port, workspace;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vsix') vsix.push(argv[++i]);
    else if (a === '--test-mode') testMode = true;
    else if (a === '--port') port = Number(argv[++i]);
    else if (!a.startsWith('--') && !workspace) workspace = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!workspace) throw new Error('usage: serve.mjs [--vsix FILE]... [--test-mode] [--port N] WORKSPACE');
  const server = await startServer({ workspace, vsix, testMode, port });
  console.log(`VS Code is at ${server.folderUrl()}`);
  console.log(`(server log: ${server.logFile}; Ctrl+C stops it)`);
  // process.on, not once: a second Ctrl+C while stopping must not kill this process before the server is gone.
  const signalled = new Promise(resolve => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => resolve(sig));
  });
  const keepAlive = setInterval(() => {}, 1 << 30); // signal listeners alone do not keep Node running
  const why = await Promise.race([signalled, server.exited.then(code => ({ code }))]);
  clearInterval(keepAlive);
  if (typeof why === 'object') {
    console.error(`[vscode-host serve] code-server exited on its own (${why.code}); log:\n${fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
    await server.stop();
    process.exitCode = 1;
    return;
  }
  say(`${why}: stopping`);
  await server.stop();
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).catch(e => {
    console.error(`[vscode-host serve] ${e.message}`);
    process.exit(1);
  });
}
