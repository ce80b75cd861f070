import * as vscode from 'vscode';
import { blockSpec, columnsFor, type BlockId, type UserCsvKind } from '../../core/catalogue';
import type { OrgSnapshot } from '../../core/org';
import {
  answersFromState,
  checkCount,
  createTemplate,
  diskFolder,
  newWizardState,
  wizardPlan,
  type ConflictChoice,
  type FileConflict,
  type TemplateOutcome,
  type WizardState,
  type WizardStepId,
} from '../../core/template';
import type { StepFrame, StepInput, StepResult } from './quick-input';

export interface TemplateWizardDeps {
  readonly input: StepInput;
  readonly log: { info(message: string): void };
  readonly now: () => Date;
  /** Whether an API key is set (the organization can be read). */
  readonly connected: () => Promise<boolean>;
  /** The organization's data, read with progress when needed; undefined when it cannot be read. */
  readonly org: () => Promise<OrgSnapshot | undefined>;
  /** Writes the export (users with their current values) into a folder; "back" when the user went back from a taken name. */
  readonly exportUsers: (request: { folder: vscode.Uri; blocks: ReadonlySet<BlockId> | 'all' }, onConflict: (conflict: FileConflict) => Promise<ConflictChoice>) => Promise<{ readonly kind: 'written'; readonly uri: vscode.Uri } | { readonly kind: 'back' | 'cancel' | 'failed' }>;
  /** The blocks an export can fill: with current values, the others are not asked about. */
  readonly exportBlocks: readonly BlockId[];
}

/** The wizard's answers, and whether a populated update template is written with each user's current values. */
type ShellState = WizardState & { withValues?: boolean };
type Populate = 'none' | 'usernames' | 'values';

const TITLE = vscode.l10n.t('New User CSV Template');

interface Choice<T> extends vscode.QuickPickItem {
  readonly value?: T;
}

const yesNo = (yesDetail: string): Choice<boolean>[] => [
  { label: vscode.l10n.t('Yes'), detail: yesDetail, value: true },
  { label: vscode.l10n.t('No'), value: false },
];

function activeOf<T>(items: readonly Choice<T>[], value: T | undefined): Choice<T> | undefined {
  return value === undefined ? undefined : items.find(i => i.value === value);
}

/** One prompt per step id; each writes its answer into the state. */
async function ask(step: WizardStepId, state: ShellState, frame: StepFrame, deps: TemplateWizardDeps): Promise<StepResult<unknown>> {
  const { input } = deps;
  if (step === 'type') {
    const items: Choice<UserCsvKind>[] = [
      { label: vscode.l10n.t('New users (import)'), detail: vscode.l10n.t('Create users: FirstName, LastName, Username, Password, Email and more'), value: 'import' },
      { label: vscode.l10n.t('Existing users (update)'), detail: vscode.l10n.t('Change users found by Username'), value: 'update' },
    ];
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Which kind of template do you want to create?'), items, active: activeOf(items, state.type) });
    if (r.kind === 'answer') state.type = r.value.value;
    return r;
  }
  if (step === 'folder') return askFolder(state, frame, input);
  if (step === 'populate') {
    const items: Choice<Populate>[] = [
      { label: vscode.l10n.t('Start with no rows'), detail: vscode.l10n.t('You add the usernames of the users to update.'), value: 'none' },
      ...(state.connected
        ? [
            { label: vscode.l10n.t('List every existing user: usernames only'), detail: vscode.l10n.t('One row per user of your organization, sorted by username; delete the rows you do not want to change.'), value: 'usernames' as const },
            {
              label: vscode.l10n.t('List every existing user with their current values'),
              detail: vscode.l10n.t('An export: each chosen column holds its current value, so you edit only what should change; the group and attribute columns follow the data.'),
              value: 'values' as const,
            },
          ]
        : // A separator cannot be chosen: it shows the options greyed out, with the reason.
          [{ label: vscode.l10n.t('List every existing user: needs an API key (JumpCloud: Set API Key…)'), kind: vscode.QuickPickItemKind.Separator }]),
    ];
    const current: Populate | undefined = state.populate === undefined ? undefined : !state.populate ? 'none' : state.withValues ? 'values' : 'usernames';
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Fill the template with your existing users?'), items, active: activeOf(items, current) });
    if (r.kind === 'answer') {
      state.populate = r.value.value !== 'none';
      state.withValues = r.value.value === 'values';
    }
    return r;
  }
  if (step === 'systems-file') {
    const items = yesNo(vscode.l10n.t('Writes JCSystems_<date>.csv: every device with its hostname, display name and SystemID to copy from'));
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Also write the list of your devices beside the template?'), items, active: activeOf(items, state.systemsFile) });
    if (r.kind === 'answer') state.systemsFile = r.value.value;
    return r;
  }
  if (step === 'columns') {
    const items: Choice<'choose' | 'all'>[] = [
      { label: vscode.l10n.t('Choose the columns block by block'), value: 'choose' },
      { label: vscode.l10n.t('All columns'), detail: vscode.l10n.t('Every column a {0} file accepts', state.type ?? ''), value: 'all' },
    ];
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Which columns should the template have?'), items, active: activeOf(items, state.preset) });
    if (r.kind === 'answer') state.preset = r.value.value;
    return r;
  }
  if (step.startsWith('block:')) {
    const block = step.slice('block:'.length) as BlockId;
    const spec = blockSpec(block);
    const headers = spec.counted ? [] : columnsFor(state.type ?? 'import', new Set([block])).map(c => c.header);
    const items = yesNo(headers.length ? vscode.l10n.t('Adds {0}', headers.join(', ')) : '');
    const r = await input.pick({ ...frame, placeholder: spec.question, items, active: activeOf(items, state.blocks.get(block)) });
    if (r.kind === 'answer') state.blocks.set(block, r.value.value === true);
    return r;
  }
  const block = step.slice('count:'.length) as 'groups' | 'attributes';
  const spec = blockSpec(block);
  const r = await input.input({ ...frame, prompt: spec.counted?.question ?? '', value: String(state[block] ?? 1), validate: checkCount });
  if (r.kind === 'answer') state[block] = Number(r.value.trim());
  return r;
}

