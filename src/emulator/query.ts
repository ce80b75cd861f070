import { badRequest } from './replies';

/**
 * The list semantics of the real API: paging (default 10, max 100), sorting, projections, and the three filter
 * languages (v1 `field:$op:value`, v2 `field:op:value`, the search endpoints' Mongo-like objects).
 */

export type Doc = Readonly<Record<string, unknown>>;

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

function integer(name: string, text: string | null, fallback: number, min: number): number {
  if (text === null || text === '') return fallback;
  if (!/^-?\d+$/.test(text)) throw badRequest(`Bad Request: request parameter "${name}" must be an integer`);
  const n = Number(text);
  if (n < min) throw badRequest(`Bad Request: request parameter "${name}" must be at least ${min}`);
  return n;
}

/** `limit` and `skip` of a GET list; a limit over the maximum is the observed 400. */
export function pageOf(query: URLSearchParams, max = MAX_LIMIT): { limit: number; skip: number } {
  const limit = integer('limit', query.get('limit'), DEFAULT_LIMIT, 0);
  if (limit > max) throw badRequest(`Bad Request: request parameter "limit" exceeds maximum value of ${max}`);
  return { limit: limit === 0 ? DEFAULT_LIMIT : limit, skip: integer('skip', query.get('skip'), 0, 0) };
}

export function paginate<T>(items: readonly T[], page: { limit: number; skip: number }): T[] {
  return items.slice(page.skip, page.skip + page.limit);
}

function valueAt(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Doc)[key] : undefined), doc);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Sorts by fields (`-field` descending); `separator` is a space for v1, a comma for v2. */
export function sortBy<T extends Doc>(items: readonly T[], spec: string | null, separator: RegExp): T[] {
  const keys = (spec ?? '').split(separator).map(s => s.trim()).filter(Boolean);
  if (!keys.length) return [...items];
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const desc = key.startsWith('-');
      const c = compare(valueAt(x, desc ? key.slice(1) : key), valueAt(y, desc ? key.slice(1) : key));
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
}

/** Keeps only the listed fields (and the id, which projections always return). */
export function project(doc: Doc, fields: string | null | undefined, separator: RegExp, idKey: string): Doc {
  const keys = (fields ?? '').split(separator).map(s => s.trim()).filter(Boolean);
  if (!keys.length) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([k]) => k === idKey || keys.includes(k)));
}

type Scalar = string | number | boolean | null;

