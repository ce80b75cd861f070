export type Severity = 'error' | 'warning' | 'info';

/**
 * Severity means consequence: `error` = the import would fail, refuse or mis-send the row or file (it skips such
 * rows); `warning` = it would go through but very likely not as meant; `info` = style or portability, never shown for
 * something JumpCloud's own tools write.
 *
 * Every problem code with its default severity; the one-line descriptions are in code-docs.ts (the README, the
 * settings schema and SARIF need them, the editor does not, so its bundle leaves them out). Codes are stable: users
 * configure them in `jumpcloud.lint.rules`.
 */
export const LINT_SEVERITIES = {
  // the file as a whole
  encoding: 'error',
  'empty-file': 'error',
  // structure
  'unclosed-quote': 'error',
  'stray-quote': 'warning',
  'too-many-fields': 'error',
  'field-count': 'error',
  'wrong-delimiter': 'info',
  'sep-line': 'info',
  'blank-row': 'info',
  // headers
  'unknown-header': 'info',
  'misspelled-header': 'warning',
  'header-case': 'info',
  'duplicate-header': 'error',
  'missing-header': 'error',
  'wrong-type-column': 'warning',
  'alias-conflict': 'error',
  'attribute-pair': 'error',
  // values
  'required-value': 'error',
  'invalid-email': 'error',
  'invalid-boolean': 'error',
  'powershell-boolean': 'info',
  'invalid-integer': 'error',
  'out-of-range': 'error',
  'invalid-id': 'error',
  'duplicate-value': 'error',
  'attribute-name': 'error',
  'too-long': 'error',
  'enrollment-without-mfa': 'warning',
  'administrator-without-system': 'warning',
  'formula-username': 'error',
  whitespace: 'warning',
  // against the organization (when an API key is set and jumpcloud.lint.checkOrganization is on)
  'user-exists': 'error',
  'user-not-found': 'error',
  'value-in-use': 'error',
  'unknown-group': 'error',
  'ambiguous-group': 'error',
  'unknown-system': 'error',
  'unknown-ldap-server': 'error',
  'unknown-manager': 'error',
  'manager-is-self': 'error',
  'manager-skipped': 'error',
  // the linter itself
  'too-many-problems': 'info',
} as const satisfies Record<string, Severity>;

export type LintCode = keyof typeof LINT_SEVERITIES;

export function isLintCode(code: string): code is LintCode {
  return Object.prototype.hasOwnProperty.call(LINT_SEVERITIES, code);
}

/**
 * Codes whose severity settings are ignored: without them the import has no user to send (no Username, no existing
 * user to update) or would create a user that exists, so a row with one can only be skipped. The verdict the lint
 * shows is the one the import acts on (see the planner), so these cannot be lowered.
 */
export const ALWAYS_ERRORS: ReadonlySet<LintCode> = new Set<LintCode>(['missing-header', 'required-value', 'user-exists', 'user-not-found']);

/** Per-code overrides: a severity, or `off` (ignored for ALWAYS_ERRORS). */
export type RuleSettings = Partial<Record<LintCode, Severity | 'off'>>;
