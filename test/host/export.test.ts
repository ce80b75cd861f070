import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { readCsv } from '../../src/core/csv';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../src/emulator';
import type { ExtensionApi } from '../../src/vscode/extension';
import type { ExportResult } from '../../src/vscode/export/export-commands';
import { closeWithoutSaving, codeOf } from './helpers/documents';
import type { ShownStep } from '../../src/vscode/wizard/quick-input';
import { EXTENSION_ID, WizardDriver, extensionApi, flushQuickInput } from './helpers/wizard-driver';

const KEY = 'jc-test-key-export-5b90d3';
const NAME = /^JCUserUpdateImport_\d\d-\d\d-\d{4}\.csv$/;

/** Write requests in the emulator's log (searches are reads sent as POST). */
const writes = (emulator: Emulator) => emulator.log.entries.filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/'));

/** The header and data rows of a CSV file, as values. */
async function table(uri: vscode.Uri): Promise<{ header: string[]; rows: string[][] }> {
  const doc = readCsv(await fs.readFile(uri.fsPath, 'utf8'));
  return { header: doc.header?.fields.map(f => f.value) ?? [], rows: doc.records.map(r => r.fields.map(f => f.value)) };
}

const pickOf = (step: ShownStep) => step.input as vscode.QuickPick<vscode.QuickPickItem>;

