import * as vscode from 'vscode';
import { COMMAND } from '../ids';
import { ExportCommands, type ExportDeps } from './export-commands';

/** `JumpCloud: Export Users to CSV…`; the commands object is also the template wizard's way to write an export. */
export function registerExport(deps: ExportDeps): { disposable: vscode.Disposable; commands: ExportCommands } {
  const commands = new ExportCommands(deps);
  const disposable = vscode.commands.registerCommand(COMMAND.exportUsers, (arg?: unknown) => commands.run(arg));
  return { disposable, commands };
}
