import { quickAccept } from './values';
import type { AddressKey, ApiTarget, BlockId, ColumnRequirement, ColumnSpec, NumberedColumnSpec, PhoneType, UserCsvKind, ValueRule } from './types';

/**
 * THE column catalogue: every header the product knows, in template order. Templates, the linter, hover, completion
 * and the import planner all read this table; nothing else lists headers.
 *
 * Facts come from the reference module (`Import-JCUsersFromCSV`, `Update-JCUsersFromCSV`, `New-JCImportTemplate`)
 * and the JumpCloud v1 `systemuser` schema. Order within a block follows the reference wizard.
 */

const TEXT: ValueRule = { kind: 'text', maxLength: 1024 };
const ID_TEXT: ValueRule = { kind: 'text', maxLength: 1024, identifier: true };
const EMAIL: ValueRule = { kind: 'email' };
const BOOLEAN: ValueRule = { kind: 'boolean' };
const OBJECT_ID: ValueRule = { kind: 'objectId' };
/** The spec says ≥ 1; generated clients use int32, so the top is 2^31 − 1 (the reference's [int] cap too). */
const UNIX_ID: ValueRule = { kind: 'integer', min: 1, max: 2147483647 };

interface ColumnInit {
  blocks: Partial<Record<UserCsvKind, BlockId>>;
  value?: ValueRule;
  api?: ApiTarget;
  aliases?: string[];
  misspellings?: string[];
  spellings?: string[];
  requiredFor?: UserCsvKind[];
  unique?: boolean;
  requires?: ColumnRequirement;
  doc: string;
}

function column(header: string, init: ColumnInit): ColumnSpec {
  return {
    header,
    aliases: init.aliases ?? [],
    misspellings: init.misspellings ?? [],
    spellings: init.spellings ?? [],
    unique: init.unique ?? false,
    ...(init.requires ? { requires: init.requires } : {}),
    blocks: init.blocks,
    requiredFor: init.requiredFor ?? [],
    value: init.value ?? TEXT,
    accepts: quickAccept(init.value ?? TEXT),
    api: init.api ?? { kind: 'field', name: header },
    doc: init.doc,
  };
}

const both = (block: BlockId) => ({ import: block, update: block });

function address(type: 'home' | 'work', key: AddressKey, label: string, aliases: string[] = []): ColumnSpec {
  const suffix = { streetAddress: 'streetAddress', poBox: 'poBox', locality: 'city', region: 'state', postalCode: 'postalCode', country: 'country' }[key];
  return column(`${type}_${suffix}`, {
    blocks: both('location'),
    api: { kind: 'address', type, key },
    aliases,
    doc: `${label} of the user's ${type} address (API \`addresses[type=${type}].${key}\`). On update, the other parts of the address are kept.`,
  });
}

function phone(header: string, type: PhoneType, label: string): ColumnSpec {
  return column(header, {
    blocks: both('telephony'),
    api: { kind: 'phone', type },
    doc: `${label} phone number (API \`phoneNumbers[type=${type}]\`). On update, the user's other numbers are kept.`,
  });
}

function flag(header: string, types: UserCsvKind[], doc: string): ColumnSpec {
  return column(header, { blocks: Object.fromEntries(types.map(t => [t, 'account'])), value: BOOLEAN, doc });
}

