// UI test: the template wizard, started from the command palette of a real VS Code workbench (code-server + headless
// chromium), with the extension installed from the packaged .vsix. Run by tools/vscode-host/run-ui-tests.mjs, which
// sets VSCODE_FOLDER_URL. Screenshots go to test-results/screenshots/; UPDATE_README_SCREENSHOTS=1 also refreshes
// media/screenshots/wizard.png, the README's picture.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ui from '../../tools/vscode-host/ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('New User CSV Template wizard (UI)', () => {
  const session = ui.useWorkbench();
  let page;
  before(() => (page = session.page)); // runs after the session's own before hook

  it('opens the workbench on the fixture workspace', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'new-users.csv' }).waitFor();
    await ui.screenshot(page, '01-workbench');
  });

  it('JumpCloud: New User CSV Template… opens the wizard QuickPick', async () => {
    await ui.runCommand(page, 'JumpCloud: New User CSV Template…');
    const pick = await ui.quickPick(page, { titlePrefix: 'New User CSV Template' });
    assert.match(pick.placeholder, /Which kind of template/, `placeholder: ${pick.placeholder}`);
    const shot = await ui.screenshot(page, '02-wizard-first-step');
    if (process.env.UPDATE_README_SCREENSHOTS === '1') {
      fs.mkdirSync(path.join(ROOT, 'media', 'screenshots'), { recursive: true });
      fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'wizard.png'));
    }
  });

  it('answers the steps and opens the written template', async () => {
    await ui.pickQuickPickItem(page, 'New users (import)');
    await ui.quickPick(page, { titlePrefix: 'New User CSV Template' });
    await page.locator('.quick-input-widget .quick-input-box input[placeholder*="Where should"]').waitFor();
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().click();
    await ui.pickQuickPickItem(page, 'All columns', { placeholder: 'Which columns' });
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'groups' }).or(page.locator('.quick-input-widget', { hasText: 'groups' })).first().waitFor();
    await ui.typeInQuickInput(page, '2');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'custom attributes' }).waitFor();
    await ui.typeInQuickInput(page, '1');
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: /JCUserImport_\d\d-\d\d-\d{4}\.csv/ }).waitFor();
    const text = await ui.editorTextContaining(page, 'FirstName,LastName,Username,Password,Email');
    assert.match(text, /Group1,Group2,Attribute1_name,Attribute1_value/);
    const shot = await ui.screenshot(page, '03-template-written');
    if (process.env.UPDATE_README_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'template.png'));
  });
});
