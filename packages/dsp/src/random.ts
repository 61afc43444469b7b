// Seeded randomness: everything Lathe generates from a seed (test signals, the demo's song, fuzzing)
// must come out the same on every run and every engine, which Math.random does not.

/** Seeded uniform PRNG in [0, 1) (xorshift32); the same seed always gives the same sequence. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
