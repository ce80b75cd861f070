import * as assert from 'node:assert/strict';
import { DEFAULT_IMPORT_CONCURRENCY, executeImport, type ExecuteOptions } from '../../../src/core/import/execute';
import { journalProgress, memoryJournal, RUN_FINISHED_STEP } from '../../../src/core/import/journal';
import { createAdaptiveLimiter } from '../../../src/core/import/limiter';
import type { ImportPlan } from '../../../src/core/import/plan-types';
import type { StepOutcome } from '../../../src/core/import/results';
import type { JumpCloudClient } from '../../../src/core/jumpcloud';
import type { EmulatorOptions, LoggedRequest } from '../../../src/emulator';
import { API_KEY, bigSeed, harness, ids, TRANSPORTS, type Harness } from '../jumpcloud/helpers';
import { assertContract, contractChecker, writes } from './helpers';
import { device, group, ldap, plan } from './plan-builder';

const PASSWORD = 'Sup3r-Secret-Pa55!';
const GHOST_GROUP = 'b0b0b0b0ffffffffffffffff';

/** A user the emulator holds, by username. */
function userNamed(h: Harness, username: string) {
  return [...h.emulator.state.users.values()].find(u => u.username === username) as Record<string, unknown> | undefined;
}

/** Edges touching a user: `group:<id>`, `system:<id>` (with sudo), `ldap_server:<id>`. */
function edgesOf(h: Harness, userId: string): string[] {
  return h.emulator.state
    .neighbours({ type: 'user', id: userId }, 'member')
    .concat(h.emulator.state.neighbours({ type: 'user', id: userId }, 'association'))
    .map(({ other, edge }) => `${other.type}:${other.id}${edge.attributes?.sudo ? ` ${JSON.stringify(edge.attributes.sudo)}` : ''}`)
    .sort();
}

const createPosts = (log: readonly LoggedRequest[], username: string) =>
  log.filter(e => e.method === 'POST' && e.path === '/api/systemusers' && (e.body as { username?: string }).username === username);

/** N new users, each with two groups and one device (the benchmark's shape, smaller). */
function bulkCreates(n: number, extra: { from?: number } = {}): ImportPlan {
  const p = plan();
  for (let i = 0; i < n; i++) {
    const name = `new${String(i + (extra.from ?? 1)).padStart(3, '0')}`;
    p.create({ username: name, email: `${name}@example.com`, firstname: 'New', password: PASSWORD }, { groups: [group('Group 1', ids.group(1)), group('Group 2', ids.group(2))], system: device(ids.system(1 + (i % 3))) });
  }
  return p.build();
}

