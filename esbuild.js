// Bundles the extension and the CLI. `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');
const { version } = require('./package.json');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col` form the default problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[build] started'));
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[build] finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  metafile: true,
  define: { __VERSION__: JSON.stringify(version) },
  plugins: [problemMatcher],
};

const targets = [
  // The extension runs on VS Code's own Node; `vscode` is provided by the host, and HTTP uses its global fetch.
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'undici'] },
  // The import and export engine, loaded by the extension the first time one is used: opening a CSV does not pay for
  // it. Shares no state with extension.js (it receives the client it uses).
  { ...common, entryPoints: ['src/core/engine.ts'], outfile: 'dist/engine.js' },
  // Lints large documents off the extension host's main thread.
  { ...common, entryPoints: ['src/vscode/lint/worker.ts'], outfile: 'dist/worker.js', external: ['vscode'] },
  // The command-line front; a shebang makes it runnable as the `jumpcloud-csv` bin.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

async function main() {
  const contexts = await Promise.all(targets.map(t => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  const results = await Promise.all(contexts.map(c => c.rebuild()));
  fs.mkdirSync('dist/meta', { recursive: true });
  results.forEach((r, i) => fs.writeFileSync(`dist/meta/${i}.json`, JSON.stringify(r.metafile)));
  await Promise.all(contexts.map(c => c.dispose()));
  if (results.some(r => r.errors.length)) process.exit(1);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
