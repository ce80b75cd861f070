import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecuteResults, ImportPlan } from '../../src/core/import';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../src/emulator';
import type { ExtensionApi } from '../../src/vscode/extension';
import type { ResultNode } from '../../src/vscode/import/results-tree';
import { closeWithoutSaving, codeOf, fixture, openLinted, organizationChange } from './helpers/documents';
import { extensionApi } from './helpers/wizard-driver';

const KEY = 'jc-test-key-import-8d2e61';
const PASSWORD = 'Wel-c0me-Aboard!';
const LAPTOP = '64b7f0a06e2dd21b0b011f10';

/** Write requests in the emulator's log since `from` (searches are reads sent as POST). */
function writes(emulator: Emulator, from = 0) {
  return emulator.log.entries.slice(from).filter(e => e.method !== 'GET' && !e.path.startsWith('/api/search/'));
}

describe('Import users (local JumpCloud)', function () {
  let api: ExtensionApi;
  let emulator: Emulator;
  const config = () => vscode.workspace.getConfiguration('jumpcloud');
  const file = fixture('import', 'JCUserImport_12-02-2026.csv');
  const text =
    'FirstName,LastName,Username,Email,Password,Group1,SystemID,Administrator,jobTitle\n' +
    `Grace,Hopper,ghopper,grace.hopper@example.com,${PASSWORD},Engineering,${LAPTOP},true,Rear Admiral\n` +
    'Alan,Turing,aturing,alan.turing@example.com,,Sales,,,Cryptanalyst\n' +
    'Bad,Row,badrow,not-an-email,,,,,\n';

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION });
    await config().update('apiBaseUrl', emulator.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('jumpcloud.setApiKey', KEY);
    await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
  });
  after(async () => {
    await vscode.commands.executeCommand('jumpcloud.import.clearResults');
    await vscode.commands.executeCommand('jumpcloud.signOut');
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
  });
  afterEach(async () => {
    while (vscode.window.activeTextEditor) await closeWithoutSaving();
  });

  it('Preview Import shows every change and sends nothing', async () => {
    const before = emulator.log.entries.length;
    const plan = await vscode.commands.executeCommand<ImportPlan>('jumpcloud.previewImport', file);
    assert.deepEqual(plan.rows.map(r => [r.username, r.action]), [['ghopper', 'create'], ['aturing', 'create'], ['badrow', 'skipped']]);
    assert.deepEqual(writes(emulator, before), [], 'a preview writes nothing');
    const preview = vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'jumpcloud-import-preview');
    assert.ok(preview, 'the preview is shown');
    const shown = preview.document.getText();
    assert.match(shown, /^Create 2 users, add 2 group memberships, bind 1 device; 1 row skipped for errors\./);
    assert.match(shown, /Row 2 ghopper: create\n/);
    assert.match(shown, /jobTitle: Rear Admiral/);
    assert.match(shown, /\+ device 64b7f0a06e2dd21b0b011f10 with administrator rights/);
    assert.match(shown, /Row 4 badrow: skipped\n {4}invalid-email/);
    assert.ok(!shown.includes(PASSWORD), 'the preview never shows a password');
  });

  it('Import Users sends the plan, journals it, and shows per-user results in the log and the tree', async () => {
    const changed = organizationChange(api);
    const results = await vscode.commands.executeCommand<ExecuteResults>('jumpcloud.importUsers', file, { yes: true });
    assert.deepEqual(results.users.map(u => [u.username, u.status]), [['ghopper', 'created'], ['aturing', 'created'], ['badrow', 'skipped']]);

    const users = [...emulator.state.users.values()];
    const grace = users.find(u => u.username === 'ghopper');
    assert.ok(grace, 'the user exists in JumpCloud');
    assert.equal(grace.jobTitle, 'Rear Admiral');
    assert.ok(!users.some(u => u.username === 'badrow'), 'a row with errors is not sent');
    const posts = emulator.log.entries.filter(e => e.method === 'POST' && e.path === '/api/systemusers');
    assert.equal(posts.length, 2);

    const lines = api.logLines().join('\n');
    assert.match(lines, /JCUserImport_12-02-2026\.csv row 2 ghopper: user .*created/);
    assert.match(lines, /row 2 ghopper: group Engineering added/);
    assert.ok(!lines.includes(PASSWORD) && !lines.includes(KEY), 'no password or key in the output channel');

    const tree = api.importResults;
    const [run] = tree.getChildren();
    assert.equal(run.kind, 'run');
    const runItem = tree.getTreeItem(run);
    assert.equal(runItem.label, 'JCUserImport_12-02-2026.csv');
    assert.match(String(runItem.description), /2 created, 1 skipped/);
    assert.match(String(runItem.contextValue), /Created/);
    assert.equal((runItem.iconPath as vscode.ThemeIcon).id, 'warning', 'a run with a skipped row is not a pass');
    const userItems = tree.getChildren(run).map(n => tree.getTreeItem(n));
    assert.deepEqual(userItems.map(i => [i.label, String(i.description).split(' · invalid-email')[0]]), [['ghopper', 'created · row 2'], ['aturing', 'created · row 3'], ['badrow', 'skipped · row 4']]);
    assert.match(String(userItems[2].description), /^skipped · row 4 · invalid-email: /, 'a skipped row says why where it is listed');
    assert.equal((userItems[2].iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(userItems[0].command?.command, 'jumpcloud.import.revealRow');
    const steps = tree.getChildren(tree.getChildren(run)[0]).map(n => tree.getTreeItem(n).label);
    assert.ok(steps.some(l => String(l).startsWith('group Engineering')), steps.join(' | '));
    assert.ok(steps.some(l => String(l).startsWith('device')), steps.join(' | '));

    const error = await vscode.commands.executeCommand<string>('jumpcloud.import.copyError', tree.getChildren(run)[2]);
    assert.match(error, /invalid-email/);
    assert.equal(await vscode.env.clipboard.readText(), error);

    // The organization is read again; the users this run created are not flagged as taken.
    await changed;
    const editor = await openLinted(api, file);
    const codes = vscode.languages.getDiagnostics(editor.document.uri).map(codeOf);
    assert.ok(!codes.includes('user-exists'), codes.join(', '));
  });

  it('sends nothing when the same file is imported again', async () => {
    const before = emulator.log.entries.length;
    const again = await vscode.commands.executeCommand<ExecuteResults | undefined>('jumpcloud.importUsers', file, { yes: true });
    assert.equal(again, undefined, 'nothing to send');
    assert.deepEqual(writes(emulator, before), []);
  });

  it('exports the results as CSV with the reference\'s columns', async () => {
    const [run] = api.importResults.getChildren();
    const target = fixture('import', 'results.csv');
    await vscode.commands.executeCommand('jumpcloud.import.exportResults', run, target);
    const csv = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.match(csv, /^Username,Status,UserID,GroupsAdd,SystemID,SystemAdd,LdapUserBind,Error\r?\n/);
    assert.match(csv, /ghopper,User Created|ghopper,created/);
  });

  it('deletes the users the run created, and only those', async () => {
    const [run] = api.importResults.getChildren() as ResultNode[];
    const others = emulator.state.users.size - 2;
    const deleted = await vscode.commands.executeCommand<number>('jumpcloud.import.deleteCreatedUsers', run, { yes: true });
    assert.equal(deleted, 2);
    const users = [...emulator.state.users.values()].map(u => u.username);
    assert.ok(!users.includes('ghopper') && !users.includes('aturing'));
    assert.equal(emulator.state.users.size, others, 'no other user was touched');
    // The tree says so: the users are deleted, and the run has nobody left to delete.
    const tree = api.importResults;
    const [after] = tree.getChildren() as ResultNode[];
    const runItem = tree.getTreeItem(after);
    assert.match(String(runItem.description), /2 created, 1 skipped \(2 deleted since\)/);
    assert.doesNotMatch(String(runItem.contextValue), /Created/);
    const described = tree.getChildren(after).map(n => String(tree.getTreeItem(n).description));
    assert.deepEqual(described.slice(0, 2), ['deleted · row 2', 'deleted · row 3']);
  });

  it('saves a file with unsaved changes before importing it (as the command was told to)', async () => {
    const editor = await openLinted(api, file);
    await editor.edit(e => e.replace(new vscode.Range(3, 0, 3, editor.document.lineAt(3).text.length), 'Bad,Row,badrow,bad.row@example.com,,,,,'));
    assert.ok(editor.document.isDirty);
    const results = await vscode.commands.executeCommand<ExecuteResults>('jumpcloud.importUsers', file, { yes: true });
    assert.ok(!editor.document.isDirty, 'saved first');
    assert.deepEqual(results.users.map(u => [u.username, u.status]), [['ghopper', 'created'], ['aturing', 'created'], ['badrow', 'created']]);
  });
});
