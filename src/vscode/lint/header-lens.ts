import * as vscode from 'vscode';
import type { LintController, LintSnapshot } from './lint-controller';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function titleOf({ result: { rows, counts } }: LintSnapshot): string {
  return `${plural(rows, 'row', 'rows')} · ${plural(counts.error, 'error', 'errors')}, ${plural(counts.warning, 'warning', 'warnings')}`;
}

/** A CodeLens on the header line: how many rows, and how many problems the linter found. */
export class HeaderLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;
  /**
   * The title each document's lens shows. A lint that leaves it as it was does not ask VS Code for CodeLenses again:
   * that request goes to every provider, and some read the whole document (merge-conflict's does).
   */
  private readonly shown = new Map<string, string>();

  constructor(private readonly lint: LintController) {
    this.onDidChangeCodeLenses = (listener, thisArg, disposables) =>
      lint.onDidLint(uri => {
        const key = uri.toString();
        const snapshot = lint.snapshot(uri);
        const title = snapshot && titleOf(snapshot);
        if (title === this.shown.get(key)) return;
        if (title === undefined) this.shown.delete(key);
        listener.call(thisArg);
      }, undefined, disposables);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const snapshot = this.lint.snapshot(doc.uri);
    if (!snapshot || doc.lineCount === 0) return [];
    const title = titleOf(snapshot);
    this.shown.set(doc.uri.toString(), title);
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: 'workbench.actions.view.problems' })];
  }
}
