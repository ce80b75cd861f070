import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBytes } from '../../../src/core/csv';
import { firstInvalidUtf16, firstInvalidUtf8 } from '../../../src/core/csv/decode';

const fatal = (encoding: string, bytes: Uint8Array) => {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Bytes near UTF-8's edges: ASCII, continuation bytes, lead bytes of every length, and the invalid ones. */
const utf8ish = fc
  .array(fc.constantFrom(0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff), { maxLength: 24 })
  .map(a => Uint8Array.from(a));

describe('decodeBytes', () => {
  it('finds an invalid UTF-8 byte exactly when a fatal TextDecoder fails, and everything before it is valid', () => {
    fc.assert(
      fc.property(fc.oneof(utf8ish, fc.uint8Array({ maxLength: 24 })), bytes => {
        const bad = firstInvalidUtf8(bytes);
        assert.equal(bad < 0, fatal('utf-8', bytes));
        if (bad >= 0) assert.ok(fatal('utf-8', bytes.subarray(0, bad)));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds an unpaired surrogate or an odd byte in UTF-16 exactly when a fatal TextDecoder fails', () => {
    const units = fc.array(fc.constantFrom(0x0041, 0x00e9, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfeff), { maxLength: 12 });
    fc.assert(
      fc.property(units, fc.boolean(), fc.boolean(), (us, littleEndian, odd) => {
        const bytes = Buffer.alloc(us.length * 2 + (odd ? 1 : 0));
        us.forEach((u, i) => (littleEndian ? bytes.writeUInt16LE(u, i * 2) : bytes.writeUInt16BE(u, i * 2)));
        assert.equal(firstInvalidUtf16(bytes, littleEndian) < 0, fatal(littleEndian ? 'utf-16le' : 'utf-16be', bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a BOM as U+FEFF and points at the U+FFFD of the first bad byte', () => {
    assert.deepEqual(decodeBytes(Buffer.from('\uFEFFa,b\n')), { text: '\uFEFFa,b\n', encoding: 'utf-8' });
    assert.deepEqual(decodeBytes(Buffer.from([0xe2, 0x82, 0xac, 0x61, 0xc3, 0x28])), {
      text: '€a\uFFFD(',
      encoding: 'utf-8',
      invalid: { byte: 4, value: 0xc3, offset: 2 },
    });
    assert.deepEqual(decodeBytes(Buffer.from([0xfe, 0xff, 0x00, 0x61])), { text: '\uFEFFa', encoding: 'utf-16be' });
  });
});