function coerce(text: string, sample: unknown): Scalar {
  if (typeof sample === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (typeof sample === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (text === 'null') return null;
  return text;
}

const V1_OPS: Readonly<Record<string, (a: unknown, b: Scalar) => boolean>> = {
  $eq: (a, b) => a === b,
  $ne: (a, b) => a !== b,
  $gt: (a, b) => compare(a, b) > 0,
  $gte: (a, b) => compare(a, b) >= 0,
  $lt: (a, b) => compare(a, b) < 0,
  $lte: (a, b) => compare(a, b) <= 0,
};

/** v1 GET filters: `filter=field:$op:value` (repeated or `filter[n]` = AND, `filter[or][n]` = OR). Values are case-sensitive. */
export function v1Filter(query: URLSearchParams): (doc: Doc) => boolean {
  const all: string[] = [];
  const any: string[] = [];
  for (const [key, value] of query) {
    if (key === 'filter' || /^filter\[\d+\]$/.test(key)) all.push(value);
    else if (/^filter\[or\]\[\d+\]$/.test(key)) any.push(value);
  }
  const parse = (text: string) => {
    const m = /^([^:]+):(\$[a-z]+):(.*)$/s.exec(text);
    const op = m ? V1_OPS[m[2]] : undefined;
    if (!m || !op) throw badRequest(`Bad Request: invalid filter "${text}"`);
    const [, field, , raw] = m;
    return (doc: Doc) => op(valueAt(doc, field), coerce(raw, valueAt(doc, field)));
  };
  const ands = all.map(parse);
  const ors = any.map(parse);
  return doc => ands.every(f => f(doc)) && (ors.length === 0 || ors.some(f => f(doc)));
}

/** v2 filters: `field:op:value` with eq ne gt ge lt le in (values split on `|`) search (substring); repeated = AND. */
export function v2Filter(query: URLSearchParams): (doc: Doc) => boolean {
  const tests = query.getAll('filter').map(text => {
    const m = /^([^:]+):(eq|ne|gt|ge|lt|le|in|search):(.*)$/s.exec(text);
    if (!m) throw badRequest(`invalid filter "${text}"`);
    const [, field, op, raw] = m;
    return (doc: Doc) => {
      const actual = valueAt(doc, field);
      const want = coerce(raw, actual);
      switch (op) {
        case 'eq': return actual === want;
        case 'ne': return actual !== want;
        case 'gt': return compare(actual, want) > 0;
        case 'ge': return compare(actual, want) >= 0;
        case 'lt': return compare(actual, want) < 0;
        case 'le': return compare(actual, want) <= 0;
        case 'in': return raw.split('|').some(v => coerce(v, actual) === actual);
        default: return typeof actual === 'string' && actual.toLowerCase().includes(raw.toLowerCase());
      }
    };
  });
  return doc => tests.every(t => t(doc));
}

/** The longest `$regex` accepted. */
export const MAX_REGEX_LENGTH = 256;
/** Values are matched on at most this many characters (the API's longest strings are 1024). */
const MAX_MATCHED_LENGTH = 1024;
/** Unbounded quantifiers (`*`, `+`, `{n,}`) allowed in one pattern: each one more multiplies the worst-case backtracking by the value's length. */
const MAX_UNBOUNDED = 3;

/**
 * Why a pattern could take exponential time in a backtracking engine (the emulator has one thread, so one such
 * filter would stop it answering anyone), or undefined. Refused: a quantified group that contains a quantifier or an
 * alternation (`(a+)+`, `(a|aa)*`), backreferences, and patterns with more than MAX_UNBOUNDED unbounded quantifiers.
 * Real filters (`(?i)^name$`, `^jdoe`, `example\.com$`) pass.
 */
export function unsafeRegex(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `longer than ${MAX_REGEX_LENGTH} characters`;
  /** Per open group: whether it holds a quantifier or an alternation. */
  const groups: boolean[] = [];
  let unbounded = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'backreferences are not supported';
      i++;
      continue;
    }
    if (c === '[') {
      // A character class: skip to its end, escapes included.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      continue;
    }
    if (c === ')') {
      const risky = groups.pop() ?? false;
      if (risky && groups.length) groups[groups.length - 1] = true;
      // `?` repeats at most once, so only `*`, `+` and `{…}` after a risky group can blow up.
      const next = pattern[i + 1];
      if (risky && (next === '*' || next === '+' || next === '{')) return 'a repeated group that itself repeats or alternates (nested quantifiers)';
      continue;
    }
    if (c === '|') {
      if (groups.length) groups[groups.length - 1] = true;
      continue;
    }
    const quantifier = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (quantifier && i > 0 && pattern[i - 1] !== '(') {
      if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(pattern.slice(i)))) unbounded++;
      if (groups.length) groups[groups.length - 1] = true;
    }
  }
  if (unbounded > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded repetitions`;
  return undefined;
}

/** Compiles `$regex` values; a leading `(?i)` (PCRE inline flag, which JavaScript lacks) becomes the `i` flag. */
function regexOf(pattern: unknown): RegExp {
  if (typeof pattern !== 'string') throw badRequest('$regex must be a string');
  const insensitive = pattern.startsWith('(?i)');
  const source = insensitive ? pattern.slice(4) : pattern;
  const unsafe = unsafeRegex(source);
  if (unsafe) throw badRequest(`$regex refused by the local JumpCloud: ${unsafe}`);
  try {
    return new RegExp(source, insensitive ? 'i' : '');
  } catch {
    throw badRequest(`invalid $regex "${pattern}"`);
  }
}

/** Whether a value matches, looking at no more than MAX_MATCHED_LENGTH characters of it. */
function regexMatches(pattern: unknown, actual: string): boolean {
  return regexOf(pattern).test(actual.length > MAX_MATCHED_LENGTH ? actual.slice(0, MAX_MATCHED_LENGTH) : actual);
}

function matchCondition(actual: unknown, condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return Array.isArray(actual) ? actual.includes(condition) : actual === condition;
  }
  return Object.entries(condition as Doc).every(([op, arg]) => {
    switch (op) {
      case '$eq': return actual === arg;
      case '$ne': return actual !== arg;
      case '$in': return Array.isArray(arg) && arg.includes(actual);
      case '$nin': return Array.isArray(arg) && !arg.includes(actual);
      case '$gt': return compare(actual, arg) > 0;
      case '$gte': return compare(actual, arg) >= 0;
      case '$lt': return compare(actual, arg) < 0;
      case '$lte': return compare(actual, arg) <= 0;
      case '$exists': return (actual !== undefined) === Boolean(arg);
      case '$regex': return typeof actual === 'string' && regexMatches(arg, actual);
      default: throw badRequest(`unsupported operator ${op}`);
    }
  });
}

/**
 * The search endpoints' `filter`: `{and: [...]}`, `{or: [...]}`, or field conditions that must all hold. The array
 * form the spec's own example shows is refused, as the schema (`object`) demands.
 */
export function searchFilter(filter: unknown): (doc: Doc) => boolean {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw badRequest('filter must be an object');
  const f = filter as Doc;
  const parts = Object.entries(f).map(([key, value]): ((doc: Doc) => boolean) => {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw badRequest(`filter.${key} must be an array`);
      const subs = value.map(searchFilter);
      return key === 'and' ? doc => subs.every(s => s(doc)) : doc => subs.some(s => s(doc));
    }
    // Validate regexes now, so a bad pattern is a 400 even when nothing is stored.
    if (value && typeof value === 'object' && '$regex' in value) regexOf((value as Doc).$regex);
    return doc => matchCondition(valueAt(doc, key), value);
  });
  return doc => parts.every(p => p(doc));
}

/** `searchFilter: {searchTerm, fields}`: case-insensitive substring over the fields. */
export function searchTerm(spec: unknown): (doc: Doc) => boolean {
  if (spec === undefined || spec === null) return () => true;
  if (typeof spec !== 'object' || Array.isArray(spec)) throw badRequest('searchFilter must be an object');
  const { searchTerm: term, fields } = spec as { searchTerm?: unknown; fields?: unknown };
  const terms = (Array.isArray(term) ? term : [term]).filter((t): t is string => typeof t === 'string').map(t => t.toLowerCase());
  const keys = Array.isArray(fields) ? fields.filter((k): k is string => typeof k === 'string') : [];
  if (!terms.length) return () => true;
  return doc => keys.some(k => {
    const v = valueAt(doc, k);
    return typeof v === 'string' && terms.some(t => v.toLowerCase().includes(t));
  });
}
