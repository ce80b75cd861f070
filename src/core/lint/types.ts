import type { UserCsvKind } from '../catalogue';
import type { CsvDocument } from '../csv';
import type { OrgSnapshot } from '../org';
import type { HeaderInfo } from '../rows';
import type { LintCode, RuleSettings, Severity } from './codes';

/** A span of the linted text, in UTF-16 offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * What a quick fix will do, carried on the problem as data (so the editor, the CLI and tests apply the same fix);
 * `fixEdits` turns it into text edits against the document it was computed for.
 */
export type Fix =
  /** Replace one span (rename a header, trim, normalise a boolean). */
  | { readonly kind: 'replace'; readonly title: string; readonly span: Span; readonly text: string; readonly safe: boolean }
  /** Remove a span (a line). */
  | { readonly kind: 'delete'; readonly title: string; readonly span: Span; readonly safe: boolean }
  /** Remove a whole column from every record. */
  | { readonly kind: 'delete-column'; readonly title: string; readonly column: number; readonly safe: boolean }
  /** Insert an empty column with this header after `after` (index) in every record. */
  | { readonly kind: 'add-column'; readonly title: string; readonly header: string; readonly after: number; readonly safe: boolean }
  /** Write a header line into a file that has none (its only text is blank). */
  | { readonly kind: 'insert-header'; readonly title: string; readonly columns: readonly string[]; readonly safe: boolean }
  /** Rewrite the file with commas between fields. */
  | { readonly kind: 'convert-delimiter'; readonly title: string; readonly safe: boolean };

export interface Related {
  readonly span: Span;
  readonly message: string;
}

export interface LintProblem {
  readonly code: LintCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** The record the problem is in (0 = header), when it is in one. */
  readonly record?: number;
  readonly related?: readonly Related[];
  readonly fixes?: readonly Fix[];
}

export interface LintOptions {
  /** The file's kind (new users or updates); unknown means only type-neutral checks run. */
  readonly type?: UserCsvKind;
  readonly rules?: RuleSettings;
  /** Stop reporting after this many problems (default 1000). */
  readonly maxProblems?: number;
  /** The organization the file is for: turns on the org-aware checks. */
  readonly org?: OrgSnapshot;
  /** Usernames (lower-cased) that an earlier run of this import created, with the run's name (see the import journal). */
  readonly createdByRun?: ReadonlyMap<string, string>;
}

/** What a lint found, without the records it read (see `lintSummary`). */
export interface LintSummary {
  readonly problems: readonly LintProblem[];
  /** Problems found in all, including those past `maxProblems`. */
  readonly total: number;
  readonly counts: Readonly<Record<Severity, number>>;
  /** The header mapping the rows were read through (absent when the file has no header). */
  readonly columns?: HeaderInfo;
  /** Data records in the file. */
  readonly rows: number;
}

export interface LintResult {
  readonly problems: readonly LintProblem[];
  readonly document: CsvDocument;
  /** Problems found in all, including those past `maxProblems`. */
  readonly total: number;
  readonly counts: Readonly<Record<Severity, number>>;
  /** The header mapping the rows were read through (absent when the file has no header). */
  readonly columns?: HeaderInfo;
}

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}
