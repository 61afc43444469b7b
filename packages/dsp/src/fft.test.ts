import { describe, expect, it } from 'vitest';
import { Fft, hannWindow } from './fft.ts';

describe('Fft', () => {
  it('matches a direct DFT', () => {
    const n = 64;
    const fft = new Fft(n);
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      re[i] = Math.sin(i * 0.37) + 0.25 * Math.cos(i * 1.9);
      im[i] = 0.5 * Math.sin(i * 2.3);
    }
    const expected = Array.from({ length: n }, (_, k) => {
      let sr = 0;
      let si = 0;
      for (let i = 0; i < n; i++) {
        const angle = (-2 * Math.PI * k * i) / n;
        sr += re[i] * Math.cos(angle) - im[i] * Math.sin(angle);
        si += re[i] * Math.sin(angle) + im[i] * Math.cos(angle);
      }
      return [sr, si];
    });
    fft.forward(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(expected[k][0], 10);
      expect(im[k]).toBeCloseTo(expected[k][1], 10);
    }
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Fft(1000)).toThrow(RangeError);
  });

  it('builds the periodic Hann window', () => {
    const w = hannWindow(8);
    expect(w[0]).toBe(0);
    expect(w[4]).toBeCloseTo(1, 15);
    expect(w[2]).toBeCloseTo(0.5, 15);
  });
});
