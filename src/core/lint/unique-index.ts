/**
 * Finds repeated values, ignoring case and surrounding spaces, for the duplicate-value check. Hand-written rather
 * than a `Map` of lower-cased keys: on a 100k-row file that Map cost a lowered copy of every value plus the Map's own
 * growth, the largest share of lint time; this open-addressing table hashes the characters in place and allocates
 * one typed array.
 */
export class UniqueIndex<T> {
  private readonly slots: Int32Array;
  private readonly values: string[] = [];
  private readonly items: T[] = [];
  private readonly mask: number;

  /** `capacity`: how many values may be added (the table is sized for it; more are not indexed). */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Adds `value` unless an equal one is there; returns the item stored with the earlier equal value, if any. */
  addOrGet(value: string, item: T): T | undefined {
    let start = 0;
    let end = value.length;
    while (start < end && isSpace(value.charCodeAt(start))) start++;
    while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
    if (start === end) return undefined;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ lower(value.charCodeAt(i)), 0x01000193);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot];
      if (at === 0) {
        if (this.values.length * 2 >= this.slots.length) return undefined; // full: stop indexing rather than loop
        this.values.push(value);
        this.items.push(item);
        this.slots[slot] = this.values.length;
        return undefined;
      }
      if (sameIgnoringCase(this.values[at - 1], value, start, end)) return this.items[at - 1];
    }
  }
}

/** What String#trim removes: ASCII white space inline, the rest (U+00A0, U+3000…) through `\s`, which is that set. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** A character code in lower case: inline for ASCII, through toLowerCase only for the rare other letters. */
function lower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c | 32 : c;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

function sameIgnoringCase(stored: string, value: string, start: number, end: number): boolean {
  let s = 0;
  let e = stored.length;
  while (s < e && isSpace(stored.charCodeAt(s))) s++;
  while (e > s && isSpace(stored.charCodeAt(e - 1))) e--;
  if (e - s !== end - start) return false;
  for (let i = 0; i < end - start; i++) {
    const a = stored.charCodeAt(s + i);
    const b = value.charCodeAt(start + i);
    if (a !== b && lower(a) !== lower(b)) return false;
  }
  return true;
}
