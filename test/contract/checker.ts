import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { LoggedRequest } from '../../src/emulator';
import { loadSpec, type LoadedSpec, type Operation, type Parameter, type SpecName } from './spec';
import { inline, strict, type Schema } from './swagger-schema';

/**
 * Checks one logged exchange against the specs: the operation exists (path template + method; stub paths count as
 * undeclared), query parameters are declared and well-typed, the JSON body validates in STRICT mode (undeclared
 * fields fail), the headers follow the client conventions, and the emulator's answer matches the declared response.
 *
 * Responses are validated strictly too, except that error bodies are checked leniently against the spec's unreferenced
 * `Error` (v1) / `ErrorDetails` (v2) definitions: the SDK rewrite deleted every error response, and the real 401 body
 * carries an `error` field that `Error` lacks. Exchanges with an injected fault are skipped for the response (a
 * proxy's HTML 502 is deliberately unlike the API).
 */

export interface Violation {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  readonly rule: 'operation' | 'query' | 'header' | 'body' | 'response';
  readonly message: string;
  /** For schema failures: the JSON pointer and, for undeclared fields, the field's name. */
  readonly pointer?: string;
  readonly property?: string;
}

export interface CheckOptions {
  /** The `x-org-id` the client was configured with; without it the header must never be sent. */
  readonly orgId?: string;
}

/** v1 and v2 filter grammars (api doc §8.1). */
const FILTER_GRAMMAR: Readonly<Record<SpecName, RegExp>> = {
  v1: /^[^:]+:\$(eq|ne|gt|gte|lt|lte):/,
  v2: /^[^:]+:(eq|ne|gt|ge|lt|le|between|search|in):/,
};

export interface ContractChecker {
  readonly specs: readonly LoadedSpec[];
  /** The operation a request targets, or undefined. */
  operationFor(method: string, path: string): Operation | undefined;
  check(entry: LoggedRequest, options?: CheckOptions): Violation[];
}

