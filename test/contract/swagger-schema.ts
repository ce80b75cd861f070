/**
 * Turns Swagger 2.0 schemas into self-contained JSON Schemas for Ajv: `$ref`s inlined (cycles cut to `{}`), draft-04
 * leftovers and vendor keys removed, `x-nullable` made explicit. In strict mode every object schema also gets
 * `additionalProperties: false` unless the spec marks it free-form (`additionalProperties: true`, e.g.
 * `GraphAttributes` and the search `filter`) — and `allOf` branches are merged first, because closing each branch on
 * its own would reject the other branches' properties.
 */

export type Schema = Record<string, unknown>;

const DROP = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'title', 'description', 'default']);
const FORMATS_KEPT = new Set(['date-time']);

function isObject(v: unknown): v is Schema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Inlines `#/definitions/...` references and cleans keys. */
export function inline(schema: unknown, definitions: Readonly<Record<string, Schema>>, stack: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map(s => inline(s, definitions, stack));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.replace(/^#\/definitions\//, ''));
    if (stack.includes(name)) return {};
    const target = definitions[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    const rest = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref'));
    const resolved = inline(target, definitions, [...stack, name]) as Schema;
    return Object.keys(rest).length ? { ...resolved, ...(inline(rest, definitions, stack) as Schema) } : resolved;
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROP.has(key) || (key.startsWith('x-') && key !== 'x-nullable')) continue;
    if (key === 'format' && !FORMATS_KEPT.has(String(value))) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, inline(s, definitions, stack)]));
      continue;
    }
    out[key] = inline(value, definitions, stack);
  }
  // draft-04 boolean exclusiveMinimum/Maximum → draft-07 numbers.
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  if (out['x-nullable'] === true) {
    delete out['x-nullable'];
    if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out['x-nullable'];
  return out;
}

const isObjectSchema = (s: Schema) => s.type === 'object' || isObject(s.properties) || Array.isArray(s.allOf);

/** Merges `allOf` of object schemas into one, so strictness can apply to the union of their properties. */
function mergeAllOf(schema: Schema): Schema {
  const branches = (schema.allOf as unknown[]).map(b => (isObject(b) && Array.isArray(b.allOf) ? mergeAllOf(b) : b)) as Schema[];
  if (!branches.every(b => isObject(b) && isObjectSchema(b))) return schema;
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let open = false;
  for (const branch of [...branches, Object.fromEntries(Object.entries(schema).filter(([k]) => k !== 'allOf'))]) {
    for (const [name, sub] of Object.entries((branch.properties as Schema | undefined) ?? {})) {
      properties[name] = name in properties ? { allOf: [properties[name], sub] } : sub;
    }
    for (const r of (branch.required as string[] | undefined) ?? []) required.add(r);
    if (branch.additionalProperties === true || isObject(branch.additionalProperties)) open = true;
  }
  return { type: 'object', properties, ...(required.size ? { required: [...required] } : {}), ...(open ? { additionalProperties: true } : {}) };
}

/** Closes every object schema that the spec does not declare free-form. */
export function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!isObject(schema)) return schema;
  let s: Schema = schema;
  if (Array.isArray(s.allOf)) s = mergeAllOf(s);
  const out: Schema = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' && isObject(value)) out.properties = Object.fromEntries(Object.entries(value).map(([p, sub]) => [p, strict(sub)]));
    else if (key === 'additionalProperties' && isObject(value)) out.additionalProperties = strict(value);
    else out[key] = strict(value);
  }
  if (isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
