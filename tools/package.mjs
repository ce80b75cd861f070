// npm run package: production bundle, then `vsce package`, then a check of what went into the .vsix.
//
//   node tools/package.mjs            -> dist-vsix/<name>-<version>.vsix (its path is the last line printed)
//
// It fails when a minified bundle grows past its budget (BUNDLE_BUDGETS_KIB), and when the package holds anything but
// the files below: a stray source map, test, sample or node_modules folder in a user's install is a bug. Widen ALLOWED when the extension really ships a new kind of
// file (e.g. a grammar in syntaxes/), and add it to .vscodeignore's whitelist too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const OUT_DIR = path.join(ROOT, 'dist-vsix');
const VSIX = path.join(OUT_DIR, `${manifest.name}-${manifest.version}.vsix`);

const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/worker\.js$/,
  /^extension\/dist\/engine\.js$/,
  /^extension\/media\/.+/,
  // the rest of .vscodeignore's whitelist: a language contribution's files and manifest translations
  /^extension\/language-configuration\.json$/,
  /^extension\/syntaxes\/.+/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/readme\.md$/i, // vsce writes readme.md / changelog.md / LICENSE.txt
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
];
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension.vsixmanifest'];

/**
 * Size budgets of the minified bundles, in KiB. The extension loads on every CSV opened, the worker on the first large
 * one: a dependency that grows them past this fails the build, with the modules that take the most room.
 */
export const BUNDLE_BUDGETS_KIB = { 'dist/extension.js': 160, 'dist/worker.js': 100, 'dist/engine.js': 150 };
/** Reported, not limited: the CLI is not in the .vsix, and loads its commands lazily. */
const REPORTED_ONLY = ['dist/cli.js'];

/** The biggest inputs of a bundle, from esbuild's metafile (dist/meta/*.json). */
function biggestInputs(bundle, count) {
  const metaDir = path.join(ROOT, 'dist', 'meta');
  for (const f of fs.existsSync(metaDir) ? fs.readdirSync(metaDir) : []) {
    const meta = JSON.parse(fs.readFileSync(path.join(metaDir, f), 'utf8'));
    const output = meta.outputs[bundle];
    if (!output) continue;
    // Dependencies are summed per package (zod is hundreds of small files); our own files are listed one by one.
    const sizes = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = /^node_modules\/(@[^/]+\/)?[^/]+/.exec(input)?.[0] ?? input;
      sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
    }
    return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, count);
  }
  return [];
}

/** Prints every bundle's size and returns the lines of those over budget. */
export function checkBundleSizes() {
  const over = [];
  for (const bundle of [...Object.keys(BUNDLE_BUDGETS_KIB), ...REPORTED_ONLY]) {
    const kib = fs.statSync(path.join(ROOT, bundle)).size / 1024;
    const budget = BUNDLE_BUDGETS_KIB[bundle];
    console.log(`[package] ${bundle}: ${kib.toFixed(1)} KiB${budget ? ` (budget ${budget} KiB)` : ''}`);
    if (budget && kib > budget) {
      over.push(`${bundle} is ${kib.toFixed(1)} KiB, over its ${budget} KiB budget; its biggest inputs:`);
      for (const [input, bytesInOutput] of biggestInputs(bundle, 5)) over.push(`    ${(bytesInOutput / 1024).toFixed(1).padStart(6)} KiB  ${input}`);
    }
  }
  return over;
}

function step(title, cmd, args) {
  console.log(`[package] ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${title} failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`);
}

/** The names in a zip file's central directory (enough of the format for a .vsix; no dependency needed). */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(at + 28), extraLen = buf.readUInt16LE(at + 30), commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function main() {
  for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: vsce needs it`);
  }
  // vsce also runs the "vscode:prepublish" script (the same build); building here first keeps the step explicit and
  // fails early with esbuild's own errors.
  step('production bundle: node esbuild.js --production', process.execPath, ['esbuild.js', '--production']);
  const over = checkBundleSizes();
  if (over.length) {
    console.error(`[package] ${over.join('\n')}`);
    throw new Error('a bundle is over its size budget (BUNDLE_BUDGETS_KIB in tools/package.mjs)');
  }

  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.rmSync(VSIX, { force: true });
  // The extension is bundled, so node_modules is left out (--no-dependencies). stdin is closed: should vsce ever
  // ask a question (e.g. about a missing field), it gets "no" and fails instead of waiting forever.
  const vsce = path.join(path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('@vscode/vsce/package.json')), 'vsce');
  step(`vsce package -> ${path.relative(ROOT, VSIX)}`, process.execPath, [vsce, 'package', '--no-dependencies', '--out', VSIX]);

  const entries = zipEntries(VSIX).filter(n => !n.endsWith('/'));
  const unexpected = entries.filter(n => !ALLOWED.some(re => re.test(n)));
  const missing = REQUIRED.filter(n => !entries.includes(n));
  console.log(`[package] ${entries.length} files:\n${entries.map(n => `    ${n}`).join('\n')}`);
  if (unexpected.length || missing.length) {
    if (unexpected.length) console.error(`[package] not allowed in the package:\n${unexpected.map(n => `    ${n}`).join('\n')}`);
    if (missing.length) console.error(`[package] missing from the package:\n${missing.map(n => `    ${n}`).join('\n')}`);
    throw new Error('the .vsix content check failed (see .vscodeignore and ALLOWED in tools/package.mjs)');
  }
  console.log(`[package] ok, ${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB`);
  console.log(VSIX);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`[package] FAILED: ${e.message}`);
    process.exit(1);
  }
}
