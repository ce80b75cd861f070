import * as path from 'node:path';
import * as vscode from 'vscode';
import { OUTPUT_CHANNEL } from './ids';
import { Credentials } from './jumpcloud/credentials';
import { JumpCloudConnection } from './jumpcloud/connection';
import { OrgCache, type OrgState } from './jumpcloud/org-cache';
import { readOrganizationWithProgress, registerJumpCloud } from './jumpcloud/register';
import { FileTypes } from './language/file-types';
import { registerLanguage } from './language/register';
import { LintController } from './lint/lint-controller';
import { LintRunner } from './lint/lint-runner';
import { registerLint } from './lint/register';
import { lintSettings } from './lint/settings';
import { importEngineLoader } from './import/engine';
import { ImportRuns } from './import/import-runs';
import { PreviewDocuments } from './import/preview-documents';
import { registerImport } from './import/register';
import type { ResultsTree } from './import/results-tree';
import { EXPORT_BLOCKS } from './export/export-file';
import { registerExport } from './export/register';
import { Log } from './log';
import { WorkspaceTrust } from './trust';
import { StepInput, type ShownStep } from './wizard/quick-input';
import { registerWizard } from './wizard/register';

/**
 * What `activate()` returns when the extension runs under its own tests (ExtensionMode.Test): hooks to drive its
 * real UI and read its output. Other extensions get nothing.
 */
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
  /** The "JumpCloud Import" view's data, as the tree shows it. */
  readonly importResults: ResultsTree;
  /** Behave as in Restricted Mode (false), trusted (true), or as VS Code says (undefined): the test host is always trusted. */
  readonly simulateWorkspaceTrust: (trusted: boolean | undefined) => void;
}

/**
 * The composition root: builds the services once and hands them to each feature folder's `register*` function.
 * Nothing else in the extension creates long-lived objects, and no module keeps mutable state.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  const version = String((context.extension.packageJSON as { version?: string }).version ?? 'dev');
  const log = new Log(vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true }), { keepLines: testing });
  const stepInput = new StepInput({ announceSteps: testing });
  const fileTypes = new FileTypes(context.workspaceState);
  const trust = new WorkspaceTrust();
  const credentials = new Credentials(context.secrets, trust);
  const connection = new JumpCloudConnection(credentials, log, version);
  const orgCache = new OrgCache(connection, log);
  const runner = new LintRunner(path.join(context.extensionPath, 'dist', 'worker.js'), m => log.warn(m));
  const runs = new ImportRuns(context.storageUri ?? context.globalStorageUri);
  // A background read: the organization status item shows its progress.
  const lint = new LintController(runner, fileTypes, log, { peek: () => orgCache.peek(), request: () => void orgCache.load(), onDidChange: orgCache.onDidChange }, uri => runs.createdBy(uri));
  const now = () => new Date();
  const previews = new PreviewDocuments();
  const engine = importEngineLoader(context.extensionPath);
  const imports = registerImport({
    engine,
    log,
    runs,
    previews,
    connection,
    kindOf: uri => fileTypes.get(uri).type,
    rules: uri => lintSettings(uri).rules,
    hasApiKey: async () => Boolean(await credentials.apiKey()),
    onDidChangeKey: credentials.onDidChange,
    // The organization changed: read it again, so the lint sees the users a run created (as created by it).
    afterWrite: () => {
      orgCache.invalidate();
      void orgCache.load();
    },
    now,
  });
  const exports = registerExport({
    engine,
    log,
    input: stepInput,
    connection,
    groupNames: async () => (await readOrganizationWithProgress(orgCache))?.groups.map(g => g.name),
    now,
  });
  context.subscriptions.push(
    log,
    trust,
    stepInput,
    fileTypes,
    credentials,
    orgCache,
    runner,
    registerJumpCloud({ log, credentials, connection, orgCache }),
    registerLint(lint, fileTypes),
    registerLanguage({
      fileTypes,
      org: doc => (lintSettings(doc.uri).checkOrganization ? orgCache.peek() : undefined),
      latestLint: uri => lint.snapshot(uri),
    }),
    registerWizard({
      log,
      stepInput,
      credentials,
      orgCache,
      now,
      exporter: { exportUsers: (request, onConflict) => exports.commands.exportTo(request, onConflict), exportBlocks: EXPORT_BLOCKS },
    }),
    exports.disposable,
    runs,
    previews,
    imports.disposable,
  );
  if (!testing) return undefined;
  return {
    onDidShowWizardStep: stepInput.onDidShowStep,
    onDidLint: lint.onDidLint,
    whenLinted: doc => lint.whenLinted(doc),
    onDidChangeOrganization: orgCache.onDidChange,
    organizationState: () => orgCache.state(),
    onDidChangeOrganizationState: orgCache.onDidChangeState,
    logLines: () => log.lines(),
    importResults: imports.tree,
    simulateWorkspaceTrust: trusted => trust.simulate(trusted),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
