import * as vscode from 'vscode';

/**
 * Whether the workspace is trusted, and when it becomes so. In Restricted Mode the extension never uses the API key
 * and writes no files. The extension's own tests can stand in for VS Code's answer (`simulate`): the test host
 * always runs trusted.
 */
export class WorkspaceTrust implements vscode.Disposable {
  private simulated: boolean | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly granted = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());

  get isTrusted(): boolean {
    return this.simulated ?? vscode.workspace.isTrusted;
  }

  /** For the extension's tests only: answer `trusted` instead of VS Code (undefined: ask VS Code again). */
  simulate(trusted: boolean | undefined): void {
    this.simulated = trusted;
    this.changed.fire();
  }

  dispose(): void {
    this.granted.dispose();
    this.changed.dispose();
  }
}
