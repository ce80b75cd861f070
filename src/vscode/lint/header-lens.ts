import * as vscode from 'vscode';
import type { LintController } from './lint-controller';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A CodeLens on the header line: how many rows, and how many problems the linter found. */
export class HeaderLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly lint: LintController) {
    this.onDidChangeCodeLenses = (listener, thisArg, disposables) => lint.onDidLint(() => listener.call(thisArg), undefined, disposables);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const snapshot = this.lint.snapshot(doc.uri);
    if (!snapshot || doc.lineCount === 0) return [];
    const { rows, counts } = snapshot.result;
    const title = `${plural(rows, 'row', 'rows')} · ${plural(counts.error, 'error', 'errors')}, ${plural(counts.warning, 'warning', 'warnings')}`;
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: 'workbench.actions.view.problems' })];
  }
}
