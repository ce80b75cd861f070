/** Deterministic randomness, so generated ids, probabilistic faults and test snapshots repeat run after run. */

/** mulberry32: a tiny, good-enough PRNG over a 32-bit seed; yields numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 24-hex ids shaped like MongoDB ObjectIds (a time prefix, then random), as JumpCloud's are. */
export function objectIdGenerator(random: () => number, now: () => number): () => string {
  return () => {
    const time = Math.floor(now() / 1000).toString(16).padStart(8, '0').slice(-8);
    let rest = '';
    while (rest.length < 16) rest += Math.floor(random() * 16).toString(16);
    return time + rest;
  };
}

export const OBJECT_ID = /^[0-9a-f]{24}$/;
