/**
 * Exact, case-insensitive lookups through `POST /api/search/systemusers`. The v1 GET filter (`username:$eq:x`) is
 * case-sensitive, so the doc's recommendation is an anchored `(?i)` regex over the escaped value. The escape covers
 * every metacharacter of PCRE and JavaScript (without the `u` flag), so `a.b` cannot match `axb`; callers still
 * compare the results exactly, so a regex dialect difference can only cost a miss, never a wrong match.
 */

const REGEX_META = /[\\^$.|?*+()[\]{}]/g;

export function escapeRegex(value: string): string {
  return value.replace(REGEX_META, '\\$&');
}

/** `{"field": {"$regex": "(?i)^value$"}}`, the search filter for one exact case-insensitive value. */
export function exactMatch(field: string, value: string): Record<string, { $regex: string }> {
  return { [field]: { $regex: `(?i)^${escapeRegex(value)}$` } };
}

/** The search body: the object form `{filter: {and: [...]}}` (the array form fails the spec's `object` type). */
export function searchBody(conditions: readonly Record<string, unknown>[], page: { limit: number; skip: number }, fields?: readonly string[], join: 'and' | 'or' = 'and') {
  return {
    filter: { [join]: conditions },
    ...(fields?.length ? { fields: fields.join(' ') } : {}),
    limit: page.limit,
    skip: page.skip,
  };
}

export function sameText(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}
