/** What a route answers, and the API's error shapes. */

export interface Reply {
  readonly status: number;
  /** JSON-serialised; absent for 204 and empty 200s. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, ...(headers ? { headers } : {}) });
export const noContent: Reply = { status: 204 };

/** gRPC-style status names, as the v2 API puts them in `status` (seen in its documented 400 body). */
const V2_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  413: 'RESOURCE_EXHAUSTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** A route's refusal; the server renders it in the v1 (`{message}`) or v2 (`{code, message, status}`) shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields of the v1 body (the 401 carries `error`). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function errorBody(path: string, status: number, message: string, extra: Readonly<Record<string, unknown>> = {}): unknown {
  if (path.startsWith('/api/v2/')) return { code: status, message, status: V2_STATUS[status] ?? 'UNKNOWN' };
  return { message, ...extra };
}

export const badRequest = (message: string) => new ApiFailure(400, message);
export const notFound = (message = 'Not Found') => new ApiFailure(404, message);
