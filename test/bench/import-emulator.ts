/**
 * The local JumpCloud for the import benchmark, in its own process (started by test/bench/import.ts over IPC), so the
 * server's CPU and memory (its request log grows with every request) are not counted as the importer's.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

type Message = { readonly cmd: 'start'; readonly options: EmulatorOptions } | { readonly cmd: 'stats' } | { readonly cmd: 'close' };

function serve(): void {
  let emulator: Emulator | undefined;
  process.on('message', (message: Message) => {
    void (async () => {
      switch (message.cmd) {
        case 'start':
          emulator = await startEmulator(message.options);
          process.send?.({ url: emulator.url });
          return;
        case 'stats': {
          const log = emulator?.log.entries ?? [];
          const statuses: Record<string, number> = {};
          for (const e of log) statuses[String(e.status ?? 'none')] = (statuses[String(e.status ?? 'none')] ?? 0) + 1;
          const users = [...(emulator?.state.users.values() ?? [])];
          process.send?.({
            requests: log.length,
            statuses,
            firstTs: log[0]?.ts ?? 0,
            lastTs: log.at(-1)?.ts ?? 0,
            edges: emulator?.state.edges.length ?? 0,
            retitled: users.filter(u => typeof u.jobTitle === 'string' && u.jobTitle.startsWith('Bench')).length,
          });
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
