import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { UniqueIndex, uniqueKey } from '../../../src/core/lint/unique-index';

describe('unique index', () => {
  it('finds the first of values equal ignoring case and surrounding spaces', () => {
    const index = new UniqueIndex();
    assert.equal(index.addOrGet('Ada', 1), -1);
    assert.equal(index.addOrGet(' ada ', 2), 1);
    assert.equal(index.addOrGet('ADA', 3), 1);
    assert.equal(index.addOrGet('José', 4), -1);
    assert.equal(index.addOrGet('JOSÉ', 5), 4);
    assert.equal(index.addOrGet('   ', 6), -1, 'blank values are never duplicates');
    assert.equal(index.addOrGet('   ', 7), -1);
  });

  it('agrees with a Map of trimmed lower-cased keys', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ \u00a0\u3000\u0001]?[a-cA-C0-9éÉ]{0,3}[ \u00a0\t]?$/), { maxLength: 60 }), values => {
        const index = new UniqueIndex();
        const map = new Map<string, number>();
        values.forEach((v, i) => {
          const key = v.trim().toLowerCase();
          const expected = (key ? map.get(key) : undefined) ?? -1;
          if (key && expected === -1) map.set(key, i);
          assert.equal(index.addOrGet(v, i), expected, JSON.stringify(values.slice(0, i + 1)));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('gives equal keys exactly to the values it finds equal (the incremental lint keys its maps by them)', () => {
    const value = fc.stringMatching(/^[ \u00a0\u3000\u0001]?[a-cA-C0-9éÉİıſK\u212a]{0,3}[ \u00a0\t]?$/);
    fc.assert(
      fc.property(value, value, (a, b) => {
        const index = new UniqueIndex();
        index.addOrGet(a, 1);
        const same = index.addOrGet(b, 2) === 1;
        assert.equal(same, uniqueKey(a) !== '' && uniqueKey(a) === uniqueKey(b), JSON.stringify([a, b]));
      }),
      { numRuns: 2000 },
    );
  });

  it('grows past any initial size', () => {
    const index = new UniqueIndex();
    for (let i = 0; i < 5000; i++) assert.equal(index.addOrGet(`user${i}`, i), -1);
    for (let i = 0; i < 5000; i += 499) assert.equal(index.addOrGet(`USER${i} `, 9999), i);
  });
});
