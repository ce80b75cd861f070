import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoggedRequest } from '../../src/emulator';
import { ROUTES } from '../../src/emulator/routes';
import { loadContractChecker, type ContractChecker, type Violation } from './checker';
import { REVIEWED_EXCEPTIONS, unexcused } from './exceptions';
import { CLIENT_OPERATIONS, runRepresentativeScenario, type ScenarioResult } from './scenario';
import { FIXTURES, SPEC_FILES } from './spec';

const show = (vs: readonly Violation[]) => vs.map(v => `#${v.seq} ${v.method} ${v.path} [${v.operationId ?? '?'}] ${v.rule}: ${v.message}`);

/** A well-formed logged request, to vary one thing at a time. */
function request(over: Partial<LoggedRequest>): LoggedRequest {
  return {
    seq: 1,
    ts: 0,
    method: 'POST',
    path: '/api/systemusers',
    query: {},
    headers: { 'x-api-key': '…abcd', 'user-agent': 'jumpcloud-csv/1.0.0', accept: 'application/json', 'content-type': 'application/json' },
    body: { username: 'jdoe', email: 'jdoe@example.com' },
    ...over,
  };
}

describe('contract with the official JumpCloud specs', () => {
  let checker: ContractChecker;
  let scenario: ScenarioResult;
  before(async () => {
    checker = loadContractChecker();
    scenario = await runRepresentativeScenario();
  });

  it('vendors the two specs unmodified, pinned by sha256', () => {
    for (const { file, sha256 } of Object.values(SPEC_FILES)) {
      const actual = createHash('sha256').update(fs.readFileSync(path.join(FIXTURES, file))).digest('hex');
      assert.equal(actual, sha256, `${file} differs from the reviewed version`);
    }
  });

  it('every request the client made is declared by the spec, strictly, and every answer matches it', () => {
    const used = new Set<string>();
    const violations = unexcused(scenario.log.flatMap(e => checker.check(e, { orgId: scenario.orgId })), used);
    assert.deepEqual(show(violations), []);
    assert.deepEqual([...used].sort(), REVIEWED_EXCEPTIONS.map(x => x.id).sort(), 'every reviewed exception is still needed');
  });

  it('the scenario reaches every client operation, every emulator route and the error paths', () => {
    const reached = new Set(scenario.log.map(e => checker.operationFor(e.method, e.path)?.operationId));
    const expected = new Set(Object.values(CLIENT_OPERATIONS).filter((x): x is string => x !== null));
    assert.deepEqual([...expected].filter(op => !reached.has(op)), []);
    const statuses = new Set(scenario.log.map(e => e.status));
    for (const status of [200, 204, 401, 404, 409, 429]) assert.ok(statuses.has(status), `the scenario saw a ${status}`);
    assert.ok(scenario.log.some(e => e.fault === 'lost-response'), 'a lost create');
    const routed = new Set(scenario.log.map(e => `${e.method} ${e.route}`));
    assert.deepEqual(ROUTES.map(r => `${r.method} ${r.template}`).filter(r => !routed.has(r)), [], 'every emulator route answered once at least');
    assert.equal(scenario.log.filter(e => e.method === 'POST' && e.path === '/api/systemusers' && (e.body as { username?: string }).username === 'lost.create').length, 1);
  });

  it('fails a body with an undeclared field (a misspelling the lenient spec would accept)', () => {
    const violations = checker.check(request({ body: { username: 'jdoe', email: 'jdoe@example.com', jobtitle: 'Typo' } }));
    assert.deepEqual(violations.map(v => [v.rule, v.property]), [['body', 'jobtitle']]);
    const nested = checker.check(request({ path: `/api/v2/systems/${'c'.repeat(24)}/associations`, body: { op: 'add', type: 'user', id: 'x', attributes: { sudo: { enabled: true, withoutPassword: false, forever: true } } } }));
    assert.deepEqual(nested.map(v => [v.rule, v.property]), [['body', 'forever']]);
    assert.deepEqual(checker.check(request({ path: `/api/v2/systems/${'c'.repeat(24)}/associations`, body: { op: 'add', type: 'user', id: 'x', attributes: { custom: 1 } } })), [], 'GraphAttributes stay free-form');
    assert.equal(checker.check(request({ path: `/api/v2/systems/${'c'.repeat(24)}/associations`, body: { op: 'add', type: 'user', id: 'x', attributes: null } }))[0]?.rule, 'body');
  });

  it('fails an undeclared path, a stub path and an undeclared method', () => {
    const messages = [
      request({ method: 'GET', path: '/api/v2/nonexistent', body: undefined }),
      request({ method: 'GET', path: '/api/systemusers-lite', body: undefined }),
      request({ method: 'PATCH', path: '/api/systemusers/abc' }),
      request({ method: 'GET', path: '/v2/usergroups', body: undefined }),
    ].map(r => checker.check(r).map(v => `${v.rule}: ${v.message}`));
    assert.deepEqual(messages, [
      ['operation: is not a path of the spec'],
      ['operation: is a stub path without operations in the spec'],
      ['operation: PATCH is not declared for this path'],
      ['operation: is outside /api and /api/v2'],
    ]);
  });

  it('fails undeclared or ill-typed query parameters, a limit over 100, bad filters and header slips', () => {
    const get = (query: LoggedRequest['query'], extra: Partial<LoggedRequest> = {}) =>
      checker.check(request({ method: 'GET', path: '/api/systemusers', body: undefined, query, headers: { 'x-api-key': '…abcd', 'user-agent': 'jumpcloud-csv/1', accept: 'application/json' }, ...extra })).map(v => v.message);
    assert.deepEqual(get({ limit: '100', skip: '0', sort: '_id', filter: ['username:$eq:jdoe', 'email:$ne:x'] }), []);
    assert.deepEqual(get({ limt: '10' }), ['undeclared query parameter "limt"']);
    assert.deepEqual(get({ limit: 'ten' }), ['"limit" must be an integer, got "ten"']);
    assert.deepEqual(get({ limit: '500' }), ['"limit" over 100 (the documented maximum)']);
    assert.deepEqual(get({ skip: ['0', '1'] }), ['"skip" is not an array but was repeated']);
    assert.deepEqual(get({ filter: 'username:eq:jdoe' }), ['"filter" username:eq:jdoe does not follow the v1 grammar']);
    assert.deepEqual(checker.check(request({ method: 'GET', path: `/api/v2/users/${'a'.repeat(24)}/associations`, body: undefined, query: { targets: 'printer' } })).map(v => v.message), [
      '"targets" must be one of active_directory, application, g_suite, idp_routing_policy, ldap_server, office_365, password_manager_item, radius_server, system, system_group, got "printer"',
    ]);
    assert.deepEqual(checker.check(request({ method: 'GET', path: `/api/v2/users/${'a'.repeat(24)}/associations`, body: undefined })).map(v => v.message), ['required "targets" is missing']);
    assert.deepEqual(get({}, { headers: { accept: 'application/json', 'user-agent': 'undici' } }), ['x-api-key is missing', 'User-Agent "undici" is not jumpcloud-csv/<version>']);
    assert.deepEqual(checker.check(request({ headers: { 'x-api-key': '…abcd', 'user-agent': 'jumpcloud-csv/1', accept: 'application/json', 'content-type': 'application/json' } }), { orgId: 'o1' }).map(v => v.message), ['x-org-id should be o1']);
  });

  it('fails an emulator answer that drifts from the response schema', () => {
    const answer = (responseBody: unknown, status = 200) =>
      checker.check(request({ method: 'GET', path: `/api/systemusers/${'a'.repeat(24)}`, body: undefined, status, responseBody, responseHeaders: { 'content-type': 'application/json' } })).map(v => v.message);
    assert.deepEqual(answer({ _id: 'x', username: 'u', email: 'e', unix_uid: 0 }), ['/unix_uid must be >= 1']);
    assert.deepEqual(answer({ _id: 'x', username: 'u', emial: 'e' }), ['/ has undeclared field "emial"']);
    assert.deepEqual(answer({ message: 'Not Found' }, 404), []);
    assert.deepEqual(answer({ error: 'no message' }, 404), ['an error body without a message']);
  });
});
