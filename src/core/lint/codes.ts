export type Severity = 'error' | 'warning' | 'info';

/**
 * Every problem code with its default severity and a one-line description (for the README, the settings schema
 * and "learn more"). Codes are stable: users configure them in `jumpcloud.lint.rules`.
 */
export const LINT_CODES = {
  // the file as a whole
  encoding: { severity: 'error', doc: 'The file is not valid in its encoding (UTF-8, or UTF-16 with a byte order mark); the first bad byte is named.' },
  'empty-file': { severity: 'error', doc: 'The file is empty or only blank: it needs at least a header line.' },
  // structure
  'unclosed-quote': { severity: 'error', doc: 'A quoted field is never closed, so the rest of the file reads as one cell.' },
  'stray-quote': { severity: 'warning', doc: 'A double quote inside an unquoted field, or text after a closing quote.' },
  'too-many-fields': { severity: 'error', doc: 'A row with more than 16,384 fields (the most a spreadsheet has); the fields past that are not read.' },
  'field-count': { severity: 'error', doc: 'A row has more or fewer fields than the header; its cells land in the wrong columns.' },
  'wrong-delimiter': { severity: 'error', doc: 'The file is separated by semicolons or tabs; the PowerShell importer reads each line as one column.' },
  'sep-line': { severity: 'warning', doc: "The first line is Excel's `sep=` hint; PowerShell's Import-Csv would read it as the header." },
  'blank-row': { severity: 'warning', doc: 'An empty line or a row whose cells are all empty; the reference importer creates an empty user from the latter.' },
  // headers
  'unknown-header': { severity: 'warning', doc: 'A header the importer does not know; its column is ignored.' },
  'header-case': { severity: 'info', doc: 'A known header written in another case or with surrounding spaces.' },
  'duplicate-header': { severity: 'error', doc: 'The same header twice (case-insensitively); the importer refuses the file.' },
  'missing-header': { severity: 'error', doc: 'A required column is missing: Username always, FirstName, LastName and Email for new users.' },
  'wrong-type-column': { severity: 'error', doc: 'A column this kind of file does not accept (an Update-only column in an import file).' },
  'alias-conflict': { severity: 'error', doc: 'Both spellings of one field (work_city and work_locality); the importer fails such rows.' },
  'attribute-pair': { severity: 'error', doc: 'A custom attribute name without its value, or the reverse.' },
  // values
  'required-value': { severity: 'error', doc: 'A required cell is empty.' },
  'invalid-email': { severity: 'error', doc: 'Not an e-mail address.' },
  'invalid-boolean': { severity: 'error', doc: 'Not true or false.' },
  'powershell-boolean': { severity: 'warning', doc: '$true or $false: PowerShell syntax that only some columns accepted; write true or false.' },
  'invalid-integer': { severity: 'error', doc: 'Not a whole number.' },
  'out-of-range': { severity: 'error', doc: 'A number outside its range: unix IDs 1 to 2147483647, EnrollmentDays 1 to 365.' },
  'invalid-id': { severity: 'error', doc: 'Not a JumpCloud id (24 hexadecimal digits).' },
  'duplicate-value': { severity: 'error', doc: 'Username, Email or employeeIdentifier used by two rows (case-insensitively).' },
  'attribute-name': { severity: 'error', doc: 'A custom attribute name with characters other than letters and digits.' },
  'too-long': { severity: 'error', doc: 'A value longer than the API takes: 1024 characters (256 for employeeIdentifier).' },
  'enrollment-without-mfa': { severity: 'warning', doc: 'EnrollmentDays is set but MFA is not turned on in the same row, so it is ignored.' },
  'administrator-without-system': { severity: 'warning', doc: 'Administrator is set but SystemID is empty, so it is ignored.' },
  whitespace: { severity: 'warning', doc: 'Leading or trailing spaces in an identifier (username, e-mail, id, group).' },
  'invalid-value': { severity: 'error', doc: 'A value the column cannot take.' },
  // against the organization (when an API key is set and jumpcloud.lint.checkOrganization is on)
  'user-exists': { severity: 'error', doc: 'Import file: the organization already has a user with this username.' },
  'user-not-found': { severity: 'error', doc: 'Update file: the organization has no user with this username.' },
  'value-in-use': { severity: 'error', doc: 'The e-mail or employeeIdentifier belongs to another user of the organization.' },
  'unknown-group': { severity: 'error', doc: 'No user group of the organization has this name.' },
  'ambiguous-group': { severity: 'error', doc: 'Several user groups have this name; the importer cannot tell which one is meant.' },
  'unknown-system': { severity: 'error', doc: 'No device of the organization has this id.' },
  'unknown-ldap-server': { severity: 'error', doc: 'No LDAP server of the organization has this id.' },
  'unknown-manager': { severity: 'error', doc: 'The manager is not a user of the organization (by username, e-mail or id) nor of this file.' },
  // the linter itself
  'too-many-problems': { severity: 'info', doc: 'The file has more problems than the limit `jumpcloud.lint.maxProblems`; the rest are not shown.' },
} as const satisfies Record<string, { severity: Severity; doc: string }>;

export type LintCode = keyof typeof LINT_CODES;

export function isLintCode(code: string): code is LintCode {
  return Object.prototype.hasOwnProperty.call(LINT_CODES, code);
}

/** Per-code overrides: a severity, or `off`. */
export type RuleSettings = Partial<Record<LintCode, Severity | 'off'>>;
