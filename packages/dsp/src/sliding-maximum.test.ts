import { describe, expect, it } from 'vitest';
import { SlidingMaximum } from './sliding-maximum.ts';

function random(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  });
}

describe('SlidingMaximum', () => {
  it('gives the maximum of the last `window` values, for any block split', () => {
    const x = random(5000, 1);
    for (const window of [1, 2, 17, 300]) {
      const expected = x.map((_, i) => Math.max(...x.subarray(Math.max(0, i - window + 1), i + 1)));
      for (const block of [1, 7, 128, 5000]) {
        const max = new SlidingMaximum(400, window);
        const out = new Float64Array(x.length);
        for (let from = 0; from < x.length; from += block)
          max.process(x, out, from, Math.min(x.length, from + block));
        expect(out).toEqual(expected);
      }
    }
  });

  it('handles a falling ramp (every value a candidate) and starts over after reset', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    const max = new SlidingMaximum(10, 10);
    const out = new Float64Array(100);
    max.process(x, out, 0, 100);
    expect(out[99]).toBe(10);
    max.reset();
    max.process(Float64Array.of(0.5), out, 0, 1);
    expect(out[0]).toBe(0.5);
  });

  it('rejects windows beyond its capacity', () => {
    expect(() => new SlidingMaximum(8, 9)).toThrow(RangeError);
    expect(() => new SlidingMaximum(0)).toThrow(RangeError);
  });

  it('skipZeros leaves exactly the state that processing the zeros would', () => {
    // Values, then a run of zeros longer than the window, then values again: one instance processes
    // the zeros, the other skips them; everything after must match bit for bit.
    const values = Float64Array.from({ length: 40 }, (_, i) => ((i * 7919) % 97) / 97);
    for (const run of [11, 12, 37, 200]) {
      const processed = new SlidingMaximum(16, 11);
      const skipped = new SlidingMaximum(16, 11);
      const out = new Float64Array(400);
      const other = new Float64Array(400);
      processed.process(values, out, 0, values.length);
      skipped.process(values, other, 0, values.length);
      const zeros = new Float64Array(run);
      processed.process(zeros, out, 0, 11);
      skipped.process(zeros, other, 0, 11);
      expect(skipped.isZero).toBe(true);
      processed.process(zeros, out, 0, run - 11);
      skipped.skipZeros(run - 11);
      processed.process(values, out, 0, values.length);
      skipped.process(values, other, 0, values.length);
      expect(other.subarray(0, values.length)).toEqual(out.subarray(0, values.length));
    }
    expect(() => {
      const busy = new SlidingMaximum(16, 11);
      busy.process(values, new Float64Array(40), 0, 40);
      busy.skipZeros(3);
    }).toThrow('non-zero');
  });
});
