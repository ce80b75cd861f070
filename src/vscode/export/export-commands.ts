import * as vscode from 'vscode';
import { blockSpec, type BlockId } from '../../core/catalogue';
import type { UserExport } from '../../core/export';
import { exportColumns } from '../../core/export/columns';
import type { ImportEngine } from '../import/engine';
import type { JumpCloudClient } from '../../core/jumpcloud';
import { templateFileName, type ConflictChoice, type FileConflict } from '../../core/template';
import { abortSignalOf } from '../cancellation';
import { describeError, mayReachJumpCloud, type Unavailable } from '../jumpcloud/connection';
import type { Log } from '../log';
import type { StepFrame, StepInput, StepResult } from '../wizard/quick-input';
import { askConflict } from '../wizard/template-wizard';
import { EXPORT_BLOCKS, exportTarget, writeExportFile } from './export-file';

/** What the export commands need from the rest of the extension (injected by the composition root). */
export interface ExportDeps {
  /** The export's reading and writing, loaded on first use (src/core/engine.ts). */
  readonly engine: () => Pick<ImportEngine, 'exportUsers' | 'describeNote'>;
  readonly log: Log;
  readonly input: StepInput;
  readonly connection: { unavailable(): Promise<Unavailable | undefined>; client(): Promise<JumpCloudClient | undefined> };
  /** The organization's user group names, read with progress when needed; undefined when they cannot be read. */
  readonly groupNames: () => Promise<readonly string[] | undefined>;
  readonly now: () => Date;
}

/**
 * Arguments a caller (a script, a test) may pass to `jumpcloud.exportUsers` instead of answering its questions, as
 * the CLI's flags: nothing is asked but what to do about a taken name, unless `ifExists` says.
 */
export interface ExportCommandOptions {
  /** Column blocks (as the CLI's --with), or 'all' (the default). */
  readonly blocks?: readonly BlockId[] | 'all';
  /** Only the direct members of these user groups. */
  readonly groupsOf?: readonly string[];
  /** The folder (a URI or a path); the first workspace folder by default. */
  readonly folder?: vscode.Uri | string;
  /** Consent given in advance for a taken name, as the CLI's --force. */
  readonly ifExists?: 'keep-both' | 'replace';
}

/** What the command resolves to when a file was written. */
export interface ExportResult {
  readonly uri: vscode.Uri;
  readonly users: number;
  /** Values, groups or users left out (each is in the output channel). */
  readonly notes: number;
}

export type ExportOutcome = ({ readonly kind: 'written' } & ExportResult) | { readonly kind: 'back' | 'cancel' | 'failed' };

/** What the user asked for: the columns, the users, the folder. */
interface ExportRequest {
  readonly blocks: ReadonlySet<BlockId> | 'all';
  readonly groupsOf?: readonly string[];
  readonly folder: vscode.Uri;
}

interface Choice<T> extends vscode.QuickPickItem {
  readonly value?: T;
}

const t = vscode.l10n.t;
const TITLE = t('Export Users to CSV');

function isOptions(arg: unknown): arg is ExportCommandOptions {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri);
}

function blockDetail(block: BlockId): string {
  if (block === 'groups') return t("Group1…GroupN: each user's user groups");
  if (block === 'attributes') return t('AttributeK_name and AttributeK_value: custom attributes');
  return exportColumns(new Set([block]))
    .slice(1)
    .map(c => c.header)
    .join(', ');
}

/** `JumpCloud: Export Users to CSV…`: the organization's users with their current values, as an update file. */
export class ExportCommands {
  constructor(private readonly deps: ExportDeps) {}

  /**
   * The command. A folder URI (the explorer's context menu) presets the folder; options skip the questions.
   * Resolves with the file written, or undefined.
   */
  async run(arg?: unknown): Promise<ExportResult | undefined> {
    if (!(await mayReachJumpCloud(this.deps.connection))) return undefined;
    const outcome = isOptions(arg) ? await this.runScripted(arg) : await this.runInteractive(arg instanceof vscode.Uri ? arg : undefined);
    return outcome?.kind === 'written' ? { uri: outcome.uri, users: outcome.users, notes: outcome.notes } : undefined;
  }

