import { ApiFailure, badRequest, notFound } from './replies';
import type { EmulatorState, Fields } from './state';

/**
 * `systemuser` rules: field types per the v1 schemas, uniqueness of username, email and employeeIdentifier (ignoring
 * case), custom-attribute names, state/suspended consistency, and the server-set fields of `systemuserreturn`.
 * Unknown fields are ignored, as a lenient server would; the contract test is what catches a client sending them.
 */

type Kind = 'string' | 'boolean' | 'uid' | 'addresses' | 'phoneNumbers' | 'attributes' | 'pairs' | 'mfa' | 'recoveryEmail' | 'object' | 'state' | 'sshKeys';

/** Writable fields and their kinds; `create`/`update` limit a field to one body (per systemuserputpost / systemuserput). */
const FIELDS: Readonly<Record<string, { kind: Kind; max?: number; only?: 'create' | 'update' }>> = {
  username: { kind: 'string', max: 1024 },
  email: { kind: 'string', max: 1024 },
  password: { kind: 'string' },
  firstname: { kind: 'string', max: 1024 },
  lastname: { kind: 'string', max: 1024 },
  middlename: { kind: 'string', max: 1024 },
  displayname: { kind: 'string', max: 1024 },
  jobTitle: { kind: 'string', max: 1024 },
  department: { kind: 'string', max: 1024 },
  costCenter: { kind: 'string', max: 1024 },
  company: { kind: 'string', max: 1024 },
  employeeType: { kind: 'string', max: 1024 },
  location: { kind: 'string', max: 1024 },
  description: { kind: 'string', max: 1024 },
  employeeIdentifier: { kind: 'string', max: 256 },
  alternateEmail: { kind: 'string' },
  managedAppleId: { kind: 'string', max: 1024 },
  manager: { kind: 'string' },
  public_key: { kind: 'string' },
  external_dn: { kind: 'string' },
  external_source_type: { kind: 'string' },
  external_password_expiration_date: { kind: 'string' },
  account_locked: { kind: 'boolean' },
  activated: { kind: 'boolean', only: 'create' },
  allow_public_key: { kind: 'boolean' },
  disableDeviceMaxLoginAttempts: { kind: 'boolean' },
  enable_managed_uid: { kind: 'boolean' },
  enable_user_portal_multifactor: { kind: 'boolean' },
  externally_managed: { kind: 'boolean' },
  ldap_binding_user: { kind: 'boolean' },
  password_never_expires: { kind: 'boolean' },
  passwordless_sudo: { kind: 'boolean', only: 'create' },
  samba_service_user: { kind: 'boolean' },
  sudo: { kind: 'boolean' },
  suspended: { kind: 'boolean' },
  unix_uid: { kind: 'uid' },
  unix_guid: { kind: 'uid' },
  state: { kind: 'state' },
  addresses: { kind: 'addresses' },
  phoneNumbers: { kind: 'phoneNumbers' },
  attributes: { kind: 'attributes' },
  relationships: { kind: 'pairs' },
  mfa: { kind: 'mfa' },
  // Create-only in the spec, but the live API applies it on update too (the vendor module relies on that).
  recoveryEmail: { kind: 'recoveryEmail' },
  delegatedAuthority: { kind: 'object' },
  ssh_keys: { kind: 'sshKeys', only: 'update' },
};

const ADDRESS_PARTS = ['type', 'poBox', 'extendedAddress', 'streetAddress', 'locality', 'region', 'postalCode', 'country'];
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const isObject = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkString(field: string, value: unknown, max?: number): string {
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  if (max !== undefined && value.length > max) throw badRequest(`${field} must be at most ${max} characters`);
  return value;
}

