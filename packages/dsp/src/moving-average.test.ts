import { describe, expect, it } from 'vitest';
import { MovingAverage } from './moving-average.ts';

describe('MovingAverage', () => {
  it('averages the last `length` values (zeros before the first), for any block split', () => {
    const x = Float64Array.from({ length: 3000 }, (_, i) => Math.sin(i * 0.37) ** 2);
    const length = 37;
    const expected = x.map((_, i) => {
      let sum = 0;
      for (let k = Math.max(0, i - length + 1); k <= i; k++) sum += x[k];
      return sum / length;
    });
    for (const block of [1, 7, 128, 3000]) {
      const average = new MovingAverage(64, length);
      const out = new Float64Array(x.length);
      for (let from = 0; from < x.length; from += block)
        average.process(x, out, from, Math.min(x.length, from + block));
      for (let i = 0; i < x.length; i++) expect(out[i]).toBeCloseTo(expected[i], 14);
    }
  });

  it('returns exact zeros once a window of zeros has passed, whatever came before', () => {
    const average = new MovingAverage(16, 13);
    const x = new Float64Array(1000);
    for (let i = 0; i < 500; i++) x[i] = 0.1 + (i % 7) * 0.0123456789;
    const out = new Float64Array(1000);
    average.process(x, out, 0, 1000);
    expect(out.subarray(500 + 13).every((v) => v === 0)).toBe(true);
  });

  it('cannot drift: a constant stays within rounding of itself over a long run', () => {
    const average = new MovingAverage(100, 100);
    const x = new Float64Array(100_000).fill(0.3);
    const out = new Float64Array(x.length);
    // Interleave other values first so the running sum has had rounding to accumulate.
    average.process(
      Float64Array.from({ length: 777 }, (_, i) => (i * 0.618) % 1),
      out,
      0,
      777,
    );
    average.process(x, out, 0, x.length);
    expect(Math.abs(out[x.length - 1] - 0.3)).toBeLessThan(1e-15);
  });

  it('skipZeros leaves exactly the state that processing the zeros would', () => {
    // Values, then a run of zeros longer than the window, then values again: one instance processes
    // the zeros, the other skips them; everything after must match bit for bit.
    const values = Float64Array.from({ length: 40 }, (_, i) => ((i * 7919) % 97) / 97);
    for (const run of [11, 12, 37, 200]) {
      const processed = new MovingAverage(16, 11);
      const skipped = new MovingAverage(16, 11);
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
      const busy = new MovingAverage(16, 11);
      busy.process(values, new Float64Array(40), 0, 40);
      busy.skipZeros(3);
    }).toThrow('non-zero');
  });
});
