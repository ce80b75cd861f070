import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UserCsvKind } from '../../core/catalogue';
import { readCsv } from '../../core/csv';
import type { ExecuteResults, ImportOutcome, ImportPlan, NewUserState, PreparedImport } from '../../core/import';
import type { JumpCloudClient, JumpCloudClientOptions } from '../../core/jumpcloud';
import type { RuleSettings } from '../../core/lint';
import type { Log } from '../log';
import { abortSignalOf } from '../cancellation';
import { writeChosenFile } from '../write-file';
import { describeError, mayReachJumpCloud, type JumpCloudConnection } from '../jumpcloud/connection';
import type { ImportEngine } from './engine';
import { COMMAND, SETTING, VIEW } from '../ids';
import type { ImportRun, ImportRuns } from './import-runs';
import type { PreviewDocuments } from './preview-documents';
import { errorOf, type ResultNode } from './results-tree';

/** What the import commands need from the rest of the extension (injected by the composition root). */
export interface ImportDeps {
  /** The import engine, loaded on first use. */
  readonly engine: () => ImportEngine;
  readonly log: Log;
  readonly runs: ImportRuns;
  readonly previews: PreviewDocuments;
  /** Clients from the stored key and settings (with the run's limiter as its gate), and why none can be made. */
  readonly connection: Pick<JumpCloudConnection, 'unavailable' | 'client'>;
  /** The file's kind, when its name or the user's choice says. */
  readonly kindOf: (uri: vscode.Uri) => UserCsvKind | undefined;
  readonly rules: (uri: vscode.Uri) => RuleSettings;
  /** Called after a run wrote to JumpCloud: cached organization data is stale. */
  readonly afterWrite: (uri: vscode.Uri, run: ExecuteResults) => void;
  readonly now: () => Date;
}

/** Options a caller (a script, a test) may pass to `jumpcloud.importUsers`, as the CLI's --yes and --state. */
export interface ImportCommandOptions {
  /** Do not ask: send the plan as planned. */
  readonly yes?: boolean;
  readonly newUserState?: NewUserState;
}

const t = vscode.l10n.t;

/** The import's settings for a file; a value out of range falls back to the default (as the schema's range says). */
function settings(uri: vscode.Uri, engine: Pick<ImportEngine, 'IMPORT_CONCURRENCY' | 'concurrencyOf' | 'newUserStateOf'>): { concurrency: number; newUserState?: NewUserState } {
  const config = vscode.workspace.getConfiguration(undefined, uri);
  // `organization` (the default) names no state: the import then follows the organization's settings.
  const newUserState = engine.newUserStateOf(config.get<string>(SETTING.importNewUserState));
  return {
    concurrency: engine.concurrencyOf(config.get<unknown>(SETTING.importConcurrency)) ?? engine.IMPORT_CONCURRENCY.default,
    ...(newUserState ? { newUserState } : {}),
  };
}

/** The import's commands: preview, import, and the results view's actions. */
export class ImportCommands {
  constructor(private readonly deps: ImportDeps) {}

