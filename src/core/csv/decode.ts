/**
 * Bytes to text, as an editor opens a CSV file: UTF-8 (with or without a BOM), or UTF-16 LE/BE when the file starts
 * with that byte order mark (what Excel saves as "Unicode Text"). A BOM is kept in the text as U+FEFF, so offsets
 * match the reader's (which skips it) and the dialect records it. Bytes that are not valid in the encoding become
 * U+FFFD, and the first one is reported, so a CLI never lints garbage silently.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: Encoding;
  /** The first bytes that are not valid in the encoding, when some are. */
  readonly invalid?: {
    /** Offset of the first bad byte in the file (0-based). */
    readonly byte: number;
    /** The bad byte itself. */
    readonly value: number;
    /** Offset in `text` of the U+FFFD it became. */
    readonly offset: number;
  };
}

export const ENCODING_NAMES: Readonly<Record<Encoding, string>> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

function encodingOf(bytes: Uint8Array): Encoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (an overlong form, a surrogate, past U+10FFFF, cut off). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // past U+10FFFF
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Offset of the first byte of an unpaired surrogate or of a trailing odd byte, in UTF-16 after its BOM. */
export function firstInvalidUtf16(bytes: Uint8Array, littleEndian: boolean): number {
  const unit = (i: number) => (littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  const n = bytes.length - (bytes.length % 2);
  for (let i = 0; i < n; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 2 < n) {
        const next = unit(i + 2);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i += 2;
          continue;
        }
      }
      return i;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return n < bytes.length ? n : -1;
}

/** Decodes a file's bytes; never throws. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const encoding = encodingOf(bytes);
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), encoding };
  } catch {
    // Only invalid files pay for the second pass that finds where.
    const bad = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : firstInvalidUtf16(bytes, encoding === 'utf-16le');
    const lenient = new TextDecoder(encoding, { ignoreBOM: true });
    const text = lenient.decode(bytes);
    if (bad < 0) return { text, encoding };
    const offset = lenient.decode(bytes.subarray(0, bad)).length;
    return { text, encoding, invalid: { byte: bad, value: bytes[bad], offset } };
  }
}
