// EBU Tech 3341 (v4) conformance: every synthesizable case. Each reading must be within the EBU
// tolerance of the expected value AND within 0.02 LU of what a correct meter reads (loudness.md,
// "exact"); true peaks within 0.05 dB of a 4× (49-tap Hann sinc) meter.

import { tech3341Signals } from '@lathe/dsp/test-signals';
import { describe, expect, it } from 'vitest';
import { createLoudnessReadings, LoudnessEngine, type LoudnessReadings } from './engine.ts';

const EXACT_TOLERANCE = 0.02;

/** Runs `signal` through `engine` in blocks, calling `each` with fresh readings after every block. */
function run(
  engine: LoudnessEngine,
  signal: Float32Array[],
  block: number,
  each?: (r: LoudnessReadings, end: number) => void,
): LoudnessReadings {
  const r = createLoudnessReadings();
  const n = signal[0].length;
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block);
    engine.process(signal, from, to);
    if (each) {
      engine.read(r);
      each(r, to);
    }
  }
  engine.read(r);
  return r;
}

function expectLoudness(measured: number, expected: number, exact: number, tolerance = 0.1): void {
  expect(Math.abs(measured - expected)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(measured - exact)).toBeLessThanOrEqual(EXACT_TOLERANCE);
}

/** True-peak cases: EBU tolerance +0.2/−0.4 dB around the expected value, 0.05 dB around the 4× value. */
function expectTruePeak(measured: number, expected: number, fourTimes: number): void {
  expect(measured - expected).toBeLessThanOrEqual(0.2);
  expect(measured - expected).toBeGreaterThanOrEqual(-0.4);
  expect(Math.abs(measured - fourTimes)).toBeLessThanOrEqual(0.05);
}

describe.each([48000, 44100])('EBU Tech 3341 at %i Hz', (fs) => {
  const subBlock = fs / 100;
  const one = (n: number) => tech3341Signals(n, fs)[0];

  it.each([
    [1, -23, -22.993],
    [2, -33, -32.993],
  ])('case %i: steady stereo tone, M, S and I', (n, expected, exact) => {
    const engine = new LoudnessEngine(fs, 2);
    const r = run(engine, one(n), 1000);
    for (const v of [r.momentary, r.shortTerm, r.integrated, r.momentaryMax, r.shortTermMax]) {
      expectLoudness(v, expected, exact);
    }
  });

  it.each([
    [3, -23.014],
    [4, -23.014],
    [5, -22.979],
    [6, -23.016],
  ])('case %i: integrated loudness', (n, exact) => {
    const signal = one(n);
    const r = run(new LoudnessEngine(fs, signal.length), signal, 777);
    expectLoudness(r.integrated, -23, exact);
  });

  it('case 9: short-term −23 and constant after 3 s', () => {
    let checked = 0;
    run(new LoudnessEngine(fs, 2), one(9), subBlock, (r, end) => {
      if (end < 3 * fs) return;
      expectLoudness(r.shortTerm, -23, -22.986);
      checked++;
    });
    expect(checked).toBe(1201);
  });

  it('case 10: max short-term −23 for each of the 20 signals (reset between)', () => {
    const engine = new LoudnessEngine(fs, 2);
    for (const signal of tech3341Signals(10, fs)) {
      engine.reset();
      expectLoudness(run(engine, signal, 1024).shortTermMax, -23, -22.993);
    }
  });

  it('case 11: successive max short-term −38 … −19', () => {
    const engine = new LoudnessEngine(fs, 2);
    const signal = one(11);
    const section = 6 * fs;
    for (let i = 0; i < 20; i++) {
      engine.process(signal, i * section, (i + 1) * section);
      const r = createLoudnessReadings();
      engine.read(r);
      expectLoudness(r.shortTermMax, -38 + i, -37.993 + i);
    }
  });

  it('case 12: momentary −23 and constant after 1 s', () => {
    let checked = 0;
    run(new LoudnessEngine(fs, 2), one(12), subBlock, (r, end) => {
      if (end < fs) return;
      expectLoudness(r.momentary, -23, -22.96);
      checked++;
    });
    expect(checked).toBe(901);
  });

  it('case 13: max momentary −23 for each of the 20 signals (reset between)', () => {
    const engine = new LoudnessEngine(fs, 2);
    for (const signal of tech3341Signals(13, fs)) {
      engine.reset();
      expectLoudness(run(engine, signal, 333).momentaryMax, -23, -22.994);
    }
  });

  it('case 14: successive max momentary −38 … −19', () => {
    const engine = new LoudnessEngine(fs, 2);
    const signal = one(14);
    const section = 0.8 * fs;
    for (let i = 0; i < 20; i++) {
      engine.process(signal, i * section, (i + 1) * section);
      const r = createLoudnessReadings();
      engine.read(r);
      expectLoudness(r.momentaryMax, -38 + i, -37.99 + i);
    }
  });
});

describe('EBU Tech 3341 true peak at 48 kHz', () => {
  const truePeak = (n: number) => run(new LoudnessEngine(48000, 2), tech3341Signals(n, 48000)[0], 512);

  it.each([
    [15, -6, -6.0],
    [16, -6, -6.033],
    [17, -6, -5.985],
    [18, -6, -5.998],
    // loudness.md gives +2.951 here; a 49-tap Hann 4× meter (and libebur128 itself) reads +2.976,
    // the +6.0 dB rescaling of case 16, which is inside both tolerances.
    [19, 3, 2.951],
  ])('case %i: true peak', (n, expected, fourTimes) => {
    expectTruePeak(truePeak(n).truePeak, expected, fourTimes);
  });

  it.each([
    [20, -0.13, 0.985],
    [21, -0.085, 0.948],
    [22, -0.181, 0.75],
    [23, -0.085, 0.948],
  ])('case %i: inter-sample burst, true peak 0 dBTP', (n, fourTimes, samplePeak) => {
    const r = truePeak(n);
    expectTruePeak(r.truePeak, 0, fourTimes);
    // The synthesis itself: the sample peaks loudness.md lists.
    expect(10 ** (r.samplePeak / 20)).toBeCloseTo(samplePeak, 3);
  });
});
