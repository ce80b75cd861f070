import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../src/emulator';
import type { ExtensionApi } from '../../src/vscode/extension';
import { closeWithoutSaving, codeOf, diagnosticsWhen, fixture, openLinted, organizationChange } from './helpers/documents';
import { WizardDriver, extensionApi } from './helpers/wizard-driver';

const KEY = 'jc-test-key-4f1c9a7e2b';

describe('working with the organization (local JumpCloud)', function () {
  let api: ExtensionApi;
  let emulator: Emulator;
  const file = fixture('org', 'JCUserImport_02-01-2026.csv');
  const config = () => vscode.workspace.getConfiguration('jumpcloud');

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION });
    await config().update('apiBaseUrl', emulator.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('jumpcloud.signOut');
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
  });
  afterEach(async () => {
    while (vscode.window.activeTextEditor) await closeWithoutSaving();
  });

  it('refuses an API address with credentials in it, or plain http beyond this computer, and never logs it', async () => {
    const secret = 'pw-secret-9f3a';
    const port = new URL(emulator.url).port;
    try {
      await config().update('apiBaseUrl', `http://admin:${secret}@127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
      const withPassword = await vscode.commands.executeCommand<string>('jumpcloud.setApiKey', KEY);
      assert.match(withPassword, /jumpcloud\.apiBaseUrl cannot be used: the API address must not contain a user name or password/);
      await config().update('apiBaseUrl', 'http://jc.example.com', vscode.ConfigurationTarget.Global);
      const plainHttp = await vscode.commands.executeCommand<string>('jumpcloud.testConnection');
      assert.match(plainHttp, /must start with https:\/\/ \(http:\/\/ is allowed only for 127\.0\.0\.1, ::1 or localhost\)/);
      assert.ok(api.logLines().every(l => !l.includes(secret)), 'the address is never logged');
      assert.equal(emulator.log.entries.length, 0, 'nothing was sent');
    } finally {
      await config().update('apiBaseUrl', emulator.url, vscode.ConfigurationTarget.Global);
    }
  });

  it('says why it cannot connect with a wrong key, without echoing the key', async () => {
    const wrong = 'jc-wrong-key-0000';
    const message = await vscode.commands.executeCommand<string>('jumpcloud.setApiKey', wrong);
    assert.match(message, /Could not connect to JumpCloud: .*401/);
    assert.ok(!message.includes(wrong));
    await vscode.commands.executeCommand('jumpcloud.refreshOrganization');
    const state = api.organizationState();
    assert.ok(state.kind === 'failed' && /401/.test(state.reason) && !state.reason.includes(wrong), JSON.stringify(state));
  });

  it('stores the key, reports the organization reached, and reads it once', async () => {
    const message = await vscode.commands.executeCommand<string>('jumpcloud.setApiKey', KEY);
    assert.equal(message, 'Connected to JumpCloud organization "Emulated Organization".');
    const before = emulator.log.entries.length;
    const counts = await vscode.commands.executeCommand<{ users: number; groups: number }>('jumpcloud.refreshOrganization');
    assert.equal(counts.users, SAMPLE_ORGANIZATION.users?.length);
    assert.equal(counts.groups, SAMPLE_ORGANIZATION.userGroups?.length);
    const state = api.organizationState();
    assert.ok(state.kind === 'ready' && state.org.name === 'Emulated Organization', 'the status item names the organization');
    const reads = emulator.log.entries.slice(before);
    assert.ok(reads.every(r => r.method === 'GET' || r.path.startsWith('/api/search/')), 'reading the organization writes nothing');
    assert.ok(reads.every(r => !JSON.stringify(r).includes(KEY)), 'the request log redacts the key');
  });

  it('checks rows against the organization and offers its names', async () => {
    const editor = await openLinted(api, file);
    const diagnostics = await diagnosticsWhen(file, d => d.some(x => codeOf(x) === 'user-exists'));
    const text = (d: vscode.Diagnostic) => editor.document.getText(d.range);
    const found = diagnostics.map(d => `${codeOf(d)}:${text(d)}`).sort();
    assert.deepEqual(found, ['invalid-id:eng-mbp-014', 'unknown-group:Enginering', 'unknown-manager:nobody', 'user-exists:AVASQUEZ', 'value-in-use:ben.chen@example.com']);

    const hostname = diagnostics.find(d => codeOf(d) === 'invalid-id')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file, hostname.range, vscode.CodeActionKind.QuickFix.value, 10);
    const useId = actions.find(a => a.title.startsWith('Use the id of eng-mbp-014'));
    assert.ok(useId?.edit, actions.map(a => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(useId.edit));
    assert.ok(editor.document.lineAt(1).text.includes(',64b7f0a06e2dd21b0b011f10,'));

    const groupCell = new vscode.Position(2, editor.document.lineAt(2).text.lastIndexOf('Sales') + 1);
    const groups = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', file, groupCell);
    const labels = groups.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const g of ['Engineering', 'IT Admins', 'Sales', 'Finance', 'Contractors']) assert.ok(labels.includes(g), g);

    const systemCell = new vscode.Position(2, editor.document.lineAt(2).text.indexOf(',,,Sales') + 1);
    const systems = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', file, systemCell);
    const web = systems.items.find(i => typeof i.label !== 'string' && i.label.label === 'web-01');
    assert.equal(web?.insertText, '64b7f0a08f7982d2459d1530', 'a device is shown by name and inserts its id');
  });

  it('fills an update template with every user, sorted, and writes the devices list', async () => {
    const driver = new WizardDriver(api);
    try {
      const folder = vscode.workspace.workspaceFolders![0];
      const done = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
      await driver.choose('type', 'Existing users');
      await driver.choose('folder', folder.name);
      await driver.choose('populate', 'List every existing user');
      await driver.choose('columns', 'block by block');
      for (const block of ['email', 'names', 'ldap-info', 'location', 'telephony', 'unix', 'mfa', 'ldap-bind', 'account']) await driver.choose(`block:${block}`, 'No');
      await driver.choose('block:systems', 'Yes');
      await driver.choose('block:groups', 'No');
      await driver.choose('block:attributes', 'No');
      await driver.choose('systems-file', 'Yes');
      const uri = await done;
      assert.ok(uri);
      const lines = (await fs.readFile(uri.fsPath, 'utf8')).trimEnd().split('\r\n');
      assert.equal(lines[0], 'Username,SystemID,Administrator');
      const names = lines.slice(1).map(l => l.split(',')[0]);
      assert.equal(names.length, SAMPLE_ORGANIZATION.users?.length);
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
      const systemsFile = path.join(path.dirname(uri.fsPath), path.basename(uri.fsPath).replace('JCUserUpdateImport', 'JCSystems'));
      const systems = (await fs.readFile(systemsFile, 'utf8')).split('\r\n');
      assert.equal(systems[0], 'HostName,DisplayName,SystemID,lastContact');
      assert.ok(systems.some(l => l.startsWith('web-01,Web Server,64b7f0a08f7982d2459d1530,')));
      await fs.rm(uri.fsPath);
      await fs.rm(systemsFile);
    } finally {
      driver.dispose();
    }
  });

  it('never writes the key to the output channel, and drops the org checks after signing out', async () => {
    assert.ok(api.logLines().length > 0, 'the channel was written to');
    assert.ok(api.logLines().every(l => !l.includes(KEY)));
    await openLinted(api, file);
    await diagnosticsWhen(file, d => d.some(x => codeOf(x) === 'user-exists'));
    const dropped = organizationChange(api);
    await vscode.commands.executeCommand('jumpcloud.signOut');
    await dropped;
    const after = await diagnosticsWhen(file, d => !d.some(x => codeOf(x) === 'user-exists'));
    assert.deepEqual(after.map(codeOf), ['invalid-id'], 'only the file-level checks remain');
    await new Promise<void>(resolve => {
      if (api.organizationState().kind === 'no-key') return resolve();
      const sub = api.onDidChangeOrganizationState(() => api.organizationState().kind === 'no-key' && (sub.dispose(), resolve()));
    });
    assert.equal(api.organizationState().kind, 'no-key', 'the status item offers to set a key');
  });
});
