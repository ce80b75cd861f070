import * as vscode from 'vscode';
import type { TemplateType } from '../core/catalogue';
import type { FileTypes } from './language/file-types';
import { treatAsUserCsv } from './language/detect';
import { setFileType } from './language/type-status';
import { runTemplateWizard } from './wizard/template-wizard';
import type { StepInput } from './wizard/quick-input';

export interface CommandDeps {
  readonly output: vscode.LogOutputChannel;
  readonly stepInput: StepInput;
  readonly fileTypes: FileTypes;
  readonly now: () => Date;
}

/** Every command the extension contributes, registered in one place. */
export function registerCommands(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('jumpcloud.newTemplate', () => runTemplateWizard({ input: deps.stepInput, output: deps.output, now: deps.now })),
    vscode.commands.registerCommand('jumpcloud.treatAsUserCsv', (uri?: vscode.Uri) => treatAsUserCsv(uri)),
    vscode.commands.registerCommand('jumpcloud.setFileType', (uri?: vscode.Uri, type?: TemplateType) => setFileType(deps.fileTypes, uri, type)),
  );
}
