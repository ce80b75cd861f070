import * as vscode from 'vscode';
import { isLintCode, type RuleSettings, type Severity } from '../../core/lint';
import { DEFAULT_MAX_PROBLEMS } from '../../core/lint/reporter';
import { SETTING } from '../ids';

const LEVELS = new Set<string>(['error', 'warning', 'info', 'off']);

export interface LintSettings {
  readonly rules: RuleSettings;
  readonly maxProblems: number;
  /** Check rows against the organization when an API key is set. */
  readonly checkOrganization: boolean;
}

/** Reads `jumpcloud.lint.*` for a document; unknown codes and levels are ignored rather than failing the lint. */
export function lintSettings(scope: vscode.Uri): LintSettings {
  const config = vscode.workspace.getConfiguration(undefined, scope);
  const raw = config.get<Record<string, string>>(SETTING.lintRules, {});
  const rules: RuleSettings = {};
  for (const [code, level] of Object.entries(raw)) {
    if (isLintCode(code) && LEVELS.has(level)) rules[code] = level as Severity | 'off';
  }
  const max = config.get<number>(SETTING.lintMaxProblems, DEFAULT_MAX_PROBLEMS);
  return {
    rules,
    maxProblems: Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_PROBLEMS,
    checkOrganization: config.get<boolean>(SETTING.lintCheckOrganization, true),
  };
}
