/**
 * Entry point of the extension-host test suite: VS Code loads this module (extensionTestsPath) inside the extension
 * host and awaits run(). The same file serves both runners:
 *  - tools/vscode-host/run-host-tests.mjs (code-server + headless chromium, offline; what `npm test` uses),
 *  - tools/run-electron-tests.mjs (@vscode/test-electron, where VS Code can be downloaded).
 * It runs every out/test/host/**\/*.test.js with mocha (bdd) and ends with the line `N passed, N failed`, which the
 * runners and tools/test-all.sh read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// mocha 12's package entry is an ES module; its CommonJS build is loaded directly so that this file also works in
// VS Code builds whose Node cannot require() ES modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MochaClass = require('mocha/lib/mocha.cjs') as typeof Mocha;

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(file);
      return entry.isFile() && entry.name.endsWith('.test.js') ? [file] : [];
    })
    .sort();
}

export function run(): Promise<void> {
  const mocha = new MochaClass({
    ui: 'bdd',
    reporter: 'spec',
    color: Boolean(process.env.FORCE_COLOR),
    timeout: Number(process.env.HOST_TEST_TIMEOUT_MS ?? 20000),
    ...(process.env.HOST_TEST_GREP ? { grep: process.env.HOST_TEST_GREP } : {}),
  });
  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      for (const file of testFiles(__dirname)) mocha.addFile(file);
      const runner = mocha.run(failures => {
        console.log(`${passed} passed, ${failed} failed`);
        if (failures > 0 || failed > 0) reject(new Error(`${Math.max(failures, failed)} host test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    } catch (error) {
      // A test file that throws while loading: nothing ran, count it as one failure.
      console.error(error);
      console.log(`${passed} passed, ${failed || 1} failed`);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
