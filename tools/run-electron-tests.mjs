// npm run test:electron: the extension-host suite (test/host) in desktop VS Code, with @vscode/test-electron.
// It downloads VS Code into .vscode-test/ on first use, so it needs the internet (and on Linux without a display,
// xvfb-run). `npm test` does not use it: it runs the SAME suite offline in code-server through
// tools/vscode-host/run-host-tests.mjs. Same extension, same test entry, same fixture workspace (copied to a temp
// dir first, as there).
//
//   node tools/run-electron-tests.mjs        (after `node esbuild.js && tsc -p ./`)
// Env: VSCODE_VERSION ('stable' by default, 'insiders' or e.g. '1.96.0'), EXT_TEST_ENV='{"K":"V"}' (extension host env).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extensionDevelopmentPath = ROOT;
const extensionTestsPath = path.join(ROOT, 'out', 'test', 'host', 'index.js');
const fixture = path.join(ROOT, 'test', 'fixtures', 'workspace');

if (!fs.existsSync(extensionTestsPath)) {
  console.error(`${extensionTestsPath} does not exist: compile the tests first (npx tsc -p .)`);
  process.exit(1);
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-electron-tests-'));
const workspace = path.join(scratch, 'workspace');
fs.cpSync(fixture, workspace, { recursive: true });

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv: process.env.EXT_TEST_ENV ? JSON.parse(process.env.EXT_TEST_ENV) : undefined,
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (e) {
  console.error(`extension host tests failed: ${e && e.message ? e.message : e}`);
  code = 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