describe('import executor against the local JumpCloud', () => {
  const checker = contractChecker();
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function setup(emulator: EmulatorOptions = {}, users = 6, maxConcurrency = 4) {
    h = await harness(TRANSPORTS[0], { emulator: { seed: bigSeed(users, 3), ...emulator } });
    const limiter = createAdaptiveLimiter({ maxConcurrency, clock: h.clock });
    const journal = memoryJournal();
    const base: ExecuteOptions = { client: h.clientWith({ gate: limiter }), limiter, newUserState: 'STAGED', journal, clock: h.clock, runId: 'run-1' };
    return { h, limiter, journal, base };
  }

  it('creates, updates, binds and groups users; sets managers created by the same file; sends nothing for unchanged rows', async () => {
    const { h, journal, base } = await setup();
    const outcomes: StepOutcome[] = [];
    const progress: number[] = [];
    const p = plan()
      .create({ username: 'new.boss', email: 'boss@example.com', password: PASSWORD }, {
        groups: [group('Group 1', ids.group(1)), group('Group 2', ids.group(2))],
        system: device(ids.system(1), { enabled: true, withoutPassword: false }),
        ldap: ldap(ids.ldap(1), true),
      })
      .create({ username: 'new.report', email: 'report@example.com' }, { managerFromFile: 'new.boss', groups: [group('Group 1', ids.group(1))], system: device(ids.system(2)) })
      .update('u0001', ids.user(1), { jobTitle: 'Lead' }, { groups: [group('Group 3', ids.group(3))] })
      .unchanged('u0002', ids.user(2))
      .skipped('bad.row', 'Email: "bad@" is not an e-mail address')
      .update('u0003', ids.user(3), { department: 'Research' }, { groups: [group('Ghost', GHOST_GROUP), group('Group 1', ids.group(1))] })
      .build();

    const results = await executeImport(p, { ...base, onOutcome: o => outcomes.push(o), onProgress: x => progress.push(x.done) });

    assert.deepEqual(results.users.map(u => [u.username, u.status]), [
      ['new.boss', 'created'],
      ['new.report', 'created'],
      ['u0001', 'updated'],
      ['u0002', 'unchanged'],
      ['bad.row', 'skipped'],
      ['u0003', 'failed'],
    ]);
    assert.deepEqual(results.counts, { created: 2, updated: 1, unchanged: 1, failed: 1, skipped: 1, cancelled: 0 });
    const boss = userNamed(h, 'new.boss')!;
    const report = userNamed(h, 'new.report')!;
    assert.equal(boss.state, 'STAGED', "the run's state is added to the create body");
    assert.equal(boss.ldap_binding_user, true);
    assert.equal(report.manager, boss._id, 'the manager created by this file, set after it had an id');
    assert.equal(userNamed(h, 'u0001')!.jobTitle, 'Lead');
    assert.equal(userNamed(h, 'u0003')!.department, 'Research', 'a failed group step does not stop the update');
    assert.deepEqual(edgesOf(h, boss._id as string), [
      `ldap_server:${ids.ldap(1)}`,
      `system:${ids.system(1)} {"enabled":true,"withoutPassword":false}`,
      `user_group:${ids.group(1)}`,
      `user_group:${ids.group(2)}`,
    ]);
    assert.deepEqual(edgesOf(h, report._id as string), [`system:${ids.system(2)}`, `user_group:${ids.group(1)}`]);
    assert.deepEqual(edgesOf(h, ids.user(3)), [`user_group:${ids.group(1)}`], 'the group after the failed one was still added');

    const ghost = results.users[5].steps.find(s => s.step === `group:${GHOST_GROUP}`)!;
    assert.equal(ghost.status, 'failed');
    assert.equal(ghost.error, 'Not Found (HTTP 404)', "the API's own message");
    assert.equal(results.users[4].problems?.[0].code, 'invalid-email');

    // Steps ran in order per user: user, LDAP association, bind-user flag, device, groups; the manager after all users.
    assert.deepEqual(results.users[0].steps.map(s => s.kind), ['user', 'ldap', 'ldap-binding', 'system', 'group', 'group']);
    assert.deepEqual(results.users[1].steps.map(s => s.kind), ['user', 'system', 'group', 'manager']);
    const managerAt = outcomes.findIndex(o => o.kind === 'manager');
    assert.equal(managerAt, outcomes.length - 1, 'the deferred manager is the last step of the run');

    const log = h.emulator.log.entries;
    assert.equal(log.filter(e => e.path.includes(ids.user(2))).length, 0, 'nothing is sent for an unchanged row');
    assert.equal(log.filter(e => JSON.stringify(e.body ?? '').includes('bad.row')).length, 0, 'nothing is sent for a skipped row');
    assert.deepEqual(progress.at(-1), 6);
    assertContract(checker(), h.emulator);

    const text = JSON.stringify(journal.lines) + JSON.stringify(outcomes) + JSON.stringify(results);
    assert.ok(!text.includes(PASSWORD), 'no password in the journal, the outcomes or the results');
    assert.ok(!text.includes(API_KEY), 'no API key either');
    const intents = journal.lines.filter(l => l.status === 'intent');
    const finished = journal.lines.filter(l => l.step === RUN_FINISHED_STEP);
    assert.equal(finished.length, 1, 'the run is marked finished, once');
    assert.equal(journal.lines.length - intents.length - finished.length, outcomes.length, 'every outcome was journaled as it happened');
    assert.deepEqual(intents.map(l => l.username).sort(), results.users.filter(u => u.status === 'created').map(u => u.username).sort(), 'each create was journaled as an intent before it was sent');
    assert.ok(journal.lines.every(l => l.run === 'run-1' && !Number.isNaN(Date.parse(l.time))));
  });

  it('fails the deferred manager step clearly when the manager could not be created', async () => {
    const { h, base } = await setup();
    const p = plan()
      .create({ username: 'dup.boss', email: 'user1@example.com' })
      .create({ username: 'new.report', email: 'report@example.com' }, { managerFromFile: 'dup.boss' })
      .build();
    const results = await executeImport(p, base);
    assert.deepEqual(results.users.map(u => u.status), ['failed', 'failed']);
    assert.match(results.users[0].steps[0].error!, /email already exists \(HTTP 409\)/);
    const manager = results.users[1].steps.find(s => s.kind === 'manager')!;
    assert.equal(manager.status, 'failed');
    assert.match(manager.error!, /the manager dup\.boss was not created/);
    assert.ok(userNamed(h, 'new.report'), 'the report itself was created');
  });

  it('rides out a 429 storm with one shared limiter: every worker pauses, few 429s, no failed row', async () => {
    const { h, limiter, base } = await setup({ rateLimit: { perSecond: 5 } }, 3, 8);
    const results = await executeImport(bulkCreates(24), base);
    assert.equal(results.counts.created, 24);
    assert.equal(results.counts.failed, 0);
    const log = h.emulator.log.entries;
    const limited = log.filter(e => e.status === 429);
    const stats = limiter.stats();
    assert.equal(stats.rateLimited, limited.length);
    assert.ok(stats.lowestConcurrency < 8, `the concurrency backed off (to ${stats.lowestConcurrency})`);
    // After a 429 every worker waits: no request reaches the server before that 429's Retry-After has passed,
    // except those already sent (same instant on the shared virtual clock).
    for (const e of limited) {
      const until = e.ts + Number(e.responseHeaders!['retry-after']) * 1000;
      const early = log.filter(x => x.seq > e.seq && x.ts > e.ts && x.ts < until);
      assert.deepEqual(early.map(x => x.seq), [], `requests sent during the pause after #${e.seq}`);
    }
    // Each round of 429s is at most the requests in flight when the bucket ran dry.
    assert.ok(limited.length <= stats.pauses * 8, `${limited.length} 429s in ${stats.pauses} pauses`);
    for (const u of results.users) assert.equal(createPosts(log, u.username).filter(e => e.status === 200).length, 1);
    assertContract(checker(), h.emulator);
  });

  it('without the shared limiter the same storm costs many more 429s (the limiter is what keeps them few)', async () => {
    const shared = await setup({ rateLimit: { perSecond: 5 } }, 3, 8);
    await executeImport(bulkCreates(24), shared.base);
    const withLimiter = shared.h.emulator.log.entries.filter(e => e.status === 429).length;
    await shared.h.close();
    h = await harness(TRANSPORTS[0], { emulator: { seed: bigSeed(3, 3), rateLimit: { perSecond: 5 } } });
    const results = await executeImport(bulkCreates(24), { client: h.client, newUserState: 'ACTIVATED', concurrency: 8, clock: h.clock });
    const without = h.emulator.log.entries.filter(e => e.status === 429).length;
    assert.equal(results.counts.created + results.counts.failed, 24);
    assert.ok(withLimiter < without, `${withLimiter} 429s with the limiter, ${without} without`);
    assertContract(checker(), h.emulator);
  });

  it('survives 500s, HTML 502s and dropped connections on every kind of write, and creates no user twice', async () => {
    const { h, base } = await setup({
      faults: [
        { fault: 'error', method: 'POST', path: '/api/v2/usergroups/{id}/members', probability: 0.3 },
        { fault: 'error', status: 502, body: '<html>502 Bad Gateway</html>', method: 'POST', path: '/api/v2/systems/{id}/associations', probability: 0.3 },
        { fault: 'drop', method: 'PUT', probability: 0.3 },
        { fault: 'drop', method: 'POST', path: '/api/systemusers', probability: 0.2 },
        { fault: 'error', method: 'POST', path: '/api/systemusers', probability: 0.2 },
      ],
    });
    const p = bulkCreates(12);
    const results = await executeImport(p, base);
    assert.equal(results.counts.created, 12, JSON.stringify(results.users.filter(u => u.status !== 'created').map(u => u.steps)));
    const log = h.emulator.log.entries;
    assert.ok(log.some(e => e.fault === 'drop') && log.some(e => e.fault === 'error'), 'the faults happened');
    for (const u of results.users) {
      assert.equal([...h.emulator.state.users.values()].filter(x => x.username === u.username).length, 1, `${u.username} exists once`);
      assert.equal(edgesOf(h, u.userId!).length, 3);
    }
    assertContract(checker(), h.emulator);
  });

  it('sends one request per step (plus the read of a read-merge-write update) and reads nothing per row', async () => {
    const { h, base } = await setup({}, 10);
    const p = plan();
    for (let n = 1; n <= 10; n++) p.update(`u${String(n).padStart(4, '0')}`, ids.user(n), { jobTitle: `T${n}` }, { groups: [group('Group 1', ids.group(1)), group('Group 2', ids.group(2))], system: device(ids.system(1)) });
    const results = await executeImport(p.build(), base);
    assert.equal(results.counts.updated, 10);
    const routes = h.emulator.log.entries.map(e => `${e.method} ${e.route}`);
    const tally = Object.fromEntries([...new Set(routes)].map(r => [r, routes.filter(x => x === r).length]));
    assert.deepEqual(tally, {
      'GET /api/systemusers/{id}': 10,
      'PUT /api/systemusers/{id}': 10,
      'POST /api/v2/usergroups/{group_id}/members': 20,
      'POST /api/v2/systems/{system_id}/associations': 10,
    });
    assertContract(checker(), h.emulator);
  });

  it('a lost create response is reconciled by a lookup, never by a second POST', async () => {
    const { h, base } = await setup({ faults: [{ fault: 'lost-response', method: 'POST', path: '/api/systemusers', nth: 2 }] });
    const results = await executeImport(bulkCreates(4), { ...base, concurrency: 1 });
    assert.equal(results.counts.created, 4);
    const lost = h.emulator.log.entries.find(e => e.fault === 'lost-response')!;
    const username = (lost.body as { username: string }).username;
    assert.equal(createPosts(h.emulator.log.entries, username).length, 1, 'one POST for the lost user');
    const step = results.users.find(u => u.username === username)!.steps[0];
    assert.equal(step.status, 'created');
    assert.match(step.detail!, /recovered by a lookup/);
    assertContract(checker(), h.emulator);
  });

  it('cancelled part-way: users in flight finish their step, the rest are cancelled; the resume sends only what is left, and a re-run nothing', async () => {
    const { h, journal, base } = await setup({}, 3, 3);
    const p = bulkCreates(12);
    const controller = new AbortController();
    const first = await executeImport(p, {
      ...base,
      signal: controller.signal,
      onOutcome: o => {
        if (o.kind === 'user' && o.username === 'new004') controller.abort();
      },
    });
    assert.ok(first.cancelled);
    const done = first.users.filter(u => u.status === 'created').length;
    const cancelled = first.users.filter(u => u.status === 'cancelled');
    assert.ok(cancelled.length >= 6, `${cancelled.length} users cancelled`);
    assert.equal(done + cancelled.length, 12);
    // Users in flight when cancelled finished the step they were in: every create that was sent was answered and journaled.
    const sentCreates = h.emulator.log.entries.filter(e => e.method === 'POST' && e.path === '/api/systemusers');
    assert.equal(journal.lines.filter(l => l.step === 'user' && l.status === 'created').length, sentCreates.length);
    for (const u of cancelled) assert.ok(u.steps.some(s => s.status === 'cancelled' && /cancelled/.test(s.error!)));

    // Resume: only the steps not yet done are sent.
    const before = h.emulator.log.entries.length;
    const progress = journalProgress(await journal.read());
    const stepsLeft = journal.lines.filter(l => l.status === 'cancelled').length;
    const second = await executeImport(p, { ...base, runId: 'run-2', progress });
    assert.equal(second.counts.failed, 0);
    assert.equal(second.users.filter(u => u.status === 'created').length, 12);
    const resumedWrites = writes(h.emulator.log.entries.slice(before));
    assert.equal(resumedWrites.length, stepsLeft, 'one write per step left, nothing more');
    for (const u of second.users) {
      assert.equal([...h.emulator.state.users.values()].filter(x => x.username === u.username).length, 1, `${u.username} created once`);
      assert.equal(edgesOf(h, u.userId!).length, 3);
    }

    // A finished run re-run sends nothing at all.
    const after = h.emulator.log.entries.length;
    const third = await executeImport(p, { ...base, runId: 'run-3', progress: journalProgress(await journal.read()) });
    assert.equal(h.emulator.log.entries.length, after, 'no request');
    assert.ok(third.users.every(u => u.status === 'created' && u.steps.every(s => s.resumed)));
    assertContract(checker(), h.emulator);
  });

  it('an edited update is not taken for done: its new changes are sent on the next run', async () => {
    const { h, journal, base } = await setup();
    await executeImport(plan().update('u0001', ids.user(1), { jobTitle: 'Lead' }).build(), base);
    const progress = journalProgress(await journal.read());
    const before = h.emulator.log.entries.length;
    await executeImport(plan().update('u0001', ids.user(1), { jobTitle: 'Lead' }).build(), { ...base, progress });
    assert.equal(h.emulator.log.entries.length, before, 'the same change is done');
    await executeImport(plan().update('u0001', ids.user(1), { jobTitle: 'Chief' }).build(), { ...base, progress });
    assert.equal(userNamed(h, 'u0001')!.jobTitle, 'Chief');
  });

  it('exports a default concurrency and reports the limiter figures with the results', async () => {
    const { base } = await setup();
    const results = await executeImport(bulkCreates(2), base);
    assert.ok(DEFAULT_IMPORT_CONCURRENCY >= 4);
    assert.equal(results.requests?.rateLimited, 0);
    assert.ok((results.requests?.requests ?? 0) >= 8);
  });
});

