/**
 * Finds repeated values, ignoring case and surrounding spaces, for the duplicate-value check. Hand-written rather
 * than a `Map` of lower-cased keys: on a 100k-row file that Map cost a lowered copy of every value plus the Map's own
 * growth, the largest share of lint time; this open-addressing table hashes the characters in place and allocates
 * one typed array.
 */
export class UniqueIndex {
  private slots = new Int32Array(64);
  private readonly values: string[] = [];
  /** Per value: the caller's number for it, and its hash, in typed arrays the collector never traces. */
  private items = new Int32Array(32);
  private hashes = new Int32Array(32);

  /** Adds `value` with the caller's `item` number unless an equal one is there; returns the earlier one's item, or -1. */
  addOrGet(value: string, item: number): number {
    let start = 0;
    let end = value.length;
    while (start < end && isSpace(value.charCodeAt(start))) start++;
    while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
    if (start === end) return -1;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ lower(value.charCodeAt(i)), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot];
      if (at === 0) {
        const n = this.values.length;
        if (n === this.items.length) this.widen();
        this.values.push(value);
        this.items[n] = item;
        this.hashes[n] = hash;
        this.slots[slot] = n + 1;
        if ((n + 1) * 2 > this.slots.length) this.grow();
        return -1;
      }
      if (this.hashes[at - 1] === hash && sameIgnoringCase(this.values[at - 1], value, start, end)) return this.items[at - 1];
    }
  }

  /** Doubles the per-value arrays. */
  private widen(): void {
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.items = items;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Doubles the table (kept at most half full, so probes stay short); the stored hashes place every value again. */
  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.values.length; i++) {
      let slot = this.hashes[i] & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = i + 1;
    }
  }
}

/**
 * The value as UniqueIndex compares it: surrounding spaces dropped, each character lower-cased alone. Two values
 * are equal to the index exactly when their keys are (the incremental lint keys its maps by it).
 */
export function uniqueKey(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpace(value.charCodeAt(start))) start++;
  while (end > start && isSpace(value.charCodeAt(end - 1))) end--;
  let key = '';
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (lower(c) !== c) {
      plain = false;
      break;
    }
  }
  if (plain) return value.slice(start, end);
  for (let i = start; i < end; i++) key += String.fromCharCode(lower(value.charCodeAt(i)));
  return key;
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
