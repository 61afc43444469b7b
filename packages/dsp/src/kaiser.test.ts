import { describe, expect, it } from 'vitest';
import { besselI0, kaiser, sinc } from './kaiser.ts';

describe('Kaiser window and sinc', () => {
  it('computes I0 (reference values from Abramowitz & Stegun table 9.8)', () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 14);
    expect(besselI0(10)).toBeCloseTo(2815.716628466254, 8);
  });

  it('is 1 at the centre, 1/I0(β) at the edges and 0 outside', () => {
    expect(kaiser(0, 8)).toBe(1);
    expect(kaiser(1, 8)).toBeCloseTo(1 / besselI0(8), 15);
    expect(kaiser(-1, 8)).toBeCloseTo(1 / besselI0(8), 15);
    expect(kaiser(1.01, 8)).toBe(0);
  });

  it('has sinc(0) = 1 and zeros at the other integers', () => {
    expect(sinc(0)).toBe(1);
    for (const k of [1, -2, 7]) expect(Math.abs(sinc(k))).toBeLessThan(1e-15);
    expect(sinc(0.5)).toBeCloseTo(2 / Math.PI, 15);
  });
});
