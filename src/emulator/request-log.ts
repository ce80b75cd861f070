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
  readonly body: unknown;
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

export function createRequestLog(): RequestLog & { add(entry: LoggedRequest): void } {
  const entries: LoggedRequest[] = [];
  return {
    get entries() {
      return entries;
    },
    clear: () => void entries.splice(0),
    add: entry => void entries.push(entry),
  };
}

/** Keeps the last four characters, enough to tell keys apart in a log. */
export function redactKey(key: string): string {
  return key.length > 8 ? `…${key.slice(-4)}` : '…';
}