  /** The document of a command's target: the URI it was given (explorer, editor title) or the active editor's. */
  private async target(uri: unknown): Promise<vscode.TextDocument | undefined> {
    const given = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!given) {
      void vscode.window.showWarningMessage(t('Open a JumpCloud user CSV first.'));
      return undefined;
    }
    return vscode.workspace.openTextDocument(given);
  }

  /** The file's kind; when its name does not say, asks once and goes on with the answer. */
  private async kind(doc: vscode.TextDocument): Promise<UserCsvKind | undefined> {
    const known = this.deps.kindOf(doc.uri);
    if (known) return known;
    const choice = await vscode.window.showWarningMessage(t('Is {0} a file of new users or of updates? Its name does not say.', path.basename(doc.uri.fsPath)), t('Set File Type…'));
    if (!choice) return undefined;
    await vscode.commands.executeCommand(COMMAND.setFileType, doc.uri);
    return this.deps.kindOf(doc.uri);
  }

  /** A client, or undefined after the one guard said why not (Restricted Mode, no key) or the address was refused. */
  private async clientOrWarn(extra?: Partial<JumpCloudClientOptions>): Promise<JumpCloudClient | undefined> {
    return (await mayReachJumpCloud(this.deps.connection)) ? this.newClient(extra) : undefined;
  }

  /** A client once the guard has passed, or undefined after saying why the address was refused. */
  private async newClient(extra?: Partial<JumpCloudClientOptions>): Promise<JumpCloudClient | undefined> {
    try {
      return await this.deps.connection.client(extra);
    } catch (e) {
      void vscode.window.showErrorMessage(describeError(e, this.deps.log));
      return undefined;
    }
  }

  /** Reads what the file names and plans, behind a cancellable notification. Undefined when cancelled or failed. */
  private async prepare(doc: vscode.TextDocument, kind: UserCsvKind, client: JumpCloudClient, newUserState: NewUserState | undefined): Promise<PreparedImport | undefined> {
    const journal = this.deps.runs.journal(doc.uri, this.deps.engine());
    try {
      // The file's bytes, decoded by the core as the CLI's lint and import decode them: an unsaved document is the
      // text shown, encoded as UTF-8 (what saving it would write).
      const bytes = doc.isDirty || doc.isUntitled ? new TextEncoder().encode(doc.getText()) : await vscode.workspace.fs.readFile(doc.uri);
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Reading from JumpCloud what {0} names…', path.basename(doc.uri.fsPath)), cancellable: true },
        (progress, token) =>
          this.deps.engine().prepareImport({
            client,
            bytes,
            kind,
            ...(newUserState ? { newUserState } : {}),
            journal,
            rules: this.deps.rules(doc.uri),
            now: this.deps.now().getTime(),
            signal: abortSignalOf(token),
            onProgress: p => progress.report({ message: `${p.done}/${p.total}` }),
          }).then(prepared => {
            // The plan is made on first use: here, while the notification shows, not after it closed.
            void prepared.plan;
            return prepared;
          }),
      );
    } catch (e) {
      const message = t('Could not read the organization: {0}', describeError(e, this.deps.log));
      this.deps.log.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    } finally {
      await journal.close();
    }
  }

  /** `JumpCloud: Preview Import`: what an import would send, without sending anything. */
  async preview(uri?: unknown): Promise<ImportPlan | undefined> {
    const doc = await this.target(uri);
    const kind = doc && (await this.kind(doc));
    if (!doc || !kind) return undefined;
    const client = await this.clientOrWarn();
    if (!client) return undefined;
    const engine = this.deps.engine();
    const prepared = await this.prepare(doc, kind, client, settings(doc.uri, engine).newUserState);
    if (!prepared) return undefined;
    await this.deps.previews.show(doc.uri, engine.planPreview(prepared.plan));
    return prepared.plan;
  }

  /** `JumpCloud: Import Users`: plan, confirm (modal), send with progress and cancellation, show the results. */
  async import(uri?: unknown, options: ImportCommandOptions = {}): Promise<ExecuteResults | undefined> {
    // Before the file is touched (saved): in Restricted Mode, or without a key, nothing happens.
    if (!(await mayReachJumpCloud(this.deps.connection))) return undefined;
    const doc = await this.target(uri);
    const kind = doc && (await this.kind(doc));
    if (!doc || !kind) return undefined;
    if (doc.isDirty) {
      const save = t('Save and Continue');
      const choice = options.yes ? save : await vscode.window.showWarningMessage(t('{0} has unsaved changes. Import sends the file as saved.', path.basename(doc.uri.fsPath)), { modal: true }, save);
      if (choice !== save || !(await doc.save())) return undefined;
    }
    const engine = this.deps.engine();
    const { planSummary } = engine;
    const config = settings(doc.uri, engine);
    const limiter = engine.createAdaptiveLimiter({ maxConcurrency: config.concurrency });
    const client = await this.newClient({ gate: limiter });
    if (!client) return undefined;
    const prepared = await this.prepare(doc, kind, client, options.newUserState ?? config.newUserState);
    if (!prepared) return undefined;
    const { log, runs } = this.deps;
    const file = path.basename(doc.uri.fsPath);
    const journal = runs.journal(doc.uri, engine);
    let outcome: ImportOutcome;
    try {
      outcome = await engine.runImport(prepared, {
        client,
        limiter,
        concurrency: config.concurrency,
        journal,
        onOutcome: o => (o.status === 'failed' ? log.error : log.info).call(log, `${file} ${engine.stepLine(o)}`),
        ...(options.yes ? {} : { confirm: plan => this.confirm(plan) }),
        sending: send => {
          log.info(`Import of ${file} into ${prepared.plan.organization}: ${planSummary(prepared.plan)}`);
          return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Importing {0}', file), cancellable: true }, (progress, token) => {
            let last = 0;
            return send({
              signal: abortSignalOf(token),
              onProgress: p => {
                progress.report({ increment: ((p.done - last) / Math.max(1, p.total)) * 100, message: t('{0} of {1} users', p.done, p.total) });
                last = p.done;
              },
            });
          });
        },
      });
    } finally {
      await journal.close();
    }
    if (outcome.kind === 'blocked') {
      void vscode.window.showErrorMessage(planSummary(outcome.plan), t('Show Problems')).then(choice => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return undefined;
    }
    if (outcome.kind === 'nothing-to-send') {
      void vscode.window.showInformationMessage(t('Nothing to send: {0}', planSummary(outcome.plan)));
      return undefined;
    }
    if (outcome.kind === 'declined') return undefined;
    return this.present(doc.uri, outcome.plan, outcome.results);
  }

  /** The modal confirmation; resolves with the state new users start in, or undefined when the user declines. */
  private async confirm(plan: ImportPlan): Promise<NewUserState | undefined> {
    const { creationNote, planSummary } = this.deps.engine();
    const note = creationNote(plan);
    const importLabel = t('Import');
    const other: NewUserState = plan.newUserState === 'ACTIVATED' ? 'STAGED' : 'ACTIVATED';
    const otherLabel = other === 'STAGED' ? t('Import, New Users Staged') : t('Import, New Users Activated');
    const hasCreates = plan.rows.some(r => r.action === 'create');
    const choice = await vscode.window.showWarningMessage(
      t('{0} Import?', planSummary(plan)),
      { modal: true, detail: [note, t('Organization: {0}. Run "JumpCloud: Preview Import" to see every change.', plan.organization)].filter(Boolean).join('\n\n') },
      importLabel,
      ...(hasCreates ? [otherLabel] : []),
    );
    if (choice === importLabel) return plan.newUserState;
    if (choice === otherLabel) return other;
    return undefined;
  }

  /** A finished run: into the results view (focused, as the Test Results view is), the log and a message. */
  private present(uri: vscode.Uri, plan: ImportPlan, results: ExecuteResults): ExecuteResults {
    const { log, runs } = this.deps;
    const run: ImportRun = { id: results.run, uri, plan, results };
    runs.add(run);
    void vscode.commands.executeCommand(`${VIEW.importResults}.focus`);
    this.deps.afterWrite(uri, results);
    const c = results.counts;
    const summary = `${path.basename(uri.fsPath)}: ${this.deps.engine().countsText(c)}.`;
    log.info(summary);
    const show = t('Show Results');
    const undo = t('Delete the Users This Run Created');
    void (c.failed || c.cancelled || results.journalError ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(summary, show, ...(c.created ? [undo] : [])).then(choice => {
      if (choice === show) void vscode.commands.executeCommand(`${VIEW.importResults}.focus`);
      if (choice === undo) void this.deleteCreated({ kind: 'run', run });
    });
    return results;
  }

  /** Retry failed (and cancelled) users: a new run of the same file, which resumes from its journal. */
  retry(node?: ResultNode, options: ImportCommandOptions = {}): Promise<ExecuteResults | undefined> {
    const uri = node?.run.uri;
    return this.import(uri, options);
  }

  async copyError(node?: ResultNode): Promise<string | undefined> {
    const text = node && errorOf(node, this.deps.engine());
    if (!text) return undefined;
    await vscode.env.clipboard.writeText(text);
    return text;
  }

  /** Writes a run's results as CSV (the PowerShell module's columns, plus Error), escaped against formulas. */
  async exportResults(node?: ResultNode, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const run = node?.run ?? this.deps.runs.runs()[0];
    if (!run) return undefined;
    const base = run.uri.fsPath.replace(/\.csv$/i, '');
    const where = target ?? (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(`${base}-results.csv`), filters: { CSV: ['csv'] } }));
    if (!where) return undefined;
    await writeChosenFile(where, this.deps.engine().resultsCsv(run.results));
    this.deps.log.info(`Results of run ${run.results.run} written to ${where.fsPath}.`);
    const open = t('Open');
    void vscode.window.showInformationMessage(t('Results written to {0}.', path.basename(where.fsPath)), open).then(choice => (choice === open ? vscode.window.showTextDocument(where) : undefined));
    return where;
  }

  /** Deletes the users a run created, and only those (its journal says which), after a modal confirmation. */
  async deleteCreated(node?: ResultNode, options: ImportCommandOptions = {}): Promise<number | undefined> {
    const run = node?.run;
    if (!run) return undefined;
    const { log, runs } = this.deps;
    const engine = this.deps.engine();
    const lines = await runs.journalLines(run.uri, engine);
    // A run that continued interrupted ones is one run to the person: its undo deletes their users too.
    const runIds = [run.results.run, ...(run.results.continues ?? [])];
    const users = engine.createdByRun(lines, runIds);
    if (users.length === 0) {
      void vscode.window.showInformationMessage(t('No user created by this run is left to delete.'));
      return 0;
    }
    if (!options.yes) {
      const names = users.map(u => u.username);
      const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', ');
      const remove = t('Delete {0} Users', users.length);
      const choice = await vscode.window.showWarningMessage(
        t('Delete the {0} users this run created in {1}?', users.length, run.plan.organization),
        { modal: true, detail: t('{0}. Their accounts, group memberships and device bindings are removed from JumpCloud. This cannot be undone.', shown) },
        remove,
      );
      if (choice !== remove) return undefined;
    }
    const client = await this.clientOrWarn();
    if (!client) return undefined;
    const journal = runs.journal(run.uri, engine);
    try {
      const outcomes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Deleting users…'), cancellable: true }, (_p, token) =>
        engine.deleteCreatedUsers(client, lines, runIds, {
          journal,
          signal: abortSignalOf(token),
          onOutcome: o => (o.status === 'failed' ? log.error : log.info).call(log, `Delete ${o.username} (${o.userId}): ${o.status}${o.error ? `: ${o.error}` : ''}`),
        }),
      );
      const gone = outcomes.filter(o => o.status === 'deleted' || o.status === 'already');
      const deleted = gone.length;
      runs.markDeleted(run, gone.map(o => o.userId));
      this.deps.afterWrite(run.uri, run.results);
      void vscode.window.showInformationMessage(t('Deleted {0} of {1} users this run created.', deleted, users.length));
      return deleted;
    } finally {
      await journal.close();
    }
  }

  /** Opens the CSV at a result's row. */
  async revealRow(uri: vscode.Uri, record: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const found = readCsv(doc.getText()).records.find(r => r.index === record);
    const line = found?.line ?? 0;
    const range = doc.lineAt(Math.min(line, doc.lineCount - 1)).range;
    await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
  }
}
