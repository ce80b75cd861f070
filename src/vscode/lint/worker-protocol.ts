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
 * A lint job for the worker. The worker keeps each document's incremental lint (its text and what it found), so a job
 * carries either the whole text or only the change events since the version the worker has (`base`): the large text
 * is then neither read out of the document nor copied to the worker on every keystroke, and the worker re-reads only
 * the rows the edits touched. Options go only when they changed since the worker's version (they can hold a whole
 * organization).
 */
export type LintRequest =
  | { readonly kind: 'lint'; readonly id: number; readonly key: string; readonly version: number; readonly text: string; readonly options: LintOptions }
  | { readonly kind: 'lint'; readonly id: number; readonly key: string; readonly version: number; readonly base: number; readonly events: readonly ChangeEvent[]; readonly options?: LintOptions }
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
