import { ApiFailure, badRequest, notFound } from './replies';
import type { EmulatorState, GraphEnd, GraphType, Fields } from './state';

/** Graph writes (`{op, type, id, attributes?}`) and reads (GraphConnection, GraphObjectWithPaths). */

/** Per source type: the `type` values the spec's enum allows, and the ones the emulator models. */
const TARGETS: Readonly<Record<GraphType, { allowed: readonly string[]; modelled: readonly GraphType[] }>> = {
  user: {
    allowed: ['active_directory', 'application', 'g_suite', 'idp_routing_policy', 'ldap_server', 'office_365', 'password_manager_item', 'radius_server', 'system', 'system_group'],
    modelled: ['system', 'ldap_server'],
  },
  system: { allowed: ['command', 'policy', 'policy_group', 'user', 'user_group'], modelled: ['user', 'user_group'] },
  ldap_server: { allowed: ['user', 'user_group'], modelled: ['user', 'user_group'] },
  user_group: {
    allowed: ['active_directory', 'application', 'g_suite', 'idp_routing_policy', 'ldap_server', 'office_365', 'password_manager_item', 'radius_server', 'system', 'system_group'],
    modelled: ['system', 'ldap_server'],
  },
};

const isObject = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);

interface GraphOp {
  readonly op: 'add' | 'remove' | 'update';
  readonly type: string;
  readonly id: string;
  readonly attributes?: Fields;
}

function readOp(body: unknown, allowedTypes: readonly string[], withSudo: boolean): GraphOp {
  if (!isObject(body)) throw badRequest('the body must be a JSON object');
  const { op, type, id, attributes } = body;
  if (op !== 'add' && op !== 'remove' && op !== 'update') throw badRequest('op must be one of add, remove, update');
  if (typeof type !== 'string' || !allowedTypes.includes(type)) throw badRequest(`type must be one of ${allowedTypes.join(', ')}`);
  if (typeof id !== 'string' || id === '') throw badRequest('id is required');
  // The vendor module sends `attributes: null`; the schema says object, so the API refuses it.
  if (attributes !== undefined && !isObject(attributes)) throw badRequest('attributes must be an object');
  if (withSudo && attributes?.sudo !== undefined) {
    const sudo = attributes.sudo;
    if (!isObject(sudo) || typeof sudo.enabled !== 'boolean' || typeof sudo.withoutPassword !== 'boolean') {
      throw badRequest('attributes.sudo must have the booleans enabled and withoutPassword');
    }
    if (sudo.withoutPassword && !sudo.enabled) throw badRequest('attributes.sudo.withoutPassword requires enabled');
  }
  return { op, type, id, ...(attributes ? { attributes } : {}) };
}

/** Applies one graph operation from `source`; `kind` says whether it is a membership or an association. */
export function applyGraphOp(state: EmulatorState, source: GraphEnd, body: unknown, kind: 'member' | 'association'): void {
  if (!state.exists(source)) throw notFound();
  const allowed = kind === 'member' ? ['user'] : TARGETS[source.type].allowed;
  const op = readOp(body, allowed, kind === 'association' && (source.type === 'system' || source.type === 'user'));
  const modelled: readonly string[] = kind === 'member' ? ['user'] : TARGETS[source.type].modelled;
  const target: GraphEnd = { type: op.type as GraphType, id: op.id };
  if (!modelled.includes(op.type) || !state.exists(target)) throw notFound(`${op.type} ${op.id} not found`);
  const edge = state.findEdge(kind, source, target);
  switch (op.op) {
    case 'add':
      if (edge) throw new ApiFailure(409, 'Already Exists');
      state.edges.push({ kind, a: source, b: target, ...(op.attributes ? { attributes: op.attributes } : {}) });
      return;
    case 'update':
      if (!edge) throw notFound('association not found');
      if (op.attributes) edge.attributes = op.attributes;
      else delete edge.attributes;
      return;
    case 'remove':
      if (!edge) throw notFound('association not found');
      state.removeEdge(edge);
  }
}

/** `GET …/associations?targets=T` and `GET /usergroups/{id}/members`: direct edges as GraphConnections. */
export function connections(state: EmulatorState, source: GraphEnd, kind: 'member' | 'association', targets: string | null): Fields[] {
  if (!state.exists(source)) throw notFound();
  if (kind === 'association') {
    if (targets === null) throw badRequest('targets is required');
    if (!TARGETS[source.type].allowed.includes(targets)) throw badRequest(`targets must be one of ${TARGETS[source.type].allowed.join(', ')}`);
  }
  return state
    .neighbours(source, kind)
    .filter(({ other }) => targets === null || other.type === targets)
    .map(({ other, edge }) => ({ to: { id: other.id, type: other.type }, ...(edge.attributes ? { attributes: edge.attributes } : {}) }));
}

/** `GET /users/{id}/memberof`: the user's groups, each reached directly. */
export function memberOf(state: EmulatorState, userId: string): Fields[] {
  const user: GraphEnd = { type: 'user', id: userId };
  if (!state.exists(user)) throw notFound();
  return state.neighbours(user, 'member').map(({ other }) => ({
    id: other.id,
    type: 'user_group',
    paths: [[{ from: user, to: { id: other.id, type: 'user_group' } }]],
    compiledAttributes: {},
  }));
}

/**
 * Traversals (`/users/{id}/systems`, `/systems/{id}/users`, `/users/{id}/ldapservers`): direct edges plus those through
 * the user's groups, with `compiledAttributes` (sudo of the direct edge winning over a group's).
 */
export function traverse(state: EmulatorState, source: GraphEnd, targetType: GraphType): Fields[] {
  if (!state.exists(source)) throw notFound();
  const found = new Map<string, { paths: Fields[][]; attributes: Fields }>();
  const note = (target: GraphEnd, path: Fields[], attributes: Fields | undefined, direct: boolean) => {
    const entry = found.get(target.id) ?? { paths: [], attributes: {} };
    entry.paths.push(path);
    if (attributes && (direct || Object.keys(entry.attributes).length === 0)) entry.attributes = { ...attributes };
    found.set(target.id, entry);
  };
  for (const { other, edge } of state.neighbours(source, 'association')) {
    if (other.type === targetType) note(other, [{ from: source, to: other, ...(edge.attributes ? { attributes: edge.attributes } : {}) }], edge.attributes, true);
  }
  // One hop through user groups, from either side.
  const viaSide = source.type === 'user' ? 'member' : 'association';
  for (const { other: group } of state.neighbours(source, viaSide)) {
    if (group.type !== 'user_group') continue;
    const hop = viaSide === 'member' ? 'association' : 'member';
    for (const { other, edge } of state.neighbours(group, hop)) {
      if (other.type === targetType) note(other, [{ from: source, to: group }, { from: group, to: other, ...(edge.attributes ? { attributes: edge.attributes } : {}) }], edge.attributes, false);
    }
  }
  return [...found].map(([id, { paths, attributes }]) => ({ id, type: targetType, paths, compiledAttributes: attributes }));
}