export const COLUMNS: readonly ColumnSpec[] = [
  column('FirstName', {
    blocks: { import: 'base', update: 'names' },
    api: { kind: 'field', name: 'firstname' },
    requiredFor: ['import'],
    misspellings: ['first_name', 'givenName', 'first'],
    doc: "The user's first name (API `firstname`). Required for new users.",
  }),
  column('LastName', {
    blocks: { import: 'base', update: 'names' },
    api: { kind: 'field', name: 'lastname' },
    requiredFor: ['import'],
    misspellings: ['last_name', 'surname', 'familyName', 'last'],
    doc: "The user's last name (API `lastname`). Required for new users.",
  }),
  column('Username', {
    blocks: both('base'),
    value: { kind: 'text', maxLength: 1024, identifier: true, noFormula: true },
    api: { kind: 'field', name: 'username' },
    requiredFor: ['import', 'update'],
    unique: true,
    misspellings: ['User Name', 'user_name', 'login', 'uid'],
    doc: 'The JumpCloud username, unique in the organization. On update it finds the user and cannot be changed.',
  }),
  column('Password', {
    blocks: { import: 'base', update: 'names' },
    api: { kind: 'field', name: 'password' },
    doc: "The user's password. Leave empty to let the user set it at activation; on update a value resets it.",
  }),
  column('Email', {
    blocks: { import: 'base', update: 'email' },
    value: { kind: 'email', identifier: true },
    api: { kind: 'field', name: 'email' },
    requiredFor: ['import'],
    unique: true,
    // The reference wizard's update template writes `email`.
    spellings: ['email'],
    misspellings: ['e-mail', 'mail', 'emailAddress', 'email_address'],
    doc: "The user's e-mail address, unique in the organization (API `email`). Required for new users.",
  }),
  column('alternateEmail', { blocks: both('ldap-info'), value: EMAIL, doc: 'A second e-mail address (API `alternateEmail`).' }),
  column('recoveryEmail', {
    blocks: both('ldap-info'),
    value: EMAIL,
    api: { kind: 'recoveryEmail' },
    doc: 'The address used for password recovery (API `recoveryEmail.address`).',
  }),
  column('manager', {
    blocks: both('ldap-info'),
    value: ID_TEXT,
    api: { kind: 'manager' },
    doc: "The user's manager: a username, an e-mail address or a user id of an existing user.",
  }),
  column('managedAppleId', { blocks: both('ldap-info'), value: EMAIL, spellings: ['managedAppleID'], doc: 'The Managed Apple ID of the user (API `managedAppleId`).' }),
  column('middlename', { blocks: both('ldap-info'), spellings: ['MiddleName'], misspellings: ['middle_name'], doc: "The user's middle name (API `middlename`)." }),
  column('preferredName', {
    blocks: both('ldap-info'),
    api: { kind: 'field', name: 'displayname' },
    misspellings: ['displayname', 'display_name'],
    doc: 'The name shown for the user (API `displayname`).',
  }),
  column('jobTitle', { blocks: both('ldap-info'), misspellings: ['title'], doc: "The user's job title (API `jobTitle`)." }),
  column('employeeIdentifier', {
    blocks: both('ldap-info'),
    // The API's schema caps it at 256 characters, not the 1024 of the other text fields.
    value: { kind: 'text', maxLength: 256, identifier: true },
    unique: true,
    misspellings: ['employeeId', 'employee_id'],
    doc: 'An employee number, unique in the organization, at most 256 characters (API `employeeIdentifier`).',
  }),
  column('department', { blocks: both('ldap-info'), doc: "The user's department (API `department`)." }),
  column('costCenter', { blocks: both('ldap-info'), doc: "The user's cost center (API `costCenter`)." }),
  column('company', { blocks: both('ldap-info'), doc: "The user's company (API `company`)." }),
  column('employeeType', { blocks: both('ldap-info'), doc: 'The kind of employment, such as Contractor (API `employeeType`).' }),
  column('description', { blocks: both('ldap-info'), doc: 'A free-text description, at most 1024 characters (API `description`).' }),
  column('location', { blocks: both('ldap-info'), doc: "The user's office or location (API `location`)." }),
  address('home', 'streetAddress', 'Street'),
  address('home', 'poBox', 'PO box'),
  address('home', 'locality', 'City', ['home_locality']),
  address('home', 'region', 'State or region', ['home_region']),
  address('home', 'postalCode', 'Postal code'),
  address('home', 'country', 'Country'),
  address('work', 'streetAddress', 'Street'),
  address('work', 'poBox', 'PO box'),
  address('work', 'locality', 'City', ['work_locality']),
  address('work', 'region', 'State or region', ['work_region']),
  address('work', 'postalCode', 'Postal code'),
  address('work', 'country', 'Country'),
  phone('mobile_number', 'mobile', 'Mobile'),
  phone('home_number', 'home', 'Home'),
  phone('work_number', 'work', 'Work'),
  phone('work_mobile_number', 'work_mobile', 'Work mobile'),
  phone('work_fax_number', 'work_fax', 'Work fax'),
  column('unix_uid', { blocks: both('unix'), value: UNIX_ID, doc: "The user's UID on Linux and Mac devices, 1 to 2147483647." }),
  column('unix_guid', { blocks: both('unix'), value: UNIX_ID, doc: "The user's primary GID on Linux and Mac devices, 1 to 2147483647." }),
  column('enable_user_portal_multifactor', {
    blocks: both('mfa'),
    // The reference's import accepted $True/$False here (ValidateSet).
    value: { kind: 'boolean', powershell: true },
    api: { kind: 'mfa', key: 'enabled' },
    doc: 'Require MFA in the user portal (`true` or `false`). With `true` the user gets an enrollment window (see EnrollmentDays).',
  }),
  column('EnrollmentDays', {
    blocks: both('mfa'),
    value: { kind: 'integer', min: 1, max: 365 },
    api: { kind: 'mfa', key: 'enrollmentDays' },
    requires: { header: 'enable_user_portal_multifactor', equals: true, code: 'enrollment-without-mfa' },
    doc: 'Days the user has to enroll in MFA, 1 to 365 (default 7). Only used when enable_user_portal_multifactor is true.',
  }),
  column('ldap_binding_user', {
    blocks: both('ldap-bind'),
    value: BOOLEAN,
    api: { kind: 'ldapBindingUser' },
    doc: 'Make the user an LDAP binding (service) user: `true` or `false`.',
  }),
  column('ldapserver_id', {
    blocks: both('ldap-bind'),
    value: OBJECT_ID,
    api: { kind: 'association', target: 'ldap_server' },
    doc: 'The id (24 hex digits) of the JumpCloud LDAP server to bind the user to.',
  }),
  flag('sudo', ['import', 'update'], 'Give the user administrator (sudo) rights on every bound device: `true` or `false`.'),
  // The API's update schema (systemuserput) has no passwordless_sudo, so only new users can get it from a CSV. JumpCloud's
  // update template still lists the column: empty it is harmless, filled it is a warning (the import leaves it out).
  flag('passwordless_sudo', ['import'], 'Let the user run sudo without a password: `true` or `false`. New users only: the API cannot change it later.'),
  flag('allow_public_key', ['import', 'update'], 'Allow SSH public-key authentication: `true` or `false`.'),
  flag('enable_managed_uid', ['import', 'update'], 'Let JumpCloud manage the UID/GID on devices: `true` or `false`.'),
  flag('password_never_expires', ['import', 'update'], "Exempt the user's password from expiry: `true` or `false`."),
  flag('account_locked', ['update'], 'Lock or unlock the account: `true` or `false`. Update only.'),
  flag('externally_managed', ['update'], 'Mark the user as managed by an external directory: `true` or `false`. Update only.'),
  column('external_dn', { blocks: { update: 'account' }, doc: 'The distinguished name in the external directory. Update only.' }),
  column('external_source_type', { blocks: { update: 'account' }, doc: 'The kind of external directory the user comes from. Update only.' }),
  column('SystemID', {
    blocks: both('systems'),
    value: OBJECT_ID,
    api: { kind: 'association', target: 'system' },
    misspellings: ['System', 'SystemId', 'Device', 'DeviceID'],
    doc: 'The id (24 hex digits) of a device to bind the user to.',
  }),
  column('Administrator', {
    blocks: both('systems'),
    // The reference tested `-like "*True"`; its own fixtures write $true, $True and TRUE here.
    value: { kind: 'boolean', powershell: true },
    api: { kind: 'systemAdministrator' },
    requires: { header: 'SystemID', code: 'administrator-without-system' },
    misspellings: ['Admin', 'sudoer'],
    doc: 'With SystemID: `true` binds the user to the device with administrator (sudo) rights, `false` as a standard user.',
  }),
];