function checkItems(field: string, value: unknown, parts: readonly string[]): Fields[] {
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array`);
  return value.map((item, i) => {
    if (!isObject(item)) throw badRequest(`${field}[${i}] must be an object`);
    const out: Fields = {};
    for (const part of parts) if (item[part] !== undefined) out[part] = checkString(`${field}[${i}].${part}`, item[part], 1024);
    return out;
  });
}

/** Observed messages for bad attribute names (module tests). */
function checkAttributes(value: unknown): Fields[] {
  const items = checkItems('attributes', value, ['name', 'value']);
  const seen = new Set<string>();
  for (const { name } of items) {
    if (typeof name !== 'string' || name === '') throw badRequest('Attribute names may not be empty');
    if (/\s/.test(name)) throw badRequest('Attribute names may not contain spaces');
    if (!/^[A-Za-z0-9]+$/.test(name)) throw badRequest('Attribute names may only contain letters and numbers');
    if (seen.has(name.toLowerCase())) throw badRequest(`Attribute names must be unique: ${name}`);
    seen.add(name.toLowerCase());
  }
  return items;
}

function checkMfa(value: unknown): Fields {
  if (!isObject(value)) throw badRequest('mfa must be an object');
  const out: Fields = {};
  for (const key of ['configured', 'exclusion'] as const) {
    if (value[key] === undefined) continue;
    if (typeof value[key] !== 'boolean') throw badRequest(`mfa.${key} must be a boolean`);
    out[key] = value[key];
  }
  if (value.exclusionDays !== undefined) {
    if (!Number.isInteger(value.exclusionDays) || (value.exclusionDays as number) < 1) throw badRequest('mfa.exclusionDays must be an integer of at least 1');
    out.exclusionDays = value.exclusionDays;
  }
  if (value.exclusionUntil !== undefined) {
    const text = value.exclusionUntil;
    if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(Date.parse(text))) {
      throw badRequest('mfa.exclusionUntil must be an RFC 3339 date-time');
    }
    out.exclusionUntil = text;
  }
  return out;
}

/** Type-checks a create or update body and keeps the known fields. */
function readBody(body: unknown, mode: 'create' | 'update'): Fields {
  if (!isObject(body)) throw badRequest('the body must be a JSON object');
  const out: Fields = {};
  for (const [field, value] of Object.entries(body)) {
    const spec = FIELDS[field];
    if (!spec || (spec.only && spec.only !== mode)) continue;
    if (value === null && field !== 'delegatedAuthority') throw badRequest(`${field} must not be null`);
    switch (spec.kind) {
      case 'string': out[field] = checkString(field, value, spec.max); break;
      case 'boolean':
        if (typeof value !== 'boolean') throw badRequest(`${field} must be a boolean`);
        out[field] = value;
        break;
      case 'uid':
        if (!Number.isInteger(value) || (value as number) < 1) throw badRequest(`${field} must be an integer of at least 1`);
        out[field] = value;
        break;
      case 'state': {
        const allowed = mode === 'create' ? ['STAGED', 'ACTIVATED', 'SUSPENDED'] : ['ACTIVATED', 'SUSPENDED'];
        if (typeof value !== 'string' || !allowed.includes(value)) throw badRequest(`state must be one of ${allowed.join(', ')}`);
        out[field] = value;
        break;
      }
      case 'addresses': out[field] = checkItems(field, value, ADDRESS_PARTS); break;
      case 'phoneNumbers': out[field] = checkItems(field, value, ['type', 'number']); break;
      case 'pairs': out[field] = checkItems(field, value, ['type', 'value']); break;
      case 'attributes': out[field] = checkAttributes(value); break;
      case 'mfa': out[field] = checkMfa(value); break;
      case 'recoveryEmail':
        if (!isObject(value) || typeof value.address !== 'string') throw badRequest('recoveryEmail.address must be a string');
        out[field] = { address: value.address };
        break;
      case 'sshKeys': out[field] = checkItems(field, value, ['name', 'public_key']); break;
      case 'object':
        if (value !== null && !isObject(value)) throw badRequest(`${field} must be an object`);
        out[field] = value;
        break;
    }
  }
  return out;
}

export interface UserRules {
  /** Status of a uniqueness clash: 409 by default, 400 to test the other path (api doc §5.2). */
  readonly duplicateStatus: 409 | 400;
}

function checkUnique(state: EmulatorState, fields: Fields, selfId: string | undefined, rules: UserRules): void {
  for (const key of ['username', 'email', 'employeeIdentifier'] as const) {
    const value = fields[key];
    if (typeof value !== 'string' || value === '') continue;
    if (state.usersWhere(key, value).some(u => u._id !== selfId)) throw new ApiFailure(rules.duplicateStatus, `${key} already exists`);
  }
}

function checkRelations(state: EmulatorState, fields: Fields, selfId: string | undefined): void {
  if (typeof fields.email === 'string' && !EMAIL.test(fields.email)) throw badRequest('email must be a valid e-mail address');
  if (fields.manager !== undefined && fields.manager !== '' && (fields.manager === selfId || !state.users.has(fields.manager as string))) {
    throw badRequest('manager must be the id of another existing user');
  }
}

/** Keeps `state` and `suspended` in agreement, as the API does; a contradiction is a 400. */
function settleState(fields: Fields, current: Fields | undefined): void {
  if (fields.state !== undefined && fields.suspended !== undefined && (fields.state === 'SUSPENDED') !== fields.suspended) {
    throw badRequest('state and suspended disagree');
  }
  if (fields.state !== undefined) fields.suspended = fields.state === 'SUSPENDED';
  else if (fields.suspended !== undefined) fields.state = fields.suspended ? 'SUSPENDED' : current?.state === 'STAGED' ? 'STAGED' : 'ACTIVATED';
}

/** Array items get server ids, as `systemuserreturn` shows them. */
function withItemIds(state: EmulatorState, fields: Fields): void {
  for (const key of ['addresses', 'phoneNumbers'] as const) {
    if (Array.isArray(fields[key])) fields[key] = (fields[key] as Fields[]).map(item => ({ ...item, id: state.newId() }));
  }
}

const NOT_ENROLLED = { overallStatus: 'NOT_ENROLLED', totpStatus: 'NOT_ENROLLED', pushStatus: 'NOT_ENROLLED', webAuthnStatus: 'NOT_ENROLLED', jcGoStatus: 'NOT_ENROLLED' };

/** `POST /api/systemusers` (and seeding): returns the stored record. */
export function createUser(state: EmulatorState, body: unknown, rules: UserRules, id?: string): Fields {
  const fields = readBody(body, 'create');
  if (typeof fields.username !== 'string' || fields.username === '') throw badRequest('username is required');
  if (typeof fields.email !== 'string' || fields.email === '') throw badRequest('email is required');
  checkUnique(state, fields, undefined, rules);
  checkRelations(state, fields, undefined);
  settleState(fields, undefined);
  withItemIds(state, fields);
  const { password, ...rest } = fields;
  const now = new Date(state.now()).toISOString();
  const userId = id ?? state.newId();
  const record: Fields = {
    account_locked: false,
    account_locked_date: null,
    activated: typeof password === 'string',
    addresses: [],
    allow_public_key: true,
    attributes: [],
    badLoginAttempts: 0,
    created: now,
    creationSource: 'jumpcloud:api',
    enable_managed_uid: false,
    enable_user_portal_multifactor: false,
    externally_managed: false,
    ldap_binding_user: false,
    mfa: { configured: false, exclusion: false },
    mfaEnrollment: NOT_ENROLLED,
    password_date: typeof password === 'string' ? now : null,
    password_expiration_date: null,
    password_expired: false,
    password_never_expires: false,
    passwordless_sudo: false,
    phoneNumbers: [],
    samba_service_user: false,
    ssh_keys: [],
    state: 'ACTIVATED',
    sudo: false,
    suspended: false,
    totp_enabled: false,
    ...rest,
    _id: userId,
    organization: state.organizationId,
  };
  state.users.set(userId, record);
  if (typeof password === 'string') state.setPassword(userId, password);
  return record;
}

/** `PUT /api/systemusers/{id}`: top-level fields merge, arrays are replaced wholesale. */
export function updateUser(state: EmulatorState, id: string, body: unknown, rules: UserRules): Fields {
  const current = state.users.get(id);
  if (!current) throw notFound();
  const fields = readBody(body, 'update');
  checkUnique(state, fields, id, rules);
  checkRelations(state, fields, id);
  settleState(fields, current);
  withItemIds(state, fields);
  const { password, recoveryEmail, ...rest } = fields;
  const record: Fields = { ...current, ...rest };
  if (recoveryEmail) record.recoveryEmail = { ...(recoveryEmail as Fields), verified: false };
  if (typeof password === 'string') {
    state.setPassword(id, password);
    record.password_date = new Date(state.now()).toISOString();
    record.activated = true;
  }
  state.users.set(id, record);
  return record;
}

/** The record as the API returns it: `systemuserreturn`, plus `id` beside `_id` (as the live API is believed to). */
export function presentUser(record: Fields): Fields {
  return { ...record, id: record._id };
}