  private async runScripted(options: ExportCommandOptions): Promise<ExportOutcome | undefined> {
    const unknown = options.blocks === undefined || options.blocks === 'all' ? [] : options.blocks.filter(b => !EXPORT_BLOCKS.includes(b));
    const folder = typeof options.folder === 'string' ? vscode.Uri.file(options.folder) : (options.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri);
    if (unknown.length || !folder) {
      void vscode.window.showErrorMessage(
        unknown.length ? t('Blocks that cannot be exported: {0}. Use {1}.', unknown.join(', '), EXPORT_BLOCKS.join(', ')) : t('Open a folder or pass one to export into.'),
      );
      return undefined;
    }
    const blocks = options.blocks === undefined || options.blocks === 'all' ? 'all' : new Set(options.blocks);
    const frame: StepFrame = { id: 'overwrite', title: TITLE, step: 1, totalSteps: 1 };
    const onConflict = (conflict: FileConflict): Promise<ConflictChoice> => (options.ifExists ? Promise.resolve(options.ifExists) : askConflict(conflict, frame, this.deps.input));
    return this.exportTo({ blocks, ...(options.groupsOf?.length ? { groupsOf: options.groupsOf } : {}), folder }, onConflict);
  }

  /** The QuickPick flow: blocks, users, (groups), (folder), then a taken name; Back goes one question back. */
  private async runInteractive(presetFolder: vscode.Uri | undefined): Promise<ExportOutcome | undefined> {
    const state: { blocks: ReadonlySet<BlockId> | 'all'; scope: 'all' | 'groups'; groups: readonly string[]; folder?: vscode.Uri } = { blocks: 'all', scope: 'all', groups: [], folder: presetFolder };
    let index = 0;
    for (;;) {
      const plan = ['blocks', 'users', ...(state.scope === 'groups' ? ['groups'] : []), ...(presetFolder ? [] : ['folder'])];
      const total = plan.length;
      if (index < total) {
        const frame: StepFrame = { id: `export:${plan[index]}`, title: TITLE, step: index + 1, totalSteps: total };
        const r = await this.ask(plan[index], state, frame);
        if (r.kind === 'cancel') return undefined;
        index = r.kind === 'back' ? Math.max(0, index - 1) : index + 1;
        continue;
      }
      if (!state.folder) return undefined;
      const frame: StepFrame = { id: 'overwrite', title: TITLE, step: total + 1, totalSteps: total + 1 };
      const outcome = await this.exportTo(
        { blocks: state.blocks, ...(state.scope === 'groups' ? { groupsOf: state.groups } : {}), folder: state.folder },
        conflict => askConflict(conflict, frame, this.deps.input),
      );
      if (outcome.kind !== 'back') return outcome;
      index = total - 1;
    }
  }

