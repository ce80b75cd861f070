import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { FileTypes } from './language/file-types';
import { registerLanguageFeatures } from './language/register';
import { LintController } from './lint/lint-controller';
import { LintRunner } from './lint/lint-runner';
import { StepInput, type ShownStep } from './wizard/quick-input';

/** What `activate()` returns: hooks for the extension's own tests to drive its real UI. */
export interface ExtensionApi {
  readonly onDidShowWizardStep: vscode.Event<ShownStep>;
  /** Fired after a document's diagnostics were updated. */
  readonly onDidLint: vscode.Event<vscode.Uri>;
  /** Resolves once a document's current version has been linted. */
  readonly whenLinted: (doc: vscode.TextDocument) => Promise<void>;
}

/**
 * The composition root: builds the services once and hands them to each feature's `register*` function. Nothing
 * else in the extension creates long-lived objects, and no module keeps mutable state.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('JumpCloud', { log: true });
  const stepInput = new StepInput();
  const fileTypes = new FileTypes(context.workspaceState);
  const runner = new LintRunner(path.join(context.extensionPath, 'dist', 'worker.js'), m => output.warn(m));
  const lint = new LintController(runner, fileTypes, output);
  context.subscriptions.push(
    output,
    stepInput,
    fileTypes,
    runner,
    lint,
    registerLanguageFeatures(lint, fileTypes),
    registerCommands({ output, stepInput, fileTypes, now: () => new Date() }),
  );
  return { onDidShowWizardStep: stepInput.onDidShowStep, onDidLint: lint.onDidLint, whenLinted: doc => lint.whenLinted(doc) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
