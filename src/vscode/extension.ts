import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { StepInput, type ShownStep } from './wizard/quick-input';

/** What `activate()` returns: hooks for the extension's own tests to drive its real UI. */
export interface ExtensionApi {
  readonly onDidShowWizardStep: vscode.Event<ShownStep>;
}

/**
 * The composition root: builds the services once and hands them to each feature's `register*` function. Nothing
 * else in the extension creates long-lived objects, and no module keeps mutable state.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('JumpCloud', { log: true });
  const stepInput = new StepInput();
  context.subscriptions.push(output, stepInput);
  registerCommands(context, { output, stepInput, now: () => new Date() });
  return { onDidShowWizardStep: stepInput.onDidShowStep };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
