import { LineIndex, type Position } from '../csv';
import type { Severity } from './codes';
import type { LintOptions, LintProblem, LintSummary, Span } from './types';
import { lintSummary } from './lint';

export interface LocatedRange {
  readonly start: Position;
  readonly end: Position;
}

/** A problem with line/character ranges (0-based): plain data, so it crosses a worker boundary as is. */
export interface LocatedProblem extends Omit<LintProblem, 'related'> {
  readonly range: LocatedRange;
  readonly related?: readonly { readonly range: LocatedRange; readonly message: string }[];
}

export interface LocatedLint {
  readonly problems: readonly LocatedProblem[];
  readonly counts: Readonly<Record<Severity, number>>;
  readonly total: number;
  /** Data rows in the file. */
  readonly rows: number;
}

/** Lints text and places every problem on lines and characters, as editors and the CLI report them. */
export function lintLocated(text: string, options: LintOptions = {}): LocatedLint {
  const result = lintSummary(text, options);
  const lines = new LineIndex(text);
  return locate(result, offset => lines.positionAt(offset));
}

/** Places a lint's problems on lines and characters. */
export function locate(result: Pick<LintSummary, 'problems' | 'counts' | 'total' | 'rows'>, positionAt: (offset: number) => Position): LocatedLint {
  const range = (span: Span): LocatedRange => ({ start: positionAt(span.start), end: positionAt(span.end) });
  // Fields copied one by one: rest-and-spread copies of a thousand problems took milliseconds per keystroke.
  const problems = result.problems.map(p => {
    const located: { -readonly [K in keyof LocatedProblem]: LocatedProblem[K] } = { code: p.code, severity: p.severity, message: p.message, span: p.span, range: range(p.span) };
    if (p.record !== undefined) located.record = p.record;
    if (p.fixes !== undefined) located.fixes = p.fixes;
    if (p.related !== undefined) located.related = p.related.map(r => ({ range: range(r.span), message: r.message }));
    return located;
  });
  return { problems, counts: result.counts, total: result.total, rows: result.rows };
}
