import sampleOrg from './sample-org.json';
import type { EmulatorSeed } from './seed';

/**
 * The offline demo's organization: 21 users (two STAGED contractors, one SUSPENDED, one LDAP bind account, managers),
 * 5 groups (one dynamic), 6 systems (two sharing a display name, to show ambiguity), 1 LDAP server, memberships and
 * bindings with and without sudo. Ids are fixed so demos and docs can name them.
 */
export const SAMPLE_ORGANIZATION = sampleOrg as EmulatorSeed;
