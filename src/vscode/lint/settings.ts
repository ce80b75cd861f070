import * as vscode from 'vscode';
import { isLintCode, type RuleSettings, type Severity } from '../../core/lint';

const LEVELS = new Set<string>(['error', 'warning', 'info', 'off']);

export interface LintSettings {
  readonly rules: RuleSettings;
  readonly maxProblems: number;
  /** Check rows against the organization when an API key is set. */
  readonly checkOrganization: boolean;
}

/** Reads `jumpcloud.lint.*` for a document; unknown codes and levels are ignored rather than failing the lint. */
export function lintSettings(scope: vscode.Uri): LintSettings {
  const config = vscode.workspace.getConfiguration('jumpcloud.lint', scope);
  const raw = config.get<Record<string, string>>('rules', {});
  const rules: RuleSettings = {};
  for (const [code, level] of Object.entries(raw)) {
    if (isLintCode(code) && LEVELS.has(level)) rules[code] = level as Severity | 'off';
  }
  const max = config.get<number>('maxProblems', 1000);
  return { rules, maxProblems: Number.isInteger(max) && max > 0 ? max : 1000, checkOrganization: config.get<boolean>('checkOrganization', true) };
}
