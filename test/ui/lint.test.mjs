// UI test: a broken user CSV shows squiggles and Problems entries, and a quick fix from the Quick Fix menu repairs
// a header, in a real VS Code workbench with the extension installed from the .vsix. Run by run-ui-tests.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ui from '../../tools/vscode-host/ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('lint in the editor (UI)', () => {
  const session = ui.useWorkbench();
  let page;
  before(() => (page = session.page)); // runs after the session's own before hook

  it('shows squiggles and Problems entries for a broken file', async () => {
    await ui.openFile(page, 'JCUserImport_01-02-2026.csv');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    const rows = await ui.problems(page, 'Header "Emial" (column 5) is not a JumpCloud column');
    assert.ok(rows.some(r => r.includes('is not a valid e-mail address')), rows.join('\n'));
    assert.ok(rows.some(r => r.includes('JumpCloud')), 'the source is shown');
    const shot = await ui.screenshot(page, '10-lint-problems');
    if (process.env.UPDATE_README_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'lint.png'));
  });

  it('applies a quick fix from the Quick Fix menu (the light bulb\'s menu, Ctrl+.)', async () => {
    // Go to the problem from the Problems panel (the header gets selected), focus the editor and open Quick Fix.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'Header "Emial" (column 5) is not a JumpCloud column' }).first().dblclick();
    // The pointer leaves the Problems panel: its hover would pop up later and close the Quick Fix menu.
    await page.mouse.move(900, 400);
    await page.keyboard.press('Control+1'); // focus the editor, where the selection now is
    await page.locator('.editor-instance .monaco-editor.focused').waitFor();
    // Quick Fix (the menu the light bulb opens), then a real mouse click where the fix is (Playwright's own click waits
    // for the menu to stop moving, which it may not do while the workbench re-renders it). Opened again if the first
    // press came before the editor took it, or the menu closed before the click.
    const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Rename to "Email"' }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      const box = await fix.waitFor({ timeout: 5000 }).then(() => fix.boundingBox({ timeout: 2000 })).catch(() => null);
      if (box) {
        await ui.screenshot(page, '11-lint-quick-fix-menu');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        break;
      }
      assert.ok(attempt < 3, 'the Quick Fix menu offers "Rename to "Email""');
      if (await page.locator('.action-widget').isVisible()) await page.keyboard.press('Escape'); // close a half-open menu only
    }
    const text = await ui.editorTextContaining(page, ',Email,Email,');
    assert.ok(text.includes('UserName,Email,Email,jobtitle'));
    await ui.problems(page, 'Header "Email" (column 5) repeats column 4');
    await ui.quickInputWidget(page).waitFor({ state: 'hidden' });
    const shot = await ui.screenshot(page, '12-lint-after-fix');
    if (process.env.UPDATE_README_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', 'quick-fix.png'));
  });
});
