import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Credentials } from './jumpcloud/credentials';
import { JumpCloudConnection } from './jumpcloud/connection';
import { OrgCache, type OrgState } from './jumpcloud/org-cache';
import { FileTypes } from './language/file-types';
import { registerLanguageFeatures } from './language/register';
import { LintController } from './lint/lint-controller';
import { LintRunner } from './lint/lint-runner';
import { Log } from './log';
import { StepInput, type ShownStep } from './wizard/quick-input';

/** What `activate()` returns: hooks for the extension's own tests to drive its real UI and read its output. */
export interface ExtensionApi {
  readonly onDidShowWizardStep: vscode.Event<ShownStep>;
  /** Fired after a document's diagnostics were updated. */
  readonly onDidLint: vscode.Event<vscode.Uri>;
  /** Resolves once a document's current version has been linted. */
  readonly whenLinted: (doc: vscode.TextDocument) => Promise<void>;
  /** Fired when the organization's data arrives or is dropped. */
  readonly onDidChangeOrganization: vscode.Event<void>;
  /** What the organization status item shows, and when that changes. */
  readonly organizationState: () => OrgState;
  readonly onDidChangeOrganizationState: vscode.Event<void>;
  /** What the JumpCloud output channel was sent lately. */
  readonly logLines: () => readonly string[];
}

/**
 * The composition root: builds the services once and hands them to each feature's `register*` function. Nothing
 * else in the extension creates long-lived objects, and no module keeps mutable state.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? 'dev');
  const log = new Log(vscode.window.createOutputChannel('JumpCloud', { log: true }));
  const stepInput = new StepInput();
  const fileTypes = new FileTypes(context.workspaceState);
  const credentials = new Credentials(context.secrets);
  const connection = new JumpCloudConnection(credentials, log, version);
  const orgCache = new OrgCache(connection, log);
  const runner = new LintRunner(path.join(context.extensionPath, 'dist', 'worker.js'), m => log.warn(m));
  const lint = new LintController(runner, fileTypes, log, orgCache);
  context.subscriptions.push(
    log,
    stepInput,
    fileTypes,
    credentials,
    orgCache,
    credentials.onDidChange(() => orgCache.reset()),
    runner,
    lint,
    registerLanguageFeatures(lint, fileTypes, orgCache),
    registerCommands({ log, stepInput, fileTypes, credentials, connection, orgCache, now: () => new Date() }),
  );
  return {
    onDidShowWizardStep: stepInput.onDidShowStep,
    onDidLint: lint.onDidLint,
    whenLinted: doc => lint.whenLinted(doc),
    onDidChangeOrganization: orgCache.onDidChange,
    organizationState: () => orgCache.state(),
    onDidChangeOrganizationState: orgCache.onDidChangeState,
    logLines: () => log.lines(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
