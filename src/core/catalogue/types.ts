/**
 * The two kinds of user CSV: `import` files create new users (`JCUserImport_*.csv`), `update` files change existing
 * ones (`JCUserUpdateImport_*.csv`). The values are the spellings users see (file names, `--type`, settings); the type
 * is not called "template type" because both kinds go through the import, and not every such file is a template.
 */
export type UserCsvKind = 'import' | 'update';

/**
 * The wizard's question blocks, in the order the wizard asks them and the template lists their columns.
 * `base` is always present; the others follow the reference wizard (`New-JCImportTemplate`), plus `names` (Update:
 * change first/last names or passwords) and `account` (the account flags the reference's all-columns template has
 * but its wizard never asked about).
 */
export const BLOCK_IDS = [
  'base',
  'email',
  'names',
  'ldap-info',
  'location',
  'telephony',
  'unix',
  'mfa',
  'ldap-bind',
  'account',
  'systems',
  'groups',
  'attributes',
] as const;
export type BlockId = (typeof BLOCK_IDS)[number];

/** What a cell holds; each kind has one parser in `values.ts`. */
export type ValueRule =
  /** `noFormula`: a value a spreadsheet would run as a formula is refused (see `formula-username`). */
  | { kind: 'text'; maxLength?: number; identifier?: boolean; noFormula?: boolean }
  | { kind: 'email'; identifier?: boolean }
  /** `powershell`: `$true`/`$false` are read without a note (JumpCloud's module took them in this column). */
  | { kind: 'boolean'; powershell?: boolean }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'objectId' }
  | { kind: 'attributeName' };

export type AddressKey = 'streetAddress' | 'poBox' | 'locality' | 'region' | 'postalCode' | 'country';
export type PhoneType = 'mobile' | 'home' | 'work' | 'work_mobile' | 'work_fax';

/** Where a column's value goes in the JumpCloud API. */
export type ApiTarget =
  /** A top-level field of the v1 `systemuser` body. */
  | { kind: 'field'; name: string }
  | { kind: 'recoveryEmail' }
  | { kind: 'address'; type: 'home' | 'work'; key: AddressKey }
  | { kind: 'phone'; type: PhoneType }
  /** `enable_user_portal_multifactor` plus the `mfa` enrollment window. */
  | { kind: 'mfa'; key: 'enabled' | 'enrollmentDays' }
  /** A user id resolved from a username, e-mail or id. */
  | { kind: 'manager' }
  | { kind: 'ldapBindingUser' }
  /** v2 graph association of the user with a system or an LDAP server. */
  | { kind: 'association'; target: 'system' | 'ldap_server' }
  /** `attributes.sudo` on the user–system association. */
  | { kind: 'systemAdministrator' }
  | { kind: 'groupMembership' }
  | { kind: 'customAttribute'; part: 'name' | 'value' };

/**
 * A dependency between two columns of one row: the value of the dependent column is ignored unless `header`'s cell
 * holds `equals` (or, without `equals`, any value). Reported under `code`.
 */
export interface ColumnRequirement {
  readonly header: string;
  readonly equals?: boolean;
  readonly code: 'enrollment-without-mfa' | 'administrator-without-system';
}

/** One fixed column of the catalogue. */
export interface ColumnSpec {
  /** Canonical spelling, as written in templates. */
  readonly header: string;
  /** Other spellings the importer accepts for the same field (`work_locality` for `work_city`). */
  readonly aliases: readonly string[];
  /** Headers people write by mistake for this column; the linter suggests this column for them. */
  readonly misspellings: readonly string[];
  /** Other-case spellings JumpCloud's own templates and docs write (`MiddleName`): never reported as mistakes. */
  readonly spellings: readonly string[];
  /** Values must be unique in the file and the organization (compared case-insensitively). */
  readonly unique: boolean;
  /** The column only means something when another column of the same row holds a value (see `ColumnRequirement`). */
  readonly requires?: ColumnRequirement;
  /** The kinds of file that accept the column, and the wizard block that adds it to each. */
  readonly blocks: Readonly<Partial<Record<UserCsvKind, BlockId>>>;
  /** Types on which a row must fill the column. */
  readonly requiredFor: readonly UserCsvKind[];
  readonly value: ValueRule;
  /** True for cells that certainly read without a note (see `quickAccept`): the lint's fast path. */
  readonly accepts: (text: string) => boolean;
  readonly api: ApiTarget;
  /** One or two sentences for hover and the README. */
  readonly doc: string;
}

/** A numbered column family: `Group1..GroupN`, `Attribute1_name`/`Attribute1_value`… */
export interface NumberedColumnSpec {
  readonly id: 'group' | 'attributeName' | 'attributeValue';
  /** Builds the header for number `n` (1-based). */
  readonly header: (n: number) => string;
  /** Matches a header (case-insensitively) and yields its number. */
  readonly pattern: RegExp;
  readonly blocks: Readonly<Partial<Record<UserCsvKind, BlockId>>>;
  readonly value: ValueRule;
  readonly accepts: (text: string) => boolean;
  readonly api: ApiTarget;
  readonly doc: string;
}

/** What a header of a CSV file turned out to be. */
export type HeaderMatch =
  | { kind: 'fixed'; column: ColumnSpec; spelling: 'canonical' | 'alias' | 'case' }
  | { kind: 'numbered'; column: NumberedColumnSpec; n: number; spelling: 'canonical' | 'case' }
  | { kind: 'unknown' };
