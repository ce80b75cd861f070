import { LINT_SEVERITIES, type LintCode, type Severity } from './codes';

/**
 * One line per code saying what it means and what the import does about it: the README's rules table, the settings
 * schema, SARIF rules. Typed over every code, so a code without a description does not compile.
 */
export const LINT_DOCS: Readonly<Record<LintCode, string>> = {
  // the file as a whole
  encoding: 'The file is not valid in its encoding (UTF-8, or UTF-16 with a byte order mark); the first bad byte is named.',
  'empty-file': 'The file is empty or only blank: it needs at least a header line.',
  // structure
  'unclosed-quote': 'A quoted field is never closed, so the rest of the file reads as one cell.',
  'stray-quote': 'A double quote inside an unquoted field, or text after a closing quote.',
  'too-many-fields': 'A row with more than 16,384 fields (the most a spreadsheet has); the fields past that are not read.',
  'field-count': 'A row has more fields than the header (usually an unquoted comma): its cells are in the wrong columns. Rows short at the end are fine: missing cells are empty.',
  'wrong-delimiter': "The file is separated by semicolons or tabs. This import reads it; JumpCloud's PowerShell module would read each line as one column.",
  'sep-line': "The first line is Excel's `sep=` hint. This import skips it; PowerShell's Import-Csv would read it as the header.",
  'blank-row': "An empty line or a row whose cells are all empty: the import skips it (JumpCloud's module created an empty user from the latter).",
  // headers
  'unknown-header': 'A column that is not a JumpCloud field (a note column, an empty header): the import ignores it, as JumpCloud\'s module does.',
  'misspelled-header': 'A header close to a JumpCloud column (`Emial`, `Group`) but not one: the import ignores its values, which were very likely meant for that column.',
  'header-case': 'A known header in another case or with trailing spaces; it is read all the same. Spellings JumpCloud\'s own templates use (`MiddleName`) are not reported.',
  'duplicate-header': 'The same header twice (case-insensitively): the import cannot tell which value to send and refuses the file.',
  'missing-header': 'A required column is missing (Username always; FirstName, LastName and Email for new users): the import refuses the file. Always an error.',
  'wrong-type-column': 'A value in a column this kind of file cannot send (account_locked for new users, passwordless_sudo for existing ones): the import leaves it out. Empty, such columns are fine.',
  'alias-conflict': 'Both spellings of one field (work_city and work_locality): the import cannot tell which to send and refuses the file.',
  'attribute-pair': 'A custom attribute name without its value, or the reverse: the import skips the row.',
  // values
  'required-value': 'A required cell is empty: the import skips the row. Always an error.',
  'invalid-email': 'Not an e-mail address: JumpCloud would refuse it, so the import skips the row.',
  'invalid-boolean': 'Not true or false (`yes`, `1`): the import cannot tell what is meant and skips the row.',
  'powershell-boolean': '$true or $false where JumpCloud\'s module did not read it: this import reads it, but true or false is portable. Not reported in Administrator and MFA, where the module read it.',
  'invalid-integer': 'Not a whole number: the import skips the row.',
  'out-of-range': 'A number outside its range (unix IDs 1 to 2147483647, EnrollmentDays 1 to 365): the import skips the row.',
  'invalid-id': 'Not a JumpCloud id (24 hexadecimal digits): the import skips the row.',
  'duplicate-value': 'Username, Email or employeeIdentifier used by two rows (case-insensitively): JumpCloud would refuse the second, so the import skips it.',
  'attribute-name': 'A custom attribute name with characters other than letters and digits: JumpCloud refuses it, so the import skips the row.',
  'too-long': 'A value longer than the API takes (1024 characters, 256 for employeeIdentifier): the import skips the row.',
  'enrollment-without-mfa': 'EnrollmentDays is set but MFA is not turned on in the same row: the import ignores it.',
  'administrator-without-system': 'Administrator is set but SystemID is empty: the import ignores it.',
  'formula-username': 'A username starting with `=`, `+`, `-` or `@`: a spreadsheet runs it as a formula, the export cannot write it back, and JumpCloud usernames start with a letter, so the import skips the row.',
  whitespace: 'Spaces around an identifier (username, e-mail, id, group) inside quotes or at the end: the import trims them, which may not match what you meant. Spaces before an unquoted value are dropped silently, as Import-Csv does.',
  // against the organization (when an API key is set and jumpcloud.lint.checkOrganization is on)
  'user-exists': 'New-users file: the organization already has a user with this username (and no earlier run of this import created it): the create would fail, so the import skips the row. Always an error.',
  'user-not-found': 'Update file: the organization has no user with this username: the import skips the row. Always an error.',
  'value-in-use': 'The e-mail or employeeIdentifier belongs to another user of the organization: JumpCloud would refuse it, so the import skips the row.',
  'unknown-group': 'No user group of the organization has this name: the import skips the row.',
  'ambiguous-group': 'Several user groups have this name: the import cannot tell which one is meant and skips the row.',
  'unknown-system': 'No device of the organization has this id: the import skips the row.',
  'unknown-ldap-server': 'No LDAP server of the organization has this id: the import skips the row.',
  'unknown-manager': 'The manager is not a user of the organization (by username, e-mail or id) nor of this file: the import skips the row.',
  'manager-is-self': 'The manager is the user of the same row (by username, e-mail or id): JumpCloud refuses a user as their own manager, so the import skips the row.',
  'manager-skipped': 'The manager is a user this file creates, in a row the import skips for errors: the manager could not be set, so the import skips this row too (fix the manager\'s row first).',
  // the linter itself
  'too-many-problems': 'The file has more problems than the limit `jumpcloud.lint.maxProblems`; the rest are not shown.',
};

type CodeEntry = { readonly severity: Severity; readonly doc: string };

function withDocs(severities: Readonly<Record<LintCode, Severity>>, docs: Readonly<Record<LintCode, string>>): Readonly<Record<LintCode, CodeEntry>> {
  return Object.fromEntries((Object.keys(severities) as LintCode[]).map(code => [code, { severity: severities[code], doc: docs[code] }])) as Record<LintCode, CodeEntry>;
}

/** Every code with its default severity and its description (a pure call: bundles that never read it drop it). */
export const LINT_CODES = /* @__PURE__ */ withDocs(LINT_SEVERITIES, LINT_DOCS);
