import type { JumpCloudClient } from '../jumpcloud';

/** What the org-aware checks and completions need to know about an organization: plain data, cheap to clone. */
export interface OrgSnapshot {
  /** A name for messages: the organization's display name, or its id. */
  readonly name: string;
  readonly users: readonly { readonly id: string; readonly username: string; readonly email?: string; readonly employeeIdentifier?: string }[];
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  readonly systems: readonly { readonly id: string; readonly hostname?: string; readonly displayName?: string; readonly lastContact?: string }[];
  readonly ldapServers: readonly { readonly id: string; readonly name: string }[];
}

const opt = (s: string | null | undefined) => (s ? s : undefined);

/** Reads an organization once: users, user groups, systems and LDAP servers (four paged reads, run together). */
export async function fetchOrgSnapshot(client: JumpCloudClient, name: string, signal?: AbortSignal): Promise<OrgSnapshot> {
  const [users, groups, systems, ldapServers] = await Promise.all([
    client.listUsers({ signal, fields: ['username', 'email', 'employeeIdentifier'] }),
    client.listUserGroups({ signal }),
    client.listSystems({ signal, fields: ['hostname', 'displayName', 'lastContact'] }),
    client.listLdapServers({ signal }),
  ]);
  return {
    name,
    users: users.map(u => ({ id: u._id, username: u.username, email: opt(u.email), employeeIdentifier: opt(u.employeeIdentifier) })),
    groups: groups.map(g => ({ id: g.id, name: g.name })),
    systems: systems.map(s => {
      const lastContact = (s as { lastContact?: unknown }).lastContact;
      return { id: s._id, hostname: opt(s.hostname), displayName: opt(s.displayName), lastContact: typeof lastContact === 'string' ? lastContact : undefined };
    }),
    ldapServers: ldapServers.map(l => ({ id: l.id, name: l.name })),
  };
}
