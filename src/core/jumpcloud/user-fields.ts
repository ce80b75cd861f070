/**
 * What the client writes to a user: the fields of the v1 `systemuserputpost` (create) and `systemuserput` (update)
 * bodies that the CSV can set. Server-set fields (`_id`, `created`, `organization`, `mfaEnrollment`, item `id`s…) are
 * not here, so they cannot be sent back by mistake.
 */

export interface UserAddress {
  readonly type: string;
  readonly streetAddress?: string;
  readonly poBox?: string;
  readonly extendedAddress?: string;
  readonly locality?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

export interface UserPhoneNumber {
  readonly type: string;
  readonly number: string;
}

export interface CustomAttribute {
  readonly name: string;
  readonly value: string;
}

/** The MFA enrollment window: `exclusionDays` for STAGED users, an ISO-8601 UTC `exclusionUntil` otherwise. */
export interface MfaSettings {
  readonly configured?: boolean;
  readonly exclusion?: boolean;
  readonly exclusionDays?: number;
  readonly exclusionUntil?: string;
}

/** Plain fields both create and update accept, by their API names (the catalogue's `api.name`). */
export interface UserScalarFields {
  readonly firstname?: string;
  readonly lastname?: string;
  readonly middlename?: string;
  readonly displayname?: string;
  readonly password?: string;
  readonly email?: string;
  readonly alternateEmail?: string;
  readonly managedAppleId?: string;
  readonly jobTitle?: string;
  readonly employeeIdentifier?: string;
  readonly department?: string;
  readonly costCenter?: string;
  readonly company?: string;
  readonly employeeType?: string;
  readonly description?: string;
  readonly location?: string;
  /** The `_id` of another user. Clearing (null) is not supported: the spec types it as a string. */
  readonly manager?: string;
  readonly external_dn?: string;
  readonly external_source_type?: string;
  readonly unix_uid?: number;
  readonly unix_guid?: number;
  readonly enable_user_portal_multifactor?: boolean;
  readonly ldap_binding_user?: boolean;
  readonly sudo?: boolean;
  readonly allow_public_key?: boolean;
  readonly enable_managed_uid?: boolean;
  readonly password_never_expires?: boolean;
  readonly account_locked?: boolean;
  readonly externally_managed?: boolean;
  readonly suspended?: boolean;
}

export type UserScalarField = keyof UserScalarFields;

/** Every scalar field name, for planners that map catalogue `api.name`s onto a body. */
export const USER_SCALAR_FIELDS: readonly UserScalarField[] = [
  'firstname', 'lastname', 'middlename', 'displayname', 'password', 'email', 'alternateEmail', 'managedAppleId', 'jobTitle',
  'employeeIdentifier', 'department', 'costCenter', 'company', 'employeeType', 'description', 'location', 'manager',
  'external_dn', 'external_source_type', 'unix_uid', 'unix_guid', 'enable_user_portal_multifactor', 'ldap_binding_user',
  'sudo', 'allow_public_key', 'enable_managed_uid', 'password_never_expires', 'account_locked', 'externally_managed', 'suspended',
];

export function isUserScalarField(name: string): name is UserScalarField {
  return (USER_SCALAR_FIELDS as readonly string[]).includes(name);
}

interface UserCollections {
  readonly addresses?: readonly UserAddress[];
  readonly phoneNumbers?: readonly UserPhoneNumber[];
  readonly attributes?: readonly CustomAttribute[];
  /**
   * In the create schema only; the update schema lacks it, but the vendor module sends it on PUT and its tests show the
   * live API applies it, so the client sends it on update too (a reviewed contract exception).
   */
  readonly recoveryEmail?: { readonly address: string };
  readonly mfa?: MfaSettings;
}

/** The body of `POST /api/systemusers`. */
export interface NewUser extends UserScalarFields, UserCollections {
  readonly username: string;
  readonly email: string;
  readonly state?: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
  /** Create only (not in the update schema). */
  readonly passwordless_sudo?: boolean;
}

/**
 * Changes for `PUT /api/systemusers/{id}`. Arrays are merged with the user's current ones (by type or name) before
 * sending, so a change never drops the numbers, addresses or attributes it does not mention.
 * STAGED is not a valid update state; `passwordless_sudo` is not in the update schema.
 */
export interface UserChanges extends UserScalarFields, UserCollections {
  readonly username?: string;
  readonly state?: 'ACTIVATED' | 'SUSPENDED';
}
