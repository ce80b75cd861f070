import * as vscode from 'vscode';
import { textFixEdits, type Fix } from '../../core/lint';
import type { FileTypes } from '../language/file-types';
import { COMMAND, DIAGNOSTIC_SOURCE, LANGUAGE_ID } from '../ids';
import { keyOf, type LintController } from './lint-controller';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('jumpcloud');

/** Builds the workspace edit of one fix, against the document as it is now. */
function editFor(doc: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const text = doc.getText();
  const edit = new vscode.WorkspaceEdit();
  for (const e of textFixEdits(text)(fix)) {
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
  }
  return edit;
}

/** A quick fix whose edit is computed only when VS Code asks for it (most are never applied). */
class FixAction extends vscode.CodeAction {
  constructor(
    readonly fix: Fix,
    readonly doc: vscode.TextDocument,
    readonly version: number,
  ) {
    super(fix.title, vscode.CodeActionKind.QuickFix);
  }
}

/** "Fix all", offered from the lint's own findings; its edit (up to five lints of the file) is made when applied. */
class FixAllAction extends vscode.CodeAction {
  constructor(
    readonly doc: vscode.TextDocument,
    readonly version: number,
  ) {
    super(vscode.l10n.t('Fix all safe JumpCloud problems'), FIX_ALL_KIND);
  }
}

/**
 * Quick fixes read the fix data the linter attached to each diagnostic; "Fix all" applies every safe fix at once
 * (also on save, with `editor.codeActionsOnSave: {"source.fixAll.jumpcloud": "explicit"}`).
 */
class JumpCloudCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly lint: LintController,
    private readonly fileTypes: FileTypes,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const snapshot = this.lint.snapshot(doc.uri);
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    if (snapshot && snapshot.version === doc.version && wantsQuickFix) {
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const fixes = snapshot.fixes.get(keyOf(diagnostic)) ?? [];
        fixes.forEach((fix, i) => {
          const action = new FixAction(fix, doc, doc.version);
          action.diagnostics = [diagnostic];
          action.isPreferred = i === 0 && fix.safe;
          actions.push(action);
        });
      }
    }
    if (wantsQuickFix && snapshot && !snapshot.type && this.fileTypes.get(doc.uri).source === 'unknown') {
      for (const type of ['import', 'update'] as const) {
        const action = new vscode.CodeAction(
          type === 'import' ? vscode.l10n.t('Treat as a file of new users (import)') : vscode.l10n.t('Treat as a file of existing users (update)'),
          vscode.CodeActionKind.QuickFix,
        );
        action.command = { command: COMMAND.setFileType, title: action.title, arguments: [doc.uri, type] };
        actions.push(action);
      }
    }
    // Fix-all is offered when asked for (Source Action, on save, Ctrl+.) and when the current lint found a safe fix;
    // its edit is computed only when it is applied, in the lint worker for large files.
    const asked = context.only ? context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only) : context.triggerKind === vscode.CodeActionTriggerKind.Invoke;
    const current = snapshot?.version === doc.version ? snapshot : undefined;
    if (asked && current?.result.problems.some(p => p.fixes?.some(f => f.safe))) actions.push(new FixAllAction(doc, doc.version));
    return actions;
  }

  async resolveCodeAction(action: vscode.CodeAction): Promise<vscode.CodeAction> {
    if (action instanceof FixAction && !action.doc.isClosed && action.doc.version === action.version) action.edit = editFor(action.doc, action.fix);
    if (action instanceof FixAllAction && !action.doc.isClosed && action.doc.version === action.version) {
      const text = action.doc.getText();
      const fixed = await this.lint.fixAll(action.doc, text);
      // The document may have changed while the fixes were computed: then the edit would not fit, and none is made.
      if (fixed.applied > 0 && action.doc.version === action.version) {
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(action.doc.uri, new vscode.Range(action.doc.positionAt(0), action.doc.positionAt(text.length)), fixed.text);
      }
    }
    return action;
  }
}

export function registerCodeActions(lint: LintController, fileTypes: FileTypes): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: LANGUAGE_ID }, new JumpCloudCodeActions(lint, fileTypes), JumpCloudCodeActions.metadata);
}
