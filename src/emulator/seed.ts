import * as z from 'zod/mini';

/**
 * The emulator's starting data, in the API's own field names: users as `systemuserreturn`, user groups and LDAP
 * servers as their v2 objects, systems as `JcSystem`. Ids (`_id`, or `id` for v2 objects) are optional and generated
 * when absent. `associations` are graph edges between seeded objects: `user_group → user` is a membership, the others
 * (user or user_group with system or ldap_server) are associations, `attributes.sudo` included.
 */

const objectId = z.string().check(z.regex(/^[0-9a-f]{24}$/, 'must be 24 lowercase hex digits'));
const withId = { _id: z.optional(objectId), id: z.optional(objectId) };

const seedUser = z.looseObject({ ...withId, username: z.string().check(z.minLength(1)), email: z.string().check(z.minLength(1)) });
const seedGroup = z.looseObject({ ...withId, name: z.string().check(z.minLength(1)) });
const seedSystem = z.looseObject({ ...withId, hostname: z.string().check(z.minLength(1)), displayName: z.optional(z.string()) });
const seedLdapServer = z.looseObject({ ...withId, name: z.string().check(z.minLength(1)) });
const graphEnd = z.object({ type: z.enum(['user', 'user_group', 'system', 'ldap_server']), id: objectId });
const seedAssociation = z.object({ from: graphEnd, to: graphEnd, attributes: z.optional(z.record(z.string(), z.unknown())) });

export const seedSchema = z.object({
  users: z._default(z.array(seedUser), []),
  userGroups: z._default(z.array(seedGroup), []),
  systems: z._default(z.array(seedSystem), []),
  ldapServers: z._default(z.array(seedLdapServer), []),
  associations: z._default(z.array(seedAssociation), []),
});

export type EmulatorSeed = z.input<typeof seedSchema>;
export type ParsedSeed = z.output<typeof seedSchema>;

/** Validates a seed; the error names the first bad field, e.g. `users.3.email: …`. */
export function parseSeed(value: unknown): ParsedSeed {
  const result = seedSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`invalid seed: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
