/**
 * Paging. Every list call sends an explicit `limit` (the API's default is 10, which silently truncates) of at most
 * 100 (larger is a 400), and pages until a short page or the reported total.
 */

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  readonly items: readonly T[];
  /** The total the API reports (`totalCount` in v1 bodies, `x-total-count` in v2 headers), when it does. */
  readonly total?: number;
}

export async function collectPages<T>(pageSize: number, fetchPage: (limit: number, skip: number) => Promise<Page<T>>): Promise<T[]> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(pageSize)));
  const all: T[] = [];
  for (let skip = 0; ; skip += limit) {
    const page = await fetchPage(limit, skip);
    all.push(...page.items);
    if (page.items.length < limit) return all;
    if (page.total !== undefined && skip + limit >= page.total) return all;
  }
}

/** Reads `x-total-count`; undefined when absent or not a number. */
export function totalFromHeader(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}
