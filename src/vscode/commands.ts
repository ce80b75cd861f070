import * as vscode from 'vscode';
import { runTemplateWizard } from './wizard/template-wizard';
import type { StepInput } from './wizard/quick-input';

export interface CommandDeps {
  readonly output: vscode.LogOutputChannel;
  readonly stepInput: StepInput;
  readonly now: () => Date;
}

/** Every command the extension contributes, registered in one place. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('jumpcloud.newTemplate', () =>
      runTemplateWizard({ input: deps.stepInput, output: deps.output, now: deps.now }),
    ),
  );
}
