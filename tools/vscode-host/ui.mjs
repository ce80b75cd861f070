// Helpers for UI tests that drive the VS Code web workbench (code-server) in headless chromium with playwright-core.
// The selectors are VS Code's own DOM classes: stable for years, but not an API, so re-check them after upgrading
// CODE_SERVER_VERSION. Two DOM quirks are handled here: Monaco renders spaces as U+00A0, and a tree row's innerText
// joins label and description without a space ("users.csv3 rows").
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, launchBrowser } from './config.mjs';

/** Where screenshots go unless a test says otherwise (SCREENSHOT_DIR overrides). */
export const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || path.join(PROJECT_ROOT, 'test-results', 'screenshots'));

const nbsp = s => s.replace(/\u00a0/g, ' ');

/** Headless chromium with a fresh profile and one page. Close it with `browser.close()`. */
export async function launch({ viewport = { width: 1400, height: 900 } } = {}) {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(Number(process.env.UI_STEP_TIMEOUT_MS || 30000));
  return { browser, page };
}

/** Opens the workbench at `url` (…/?folder=…) and waits until the Explorer lists the folder's files. */
export async function openWorkbench(page, url, { timeout = 60000 } = {}) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout });
}

/** The open quick input (palette, QuickPick or InputBox). */
export const quickInputWidget = page => page.locator('.quick-input-widget');

/** Types `text` into the open quick input (replacing what is there). */
export async function typeInQuickInput(page, text) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
}

/** Waits for a quick input row whose text contains `label` and clicks it (clicking never picks a wrong row). */
async function chooseRow(page, label) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  await row.click();
}

/**
 * Command palette (F1): types the command's full title ("Category: Title") and runs it. The palette filters the
 * commands known when it opens, and an extension's commands appear only once the workbench has registered it (a
 * few seconds after the Explorer shows, on a busy machine): so if the row does not show, the palette is closed and
 * opened again until `timeout`.
 */
export async function runCommand(page, title, { timeout = 30000 } = {}) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press('F1');
    await typeInQuickInput(page, '>' + title);
    try {
      await row.waitFor({ timeout: Math.max(1, Math.min(3000, deadline - Date.now())) });
      break;
    } catch (e) {
      if (Date.now() >= deadline) throw new Error(`command "${title}" not in the command palette after ${timeout} ms`, { cause: e });
      await page.keyboard.press('Escape');
      await quickInputWidget(page).waitFor({ state: 'hidden' });
    }
  }
  await row.click();
}

/**
 * The visible QuickPick / InputBox: waits for it (optionally for a title starting with `titlePrefix`) and returns
 * { title, placeholder, value, items } where items are the rows' texts.
 */
export async function quickPick(page, { titlePrefix, timeout } = {}) {
  const widget = quickInputWidget(page);
  await widget.waitFor({ state: 'visible', timeout });
  const title = widget.locator('.quick-input-title');
  if (titlePrefix) {
    await page.waitForFunction(prefix => {
      const el = document.querySelector('.quick-input-widget .quick-input-title');
      return !!el && el.textContent.replace(/\u00a0/g, ' ').trim().startsWith(prefix);
    }, titlePrefix, { timeout });
  }
  const input = widget.locator('.quick-input-box input');
  return {
    title: nbsp((await title.count()) ? await title.innerText() : '').trim(),
    placeholder: (await input.getAttribute('placeholder')) || '',
    value: await input.inputValue(),
    items: (await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map(t => nbsp(t).trim()),
  };
}

/** Answers the open QuickPick: optionally waits for its placeholder, filters by `label` and picks that row. */
export async function pickQuickPickItem(page, label, { placeholder } = {}) {
  if (placeholder) {
    await page.locator('.quick-input-widget .quick-input-box input').and(page.locator(`[placeholder*="${placeholder.replace(/"/g, '\\"')}"]`)).waitFor();
  }
  await typeInQuickInput(page, label);
  await chooseRow(page, label);
}

/** Quick Open (Ctrl+P) a workspace file by name and waits for its editor tab. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await typeInQuickInput(page, name);
  await chooseRow(page, name);
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/** Focuses the Problems panel; returns its rows' texts once one contains `expect` (or the rows shown right now). */
export async function problems(page, expect, { timeout } = {}) {
  await runCommand(page, 'View: Focus Problems');
  const rows = page.locator('.markers-panel .monaco-list-row');
  if (expect) await rows.filter({ hasText: expect }).first().waitFor({ timeout });
  return (await rows.allInnerTexts()).map(nbsp);
}

/** Waits until a Monaco view (an editor, the Output panel) contains `marker`; returns that view's text. */
export async function editorTextContaining(page, marker, { timeout } = {}) {
  const find = m => [...document.querySelectorAll('.view-lines')]
    .map(e => e.innerText.replace(/\u00a0/g, ' '))
    .find(text => text.includes(m));
  await page.waitForFunction(find, marker, { timeout });
  return page.evaluate(find, marker);
}

/** Shows output channel `name` in the Output panel; returns its text once it contains `marker`. */
export async function outputChannelText(page, name, marker, { timeout } = {}) {
  await runCommand(page, 'Output: Show Output Channels...');
  await pickQuickPickItem(page, name);
  return editorTextContaining(page, marker, { timeout });
}

/** Expands the view section titled `viewName` and returns the locator of its tree row containing `label`. */
export async function treeItem(page, viewName, label, { timeout } = {}) {
  const header = page.locator('.pane-header', { hasText: viewName }).first();
  await header.waitFor({ timeout });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const row = page.locator('.pane', { has: header }).locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout });
  return row;
}

/** Saves a PNG of the page as <dir>/<name>.png and returns its path. */
export async function screenshot(page, name, dir = SCREENSHOT_DIR) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * For an `afterEach(function () { ... })` hook: screenshots the page when the test that just ran failed, as
 * failed-<test title>.png. `ctx` is the hook's `this`.
 */
export async function screenshotIfFailed(ctx, page) {
  const t = ctx.currentTest;
  if (!page || !t || t.state !== 'failed') return undefined;
  const name = 'failed-' + t.fullTitle().replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80);
  return screenshot(page, name).catch(() => undefined);
}

/**
 * Mocha hooks for a UI suite, called inside `describe`: a browser on the workbench (VSCODE_FOLDER_URL) before the
 * tests, a screenshot of each failed test, and closing after. Returns the session; its `page` is set once `before` ran.
 */
export function useWorkbench() {
  const session = { browser: undefined, page: undefined };
  before(async () => {
    if (!process.env.VSCODE_FOLDER_URL) throw new Error('VSCODE_FOLDER_URL is not set: run through tools/vscode-host/run-ui-tests.mjs');
    Object.assign(session, await launch());
    await openWorkbench(session.page, process.env.VSCODE_FOLDER_URL);
  });
  afterEach(async function () {
    await screenshotIfFailed(this, session.page);
  });
  after(async () => {
    await session.browser?.close();
  });
  return session;
}
