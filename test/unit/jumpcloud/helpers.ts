import { createJumpCloudClient, createFetchTransport, type Clock, type JumpCloudClient, type JumpCloudClientOptions, type Transport } from '../../../src/core/jumpcloud';
import { createUndiciTransport } from '../../../src/cli/undici-transport';
import { startEmulator, type Emulator, type EmulatorOptions, type EmulatorSeed } from '../../../src/emulator';

/** A key distinctive enough that finding it anywhere in an error is unambiguous. */
export const API_KEY = 'jc-test-key-7f3a9c21d4e8b6f05a1c';

/**
 * Virtual time shared by the client and the emulator: `sleep` jumps the clock to the sleeper's wake time and resolves
 * on the next tick, so retries and Retry-After waits cost no real time yet stay ordered.
 */
export interface VirtualClock extends Clock {
  /** Every wait the client asked for, in order. */
  readonly sleeps: number[];
  /** Moves the time on by `ms` (a test saying "this long passed with no answer"), firing the timeouts then due. */
  advance(ms: number): void;
}

export interface VirtualClockOptions {
  /**
   * Request timeouts on this clock too (`Clock.timeout`): an attempt times out only when the clock passes its deadline,
   * by `advance` or by a sleep. Off by default: a sleep of one caller would time out another's request in flight.
   */
  readonly timeouts?: boolean;
}

export function virtualClock(start = Date.parse('2026-03-01T09:00:00Z'), options: VirtualClockOptions = {}): VirtualClock {
  let now = start;
  const sleeps: number[] = [];
  const timeouts = new Set<{ readonly at: number; readonly controller: AbortController }>();
  const moveTo = (time: number) => {
    now = Math.max(now, time);
    for (const t of timeouts) {
      if (t.at > now) continue;
      timeouts.delete(t);
      t.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }
  };
  return {
    sleeps,
    now: () => now,
    advance: ms => moveTo(now + ms),
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const wake = now + ms;
        setImmediate(() => {
          if (signal?.aborted) return reject(signal.reason);
          moveTo(wake);
          resolve();
        });
      });
    },
    ...(options.timeouts
      ? {
          timeout(ms: number) {
            const controller = new AbortController();
            timeouts.add({ at: now + ms, controller });
            return controller.signal;
          },
        }
      : {}),
  };
}

export interface TransportKind {
  readonly name: 'fetch' | 'undici';
  make(): { transport: Transport; close(): Promise<void> };
}

/** The client is tested over both transports: VS Code's global fetch and the CLI's undici pool. */
export const TRANSPORTS: readonly TransportKind[] = [
  { name: 'fetch', make: () => ({ transport: createFetchTransport(), close: async () => {} }) },
  {
    name: 'undici',
    make: () => {
      // An empty env: the developer's own proxy variables must not reroute loopback traffic in tests.
      const transport = createUndiciTransport({ env: {} });
      return { transport, close: () => transport.close() };
    },
  },
];

export interface Harness {
  readonly emulator: Emulator;
  readonly client: JumpCloudClient;
  readonly clock: VirtualClock;
  /** A second client on the same emulator, e.g. with other options. */
  clientWith(options: Partial<JumpCloudClientOptions>): JumpCloudClient;
  close(): Promise<void>;
}

/** Starts an emulator and a client over real loopback HTTP, sharing one virtual clock. */
export async function harness(
  kind: TransportKind,
  options: { emulator?: EmulatorOptions; client?: Partial<JumpCloudClientOptions>; clock?: VirtualClock } = {},
): Promise<Harness> {
  const clock = options.clock ?? virtualClock();
  const emulator = await startEmulator({ apiKey: API_KEY, clock, ...options.emulator });
  const { transport, close } = kind.make();
  const clientWith = (extra: Partial<JumpCloudClientOptions>) =>
    createJumpCloudClient({
      apiKey: API_KEY,
      baseUrl: emulator.url,
      transport,
      version: '0.1.0-test',
      clock,
      random: () => 0.5,
      retry: { requestTimeoutMs: 2_000 },
      ...options.client,
      ...extra,
    });
  return {
    emulator,
    client: clientWith({}),
    clock,
    clientWith,
    async close() {
      await emulator.close();
      await close();
    },
  };
}

const hex = (n: number, width = 16) => n.toString(16).padStart(width, '0');

/** A seed with `users` numbered users (u0001…), `groups` groups and a few systems and LDAP servers. */
export function bigSeed(users: number, groups = 3): EmulatorSeed {
  return {
    users: Array.from({ length: users }, (_, i) => ({
      _id: `a0a0a0a0${hex(i + 1)}`,
      username: `u${String(i + 1).padStart(4, '0')}`,
      email: `user${i + 1}@example.com`,
      firstname: `First${i + 1}`,
      lastname: 'Tester',
    })),
    userGroups: Array.from({ length: groups }, (_, i) => ({ _id: `b0b0b0b0${hex(i + 1)}`, name: `Group ${i + 1}` })),
    systems: Array.from({ length: 3 }, (_, i) => ({ _id: `c0c0c0c0${hex(i + 1)}`, hostname: `host-${i + 1}`, displayName: `Host ${i + 1}` })),
    ldapServers: [{ _id: `d0d0d0d0${hex(1)}`, name: 'JumpCloud LDAP' }],
  };
}

export const ids = {
  user: (n: number) => `a0a0a0a0${hex(n)}`,
  group: (n: number) => `b0b0b0b0${hex(n)}`,
  system: (n: number) => `c0c0c0c0${hex(n)}`,
  ldap: (n: number) => `d0d0d0d0${hex(n)}`,
};

/** The requests of the log that reached a path (exact, or by RegExp). */
export function requestsTo(emulator: Emulator, method: string, path: string | RegExp) {
  return emulator.log.entries.filter(e => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)));
}
