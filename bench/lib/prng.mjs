/**
 * Seeded PRNG so every case sees the identical input sequence, run after run.
 * mulberry32: tiny, fast, good enough for picking ids and ages (not for crypto).
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi] from a PRNG. */
export function randInt(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** The seed shared by setup and all workloads; changing it changes every dataset and input. */
export const SEED = 20250101;
