import type { LintOptions, LocatedLint } from '../../core/lint';

/** A lint job sent to the worker thread. */
export interface LintRequest {
  readonly id: number;
  readonly text: string;
  readonly options: LintOptions;
}

export type LintResponse = { readonly id: number; readonly result: LocatedLint } | { readonly id: number; readonly error: string };
