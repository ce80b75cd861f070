/**
 * The last index `i` in [0, count) whose key is at or before `value`, keys ascending (-1 when none is): the one
 * binary search behind offsets → lines, offsets → chunks and offsets → rows.
 */
export function lastAtOrBefore(count: number, key: (i: number) => number, value: number): number {
  let low = -1;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (key(mid) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
