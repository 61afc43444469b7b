import { describe, expect, it } from 'vitest';
import { type BiquadCoefficients, biquadMagnitude, flushState, processBiquad } from './biquad.ts';
import { kWeightingCoefficients } from './k-weighting.ts';

function noise(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 2 ** 32 - 0.5;
  }
  return x;
}

describe('processBiquad', () => {
  const [shelf] = kWeightingCoefficients(48000);

  it('gives identical output for any block split', () => {
    const x = noise(20000, 1);
    const whole = new Float32Array(x.length);
    processBiquad(shelf, new Float64Array(2), 0, x, whole, 0, x.length);
    const split = new Float32Array(x.length);
    const state = new Float64Array(2);
    let rng = 7;
    for (let from = 0; from < x.length; ) {
      rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
      const to = Math.min(x.length, from + (rng % 700));
      processBiquad(shelf, state, 0, x, split, from, to);
      from = to;
    }
    expect(split).toEqual(whole);
  });

  it('matches its analytic magnitude on a steady sine', () => {
    const fs = 48000;
    const f = 3000;
    const x = new Float32Array(fs);
    for (let i = 0; i < fs; i++) x[i] = Math.sin((2 * Math.PI * f * i) / fs);
    processBiquad(shelf, new Float64Array(2), 0, x, x, 0, fs);
    // RMS over whole periods after settling: amplitude = √2 · RMS.
    let sum = 0;
    for (let i = fs / 2; i < fs; i++) sum += x[i] * x[i];
    expect(Math.sqrt((2 * sum) / (fs / 2))).toBeCloseTo(biquadMagnitude(shelf, f, fs), 5);
  });

  it('treats NaN and Infinity as silence and recovers', () => {
    const lowPass: BiquadCoefficients = { b0: 0.25, b1: 0.5, b2: 0.25, a1: -0.2, a2: 0.1 };
    const x = new Float32Array(400).fill(0.5);
    x[10] = Number.NaN;
    x[11] = Number.POSITIVE_INFINITY;
    x[12] = Number.NEGATIVE_INFINITY;
    const state = new Float64Array(2);
    const y = new Float32Array(400);
    processBiquad(lowPass, state, 0, x, y, 0, 200);
    processBiquad(lowPass, state, 0, x, y, 200, 400);
    expect(y.every(Number.isFinite)).toBe(true);
    // DC gain of the section is 1/(1 + a1 + a2) · (b0 + b1 + b2) = 1/0.9.
    expect(y[399]).toBeCloseTo(0.5 / 0.9, 6);
  });

  it('flushes tiny and non-finite state to zero at block ends', () => {
    expect(flushState(1e-30)).toBe(0);
    expect(flushState(-1e-30)).toBe(0);
    expect(flushState(Number.NaN)).toBe(0);
    expect(flushState(Number.POSITIVE_INFINITY)).toBe(0);
    expect(flushState(1e-20)).toBe(1e-20);
    const [, highPass] = kWeightingCoefficients(48000);
    const state = new Float64Array(2);
    const x = new Float32Array(48000);
    x[0] = 1;
    // Ten seconds of decay in 10 ms blocks: the state must end at exactly 0, never in denormals.
    for (let block = 0; block < 1000; block++) {
      processBiquad(highPass, state, 0, x, new Float32Array(480), 0, 480);
      x[0] = 0;
    }
    expect(state[0]).toBe(0);
    expect(state[1]).toBe(0);
  });
});
