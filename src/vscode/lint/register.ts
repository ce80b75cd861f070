import * as vscode from 'vscode';
import type { FileTypes } from '../language/file-types';
import { LANGUAGE_ID } from '../ids';
import { registerCodeActions } from './code-actions';
import { HeaderLens } from './header-lens';
import type { LintController } from './lint-controller';

/** What is built on the lint's results: quick fixes, fix-all, and the header's CodeLens. */
export function registerLint(lint: LintController, fileTypes: FileTypes): vscode.Disposable {
  return vscode.Disposable.from(
    lint,
    registerCodeActions(lint, fileTypes),
    vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, new HeaderLens(lint)),
  );
}
