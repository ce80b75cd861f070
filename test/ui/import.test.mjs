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

// On the port the runner wrote into the user settings (jumpcloud.apiBaseUrl) before the workbench started.
const emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION, port: Number(process.env.JC_UI_EMULATOR_PORT) });

describe('Import Users (UI)', () => {
  const session = ui.useWorkbench();
  let page;
  before(async () => {
    page = session.page;
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
    await emulator.close();
  });

  it('stores the API key from the palette and reaches the local JumpCloud', async () => {
    await ui.runCommand(page, 'JumpCloud: Set API Key…');
    const box = page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor();
    // The extension validates what is typed (VS Code asks it, 100 ms after the last change) and the box shows the
    // answer: a blank key turns the message into the refusal, and once the key is typed the prompt comes back only when
    // the answer for the key has arrived. Enter is pressed once, then: the box takes it at once.
    const message = page.locator('.quick-input-widget .quick-input-message');
    await ui.typeInQuickInput(page, ' ');
    await page.locator('.quick-input-widget .monaco-inputbox.error').waitFor();
    await message.filter({ hasText: 'Enter the key.' }).waitFor();
    await ui.typeInQuickInput(page, KEY);
    await page.locator('.quick-input-widget .monaco-inputbox.idle').waitFor();
    await message.filter({ hasText: 'Paste an administrator API key' }).waitFor();
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden' });
    // The toast may come and go before it is looked for; the output channel keeps the line.
    await ui.outputChannelText(page, 'JumpCloud', 'Connected to JumpCloud organization "Emulated Organization"');
    await ui.runCommand(page, 'View: Hide Panel');
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
    // The results view opens by itself when the run ends; it is its container's only view, so it has no pane header.
    const tree = page.locator('.sidebar .pane-body .monaco-list-row');
    const row = tree.filter({ hasText: 'ghopper' }).first();
    await row.waitFor({ timeout: 60000 });
    assert.match(await row.innerText(), /created/);
    await tree.filter({ hasText: 'alovelace' }).first().waitFor();
    const created = [...emulator.state.users.values()].filter(u => ['ghopper', 'aturing', 'alovelace'].includes(u.username));
    assert.equal(created.length, 3);
    const shot = await ui.screenshot(page, '21-import-results');
    if (process.env.UPDATE_README_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'import.png'));
  });
});
