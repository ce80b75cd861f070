import type { OrgSnapshot } from './snapshot';

type User = OrgSnapshot['users'][number];
type Group = OrgSnapshot['groups'][number];
type System = OrgSnapshot['systems'][number];

const key = (s: string) => s.trim().toLowerCase();

function multiMap<T>(items: readonly T[], keys: (item: T) => (string | undefined)[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const k of keys(item)) {
      if (!k) continue;
      const list = map.get(key(k));
      if (list) {
        if (!list.includes(item)) list.push(item);
      } else map.set(key(k), [item]);
    }
  }
  return map;
}

/** Case-insensitive lookups over a snapshot, built once per lint. */
export class OrgIndex {
  readonly usersByUsername: Map<string, User[]>;
  readonly usersByEmail: Map<string, User[]>;
  readonly usersByEmployeeId: Map<string, User[]>;
  readonly usersById: Map<string, User[]>;
  readonly groupsByName: Map<string, Group[]>;
  readonly systemsById: Map<string, System[]>;
  /** Systems by hostname and by display name: admins write either where an id belongs. */
  readonly systemsByName: Map<string, System[]>;
  readonly ldapServerIds: Set<string>;

  constructor(readonly snapshot: OrgSnapshot) {
    this.usersByUsername = multiMap(snapshot.users, u => [u.username]);
    this.usersByEmail = multiMap(snapshot.users, u => [u.email]);
    this.usersByEmployeeId = multiMap(snapshot.users, u => [u.employeeIdentifier]);
    this.usersById = multiMap(snapshot.users, u => [u.id]);
    this.groupsByName = multiMap(snapshot.groups, g => [g.name]);
    this.systemsById = multiMap(snapshot.systems, s => [s.id]);
    this.systemsByName = multiMap(snapshot.systems, s => [s.hostname, s.displayName]);
    this.ldapServerIds = new Set(snapshot.ldapServers.map(l => key(l.id)));
  }
}

export function orgKey(value: string): string {
  return key(value);
}
