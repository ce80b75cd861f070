import { LINT_CODES, type LintCode, type RuleSettings, type Severity } from './codes';
import type { Fix, LintProblem, Related, Span } from './types';

export const DEFAULT_MAX_PROBLEMS = 1000;

/** Collects problems, applying the user's severity settings and the cap on how many are kept. */
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
    return this.rules[code] !== 'off';
  }

  report(code: LintCode, message: string, span: Span, extra: { record?: number; related?: Related[]; fixes?: Fix[] } = {}): void {
    const setting = this.rules[code];
    if (setting === 'off') return;
    const severity = setting ?? LINT_CODES[code].severity;
    this.total++;
    this.counts[severity]++;
    // Copy the offsets: row rules pass the CSV `Field` itself as the span, and without the copy every problem would
    // carry the cell's `value` and `quoted` too (into JSON output, worker messages and equality checks).
    if (this.problems.length < this.max) this.problems.push({ code, severity, message, span: { start: span.start, end: span.end }, ...extra });
  }

  /** Adds the note that says problems were left out, when some were. */
  finish(): LintProblem[] {
    if (this.total > this.problems.length) {
      this.problems.push({
        code: 'too-many-problems',
        severity: 'info',
        message: `Showing the first ${this.max} of ${this.total} problems; raise jumpcloud.lint.maxProblems to see more.`,
        span: { start: 0, end: 0 },
      });
    }
    return this.problems;
  }
}
