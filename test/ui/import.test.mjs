// UI test: JumpCloud: Import Users from the command palette of a real VS Code workbench, against the local JumpCloud,
// confirmed in the modal dialog; the results tree is screenshotted (the README's picture with
// UPDATE_README_SCREENSHOTS=1). Run by tools/vscode-host/run-ui-tests.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as ui from '../../tools/vscode-host/ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The local JumpCloud as compiled by `tsc -p .` (npm test compiles before the UI suite runs).
const { startEmulator, SAMPLE_ORGANIZATION } = createRequire(import.meta.url)(path.join(ROOT, 'out', 'src', 'emulator', 'index.js'));
const KEY = 'jc-ui-import-key-3c9f1e7a';
const FILE = 'JCUserImport_12-03-2026.csv';

describe('Import Users (UI)', () => {
  const session = ui.useWorkbench();
  let page;
  let emulator;
  before(async () => {
    page = session.page;
    emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION });
    const settingsFile = process.env.VSCODE_USER_SETTINGS;
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'jumpcloud.apiBaseUrl': emulator.url }, null, 2));
    fs.mkdirSync(path.join(process.env.VSCODE_WORKSPACE, 'import'), { recursive: true });
    fs.writeFileSync(
      path.join(process.env.VSCODE_WORKSPACE, 'import', FILE),
      'FirstName,LastName,Username,Email,Group1,jobTitle\n' +
        'Grace,Hopper,ghopper,grace.hopper@example.com,Engineering,Rear Admiral\n' +
        'Alan,Turing,aturing,alan.turing@example.com,Sales,Cryptanalyst\n' +
        'Ada,Lovelace,alovelace,ada.lovelace@example.com,Engineering,Analyst\n',
    );
  });
  after(async () => {
    await emulator?.close();
  });

  it('stores the API key from the palette and reaches the local JumpCloud', async () => {
    await ui.runCommand(page, 'JumpCloud: Set API Key…');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await ui.typeInQuickInput(page, KEY);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'Connected to JumpCloud organization "Emulated Organization"' }).waitFor();
  });

  it('imports from the palette after the confirmation, and lists every user in the results tree', async () => {
    await ui.openFile(page, FILE);
    await ui.runCommand(page, 'JumpCloud: Import Users');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const message = await dialog.innerText();
    assert.match(message, /Create 3 users, add 3 group memberships\. Import\?/);
    assert.match(message, /3 new accounts in Emulated Organization/);
    await ui.screenshot(page, '20-import-confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Import$/ }).click();
    await page.locator('.notifications-toasts', { hasText: '3 created' }).waitFor({ timeout: 60000 });
    const row = await ui.treeItem(page, 'Import', 'ghopper');
    assert.match(await row.innerText(), /created/);
    await ui.treeItem(page, 'Import', 'alovelace');
    const created = [...emulator.state.users.values()].filter(u => ['ghopper', 'aturing', 'alovelace'].includes(u.username));
    assert.equal(created.length, 3);
    const shot = await ui.screenshot(page, '21-import-results');
    if (process.env.UPDATE_README_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'import.png'));
  });
});
