import { describe, expect, it } from 'vitest';
import { fastExp } from './fast-math.ts';

/** Deterministic uniform numbers in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The spacing of doubles at y (y positive and normal). */
const ulp = (y: number) => 2 ** (Math.floor(Math.log2(y)) - 52);

function* exponents(): Generator<number> {
  const random = uniform(1);
  for (let i = 0; i < 300_000; i++) yield -708 + 1417 * random();
  // The compressor's gains: −250…+50 dB, in nepers.
  for (let i = 0; i < 300_000; i++) yield (-250 + 300 * random()) * (Math.LN10 / 20);
  for (let i = 0; i < 100_000; i++) yield (random() - 0.5) * 1e-6;
  // Where the reduction changes table entry or power of two.
  for (let k = -32 * 40; k <= 32 * 40; k++)
    for (const d of [-1e-12, 0, 1e-12]) yield (k + 0.5) * (Math.LN2 / 32) + d;
  for (const x of [-708, 709, -1, 1, Math.LN2, -Math.LN2, 1e-300, -1e-300]) yield x;
}

describe('fastExp', () => {
  it('is within an ulp of Math.exp from −708 to 709', () => {
    let worst = 0;
    let worstAt = 0;
    for (const x of exponents()) {
      const exact = Math.exp(x);
      const error = Math.abs(fastExp(x) - exact) / ulp(exact);
      if (error > worst) {
        worst = error;
        worstAt = x;
      }
    }
    expect(worst, `at ${worstAt}`).toBeLessThanOrEqual(1);
  });

  it('is exactly 1 at 0 (a 0 dB gain changes nothing)', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
  });
});