async function askFolder(state: WizardState, frame: StepFrame, input: StepInput): Promise<StepResult<unknown>> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const items: Choice<string>[] = [
    ...folders.map(f => ({ label: `$(folder) ${f.name}`, description: f.uri.fsPath, value: f.uri.toString() })),
    { label: vscode.l10n.t('$(folder-opened) Browse…'), detail: vscode.l10n.t('Choose another folder') },
  ];
  for (;;) {
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Where should the template be created?'), items, active: activeOf(items, state.folder) });
    if (r.kind !== 'answer') return r;
    if (r.value.value) {
      state.folder = r.value.value;
      return r;
    }
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Create Template Here') });
    if (picked?.[0]) {
      state.folder = picked[0].toString();
      return r;
    }
  }
}

/** Asks what to do about a taken name; Back returns to the last question (the export command asks the same). */
export async function askConflict(conflict: FileConflict, frame: StepFrame, input: StepInput): Promise<ConflictChoice> {
  const items: Choice<ConflictChoice>[] = [
    { label: vscode.l10n.t('Keep both'), detail: vscode.l10n.t('Create {0}', conflict.alternative), value: 'keep-both' },
    { label: vscode.l10n.t('Replace the existing file'), detail: vscode.l10n.t('Its contents are lost'), value: 'replace' },
  ];
  const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('{0} already exists in this folder', conflict.name), items });
  return r.kind === 'answer' ? (r.value.value ?? 'keep-both') : r.kind;
}

/** With current values the export sizes the numbered columns and writes no devices list: those questions go. */
function askedForExport(step: WizardStepId, exportBlocks: readonly BlockId[]): boolean {
  if (step.startsWith('count:') || step === 'systems-file') return false;
  return !step.startsWith('block:') || exportBlocks.includes(step.slice('block:'.length) as BlockId);
}

/**
 * The `JumpCloud: New User CSV Template…` command. Walks the wizard plan step by step (Back returns to the
 * previous step with its answer preselected), then lets the core create the files (asking here about taken names)
 * and opens the template. Returns the file written.
 */
export async function runTemplateWizard(deps: TemplateWizardDeps): Promise<vscode.Uri | undefined> {
  const state: ShellState = newWizardState();
  state.connected = await deps.connected();
  let index = 0;
  for (;;) {
    // An answer kept from an update template does not apply once the type is changed back to import.
    const withValues = state.type === 'update' && state.withValues === true;
    const plan = wizardPlan(state).filter(s => !withValues || askedForExport(s, deps.exportBlocks));
    const total = plan.length;
    if (index < plan.length) {
      const r = await ask(plan[index], state, { id: plan[index], title: TITLE, step: index + 1, totalSteps: total }, deps);
      if (r.kind === 'cancel') return undefined;
      index = r.kind === 'back' ? Math.max(0, index - 1) : index + 1;
      continue;
    }
    if (!state.type || !state.folder) return undefined;
    const folder = vscode.Uri.parse(state.folder);
    if (folder.scheme !== 'file') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Templates are written to folders on disk; {0} is not one.', folder.toString(true)));
      return undefined;
    }
    if (withValues) {
      const { blocks } = answersFromState({ ...state, type: 'update' });
      const exported = await deps.exportUsers({ folder, blocks }, conflict => askConflict(conflict, { id: 'overwrite', title: TITLE, step: total + 1, totalSteps: total + 1 }, deps.input));
      if (exported.kind === 'back') {
        index = plan.length - 1;
        continue;
      }
      return exported.kind === 'written' ? exported.uri : undefined;
    }
    let outcome: TemplateOutcome;
    try {
      outcome = await createTemplate(
        { answers: answersFromState({ ...state, type: state.type }), populate: state.populate === true, systemsFile: state.systemsFile === true, date: deps.now() },
        {
          folder: diskFolder(folder.fsPath),
          organization: deps.org,
          onConflict: conflict =>
            askConflict(conflict, { id: conflict.file === 'template' ? 'overwrite' : 'overwrite:systems', title: TITLE, step: total + 1, totalSteps: total + 1 }, deps.input),
        },
      );
    } catch (e) {
      // A read-only or vanished folder: say where and why, instead of VS Code's generic "command failed".
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not write the template in {0}: {1}', folder.fsPath, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    if (outcome.kind === 'back') {
      index = plan.length - 1;
      continue;
    }
    if (outcome.kind === 'cancel') return undefined;
    if (outcome.kind === 'no-organization') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not read your JumpCloud organization; see the JumpCloud output for why. No file was written.'));
      return undefined;
    }
    const { files, template, systems } = outcome;
    deps.log.info(`Created ${template.path} with ${files.template.headers.length} columns${files.users === undefined ? '' : ` and ${files.users} users`}.`);
    if (systems && files.systems) deps.log.info(`Created ${systems.path} with ${files.systems.devices} devices.`);
    const uri = vscode.Uri.file(template.path);
    await vscode.window.showTextDocument(uri);
    return uri;
  }
}
