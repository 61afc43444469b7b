// EBU Tech 3342 (v4) loudness range, cases 1–4: within ±1 LU (the EBU tolerance) and within 0.02 LU
// of the nominal values, at 48 and 44.1 kHz; the result must not change if the signal is repeated.

import { concatenate, tech3342Signal } from '@lathe/dsp/test-signals';
import { describe, expect, it } from 'vitest';
import { createLoudnessReadings, LoudnessEngine } from './engine.ts';

function loudnessRange(signal: Float32Array[], fs: number): number {
  const engine = new LoudnessEngine(fs, 2);
  const n = signal[0].length;
  for (let from = 0; from < n; from += 4096) engine.process(signal, from, Math.min(n, from + 4096));
  const r = createLoudnessReadings();
  engine.read(r);
  return r.loudnessRange;
}

describe.each([48000, 44100])('EBU Tech 3342 at %i Hz', (fs) => {
  it.each([
    [1, 10],
    [2, 5],
    [3, 20],
    [4, 15],
  ])('case %i: LRA %i LU', (n, nominal) => {
    const lra = loudnessRange(tech3342Signal(n, fs), fs);
    expect(Math.abs(lra - nominal)).toBeLessThanOrEqual(1);
    expect(Math.abs(lra - nominal)).toBeLessThanOrEqual(0.02);
  });
});

describe('EBU Tech 3342: repetition', () => {
  it.each([1, 4])('case %i repeated twice reads the same LRA', (n) => {
    const signal = tech3342Signal(n, 48000);
    const once = loudnessRange(signal, 48000);
    expect(Math.abs(loudnessRange(concatenate([signal, signal]), 48000) - once)).toBeLessThanOrEqual(0.02);
  });
});