/** Checks the items of a multi-select step whose labels are `labels` (and only those), then accepts, as Enter does. */
async function checkAndAccept(step: ShownStep, labels: string[]): Promise<void> {
  const pick = pickOf(step);
  pick.selectedItems = pick.items.filter(i => labels.includes(i.label));
  assert.equal(pick.selectedItems.length, labels.length, `step ${step.id} has ${labels.join(', ')}`);
  await flushQuickInput();
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** Opens a file, waits until its current text has been linted (with the organization, read in `before`), returns its errors and warnings. */
async function problemsOf(api: ExtensionApi, uri: vscode.Uri): Promise<string[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await api.whenLinted(doc);
  return vscode.languages
    .getDiagnostics(uri)
    .filter(d => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning)
    .map(d => `${codeOf(d)} line ${d.range.start.line + 1}: ${d.message}`);
}

describe('Export Users to CSV (local JumpCloud)', function () {
  let api: ExtensionApi;
  let emulator: Emulator;
  let dir: string;
  let driver: WizardDriver;
  const config = () => vscode.workspace.getConfiguration('jumpcloud');
  const exportUsers = (options?: object) => vscode.commands.executeCommand<ExportResult | undefined>('jumpcloud.exportUsers', options);

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION });
    await config().update('apiBaseUrl', emulator.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('jumpcloud.setApiKey', KEY);
    // Read now, so the exported files are linted against the organization (the checks an import relies on).
    assert.ok(await vscode.commands.executeCommand('jumpcloud.refreshOrganization'));
    dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'export-out');
    await fs.mkdir(dir, { recursive: true });
  });
  after(async () => {
    await vscode.commands.executeCommand('jumpcloud.signOut');
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => (driver = new WizardDriver(api)));
  afterEach(async () => {
    driver.dispose();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    while (vscode.window.activeTextEditor) await closeWithoutSaving();
  });

  it('writes every user with all columns, opens the file as a JumpCloud user CSV that lints clean, and sends no write', async () => {
    const result = await exportUsers({ blocks: 'all', folder: dir });
    assert.ok(result, 'the command resolves with what it wrote');
    assert.match(path.basename(result.uri.fsPath), NAME);
    assert.equal(path.dirname(result.uri.fsPath), dir);
    assert.equal(result.users, emulator.state.users.size);

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, result.uri.fsPath, 'the file opens');
    assert.equal(editor.document.languageId, 'jumpcloud-csv');
    const { header, rows } = await table(result.uri);
    assert.equal(header[0], 'Username');
    assert.ok(header.includes('Email') && header.includes('Group1') && header.includes('Attribute1_name'), header.join(','));
    assert.ok(!header.includes('Password') && !header.includes('SystemID'), 'never what an export cannot read');
    assert.equal(rows.length, result.users);

    assert.deepEqual(await problemsOf(api, result.uri), []);
    assert.deepEqual(writes(emulator), [], 'an export only reads');
    assert.deepEqual((await fs.readdir(dir)).filter(n => n.endsWith('.partial')), [], 'no hidden partial file is left');
    const lines = api.logLines().join('\n');
    assert.match(lines, new RegExp(`Exported ${result.users} users \\(${header.length} columns\\) to `));
    assert.ok(!lines.includes(KEY), 'the key never reaches the output channel');
  });

  it('asks before replacing a file of the same name, also when called with arguments (the QuickPick it shows is driven here)', async () => {
    const first = await exportUsers({ blocks: [], folder: dir, ifExists: 'replace' });
    assert.ok(first);
    const file = first.uri.fsPath;
    await fs.writeFile(file, 'edited by the admin\r\n');

    // Leaving the question writes nothing.
    const left = exportUsers({ blocks: ['email'], folder: dir });
    const question = await driver.next('overwrite');
    assert.match((question.input as vscode.QuickPick<vscode.QuickPickItem>).placeholder ?? '', /already exists/);
    assert.equal(question.input.step, 1);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await left, undefined);
    assert.equal(await fs.readFile(file, 'utf8'), 'edited by the admin\r\n', 'untouched when the question is left');

    const kept = exportUsers({ blocks: ['email'], folder: dir });
    await driver.choose('overwrite', 'Keep both');
    const copy = await kept;
    assert.ok(copy);
    assert.match(path.basename(copy.uri.fsPath), /^JCUserUpdateImport_\d\d-\d\d-\d{4} \(2\)\.csv$/);
    assert.equal(await fs.readFile(file, 'utf8'), 'edited by the admin\r\n', 'keep both leaves the existing file as it was');

    const replaced = exportUsers({ blocks: ['email'], folder: dir });
    await driver.choose('overwrite', 'Replace the existing file');
    assert.equal((await replaced)?.uri.fsPath, file);
    assert.match(await fs.readFile(file, 'utf8'), /^Username,Email\r\n/);
    await fs.rm(copy.uri.fsPath);
  });

  it('exports only the members of chosen groups, and says which group name is unknown', async () => {
    const result = await exportUsers({ blocks: ['groups'], groupsOf: ['sales'], folder: dir, ifExists: 'replace' });
    assert.ok(result);
    const { header, rows } = await table(result.uri);
    assert.equal(header[0], 'Username');
    assert.ok(rows.length > 0 && rows.length < emulator.state.users.size, `${rows.length} of ${emulator.state.users.size} users`);
    assert.ok(rows.every(r => r.slice(1).includes('Sales')), 'every row is a member of Sales');
    assert.equal(result.users, rows.length);

    const before = api.logLines().length;
    assert.equal(await exportUsers({ groupsOf: ['No Such Group'], folder: dir, ifExists: 'replace' }), undefined);
    assert.match(api.logLines().slice(before).join('\n'), /no user group is named "No Such Group"/);
  });

  it('is not run in Restricted Mode: nothing is read or written', async () => {
    const sent = emulator.log.entries.length;
    const files = await fs.readdir(dir);
    api.simulateWorkspaceTrust(false);
    try {
      assert.equal(await exportUsers({ folder: dir, ifExists: 'replace' }), undefined);
    } finally {
      api.simulateWorkspaceTrust(undefined);
    }
    assert.equal(emulator.log.entries.length, sent, 'no request');
    assert.deepEqual(await fs.readdir(dir), files);
  });

  it('asks its questions in a QuickPick with a step counter and Back, keeping earlier answers', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const done = exportUsers();
    const blocks = await driver.next('export:blocks');
    assert.equal(blocks.input.title, 'Export Users to CSV');
    assert.deepEqual([blocks.input.step, blocks.input.totalSteps], [1, 3]);
    assert.ok(pickOf(blocks).canSelectMany);
    assert.deepEqual(pickOf(blocks).selectedItems.map(i => i.label), ['All columns'], 'all columns unless told otherwise');
    assert.ok(!pickOf(blocks).items.some(i => i.label === 'Device binding'), 'only blocks an export can fill');
    await checkAndAccept(blocks, ['E-mail address']);
    const users = await driver.choose('export:users', 'Members of chosen groups');
    assert.equal(users.input.step, 2);
    const groups = await driver.next('export:groups');
    assert.deepEqual([groups.input.step, groups.input.totalSteps], [3, 4], 'choosing groups adds a step');
    assert.ok(pickOf(groups).items.some(i => i.label === 'Engineering'), 'the group names come from the organization');
    await checkAndAccept(groups, ['Sales']);
    await driver.back('export:folder');
    const again = await driver.next('export:groups');
    assert.deepEqual(pickOf(again).selectedItems.map(i => i.label), ['Sales'], 'Back shows the earlier answer');
    await checkAndAccept(again, ['Sales', 'Finance']);
    await driver.choose('export:folder', folder.name);

    const result = await done;
    assert.ok(result);
    try {
      assert.equal(path.dirname(result.uri.fsPath), folder.uri.fsPath);
      const { header, rows } = await table(result.uri);
      assert.deepEqual(header, ['Username', 'Email']);
      assert.equal(rows.length, result.users);
      assert.ok(rows.length > 0 && rows.length < emulator.state.users.size, `${rows.length} of ${emulator.state.users.size} users`);
    } finally {
      await fs.rm(result.uri.fsPath);
    }
  });

  it('the template wizard writes an update template "with their current values": the export of the chosen blocks, byte for byte as the CLI', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const done = vscode.commands.executeCommand<vscode.Uri | undefined>('jumpcloud.newTemplate');
    await driver.choose('type', 'Existing users');
    await driver.choose('folder', folder.name);
    await driver.choose('populate', 'with their current values');
    await driver.choose('columns', 'block by block');
    // Device binding is not asked about (an export cannot fill it), nor are the group and attribute counts.
    const answers: [string, string][] = [
      ['email', 'Yes'], ['names', 'No'], ['ldap-info', 'No'], ['location', 'Yes'], ['telephony', 'No'], ['unix', 'No'],
      ['mfa', 'No'], ['ldap-bind', 'No'], ['account', 'No'], ['groups', 'Yes'],
    ];
    for (const [block, answer] of answers) await driver.choose(`block:${block}`, answer);
    const last = await driver.choose('block:attributes', 'Yes');
    assert.equal(last.input.step, last.input.totalSteps, 'the last question is the last step');

    const uri = await done;
    assert.ok(uri, 'the wizard returns the file it wrote');
    try {
      assert.match(path.basename(uri.fsPath), NAME);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath, 'the file opens');
      const written = await fs.readFile(uri.fsPath, 'utf8');
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      // The CLI reads the key from its environment only; it is never on a command line.
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'export', '--with', 'email,location,groups,attributes', '--stdout'], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', JC_API_KEY: KEY, JC_API_URL: emulator.url },
      });
      assert.equal(written, stdout);
      assert.ok(written.split('\r\n')[0].startsWith('Username,Email,'), 'Username first, then the chosen blocks');
      assert.deepEqual(await problemsOf(api, uri), []);
    } finally {
      await fs.rm(uri.fsPath);
    }
  });

  // Last: it removes the key.
  it('without a key reads and writes nothing', async () => {
    await vscode.commands.executeCommand('jumpcloud.signOut');
    const sent = emulator.log.entries.length;
    const files = await fs.readdir(dir);
    assert.equal(await exportUsers({ folder: dir, ifExists: 'replace' }), undefined);
    assert.equal(emulator.log.entries.length, sent, 'no request');
    assert.deepEqual(await fs.readdir(dir), files);
  });
});