describe('import executor: failures of its own', () => {
  /** A client whose every write fails with a message that quotes the password (as a careless server might). */
  const leaky = {
    createUser: async (user: { password?: string }) => {
      throw new Error(`rejected password ${user.password} for policy`);
    },
  } as unknown as JumpCloudClient;

  it('scrubs the row\'s password from failure messages, outcomes and the journal', async () => {
    const journal = memoryJournal();
    const results = await executeImport(plan().create({ username: 'jdoe', email: 'j@example.com', password: PASSWORD }).build(), { client: leaky, journal, newUserState: 'ACTIVATED' });
    assert.equal(results.users[0].status, 'failed');
    assert.equal(results.users[0].steps[0].error, 'rejected password [REDACTED] for policy');
    assert.ok(!JSON.stringify(journal.lines).includes(PASSWORD));
  });

  it('stops starting users when the journal cannot be written, and says so', async () => {
    let calls = 0;
    const client = { createUser: async (user: { username: string }) => ({ user: { _id: `${++calls}`.padStart(24, '0'), username: user.username, email: 'x' }, recovered: false }) } as unknown as JumpCloudClient;
    const broken = { append: async () => Promise.reject(new Error('ENOSPC: no space left on device')), read: async () => [] };
    const results = await executeImport(bulkCreatesWithoutSteps(5), { client, journal: broken, newUserState: 'ACTIVATED', concurrency: 1 });
    assert.equal(results.journalError, 'ENOSPC: no space left on device');
    assert.equal(calls, 0, 'no user is created without its intent on disk');
    assert.deepEqual(results.users.map(u => u.status), ['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    assert.match(results.users[0].steps[0].error!, /the journal could not be written/);
  });
});

function bulkCreatesWithoutSteps(n: number): ImportPlan {
  const p = plan();
  for (let i = 1; i <= n; i++) p.create({ username: `solo${i}`, email: `solo${i}@example.com` });
  return p.build();
}