function describeError(e: ErrorObject): { message: string; property?: string } {
  if (e.keyword === 'additionalProperties') {
    const property = String((e.params as { additionalProperty: string }).additionalProperty);
    return { message: `${e.instancePath || '/'} has undeclared field "${property}"`, property };
  }
  return { message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}` };
}

export function loadContractChecker(): ContractChecker {
  const specs = [loadSpec('v2'), loadSpec('v1')];
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  ajv.addFormat('date-time', { validate: (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)) });
  const cache = new Map<string, ValidateFunction>();
  const specOf = (name: SpecName) => specs.find(s => s.name === name) as LoadedSpec;

  const validator = (spec: LoadedSpec, key: string, schema: Schema, strictMode: boolean) => {
    const id = `${spec.name}:${key}:${strictMode}`;
    let fn = cache.get(id);
    if (!fn) {
      const inlined = inline(schema, spec.definitions);
      fn = ajv.compile((strictMode ? strict(inlined) : inlined) as Schema);
      cache.set(id, fn);
    }
    return fn;
  };

  const split = (path: string): { spec: LoadedSpec; rest: string } | undefined => {
    for (const spec of specs) if (path.startsWith(`${spec.prefix}/`)) return { spec, rest: path.slice(spec.prefix.length) };
    return undefined;
  };

  const operationFor = (method: string, path: string) => {
    const where = split(path);
    if (!where) return undefined;
    return where.spec.operations.filter(o => o.method === method && o.pattern.test(where.rest)).sort((a, b) => b.literals - a.literals)[0];
  };

  /** Type-checks query values (strings) against a parameter: integer/number/boolean coercion, enums, bounds. */
  const checkValue = (p: Parameter, value: string): string | undefined => {
    let typed: unknown = value;
    switch (p.type) {
      case 'integer':
        if (!/^-?\d+$/.test(value)) return `must be an integer, got "${value}"`;
        typed = Number(value);
        break;
      case 'number':
        if (Number.isNaN(Number(value))) return `must be a number, got "${value}"`;
        typed = Number(value);
        break;
      case 'boolean':
        if (value !== 'true' && value !== 'false') return `must be true or false, got "${value}"`;
        typed = value === 'true';
        break;
    }
    if (p.enum && !p.enum.includes(typed)) return `must be one of ${p.enum.join(', ')}, got "${value}"`;
    if (typeof typed === 'number' && p.minimum !== undefined && typed < p.minimum) return `must be >= ${p.minimum}`;
    if (typeof typed === 'number' && p.maximum !== undefined && typed > p.maximum) return `must be <= ${p.maximum}`;
    return undefined;
  };

  function check(entry: LoggedRequest, options: CheckOptions = {}): Violation[] {
    const out: Violation[] = [];
    const add = (v: Omit<Violation, 'seq' | 'method' | 'path'>) => out.push({ seq: entry.seq, method: entry.method, path: entry.path, ...v });
    const where = split(entry.path);
    if (!where) {
      add({ rule: 'operation', message: 'is outside /api and /api/v2' });
      return out;
    }
    const op = operationFor(entry.method, entry.path);
    if (!op) {
      const stub = where.spec.stubs.some(t => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(where.rest));
      const other = where.spec.operations.some(o => o.pattern.test(where.rest));
      add({ rule: 'operation', message: stub ? 'is a stub path without operations in the spec' : other ? `${entry.method} is not declared for this path` : 'is not a path of the spec' });
      return out;
    }
    const operationId = op.operationId;

    // Query parameters.
    const declared = new Map(op.parameters.filter(p => p.in === 'query').map(p => [p.name, p]));
    for (const [name, raw] of Object.entries(entry.query)) {
      const values = Array.isArray(raw) ? [...raw] : [raw as string];
      const p = declared.get(name);
      if (!p) {
        add({ operationId, rule: 'query', message: `undeclared query parameter "${name}"` });
        continue;
      }
      let items: string[];
      let itemSpec: Parameter = p;
      if (p.type === 'array') {
        itemSpec = p.items ?? ({ name, in: 'query', type: 'string' } as Parameter);
        if (p.collectionFormat === 'multi') items = values;
        else {
          if (values.length > 1) add({ operationId, rule: 'query', message: `"${name}" is repeated but its collectionFormat is ${p.collectionFormat ?? 'csv'}` });
          items = values.flatMap(v => v.split(','));
        }
      } else {
        if (values.length > 1) add({ operationId, rule: 'query', message: `"${name}" is not an array but was repeated` });
        items = values;
      }
      for (const v of items) {
        const problem = checkValue(itemSpec, v);
        if (problem) add({ operationId, rule: 'query', message: `"${name}" ${problem}` });
      }
      if (name === 'limit' && Number(values[0]) > 100) add({ operationId, rule: 'query', message: '"limit" over 100 (the documented maximum)' });
      if (name === 'filter') for (const v of values) if (!FILTER_GRAMMAR[op.spec].test(v)) add({ operationId, rule: 'query', message: `"filter" ${v} does not follow the ${op.spec} grammar` });
    }
    for (const p of op.parameters) if (p.in === 'query' && p.required && !(p.name in entry.query)) add({ operationId, rule: 'query', message: `required "${p.name}" is missing` });

    // Headers (custom rules: the spec no longer declares x-org-id, api doc §8.1 item 2).
    const h = entry.headers;
    if (!h['x-api-key']) add({ operationId, rule: 'header', message: 'x-api-key is missing' });
    if (!/^jumpcloud-csv\/\S+$/.test(h['user-agent'] ?? '')) add({ operationId, rule: 'header', message: `User-Agent "${h['user-agent'] ?? ''}" is not jumpcloud-csv/<version>` });
    if (!(h.accept ?? '').includes('application/json')) add({ operationId, rule: 'header', message: 'Accept is not application/json' });
    const wantsOrg = options.orgId !== undefined && operationId !== 'Organization_List';
    if (wantsOrg && h['x-org-id'] !== options.orgId) add({ operationId, rule: 'header', message: `x-org-id should be ${options.orgId}` });
    if (!wantsOrg && h['x-org-id'] !== undefined) add({ operationId, rule: 'header', message: 'x-org-id sent where it must not be' });

    // Body, strict.
    const bodyParam = op.parameters.find(p => p.in === 'body');
    if (entry.body !== undefined) {
      if (!(h['content-type'] ?? '').startsWith('application/json')) add({ operationId, rule: 'header', message: 'a body without Content-Type: application/json' });
      if (!bodyParam?.schema) add({ operationId, rule: 'body', message: 'sends a body the operation does not declare' });
      else {
        const validate = validator(specOf(op.spec), `${op.method} ${op.template} body`, bodyParam.schema, true);
        if (!validate(entry.body)) for (const e of validate.errors ?? []) add({ operationId, rule: 'body', pointer: e.instancePath, ...describeError(e) });
      }
    } else if (bodyParam?.required) add({ operationId, rule: 'body', message: 'the required body is missing' });

    // Response.
    if (entry.status !== undefined && entry.fault === undefined) {
      const spec = specOf(op.spec);
      const status = entry.status;
      if (status >= 200 && status < 300) {
        const declaredResponse = op.responses[String(status)];
        if (!declaredResponse) add({ operationId, rule: 'response', message: `status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})` });
        else if (declaredResponse.schema) {
          const validate = validator(spec, `${op.method} ${op.template} ${status}`, declaredResponse.schema, true);
          if (!validate(entry.responseBody)) for (const e of validate.errors ?? []) add({ operationId, rule: 'response', pointer: e.instancePath, ...describeError(e) });
        } else if (entry.responseBody !== undefined) add({ operationId, rule: 'response', message: `status ${status} declares no body but one was sent` });
      } else {
        const errorDef = spec.definitions.ErrorDetails ? 'ErrorDetails' : 'Error';
        const validate = validator(spec, `error ${errorDef}`, { $ref: `#/definitions/${errorDef}` }, false);
        if (!validate(entry.responseBody)) for (const e of validate.errors ?? []) add({ operationId, rule: 'response', pointer: e.instancePath, ...describeError(e) });
        if (typeof (entry.responseBody as { message?: unknown } | undefined)?.message !== 'string') add({ operationId, rule: 'response', message: 'an error body without a message' });
      }
      if (entry.responseBody !== undefined && !(entry.responseHeaders?.['content-type'] ?? '').startsWith('application/json')) {
        add({ operationId, rule: 'response', message: 'a body without Content-Type: application/json' });
      }
    }
    return out;
  }

  return { specs, operationFor, check };
}
