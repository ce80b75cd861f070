import { applyGraphOp, connections, memberOf, traverse } from './graph';
import { type Doc, pageOf, paginate, project, searchFilter, searchTerm, sortBy, v1Filter, v2Filter } from './query';
import { badRequest, noContent, notFound, ok, type Reply } from './replies';
import type { EmulatorState, GraphEnd } from './state';
import { createUser, presentUser, updateUser, type UserRules } from './users';

/** The routes the client uses, reads included, with the real API's shapes. Anything else is a 404. */

export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly state: EmulatorState;
  readonly rules: UserRules;
  /** The search endpoints declare no maximum; the vendor module uses 1000. */
  readonly searchMaxLimit: number;
}

export interface Route {
  readonly method: string;
  readonly template: string;
  readonly handle: (ctx: RouteContext) => Reply;
}

const SPACES = /\s+/;
const COMMAS = /,/;

/** v1 GET list: `{totalCount, results}`, v1 filters, space-separated `sort` and `fields`. */
function v1List(items: readonly Doc[], query: URLSearchParams): Reply {
  const page = pageOf(query);
  const matching = sortBy(items.filter(v1Filter(query)), query.get('sort'), SPACES);
  return ok({ totalCount: matching.length, results: paginate(matching, page).map(d => project(d, query.get('fields'), SPACES, '_id')) });
}

/** v2 GET list: a bare array, the total in `x-total-count`, comma-separated `sort` and `fields`. */
function v2List(items: readonly Doc[], query: URLSearchParams): Reply {
  const page = pageOf(query);
  const matching = sortBy(items.filter(v2Filter(query)), query.getAll('sort').join(',') || null, COMMAS);
  const fields = query.getAll('fields').join(',') || null;
  return ok(paginate(matching, page).map(d => project(d, fields, COMMAS, 'id')), { 'x-total-count': String(matching.length) });
}

/** `POST /api/search/*`: Mongo-like `filter`, `searchFilter`, `fields`; `limit`/`skip` from the body, else the query. */
function search(items: readonly Doc[], ctx: RouteContext): Reply {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body must be a JSON object');
  const pageQuery = new URLSearchParams();
  for (const key of ['limit', 'skip'] as const) {
    const value = body[key] ?? ctx.query.get(key);
    if (value !== undefined && value !== null) pageQuery.set(key, String(value));
  }
  const page = pageOf(pageQuery, ctx.searchMaxLimit);
  const test = searchFilter(body.filter);
  const term = searchTerm(body.searchFilter);
  const matching = items.filter(d => test(d) && term(d));
  const fields = typeof body.fields === 'string' ? body.fields : null;
  return ok({ totalCount: matching.length, results: paginate(matching, page).map(d => project(d, fields, SPACES, '_id')) });
}

const users = (s: EmulatorState) => [...s.users.values()].map(presentUser);
const systems = (s: EmulatorState) => [...s.systems.values()];
const userOf = (ctx: RouteContext): GraphEnd => ({ type: 'user', id: ctx.params.user_id });
const systemOf = (ctx: RouteContext): GraphEnd => ({ type: 'system', id: ctx.params.system_id });
const ldapOf = (ctx: RouteContext): GraphEnd => ({ type: 'ldap_server', id: ctx.params.ldapserver_id });

function found<T>(value: T | undefined): T {
  if (value === undefined) throw notFound();
  return value;
}

