import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { WizardDriver, extensionApi, EXTENSION_ID } from './helpers/wizard-driver';

const run = promisify(execFile);

/** Runs the bundled CLI with the extension host's own Node (Electron's runs as Node with ELECTRON_RUN_AS_NODE). */
async function cli(args: string[], cwd: string): Promise<string> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const { stdout } = await run(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), ...args], {
    cwd,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return stdout;
}

describe('template wizard', function () {
  let driver: WizardDriver;
  let folder: vscode.WorkspaceFolder;

  let api: Awaited<ReturnType<typeof extensionApi>>;
  before(async () => {
    api = await extensionApi();
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'the tests run in a workspace');
    folder = ws;
  });
  // A fresh driver per test, so a test that fails mid-wizard leaves no queued steps for the next one.
  beforeEach(() => (driver = new WizardDriver(api)));
  afterEach(async () => {
    driver.dispose();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of await fs.readdir(folder.uri.fsPath)) {
      if (/^JCUser(Update)?Import_.*\.csv$/.test(name)) await fs.rm(path.join(folder.uri.fsPath, name));
    }
  });

  it('writes an import template block by block, opens it, and matches the CLI byte for byte', async () => {
    const done = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
    const first = await driver.choose('type', 'New users');
    assert.equal(first.input.title, 'New User CSV Template');
    assert.equal(first.input.step, 1);
    await driver.choose('folder', folder.name);
    await driver.choose('columns', 'block by block');
    for (const [block, answer] of [
      ['ldap-info', 'No'], ['location', 'Yes'], ['telephony', 'No'], ['unix', 'No'], ['mfa', 'Yes'],
      ['ldap-bind', 'No'], ['account', 'No'], ['systems', 'Yes'], ['groups', 'Yes'],
    ]) await driver.choose(`block:${block}`, answer);
    await driver.enter('count:groups', '3');
    await driver.choose('block:attributes', 'Yes');
    const last = await driver.enter('count:attributes', '2');
    assert.equal(last.input.step, last.input.totalSteps, 'the last question is the last step');

    const uri = await done;
    assert.ok(uri, 'the wizard returns the file it wrote');
    assert.match(path.basename(uri.fsPath), /^JCUserImport_\d\d-\d\d-\d{4}\.csv$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath, 'the template opens in the editor');
    const written = await fs.readFile(uri.fsPath, 'utf8');
    const header = written.split('\r\n')[0].split(',');
    assert.deepEqual(header.slice(0, 5), ['FirstName', 'LastName', 'Username', 'Password', 'Email']);
    assert.ok(header.includes('work_country'));
    assert.deepEqual(header.slice(-9), ['SystemID', 'Administrator', 'Group1', 'Group2', 'Group3', 'Attribute1_name', 'Attribute1_value', 'Attribute2_name', 'Attribute2_value']);

    const fromCli = await cli(['template', '--type', 'import', '--with', 'location,mfa,systems', '--groups', '3', '--attributes', '2', '--stdout'], os.tmpdir());
    assert.equal(written, fromCli);
  });

  it('goes back a step with the earlier answer kept, and writes an all-columns update template', async () => {
    const done = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
    await driver.choose('type', 'New users');
    await driver.back('folder');
    const again = await driver.next('type');
    assert.equal((again.input as vscode.QuickPick<vscode.QuickPickItem>).activeItems[0]?.label, 'New users (import)', 'the earlier answer is preselected');
    await driver.pickIn(again, 'Existing users');
    await driver.choose('folder', folder.name);
    const populate = await driver.choose('populate', 'Start with no rows');
    const labels = (populate.input as vscode.QuickPick<vscode.QuickPickItem>).items.map(i => i.label);
    assert.ok(labels.some(l => /needs an API key/.test(l)), 'the unavailable option says why');
    await driver.choose('columns', 'All columns');
    await driver.enter('count:groups', '0');
    await driver.enter('count:attributes', '1');
    const uri = await done;
    assert.ok(uri);
    const written = await fs.readFile(uri.fsPath, 'utf8');
    assert.equal(written, await cli(['template', '--type', 'update', '--all', '--attributes', '1', '--stdout'], os.tmpdir()));
    assert.ok(written.startsWith('Username,Email,FirstName,LastName,Password,'));
  });

  it('asks before replacing an existing file and can keep both', async () => {
    const answer = async () => {
      await driver.choose('type', 'New users');
      await driver.choose('folder', folder.name);
      await driver.choose('columns', 'block by block');
      for (const block of ['ldap-info', 'location', 'telephony', 'unix', 'mfa', 'ldap-bind', 'account', 'systems', 'groups', 'attributes']) {
        await driver.choose(`block:${block}`, 'No');
      }
    };
    const first = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
    await answer();
    const original = await first;
    assert.ok(original);
    await fs.writeFile(original.fsPath, 'edited by the admin\r\n');

    const second = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
    await answer();
    const confirm = await driver.choose('overwrite', 'Keep both');
    assert.match((confirm.input as vscode.QuickPick<vscode.QuickPickItem>).placeholder ?? '', /already exists/);
    const copy = await second;
    assert.ok(copy);
    assert.match(path.basename(copy.fsPath), /^JCUserImport_\d\d-\d\d-\d{4} \(2\)\.csv$/);
    assert.equal(await fs.readFile(original.fsPath, 'utf8'), 'edited by the admin\r\n', 'the existing file is untouched');
    await fs.rm(copy.fsPath);
  });

  it('keeps counts in 0..50', async () => {
    const done = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
    await driver.choose('type', 'New users');
    await driver.choose('folder', folder.name);
    await driver.choose('columns', 'All columns');
    const step = await driver.enter('count:groups', '-1');
    const box = step.input as vscode.InputBox;
    assert.match(box.validationMessage?.toString() ?? '', /whole number from 0 to 50/);
    await driver.retype(step, '51');
    assert.match(box.validationMessage?.toString() ?? '', /At most 50/);
    await driver.retype(step, '2');
    await driver.next('count:attributes');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await done, undefined, 'leaving the wizard writes nothing');
  });
});
