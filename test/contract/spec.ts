import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Schema } from './swagger-schema';

/**
 * The vendored JumpCloud specs and their operations. The files are the SDK generator's Swagger 2.0 rewrite (api doc
 * §1): base paths end in a slash, error responses and `x-org-id` were removed, search pagination moved into the body.
 */

/** Found by walking up from the compiled file (out/test/contract), so any output folder works. */
function fixturesDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test/fixtures/jumpcloud-api');
    if (fs.existsSync(path.join(candidate, 'JumpCloud.SDK.V1.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('test/fixtures/jumpcloud-api not found above ' + __dirname);
  }
}

export const FIXTURES = fixturesDir();

/** Pinned: the contract only means something against the exact files reviewed. */
export const SPEC_FILES = {
  v1: { file: 'JumpCloud.SDK.V1.json', sha256: 'abd3e6df53ac7be8a40107395c4738a88a1bcbdf04983da516a6d1cce27a3afb', prefix: '/api' },
  v2: { file: 'JumpCloud.SDK.V2.json', sha256: 'db62e2c0a253c6a1b42ecbe07be20fca1b57fdc2a5a9860c6aab2e6ee7d6b346', prefix: '/api/v2' },
} as const;

export type SpecName = keyof typeof SPEC_FILES;

export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'body' | 'formData';
  readonly required?: boolean;
  readonly type?: string;
  readonly items?: Parameter;
  readonly collectionFormat?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly schema?: Schema;
}

export interface Operation {
  readonly spec: SpecName;
  readonly method: string;
  /** As in the spec, relative to the base path: `/systemusers/{id}`. */
  readonly template: string;
  readonly operationId: string;
  readonly parameters: readonly Parameter[];
  readonly responses: Readonly<Record<string, { schema?: Schema }>>;
  readonly pattern: RegExp;
  /** Literal segments; a literal beats a template parameter when both match. */
  readonly literals: number;
}

export interface LoadedSpec {
  readonly name: SpecName;
  readonly prefix: string;
  readonly definitions: Readonly<Record<string, Schema>>;
  readonly operations: readonly Operation[];
  /** Paths that exist only as stubs (no operations): calling them is undeclared. */
  readonly stubs: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function resolveParameter(p: Schema, shared: Readonly<Record<string, Schema>>): Parameter {
  if (typeof p.$ref === 'string') {
    const target = shared[p.$ref.replace(/^#\/parameters\//, '')];
    if (!target) throw new Error(`unresolved parameter ${p.$ref}`);
    return target as unknown as Parameter;
  }
  return p as unknown as Parameter;
}

export function loadSpec(name: SpecName): LoadedSpec {
  const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, SPEC_FILES[name].file), 'utf8')) as Schema;
  // Refreshing the vendored file to the upstream OpenAPI 3 version needs a loader change; fail loudly, not subtly.
  if (doc.swagger !== '2.0') throw new Error(`${SPEC_FILES[name].file}: expected Swagger 2.0, found ${String(doc.openapi ?? doc.swagger)}`);
  const shared = (doc.parameters ?? {}) as Record<string, Schema>;
  const operations: Operation[] = [];
  const stubs: string[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Schema>)) {
    const pathParams = ((item.parameters as Schema[] | undefined) ?? []).map(p => resolveParameter(p, shared));
    const methods = Object.keys(item).filter(k => METHODS.includes(k));
    if (!methods.length) stubs.push(template);
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map(s => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
    const literals = segments.filter(s => s && !s.startsWith('{')).length;
    for (const method of methods) {
      const op = item[method] as Schema;
      const own = ((op.parameters as Schema[] | undefined) ?? []).map(p => resolveParameter(p, shared));
      const parameters = [...pathParams.filter(p => !own.some(o => o.name === p.name && o.in === p.in)), ...own];
      operations.push({
        spec: name,
        method: method.toUpperCase(),
        template,
        operationId: String(op.operationId),
        parameters,
        responses: (op.responses ?? {}) as Operation['responses'],
        pattern,
        literals,
      });
    }
  }
  return { name, prefix: SPEC_FILES[name].prefix, definitions: doc.definitions as Record<string, Schema>, operations, stubs };
}
