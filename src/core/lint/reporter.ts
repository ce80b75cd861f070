import { ALWAYS_ERRORS, LINT_SEVERITIES, type LintCode, type RuleSettings, type Severity } from './codes';
import type { Fix, LintProblem, Related, Span } from './types';

export const DEFAULT_MAX_PROBLEMS = 1000;

/** A problem's message, or a function that builds it: called only for problems that are kept. */
export type Message = string | (() => string);

/** A problem's record, related spans and fixes, or a function that builds them: called only for problems that are kept. */
export type Extra = { record?: number; related?: Related[]; fixes?: Fix[] };

/**
 * Collects problems, applying the user's severity settings and the cap on how many are kept. Past the cap problems
 * are only counted: message and extra thunks are not called, so a file with a million problems costs no more memory
 * than one with a thousand.
 */
export class Reporter {
  readonly problems: LintProblem[] = [];
  readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  total = 0;

  constructor(
    private readonly rules: RuleSettings = {},
    private readonly max: number = DEFAULT_MAX_PROBLEMS,
  ) {}

  /** Whether a code is reported at all, so rules can skip work for codes turned off. */
  enabled(code: LintCode): boolean {
    return this.setting(code) !== 'off';
  }

  /** The user's setting for a code, unless the code is one the import cannot do without. */
  private setting(code: LintCode): Severity | 'off' | undefined {
    return ALWAYS_ERRORS.has(code) ? undefined : this.rules[code];
  }

  /** The severity a code is reported with, or 'off'. */
  severityOf(code: LintCode): Severity | 'off' {
    return this.setting(code) ?? LINT_SEVERITIES[code];
  }

  /** Whether the cap is reached: further problems are counted only, so rules may skip building their details. */
  get full(): boolean {
    return this.problems.length >= this.max;
  }

  report(code: LintCode, message: Message, span: Span, extra: Extra | (() => Extra) = {}): void {
    const setting = this.setting(code);
    if (setting === 'off') return;
    const severity = setting ?? LINT_SEVERITIES[code];
    this.total++;
    this.counts[severity]++;
    if (this.problems.length >= this.max) return;
    // Copy the offsets: row rules pass the CSV `Field` itself as the span, and without the copy every problem would
    // carry the cell's `value` and `quoted` too (into JSON output, worker messages and equality checks).
    this.problems.push({
      code,
      severity,
      message: typeof message === 'function' ? message() : message,
      span: { start: span.start, end: span.end },
      ...(typeof extra === 'function' ? extra() : extra),
    });
  }

  /** Counts problems that were found but not built (the reader's, past its own cap). */
  count(code: LintCode, n: number): void {
    const setting = this.setting(code);
    if (setting === 'off' || n <= 0) return;
    this.total += n;
    this.counts[setting ?? LINT_SEVERITIES[code]] += n;
  }

  /** Adds the note that says problems were left out, when some were. */
  finish(): LintProblem[] {
    return finish([this], this.max).problems;
  }
}

/** What a lint found: the problems kept, and how many there were in all. */
export interface Findings {
  readonly problems: LintProblem[];
  readonly total: number;
  readonly counts: Record<Severity, number>;
}

/**
 * Joins reporters that collected problems side by side, in order (the file's structure, then its header, then its
 * rows, so the structure's are kept first), keeping the first `max` problems of all and the note when some were
 * left out. Each reporter kept its own first `max`, so the first `max` of the joined list are among them.
 */
export function finish(reporters: readonly Pick<Reporter, 'problems' | 'total' | 'counts'>[], max: number): Findings {
  const problems: LintProblem[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let total = 0;
  for (const r of reporters) {
    for (const p of r.problems) if (problems.length < max) problems.push(p);
    total += r.total;
    counts.error += r.counts.error;
    counts.warning += r.counts.warning;
    counts.info += r.counts.info;
  }
  if (total > problems.length) {
    problems.push({
      code: 'too-many-problems',
      severity: 'info',
      message: `Showing the first ${max} of ${total} problems; raise jumpcloud.lint.maxProblems to see more.`,
      span: { start: 0, end: 0 },
    });
  }
  return { problems, total, counts };
}
