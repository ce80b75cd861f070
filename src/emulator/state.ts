import { createHash } from 'node:crypto';
import { objectIdGenerator, seededRandom } from './random';
import type { ParsedSeed } from './seed';

/** The emulator's data: one organization's users, groups, systems, LDAP servers and graph edges. */

/** A stored API object (user, group, system, LDAP server) in the API's own field names. */
export type Fields = Record<string, unknown>;
export type GraphType = 'user' | 'user_group' | 'system' | 'ldap_server';

export interface GraphEnd {
  readonly type: GraphType;
  readonly id: string;
}

/** An edge, stored once and read from both sides. `member` is user_group → user; the rest are associations. */
export interface Edge {
  readonly kind: 'member' | 'association';
  readonly a: GraphEnd;
  readonly b: GraphEnd;
  attributes?: Fields;
}

export interface Organization {
  readonly _id: string;
  readonly displayName: string;
  /** A part of the organization's settings, as `GET /api/organizations/{id}` returns them. */
  readonly settings?: {
    readonly newSystemUserStateDefaults?: { readonly csvImport?: 'ACTIVATED' | 'STAGED'; readonly manualEntry?: 'ACTIVATED' | 'STAGED'; readonly applicationImport?: 'ACTIVATED' | 'STAGED' };
  };
}

export class EmulatorState {
  readonly users = new Map<string, Fields>();
  /** Write-only: passwords are kept hashed and never returned. */
  readonly passwords = new Map<string, string>();
  readonly userGroups = new Map<string, Fields>();
  readonly systems = new Map<string, Fields>();
  readonly ldapServers = new Map<string, Fields>();
  readonly edges: Edge[] = [];
  readonly newId: () => string;

  constructor(
    readonly organizations: readonly Organization[],
    readonly now: () => number,
    randomSeed: number,
  ) {
    this.newId = objectIdGenerator(seededRandom(randomSeed), now);
  }

  get organizationId(): string {
    return this.organizations[0]._id;
  }

  /** Users whose field equals the value, ignoring case (the uniqueness rule). */
  usersWhere(field: 'username' | 'email' | 'employeeIdentifier', value: string): Fields[] {
    const want = value.toLowerCase();
    return [...this.users.values()].filter(u => typeof u[field] === 'string' && (u[field] as string).toLowerCase() === want);
  }

  setPassword(userId: string, password: string): void {
    this.passwords.set(userId, createHash('sha256').update(password).digest('hex'));
  }

  exists(end: GraphEnd): boolean {
    const table = { user: this.users, user_group: this.userGroups, system: this.systems, ldap_server: this.ldapServers }[end.type];
    return table.has(end.id);
  }

  findEdge(kind: Edge['kind'], x: GraphEnd, y: GraphEnd): Edge | undefined {
    const same = (p: GraphEnd, q: GraphEnd) => p.type === q.type && p.id === q.id;
    return this.edges.find(e => e.kind === kind && ((same(e.a, x) && same(e.b, y)) || (same(e.a, y) && same(e.b, x))));
  }

  /** Edges touching `end`, each as the far side and its attributes. */
  neighbours(end: GraphEnd, kind: Edge['kind']): { other: GraphEnd; edge: Edge }[] {
    const same = (p: GraphEnd) => p.type === end.type && p.id === end.id;
    return this.edges.filter(e => e.kind === kind && (same(e.a) || same(e.b))).map(e => ({ other: same(e.a) ? e.b : e.a, edge: e }));
  }

  removeEdge(edge: Edge): void {
    this.edges.splice(this.edges.indexOf(edge), 1);
  }

  removeUser(id: string): void {
    this.users.delete(id);
    this.passwords.delete(id);
    for (const edge of [...this.edges]) if ((edge.a.type === 'user' && edge.a.id === id) || (edge.b.type === 'user' && edge.b.id === id)) this.removeEdge(edge);
  }
}

/** Loads a parsed seed; users go through the same validation as `POST /api/systemusers`. */
export function loadSeed(
  state: EmulatorState,
  seed: ParsedSeed,
  addUser: (state: EmulatorState, body: Fields, id: string | undefined) => void,
): void {
  const idOf = (o: { _id?: string | undefined; id?: string | undefined }) => o._id ?? o.id ?? state.newId();
  const strip = (o: Fields) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== '_id' && k !== 'id'));
  seed.users.forEach((user, i) => {
    try {
      // Exports of real users carry nulls for unset fields (`manager: null`); a seed means "unset" by them.
      const fields = Object.fromEntries(Object.entries(strip(user)).filter(([, v]) => v !== null));
      addUser(state, fields, user._id ?? user.id);
    } catch (e) {
      throw new Error(`invalid seed: users.${i} (${user.username}): ${(e as Error).message}`);
    }
  });
  for (const g of seed.userGroups) {
    const id = idOf(g);
    state.userGroups.set(id, { membershipMethod: 'STATIC', description: '', ...strip(g), id, type: 'user_group', organizationObjectId: state.organizationId });
  }
  for (const s of seed.systems) {
    const id = idOf(s);
    state.systems.set(id, {
      displayName: s.hostname,
      os: 'Ubuntu',
      osFamily: 'linux',
      active: true,
      created: new Date(state.now()).toISOString(),
      ...strip(s),
      _id: id,
      organization: state.organizationId,
    });
  }
  for (const l of seed.ldapServers) {
    const id = idOf(l);
    state.ldapServers.set(id, { userLockoutAction: 'disable', userPasswordExpirationAction: 'disable', ...strip(l), id });
  }
  for (const link of seed.associations) {
    if (!state.exists(link.from) || !state.exists(link.to)) throw new Error(`invalid seed: association ${link.from.type}:${link.from.id} → ${link.to.type}:${link.to.id} names a missing object`);
    const member = (link.from.type === 'user_group' && link.to.type === 'user') || (link.from.type === 'user' && link.to.type === 'user_group');
    state.edges.push({ kind: member ? 'member' : 'association', a: link.from, b: link.to, ...(link.attributes ? { attributes: link.attributes } : {}) });
  }
}
