import type { LintOptions, LocatedLint } from '../../core/lint';

/** One edit as VS Code reports it: offsets into the text before the change event. */
export interface TextChange {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/** The edits of one change event, which brought the document to `version`. */
export interface ChangeEvent {
  readonly version: number;
  readonly changes: readonly TextChange[];
}

/**
 * A lint job for the worker. The worker keeps the last text it saw of each document, so a job carries either the
 * whole text or only the change events since the version the worker has (`base`): the large text is then neither
 * read out of the document nor copied to the worker on every keystroke.
 */
export type LintRequest =
  | { readonly kind: 'lint'; readonly id: number; readonly key: string; readonly version: number; readonly text: string; readonly options: LintOptions }
  | { readonly kind: 'lint'; readonly id: number; readonly key: string; readonly version: number; readonly base: number; readonly events: readonly ChangeEvent[]; readonly options: LintOptions }
  | { readonly kind: 'forget'; readonly key: string }
  /** Fix all: every safe fix, lint after lint (up to five full lints of a large file: not on the main thread). */
  | { readonly kind: 'fixAll'; readonly id: number; readonly text: string; readonly options: LintOptions };

export interface FixAllResult {
  readonly text: string;
  readonly applied: number;
}

export type LintResponse =
  | { readonly id: number; readonly result: LocatedLint }
  | { readonly id: number; readonly fixed: FixAllResult }
  | { readonly id: number; readonly error: string };

/** Applies one change event: its changes do not overlap and all refer to the text before it, so last first. */
export function applyChangeEvent(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.offset - a.offset)) out = out.slice(0, c.offset) + c.text + out.slice(c.offset + c.length);
  return out;
}
