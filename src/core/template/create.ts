import type { OrgSnapshot } from '../org';
import { buildSystemsFile } from './systems-file';
import { buildTemplate, type Template, type TemplateAnswers } from './template';
import type { TemplateFolder } from './folder';

/** What a person asked for, in the wizard or on the command line. */
export interface TemplateRequest {
  /** The columns; usernames come from the organization when `populate` is set. */
  readonly answers: Omit<TemplateAnswers, 'usernames'>;
  /** Update templates: one row per existing user. */
  readonly populate: boolean;
  /** Also write the devices list (`JCSystems_<date>.csv`) beside the template. */
  readonly systemsFile: boolean;
  readonly date: Date;
}

/** The files a request makes, before they are written. */
export interface TemplateFiles {
  readonly template: Template;
  /** How many usernames the template lists (populated update templates). */
  readonly users?: number;
  readonly systems?: { readonly fileName: string; readonly text: string; readonly devices: number };
}

/** Whether the request reads the organization. */
export function needsOrganization(request: Pick<TemplateRequest, 'answers' | 'populate' | 'systemsFile'>): boolean {
  return (request.populate && request.answers.type === 'update') || request.systemsFile;
}

/** Builds the files of a request; `org` must be given when `needsOrganization(request)`. */
export function buildTemplateFiles(request: TemplateRequest, org: OrgSnapshot | undefined): TemplateFiles {
  const usernames = request.populate && request.answers.type === 'update' && org ? org.users.map(u => u.username) : undefined;
  const template = buildTemplate({ ...request.answers, ...(usernames ? { usernames } : {}) }, request.date);
  const systems = request.systemsFile && org ? { ...buildSystemsFile(org.systems, request.date), devices: org.systems.length } : undefined;
  return { template, ...(usernames ? { users: usernames.length } : {}), ...(systems ? { systems } : {}) };
}

/** A name that is taken, and a free one beside it. */
export interface FileConflict {
  readonly file: 'template' | 'systems';
  readonly name: string;
  /** `name (2).csv`, `name (3).csv`, …: the first that is free. */
  readonly alternative: string;
}

/** What to do about a taken name: `back` and `cancel` end the run with nothing written. */
export type ConflictChoice = 'replace' | 'keep-both' | 'back' | 'cancel';

export interface CreateTemplateDeps {
  readonly folder: TemplateFolder;
  /** The organization, read when the request needs it; undefined when it cannot be read (the caller says why). */
  readonly organization: () => Promise<OrgSnapshot | undefined>;
  /** Asked once for each taken name, before anything is written. */
  readonly onConflict: (conflict: FileConflict) => Promise<ConflictChoice>;
}

export interface WrittenFile {
  readonly name: string;
  readonly path: string;
}

export type TemplateOutcome =
  | { readonly kind: 'written'; readonly files: TemplateFiles; readonly template: WrittenFile; readonly systems?: WrittenFile }
  | { readonly kind: 'no-organization' }
  | { readonly kind: 'back' }
  | { readonly kind: 'cancel' };

/** `name (2).csv`, `name (3).csv`, …: the first name beside `fileName` that is free. */
export async function freeName(folder: TemplateFolder, fileName: string): Promise<string> {
  const stem = fileName.replace(/\.csv$/i, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n}).csv`;
    if (!(await folder.exists(candidate))) return candidate;
  }
}

/**
 * Creates a template, as the wizard and `jumpcloud-csv template` both do: reads the organization when needed, builds
 * the template and the devices list, settles every name conflict (nothing is replaced without `onConflict` saying
 * so), then writes. A write error is thrown; a file already written stays.
 */
export async function createTemplate(request: TemplateRequest, deps: CreateTemplateDeps): Promise<TemplateOutcome> {
  const org = needsOrganization(request) ? await deps.organization() : undefined;
  if (needsOrganization(request) && !org) return { kind: 'no-organization' };
  const files = buildTemplateFiles(request, org);
  const planned = [
    { file: 'template' as const, name: files.template.fileName, text: files.template.text },
    ...(files.systems ? [{ file: 'systems' as const, name: files.systems.fileName, text: files.systems.text }] : []),
  ];
  const writes: { file: 'template' | 'systems'; name: string; text: string; mode: 'new' | 'replace' }[] = [];
  for (const p of planned) {
    if (!(await deps.folder.exists(p.name))) {
      writes.push({ ...p, mode: 'new' });
      continue;
    }
    const alternative = await freeName(deps.folder, p.name);
    const choice = await deps.onConflict({ file: p.file, name: p.name, alternative });
    if (choice === 'back' || choice === 'cancel') return { kind: choice };
    writes.push(choice === 'replace' ? { ...p, mode: 'replace' } : { ...p, name: alternative, mode: 'new' });
  }
  const written: Partial<Record<'template' | 'systems', WrittenFile>> = {};
  for (const w of writes) {
    await deps.folder.write(w.name, w.text, w.mode);
    written[w.file] = { name: w.name, path: deps.folder.pathOf(w.name) };
  }
  return { kind: 'written', files, template: written.template!, ...(written.systems ? { systems: written.systems } : {}) };
}
