import type { FaultKind } from './faults';

/** One exchange as the emulator saw it; tests assert on these (and the contract test checks them against the spec). */
export interface LoggedRequest {
  readonly seq: number;
  /** The emulator clock when the request arrived (ms). */
  readonly ts: number;
  readonly method: string;
  readonly path: string;
  /** Repeated parameters become arrays. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Lower-case names; `x-api-key` shows only its last four characters. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  /** The route template that handled it (`/api/systemusers/{id}`); undefined when unrouted. */
  route?: string;
  /** Undefined when no answer was sent (dropped, hung, lost). */
  status?: number;
  responseHeaders?: Readonly<Record<string, string>>;
  responseBody?: unknown;
  fault?: FaultKind;
}

export interface RequestLog {
  readonly entries: readonly LoggedRequest[];
  clear(): void;
}

/** How many requests the log keeps by default: enough for any test run, bounded for an emulator left running. */
export const DEFAULT_REQUEST_LOG_SIZE = 1000;
/** Bodies larger than this are logged as a note of their size, so the log's memory is bounded by its size option. */
export const MAX_LOGGED_BODY_BYTES = 64 * 1024;

/** A ring buffer of the last `size` requests, oldest first; older ones are dropped. */
export function createRequestLog(size: number = DEFAULT_REQUEST_LOG_SIZE): RequestLog & { add(entry: LoggedRequest): void } {
  const capacity = Math.max(1, Math.floor(size));
  const ring: LoggedRequest[] = [];
  /** Index of the oldest entry once the ring is full. */
  let oldest = 0;
  return {
    get entries() {
      return ring.length < capacity ? ring : [...ring.slice(oldest), ...ring.slice(0, oldest)];
    },
    clear: () => {
      ring.length = 0;
      oldest = 0;
    },
    add: entry => {
      if (ring.length < capacity) ring.push(entry);
      else {
        ring[oldest] = entry;
        oldest = (oldest + 1) % capacity;
      }
    },
  };
}

/** Keeps the last four characters, enough to tell keys apart in a log. */
export function redactKey(key: string): string {
  return key.length > 8 ? `…${key.slice(-4)}` : '…';
}
