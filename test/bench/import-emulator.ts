/**
 * The local JumpCloud for the import benchmark, in its own process (started by test/bench/import.ts over IPC), so the
 * server's CPU and memory are not counted as the importer's. It counts every request as it arrives and every answer
 * as it is sent (the emulator's events), so the figures do not depend on the size of its request log (a ring).
 */
import { startEmulator, type Emulator, type EmulatorOptions, type LoggedRequest } from '../../src/emulator';

type Message = { readonly cmd: 'start'; readonly options: EmulatorOptions } | { readonly cmd: 'stats' } | { readonly cmd: 'close' };

/** What the emulator saw, counted as it happened. */
export interface ServerStats {
  /** Requests that arrived. */
  readonly requests: number;
  /** Requests the emulator was done with (answered, or left unanswered by a fault). */
  readonly handled: number;
  /** How each handled request ended: its status, or the fault that left it unanswered, or 'none'. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Answers other than 429, and when the first and the last of them were sent (ms since the epoch). */
  readonly served: number;
  readonly firstServedAt: number;
  readonly lastServedAt: number;
  /** Graph edges in the emulator's state, and users whose job title the bench set. */
  readonly edges: number;
  readonly retitled: number;
}

function serve(): void {
  let emulator: Emulator | undefined;
  let requests = 0;
  let handled = 0;
  let served = 0;
  let firstServedAt = 0;
  let lastServedAt = 0;
  const statuses: Record<string, number> = {};
  const onHandled = (e: LoggedRequest) => {
    handled++;
    const key = e.status !== undefined ? String(e.status) : (e.fault ?? 'none');
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (e.status !== undefined && e.status !== 429) {
      served++;
      // The emulator's rate limit runs on Date.now(), taken in the same turn as this answer.
      const at = Date.now();
      if (served === 1) firstServedAt = at;
      lastServedAt = at;
    }
  };
  process.on('message', (message: Message) => {
    void (async () => {
      switch (message.cmd) {
        case 'start':
          emulator = await startEmulator(message.options);
          emulator.events.on('request', () => requests++);
          emulator.events.on('handled', onHandled);
          process.send?.({ url: emulator.url });
          return;
        case 'stats': {
          const users = [...(emulator?.state.users.values() ?? [])];
          const stats: ServerStats = {
            requests,
            handled,
            statuses,
            served,
            firstServedAt,
            lastServedAt,
            edges: emulator?.state.edges.length ?? 0,
            retitled: users.filter(u => typeof u.jobTitle === 'string' && u.jobTitle.startsWith('Bench')).length,
          };
          process.send?.(stats);
          return;
        }
        case 'close':
          await emulator?.close();
          process.send?.({ closed: true }, () => process.exit(0));
      }
    })();
  });
}

serve();
// The bench's process gone (a figure that failed, a crash): so is this one, and its server with it.
process.on('disconnect', () => process.exit(0));
