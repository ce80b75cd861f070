import * as z from 'zod/mini';

/**
 * Response shapes, in zod's tree-shakable form (`zod/mini`: only the validators used are bundled). Objects are loose
 * (the API adds fields over time and we must not break on them) but strict on the fields the client reads.
 */

const text = z.nullish(z.string());
const flag = z.nullish(z.boolean());

export const addressSchema = z.looseObject({
  id: text,
  type: text,
  poBox: text,
  extendedAddress: text,
  streetAddress: text,
  locality: text,
  region: text,
  postalCode: text,
  country: text,
});

export const phoneNumberSchema = z.looseObject({ id: text, type: text, number: text });
export const customAttributeSchema = z.looseObject({ name: z.string(), value: z.unknown() });

const userObject = z.looseObject({
  _id: z.string(),
  username: z.string(),
  email: z.string(),
  firstname: text,
  lastname: text,
  middlename: text,
  displayname: text,
  employeeIdentifier: text,
  manager: text,
  state: z.nullish(z.enum(['STAGED', 'ACTIVATED', 'SUSPENDED'])),
  suspended: flag,
  activated: flag,
  sudo: flag,
  ldap_binding_user: flag,
  enable_user_portal_multifactor: flag,
  addresses: z.nullish(z.array(addressSchema)),
  phoneNumbers: z.nullish(z.array(phoneNumberSchema)),
  attributes: z.nullish(z.array(customAttributeSchema)),
  recoveryEmail: z.nullish(z.looseObject({ address: text })),
});

/**
 * A `systemuserreturn`. The spec declares only `_id`; the live API is believed to send `id` as well (api doc §3.4),
 * so either is accepted and `_id` is always set.
 */
export const userSchema = z.pipe(
  z.transform((value: unknown) => {
    if (value && typeof value === 'object' && !('_id' in value) && typeof (value as { id?: unknown }).id === 'string') {
      return { ...value, _id: (value as { id: string }).id };
    }
    return value;
  }),
  userObject,
);
export type JumpCloudUser = z.infer<typeof userObject>;

export const systemSchema = z.looseObject({
  _id: z.string(),
  hostname: text,
  displayName: text,
  os: text,
  osFamily: text,
  serialNumber: text,
  active: flag,
});
export type JumpCloudSystem = z.infer<typeof systemSchema>;

export const userGroupSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: text,
  description: text,
  membershipMethod: text,
});
export type JumpCloudUserGroup = z.infer<typeof userGroupSchema>;

export const ldapServerSchema = z.looseObject({ id: z.string(), name: z.string(), userLockoutAction: text, userPasswordExpirationAction: text });
export type JumpCloudLdapServer = z.infer<typeof ldapServerSchema>;

export const organizationSchema = z.looseObject({ _id: z.string(), displayName: text });
export type JumpCloudOrganization = z.infer<typeof organizationSchema>;

const userState = z.nullish(z.enum(['ACTIVATED', 'STAGED']));
/** One organization's record: the settings the import follows (the state its admins chose for CSV-imported users). */
export const organizationDetailsSchema = z.looseObject({
  _id: z.string(),
  displayName: text,
  settings: z.nullish(z.looseObject({ newSystemUserStateDefaults: z.nullish(z.looseObject({ csvImport: userState })) })),
});
export type JumpCloudOrganizationDetails = z.infer<typeof organizationDetailsSchema>;

const graphAttributes = z.nullish(z.record(z.string(), z.unknown()));
export const graphObjectSchema = z.looseObject({ id: z.string(), type: z.string(), attributes: graphAttributes });

/** An edge as graph reads return it: `to` is the other side, `attributes.sudo` the admin flag on system bindings. */
export const graphConnectionSchema = z.looseObject({ to: graphObjectSchema, from: z.nullish(graphObjectSchema), attributes: graphAttributes });
export type GraphConnection = z.infer<typeof graphConnectionSchema>;

/** A traversal result (`memberof`, `…/systems`): the object, how it is reached, and the attributes compiled along the way. */
export const graphObjectWithPathsSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  paths: z.nullish(z.array(z.array(graphConnectionSchema))),
  compiledAttributes: graphAttributes,
});
export type GraphObjectWithPaths = z.infer<typeof graphObjectWithPathsSchema>;

/** v1 list and search envelope. */
export function v1List<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({ totalCount: z.int().check(z.nonnegative()), results: z.array(item) });
}

/** v2 list: a bare array (the total comes in `x-total-count`). */
export function v2List<T extends z.ZodMiniType>(item: T) {
  return z.array(item);
}

/** `attributes.sudo` of a user–system binding. `withoutPassword` requires `enabled`. */
export interface SudoAttributes {
  readonly enabled: boolean;
  readonly withoutPassword: boolean;
}

const sudoSchema = z.object({ enabled: z.boolean(), withoutPassword: z.boolean() });

/** The sudo pair of a binding, or undefined when the binding carries none (a standard user). */
export function sudoOf(attributes: Record<string, unknown> | null | undefined): SudoAttributes | undefined {
  const parsed = sudoSchema.safeParse(attributes?.sudo);
  return parsed.success ? parsed.data : undefined;
}
