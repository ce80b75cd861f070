export type Severity = 'error' | 'warning' | 'info';

/**
 * Severity means consequence: `error` = the import would fail, refuse or mis-send the row or file (it skips such
 * rows); `warning` = it would go through but very likely not as meant; `info` = style or portability, never shown for
 * something JumpCloud's own tools write.
 *
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
  'field-count': { severity: 'error', doc: 'A row has more fields than the header (usually an unquoted comma): its cells are in the wrong columns. Rows short at the end are fine: missing cells are empty.' },
  'wrong-delimiter': { severity: 'info', doc: "The file is separated by semicolons or tabs. This import reads it; JumpCloud's PowerShell module would read each line as one column." },
  'sep-line': { severity: 'info', doc: "The first line is Excel's `sep=` hint. This import skips it; PowerShell's Import-Csv would read it as the header." },
  'blank-row': { severity: 'info', doc: "An empty line or a row whose cells are all empty: the import skips it (JumpCloud's module created an empty user from the latter)." },
  // headers
  'unknown-header': { severity: 'info', doc: 'A column that is not a JumpCloud field (a note column, an empty header): the import ignores it, as JumpCloud\'s module does.' },
  'misspelled-header': { severity: 'warning', doc: 'A header close to a JumpCloud column (`Emial`, `Group`) but not one: the import ignores its values, which were very likely meant for that column.' },
  'header-case': { severity: 'info', doc: 'A known header in another case or with trailing spaces; it is read all the same. Spellings JumpCloud\'s own templates use (`MiddleName`) are not reported.' },
  'duplicate-header': { severity: 'error', doc: 'The same header twice (case-insensitively): the import cannot tell which value to send and refuses the file.' },
  'missing-header': { severity: 'error', doc: 'A required column is missing (Username always; FirstName, LastName and Email for new users): the import refuses the file.' },
  'wrong-type-column': { severity: 'warning', doc: 'A value in a column this kind of file cannot send (account_locked for new users, passwordless_sudo for existing ones): the import leaves it out. Empty, such columns are fine.' },
  'alias-conflict': { severity: 'error', doc: 'Both spellings of one field (work_city and work_locality): the import cannot tell which to send and refuses the file.' },
  'attribute-pair': { severity: 'error', doc: 'A custom attribute name without its value, or the reverse: the import skips the row.' },
  // values
  'required-value': { severity: 'error', doc: 'A required cell is empty: the import skips the row.' },
  'invalid-email': { severity: 'error', doc: 'Not an e-mail address: JumpCloud would refuse it, so the import skips the row.' },
  'invalid-boolean': { severity: 'error', doc: 'Not true or false (`yes`, `1`): the import cannot tell what is meant and skips the row.' },
  'powershell-boolean': { severity: 'info', doc: '$true or $false where JumpCloud\'s module did not read it: this import reads it, but true or false is portable. Not reported in Administrator and MFA, where the module read it.' },
  'invalid-integer': { severity: 'error', doc: 'Not a whole number: the import skips the row.' },
  'out-of-range': { severity: 'error', doc: 'A number outside its range (unix IDs 1 to 2147483647, EnrollmentDays 1 to 365): the import skips the row.' },
  'invalid-id': { severity: 'error', doc: 'Not a JumpCloud id (24 hexadecimal digits): the import skips the row.' },
  'duplicate-value': { severity: 'error', doc: 'Username, Email or employeeIdentifier used by two rows (case-insensitively): JumpCloud would refuse the second, so the import skips it.' },
  'attribute-name': { severity: 'error', doc: 'A custom attribute name with characters other than letters and digits: JumpCloud refuses it, so the import skips the row.' },
  'too-long': { severity: 'error', doc: 'A value longer than the API takes (1024 characters, 256 for employeeIdentifier): the import skips the row.' },
  'enrollment-without-mfa': { severity: 'warning', doc: 'EnrollmentDays is set but MFA is not turned on in the same row: the import ignores it.' },
  'administrator-without-system': { severity: 'warning', doc: 'Administrator is set but SystemID is empty: the import ignores it.' },
  whitespace: { severity: 'warning', doc: 'Spaces around an identifier (username, e-mail, id, group) inside quotes or at the end: the import trims them, which may not match what you meant. Spaces before an unquoted value are dropped silently, as Import-Csv does.' },
  // against the organization (when an API key is set and jumpcloud.lint.checkOrganization is on)
  'user-exists': { severity: 'error', doc: 'New-users file: the organization already has a user with this username (and no earlier run of this import created it): the create would fail, so the import skips the row.' },
  'user-not-found': { severity: 'error', doc: 'Update file: the organization has no user with this username: the import skips the row.' },
  'value-in-use': { severity: 'error', doc: 'The e-mail or employeeIdentifier belongs to another user of the organization: JumpCloud would refuse it, so the import skips the row.' },
  'unknown-group': { severity: 'error', doc: 'No user group of the organization has this name: the import skips the row.' },
  'ambiguous-group': { severity: 'error', doc: 'Several user groups have this name: the import cannot tell which one is meant and skips the row.' },
  'unknown-system': { severity: 'error', doc: 'No device of the organization has this id: the import skips the row.' },
  'unknown-ldap-server': { severity: 'error', doc: 'No LDAP server of the organization has this id: the import skips the row.' },
  'unknown-manager': { severity: 'error', doc: 'The manager is not a user of the organization (by username, e-mail or id) nor of this file: the import skips the row.' },
  // the linter itself
  'too-many-problems': { severity: 'info', doc: 'The file has more problems than the limit `jumpcloud.lint.maxProblems`; the rest are not shown.' },
} as const satisfies Record<string, { severity: Severity; doc: string }>;

export type LintCode = keyof typeof LINT_CODES;

export function isLintCode(code: string): code is LintCode {
  return Object.prototype.hasOwnProperty.call(LINT_CODES, code);
}

/** Per-code overrides: a severity, or `off`. */
export type RuleSettings = Partial<Record<LintCode, Severity | 'off'>>;
