import * as vscode from 'vscode';
import { blockSpec, columnsFor, type BlockId, type TemplateType } from '../../core/catalogue';
import type { OrgSnapshot } from '../../core/org';
import {
  answersFromState,
  buildSystemsFile,
  buildTemplate,
  checkCount,
  newWizardState,
  wizardPlan,
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
}

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
async function ask(step: WizardStepId, state: WizardState, frame: StepFrame, deps: TemplateWizardDeps): Promise<StepResult<unknown>> {
  const { input } = deps;
  if (step === 'type') {
    const items: Choice<TemplateType>[] = [
      { label: vscode.l10n.t('New users (import)'), detail: vscode.l10n.t('Create users: FirstName, LastName, Username, Password, Email and more'), value: 'import' },
      { label: vscode.l10n.t('Existing users (update)'), detail: vscode.l10n.t('Change users found by Username'), value: 'update' },
    ];
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Which kind of template do you want to create?'), items, active: activeOf(items, state.type) });
    if (r.kind === 'answer') state.type = r.value.value;
    return r;
  }
  if (step === 'folder') return askFolder(state, frame, input);
  if (step === 'populate') {
    const items: Choice<boolean>[] = [
      { label: vscode.l10n.t('Start with no rows'), detail: vscode.l10n.t('You add the usernames of the users to update.'), value: false },
      state.connected
        ? { label: vscode.l10n.t('List every existing user'), detail: vscode.l10n.t('One row per user of your organization, sorted by username; delete the rows you do not want to change.'), value: true }
        : // A separator cannot be chosen: it shows the option greyed out, with the reason.
          { label: vscode.l10n.t('List every existing user: needs an API key (JumpCloud: Set API Key…)'), kind: vscode.QuickPickItemKind.Separator },
    ];
    const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('Fill the template with your existing users?'), items, active: activeOf(items, state.populate) });
    if (r.kind === 'answer') state.populate = r.value.value;
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

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A free name beside an existing file: `name (2).csv`, `name (3).csv`, … */
async function freeName(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const stem = fileName.replace(/\.csv$/i, '');
  for (let n = 2; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${stem} (${n}).csv`);
    if (!(await exists(candidate))) return candidate;
  }
}

/** Asks before replacing a file; returns where to write, or undefined to go back. */
async function confirmTarget(target: vscode.Uri, frame: StepFrame, input: StepInput): Promise<StepResult<vscode.Uri>> {
  if (!(await exists(target))) return { kind: 'answer', value: target };
  const folder = vscode.Uri.joinPath(target, '..');
  const fileName = target.path.split('/').pop() ?? '';
  const other = await freeName(folder, fileName);
  const items: Choice<vscode.Uri>[] = [
    { label: vscode.l10n.t('Keep both'), detail: vscode.l10n.t('Create {0}', other.path.split('/').pop() ?? ''), value: other },
    { label: vscode.l10n.t('Replace the existing file'), detail: vscode.l10n.t('Its contents are lost'), value: target },
  ];
  const r = await input.pick({ ...frame, placeholder: vscode.l10n.t('{0} already exists in this folder', fileName), items });
  return r.kind === 'answer' ? { kind: 'answer', value: r.value.value ?? other } : r;
}

/**
 * The `JumpCloud: New User CSV Template…` command. Walks the wizard plan step by step (Back returns to the
 * previous step with its answer preselected), writes the template and opens it. Returns the file written.
 */
export async function runTemplateWizard(deps: TemplateWizardDeps): Promise<vscode.Uri | undefined> {
  const state = newWizardState();
  state.connected = await deps.connected();
  let index = 0;
  for (;;) {
    const plan = wizardPlan(state);
    const total = plan.length;
    if (index < plan.length) {
      const r = await ask(plan[index], state, { id: plan[index], title: TITLE, step: index + 1, totalSteps: total }, deps);
      if (r.kind === 'cancel') return undefined;
      index = r.kind === 'back' ? Math.max(0, index - 1) : index + 1;
      continue;
    }
    if (!state.type || !state.folder) return undefined;
    const needsOrg = (state.type === 'update' && state.populate) || state.systemsFile;
    const org = needsOrg ? await deps.org() : undefined;
    if (needsOrg && !org) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not read your JumpCloud organization; see the JumpCloud output for why. No file was written.'));
      return undefined;
    }
    const usernames = state.type === 'update' && state.populate ? org?.users.map(u => u.username) : undefined;
    const template = buildTemplate({ ...answersFromState({ ...state, type: state.type }), ...(usernames ? { usernames } : {}) }, deps.now());
    const folder = vscode.Uri.parse(state.folder);
    const target = await confirmTarget(vscode.Uri.joinPath(folder, template.fileName), { id: 'overwrite', title: TITLE, step: total + 1, totalSteps: total + 1 }, deps.input);
    if (target.kind === 'back') {
      index = plan.length - 1;
      continue;
    }
    if (target.kind === 'cancel') return undefined;
    try {
      await vscode.workspace.fs.writeFile(target.value, new TextEncoder().encode(template.text));
    } catch (e) {
      // A read-only or vanished folder: say where and why, instead of VS Code's generic "command failed".
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', target.value.fsPath, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
    deps.log.info(`Created ${target.value.fsPath} with ${template.headers.length} columns${usernames ? ` and ${usernames.length} users` : ''}.`);
    if (state.systemsFile && org) {
      // A list to copy ids from, regenerated each time: replacing an older one loses nothing the admin wrote.
      const systems = buildSystemsFile(org.systems, deps.now());
      const systemsUri = vscode.Uri.joinPath(folder, systems.fileName);
      await vscode.workspace.fs.writeFile(systemsUri, new TextEncoder().encode(systems.text));
      deps.log.info(`Created ${systemsUri.fsPath} with ${org.systems.length} devices.`);
    }
    await vscode.window.showTextDocument(target.value);
    return target.value;
  }
}
