import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { SAMPLE_ORGANIZATION, startEmulator, type Emulator } from '../../src/emulator';
import type { ExtensionApi } from '../../src/vscode/extension';
import { closeWithoutSaving, codeOf, diagnosticsWhen, fixture, openLinted } from './helpers/documents';
import { extensionApi } from './helpers/wizard-driver';

const KEY = 'jc-restricted-key-7e21c0';

function stateIs(api: ExtensionApi, kind: string): Promise<void> {
  return new Promise(resolve => {
    if (api.organizationState().kind === kind) return resolve();
    const sub = api.onDidChangeOrganizationState(() => api.organizationState().kind === kind && (sub.dispose(), resolve()));
  });
}

/**
 * Restricted Mode: the key is never used (no request reaches JumpCloud), templates are not written, and the lint runs
 * offline. The test host always runs trusted, so the extension is told to behave as VS Code does in an untrusted
 * workspace (simulateWorkspaceTrust, a hook that exists only under tests).
 */
describe('Restricted Mode', function () {
  let api: ExtensionApi;
  let emulator: Emulator;
  const config = () => vscode.workspace.getConfiguration();

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION });
    await config().update('jumpcloud.apiBaseUrl', emulator.url, vscode.ConfigurationTarget.Global);
    api.simulateWorkspaceTrust(false);
  });
  after(async () => {
    api.simulateWorkspaceTrust(undefined);
    await vscode.commands.executeCommand('jumpcloud.signOut');
    await config().update('jumpcloud.apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await emulator.close();
  });
  afterEach(async () => {
    while (vscode.window.activeTextEditor) await closeWithoutSaving();
  });

  it('stores a key but does not use it: no connection test, no organization read, and the status item says why', async () => {
    const message = await vscode.commands.executeCommand<string>('jumpcloud.setApiKey', KEY);
    assert.match(message, /not contacted in Restricted Mode/);
    assert.equal(await vscode.commands.executeCommand('jumpcloud.refreshOrganization'), undefined);
    assert.match(await vscode.commands.executeCommand<string>('jumpcloud.testConnection'), /Restricted Mode/);
    await stateIs(api, 'restricted');
    assert.equal(emulator.log.entries.length, 0, 'nothing was sent');
  });

  it('lints offline: the file checks run, the organization checks do not', async () => {
    const file = fixture('org', 'JCUserImport_02-01-2026.csv');
    await openLinted(api, file);
    const diagnostics = await diagnosticsWhen(file, d => d.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['invalid-id'], 'only the file-level checks');
    assert.equal(emulator.log.entries.length, 0, 'nothing was sent');
  });

  it('writes no template', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const before = await fs.readdir(folder);
    assert.equal(await vscode.commands.executeCommand('jumpcloud.newTemplate'), undefined);
    assert.deepEqual(await fs.readdir(folder), before);
  });

  it('reads the organization once the workspace is trusted', async () => {
    const file = fixture('org', 'JCUserImport_02-01-2026.csv');
    await openLinted(api, file);
    api.simulateWorkspaceTrust(true);
    await diagnosticsWhen(file, d => d.some(x => codeOf(x) === 'user-exists'));
    assert.ok(emulator.log.entries.length > 0);
  });
});