function numbered(init: Omit<NumberedColumnSpec, 'accepts'>): NumberedColumnSpec {
  return { ...init, accepts: quickAccept(init.value) };
}

export const NUMBERED_COLUMNS: readonly NumberedColumnSpec[] = [
  numbered({
    id: 'group',
    header: n => `Group${n}`,
    pattern: /^group(\d+)$/i,
    blocks: both('groups'),
    value: { kind: 'text', maxLength: 1024, identifier: true },
    api: { kind: 'groupMembership' },
    doc: 'The name of a JumpCloud user group to add the user to. Use Group1, Group2… for several groups.',
  }),
  numbered({
    id: 'attributeName',
    header: n => `Attribute${n}_name`,
    pattern: /^attribute(\d+)_name$/i,
    blocks: both('attributes'),
    value: { kind: 'attributeName' },
    api: { kind: 'customAttribute', part: 'name' },
    doc: 'The name of a custom attribute: letters and digits only. Pairs with the AttributeN_value column of the same number.',
  }),
  numbered({
    id: 'attributeValue',
    header: n => `Attribute${n}_value`,
    pattern: /^attribute(\d+)_value$/i,
    blocks: both('attributes'),
    value: { kind: 'text', maxLength: 1024 },
    api: { kind: 'customAttribute', part: 'value' },
    doc: 'The value of the custom attribute named in AttributeN_name, at most 1024 characters.',
  }),
];

/** The most numbered columns of one family a template may have (the wizard's and the CLI's bound). */
export const MAX_NUMBERED = 50;