  private async ask(step: string, state: { blocks: ReadonlySet<BlockId> | 'all'; scope: 'all' | 'groups'; groups: readonly string[]; folder?: vscode.Uri }, frame: StepFrame): Promise<StepResult<unknown>> {
    const { input } = this.deps;
    if (step === 'blocks') {
      const all: Choice<'all'> = { label: t('All columns'), detail: t('Every column an export can fill (the others are left out)'), value: 'all' };
      // An export never writes a password, so the template's "Names and password" is only names here.
      const blocks: Choice<BlockId>[] = EXPORT_BLOCKS.map(b => ({ label: b === 'names' ? t('Names') : blockSpec(b).label, detail: blockDetail(b), value: b }));
      const items: Choice<BlockId | 'all'>[] = [all, ...blocks];
      const selected = state.blocks === 'all' ? [all] : blocks.filter(i => i.value && (state.blocks as ReadonlySet<BlockId>).has(i.value));
      const r = await input.pickMany({ ...frame, placeholder: t('Which columns besides Username? Check the blocks, or All columns.'), items, selected });
      if (r.kind === 'answer') {
        const values = r.value.map(i => i.value);
        state.blocks = values.includes('all') ? 'all' : new Set(values.filter((v): v is BlockId => v !== undefined && v !== 'all'));
      }
      return r;
    }
    if (step === 'users') {
      const items: Choice<'all' | 'groups'>[] = [
        { label: t('All users'), detail: t('One row per user of your organization, sorted by username'), value: 'all' },
        { label: t('Members of chosen groups'), detail: t('Only the direct members of the user groups you choose'), value: 'groups' },
      ];
      const r = await input.pick({ ...frame, placeholder: t('Which users?'), items, active: items.find(i => i.value === state.scope) });
      if (r.kind === 'answer') state.scope = r.value.value ?? 'all';
      return r;
    }
    if (step === 'groups') {
      const names = await this.deps.groupNames();
      if (!names) {
        void vscode.window.showErrorMessage(t('Could not read the user groups of your organization; see the JumpCloud output for why.'));
        return { kind: 'cancel' };
      }
      const items: Choice<string>[] = [...names].sort((a, b) => a.localeCompare(b)).map(name => ({ label: name, value: name }));
      for (;;) {
        const r = await input.pickMany({ ...frame, placeholder: t('Export the members of which user groups?'), items, selected: items.filter(i => i.value && state.groups.includes(i.value)) });
        if (r.kind !== 'answer') return r;
        state.groups = r.value.flatMap(i => (i.value ? [i.value] : []));
        if (state.groups.length) return r;
      }
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const items: Choice<vscode.Uri>[] = [
      ...folders.map(f => ({ label: `$(folder) ${f.name}`, description: f.uri.fsPath, value: f.uri })),
      { label: t('$(folder-opened) Browse…'), detail: t('Choose another folder') },
    ];
    for (;;) {
      const active = items.find(i => i.value && i.value.toString() === state.folder?.toString());
      const r = await input.pick({ ...frame, placeholder: t('Where should the file be saved?'), items, active });
      if (r.kind !== 'answer') return r;
      const picked = r.value.value ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: t('Export Here') }))?.[0];
      if (picked) {
        state.folder = picked;
        return r;
      }
    }
  }

  /**
   * Writes the export into `folder` (asking about a taken name through `onConflict` before anything is read), with a
   * cancellable progress notification; notes go to the output channel; the file opens. The template wizard's "with
   * their current values" calls this too.
   */
  async exportTo(request: ExportRequest, onConflict: (conflict: FileConflict) => Promise<ConflictChoice>): Promise<ExportOutcome> {
    const { log } = this.deps;
    if (request.folder.scheme !== 'file') {
      void vscode.window.showErrorMessage(t('Exports are written to folders on disk; {0} is not one.', request.folder.toString(true)));
      return { kind: 'failed' };
    }
    const date = this.deps.now();
    const fail = (e: unknown): ExportOutcome => {
      const message = t('Could not export the users: {0}', describeError(e, log));
      log.error(message);
      void vscode.window.showErrorMessage(message);
      return { kind: 'failed' };
    };
    let client: JumpCloudClient | undefined;
    let target: Awaited<ReturnType<typeof exportTarget>>;
    try {
      target = await exportTarget(request.folder.fsPath, templateFileName('update', date), onConflict);
      if (target.kind !== 'target') return target;
      client = await this.deps.connection.client();
    } catch (e) {
      return fail(e);
    }
    if (!client) {
      await mayReachJumpCloud(this.deps.connection); // the key went meanwhile: says so, with Set API Key…
      return { kind: 'failed' };
    }
    const source = client;
    const file = target;
    let cancelled: AbortSignal | undefined;
    let exported: UserExport | undefined;
    let written: 'written' | 'exists';
    try {
      written = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Exporting users from JumpCloud'), cancellable: true },
        async (progress, token) => {
          const signal = (cancelled = abortSignalOf(token));
          const started = await this.deps.engine().exportUsers(source, { blocks: request.blocks, ...(request.groupsOf ? { groupsOf: request.groupsOf } : {}), date, signal });
          exported = started;
          async function* counted(): AsyncGenerator<string> {
            for await (const chunk of started.chunks) {
              yield chunk;
              progress.report({ message: t('{0} users', started.summary.users) });
            }
          }
          return writeExportFile(file, counted());
        },
      );
    } catch (e) {
      if (cancelled?.aborted) {
        void vscode.window.showInformationMessage(t('Export cancelled; no file was written.'));
        return { kind: 'cancel' };
      }
      // An ExportError (a group name that is no group, or several) names the group in its message.
      return fail(e);
    }
    const uri = vscode.Uri.file(file.path);
    if (written === 'exists' || !exported) {
      void vscode.window.showErrorMessage(t('{0} appeared while the users were read; it was kept and nothing was written.', uri.fsPath));
      return { kind: 'failed' };
    }
    const { users, notes } = exported.summary;
    for (const note of notes) log.warn(`Export: ${this.deps.engine().describeNote(note)}`);
    log.info(`Exported ${users} users (${exported.headers.length} columns) to ${uri.fsPath}${notes.length ? `; ${notes.length} values left out (see above)` : ''}.`);
    if (notes.length) {
      const show = t('Show Output');
      void vscode.window
        .showWarningMessage(t('Exported {0} users to {1}; {2} values were left out (see the JumpCloud output for which and why).', users, uri.fsPath, notes.length), show)
        .then(choice => choice === show && log.show());
    } else void vscode.window.showInformationMessage(t('Exported {0} users to {1}.', users, uri.fsPath));
    await vscode.window.showTextDocument(uri);
    return { kind: 'written', uri, users, notes: notes.length };
  }
}
