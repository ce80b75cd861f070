import type { LintCode, Severity } from '../../core/lint';

/** One problem as the CLI prints it: 1-based lines and columns, the end exclusive. */
export interface LintOutputProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: LintCode;
  readonly message: string;
}
