import type { Severity } from '../../core/lint/codes';

/** The workflow command that makes each severity an annotation; GitHub's least severe one is "notice". */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * A command's message as the runner reads it back: `%` first, so the escapes added after it stay escapes; a line
 * break would end the command and start another line the runner parses, which a CSV must never be able to do.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` (which ends the properties) and `,` (which separates them). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Where and what, already made safe to show (one line, control characters escaped). */
export interface Annotation {
  readonly severity: Severity;
  /** The file as the repository names it (relative to the workspace, forward slashes). */
  readonly file: string;
  readonly title: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** One `::error file=…,line=…::message` line (warning, notice) annotating a pull request's diff. */
export function workflowCommand(a: Annotation): string {
  const properties = [
    `file=${escapeProperty(a.file)}`,
    ...(a.line !== undefined ? [`line=${a.line}`] : []),
    ...(a.column !== undefined ? [`col=${a.column}`] : []),
    ...(a.endLine !== undefined ? [`endLine=${a.endLine}`] : []),
    ...(a.endColumn !== undefined ? [`endColumn=${a.endColumn}`] : []),
    `title=${escapeProperty(a.title)}`,
  ];
  return `::${COMMAND[a.severity]} ${properties.join(',')}::${escapeData(a.message)}\n`;
}
