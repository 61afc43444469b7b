import { describe, expect, it } from 'vitest';
import { dbToGain, gainToDb, lufsToPower, powerToLufs } from './decibels.ts';

describe('decibels', () => {
  it('converts between dB and gain', () => {
    expect(dbToGain(0)).toBe(1);
    expect(dbToGain(-6)).toBeCloseTo(0.501187, 6);
    expect(gainToDb(10)).toBe(20);
    expect(gainToDb(-0.5)).toBeCloseTo(-6.0206, 4);
    expect(gainToDb(0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('converts mean square to LUFS with the BS.1770 offset', () => {
    expect(powerToLufs(1)).toBe(-0.691);
    expect(powerToLufs(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(powerToLufs(lufsToPower(-23))).toBeCloseTo(-23, 12);
  });
});