export const ROUTES: readonly Route[] = [
  // v1
  // The list has each organization's id and name only; one organization's record has its settings too.
  { method: 'GET', template: '/api/organizations', handle: ctx => v1List(ctx.state.organizations.map(o => ({ _id: o._id, displayName: o.displayName })), ctx.query) },
  { method: 'GET', template: '/api/organizations/{id}', handle: ctx => ok({ ...found(ctx.state.organizations.find(o => o._id === ctx.params.id)) }) },
  { method: 'GET', template: '/api/systemusers', handle: ctx => v1List(users(ctx.state), ctx.query) },
  { method: 'POST', template: '/api/systemusers', handle: ctx => ok(presentUser(createUser(ctx.state, ctx.body, ctx.rules))) },
  { method: 'GET', template: '/api/systemusers/{id}', handle: ctx => ok(presentUser(found(ctx.state.users.get(ctx.params.id)))) },
  { method: 'PUT', template: '/api/systemusers/{id}', handle: ctx => ok(presentUser(updateUser(ctx.state, ctx.params.id, ctx.body, ctx.rules))) },
  {
    method: 'DELETE',
    template: '/api/systemusers/{id}',
    handle: ctx => {
      const user = found(ctx.state.users.get(ctx.params.id));
      ctx.state.removeUser(ctx.params.id);
      return ok(presentUser(user));
    },
  },
  { method: 'POST', template: '/api/search/systemusers', handle: ctx => search(users(ctx.state), ctx) },
  { method: 'GET', template: '/api/systems', handle: ctx => v1List(systems(ctx.state), ctx.query) },
  { method: 'GET', template: '/api/systems/{id}', handle: ctx => ok(found(ctx.state.systems.get(ctx.params.id))) },
  { method: 'POST', template: '/api/search/systems', handle: ctx => search(systems(ctx.state), ctx) },

  // v2
  { method: 'GET', template: '/api/v2/usergroups', handle: ctx => v2List([...ctx.state.userGroups.values()], ctx.query) },
  { method: 'GET', template: '/api/v2/usergroups/{id}', handle: ctx => ok(found(ctx.state.userGroups.get(ctx.params.id))) },
  {
    method: 'GET',
    template: '/api/v2/usergroups/{group_id}/members',
    handle: ctx => v2List(connections(ctx.state, { type: 'user_group', id: ctx.params.group_id }, 'member', null), ctx.query),
  },
  {
    method: 'POST',
    template: '/api/v2/usergroups/{group_id}/members',
    handle: ctx => (applyGraphOp(ctx.state, { type: 'user_group', id: ctx.params.group_id }, ctx.body, 'member'), noContent),
  },
  { method: 'GET', template: '/api/v2/users/{user_id}/memberof', handle: ctx => v2List(memberOf(ctx.state, ctx.params.user_id), ctx.query) },
  {
    method: 'GET',
    template: '/api/v2/users/{user_id}/associations',
    handle: ctx => v2List(connections(ctx.state, userOf(ctx), 'association', ctx.query.get('targets')), withoutTargets(ctx.query)),
  },
  { method: 'POST', template: '/api/v2/users/{user_id}/associations', handle: ctx => (applyGraphOp(ctx.state, userOf(ctx), ctx.body, 'association'), noContent) },
  { method: 'GET', template: '/api/v2/users/{user_id}/systems', handle: ctx => v2List(traverse(ctx.state, userOf(ctx), 'system'), ctx.query) },
  { method: 'GET', template: '/api/v2/users/{user_id}/ldapservers', handle: ctx => v2List(traverse(ctx.state, userOf(ctx), 'ldap_server'), ctx.query) },
  {
    method: 'GET',
    template: '/api/v2/systems/{system_id}/associations',
    handle: ctx => v2List(connections(ctx.state, systemOf(ctx), 'association', ctx.query.get('targets')), withoutTargets(ctx.query)),
  },
  { method: 'POST', template: '/api/v2/systems/{system_id}/associations', handle: ctx => (applyGraphOp(ctx.state, systemOf(ctx), ctx.body, 'association'), noContent) },
  { method: 'GET', template: '/api/v2/systems/{system_id}/users', handle: ctx => v2List(traverse(ctx.state, systemOf(ctx), 'user'), ctx.query) },
  { method: 'GET', template: '/api/v2/ldapservers', handle: ctx => v2List([...ctx.state.ldapServers.values()], ctx.query) },
  { method: 'GET', template: '/api/v2/ldapservers/{id}', handle: ctx => ok(found(ctx.state.ldapServers.get(ctx.params.id))) },
  {
    method: 'GET',
    template: '/api/v2/ldapservers/{ldapserver_id}/associations',
    handle: ctx => v2List(connections(ctx.state, ldapOf(ctx), 'association', ctx.query.get('targets')), withoutTargets(ctx.query)),
  },
  { method: 'POST', template: '/api/v2/ldapservers/{ldapserver_id}/associations', handle: ctx => (applyGraphOp(ctx.state, ldapOf(ctx), ctx.body, 'association'), noContent) },
];

/** `targets` selects the edges; it is not a list filter. */
function withoutTargets(query: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(query);
  rest.delete('targets');
  return rest;
}

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  /** Literal segments first: `/search/systemusers` must beat `/{id}`-style templates. */
  readonly literals: number;
}

export interface Router {
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined;
}

export function createRouter(routes: readonly Route[]): Router {
  const compiled: CompiledRoute[] = routes
    .map(route => {
      const keys: string[] = [];
      const source = route.template.split('/').map(seg => {
        const m = /^\{(\w+)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        keys.push(m[1]);
        return '([^/]+)';
      });
      return { ...route, keys, pattern: new RegExp(`^${source.join('/')}$`), literals: route.template.split('/').filter(s => s && !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literals - a.literals);
  return {
    match(method, path) {
      for (const route of compiled) {
        if (route.method !== method) continue;
        const m = route.pattern.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        route.keys.forEach((k, i) => {
          try {
            params[k] = decodeURIComponent(m[i + 1]);
          } catch {
            // `%E0%A4%A`: the client's mistake, so a 400 in the path's API shape, not a 500.
            throw badRequest('Bad Request: malformed percent-encoding in the path');
          }
        });
        return { route, params };
      }
      return undefined;
    },
  };
}
