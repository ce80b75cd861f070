import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StepOutcome, UserResult, UserStatus } from '../../core/import';
import type { ImportEngine } from './engine';

/** The words of the results (core/import/present.ts), from the engine. */
export type Presenter = Pick<ImportEngine, 'countsBrief' | 'stepLabel' | 'userProblems'>;
import { COMMAND, runItemContext, userOrStepItemContext } from '../ids';
import type { ImportRun, ImportRuns } from './import-runs';

/** A node of the "JumpCloud Import" tree: a run, a user of a run, or a step of a user. */
export type ResultNode =
  | { readonly kind: 'run'; readonly run: ImportRun }
  | { readonly kind: 'user'; readonly run: ImportRun; readonly user: UserResult }
  | { readonly kind: 'step'; readonly run: ImportRun; readonly user: UserResult; readonly step: StepOutcome };

const USER_ICONS: Record<UserStatus, [string, string?]> = {
  created: ['add', 'testing.iconPassed'],
  updated: ['edit', 'testing.iconPassed'],
  unchanged: ['circle-outline'],
  failed: ['error', 'testing.iconFailed'],
  skipped: ['warning', 'list.warningForeground'],
  cancelled: ['circle-slash', 'disabledForeground'],
};
const DELETED_ICON: [string, string?] = ['trash', 'disabledForeground'];

/** A run's icon: its worst outcome (a run with skipped rows is not a pass). */
function runIcon(c: Readonly<Record<UserStatus, number>>): [string, string?] {
  if (c.failed) return USER_ICONS.failed;
  if (c.cancelled) return USER_ICONS.cancelled;
  if (c.skipped) return USER_ICONS.skipped;
  return ['pass', 'testing.iconPassed'];
}

/** A step's icon: failed, cancelled and not sent (skipped) say so; anything done is a check. */
function stepIcon(status: StepOutcome['status']): [string, string?] {
  if (status === 'failed') return USER_ICONS.failed;
  if (status === 'cancelled') return USER_ICONS.cancelled;
  if (status === 'skipped') return USER_ICONS.skipped;
  return ['check'];
}

function icon([id, color]: [string, string?]): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** The error text a node carries (a failed step, or the problems of a skipped row), in the presenter's words. */
export function errorOf(node: ResultNode, present: Presenter): string | undefined {
  if (node.kind === 'step') return node.step.error;
  if (node.kind === 'user') return present.userProblems(node.user).join('\n') || undefined;
  return undefined;
}

/** Runs, then users with a status icon, then each step with its outcome. */
export class ResultsTree implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly runs: ImportRuns,
    /** The engine's results presenter (loaded once an import ran, which is when the tree has runs to show). */
    private readonly present: () => Presenter,
  ) {
    this.subscription = runs.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: ResultNode): ResultNode[] {
    if (!node) return this.runs.runs().map(run => ({ kind: 'run', run }));
    if (node.kind === 'run') return node.run.results.users.map(user => ({ kind: 'user', run: node.run, user }));
    if (node.kind === 'user') return node.user.steps.map(step => ({ kind: 'step', run: node.run, user: node.user, step }));
    return [];
  }

  getTreeItem(node: ResultNode): vscode.TreeItem {
    if (node.kind === 'run') {
      const { results, deleted } = node.run;
      const c = results.counts;
      const item = new vscode.TreeItem(path.basename(node.run.uri.fsPath), vscode.TreeItemCollapsibleState.Expanded);
      const started = new Date(results.startedAt);
      const removed = deleted?.size ?? 0;
      item.description = `${started.toLocaleTimeString()} · ${this.present().countsBrief(c)}${removed ? ` (${removed} deleted since)` : ''}`;
      item.tooltip = `${node.run.plan.organization} · started ${started.toLocaleString()} · run ${results.run}`;
      item.iconPath = icon(runIcon(c));
      item.contextValue = runItemContext({ retry: c.failed + c.cancelled > 0, created: c.created > removed });
      item.id = `run:${results.run}`;
      return item;
    }
    if (node.kind === 'user') {
      const { user } = node;
      const item = new vscode.TreeItem(user.username || `row ${user.row}`, user.steps.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      // Deleted since by "Delete the Users This Run Created": no longer an account the run left behind.
      const status = user.userId && node.run.deleted?.has(user.userId) ? 'deleted' : user.status;
      const error = errorOf(node, this.present());
      item.description = `${status} · row ${user.row}${user.status === 'skipped' && error ? ` · ${error.split('\n')[0]}` : ''}`;
      item.iconPath = icon(status === 'deleted' ? DELETED_ICON : USER_ICONS[user.status]);
      item.tooltip = error ? `${status}: ${error}` : status;
      item.contextValue = userOrStepItemContext('user', error !== undefined);
      item.id = `user:${node.run.results.run}:${user.row}`;
      item.command = { command: COMMAND.revealRow, title: 'Reveal Row', arguments: [node.run.uri, user.record] };
      return item;
    }
    const { step } = node;
    const item = new vscode.TreeItem(this.present().stepLabel(step), vscode.TreeItemCollapsibleState.None);
    item.description = step.resumed ? `${step.status} (earlier run)` : step.status;
    item.iconPath = icon(stepIcon(step.status));
    item.tooltip = step.error ?? step.status;
    item.contextValue = userOrStepItemContext('step', step.error !== undefined);
    item.id = `step:${node.run.results.run}:${node.user.row}:${step.step}`;
    return item;
  }

  getParent(node: ResultNode): ResultNode | undefined {
    if (node.kind === 'step') return { kind: 'user', run: node.run, user: node.user };
    if (node.kind === 'user') return { kind: 'run', run: node.run };
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
