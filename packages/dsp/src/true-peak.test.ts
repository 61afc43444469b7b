import { describe, expect, it } from 'vitest';
import { TruePeakDetector } from './true-peak.ts';

const toDb = (x: number) => 20 * Math.log10(x);

/** True peak of a steady signal; the first 480 samples (overshoot of an unfaded onset) are discarded. */
function steadyTruePeak(sampleRate: number, x: Float32Array): number {
  const d = new TruePeakDetector(sampleRate, 1);
  d.process(0, x, 0, 480);
  return toDb(d.process(0, x, 480, x.length));
}

function sine(n: number, cyclesPerSample: number, phaseDeg: number, amplitude: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++)
    x[i] = amplitude * Math.sin(2 * Math.PI * cyclesPerSample * i + (phaseDeg * Math.PI) / 180);
  return x;
}

function noise(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = 2 * (s / 2 ** 32) - 1;
  }
  return x;
}

describe('TruePeakDetector', () => {
  it('oversamples 4× below 96 kHz and 2× from 96 kHz', () => {
    expect(new TruePeakDetector(44100, 1).factor).toBe(4);
    expect(new TruePeakDetector(48000, 1).factor).toBe(4);
    expect(new TruePeakDetector(88200, 1).factor).toBe(4);
    expect(new TruePeakDetector(96000, 1).factor).toBe(2);
    expect(new TruePeakDetector(192000, 1).factor).toBe(2);
  });

  it('reads an fs/4 sine at 45° within 0.05 dB of the libebur128 4× values', () => {
    // Tech 3341 cases 16 (−6.033 dBTP at −6 dB) and 19 (+2.951 dBTP at 1.4141) scaled to amplitude 1.
    const tp = steadyTruePeak(48000, sine(4800, 0.25, 45, 1));
    expect(Math.abs(tp - (-6.033 + 6))).toBeLessThan(0.05);
    expect(Math.abs(tp - (2.951 - toDb(1.4141)))).toBeLessThan(0.05);
    // The samples themselves sit 3 dB below the peak.
    expect(tp).toBeGreaterThan(-0.1);
  });

  it('reads a sine whose samples hit the peak as the sample peak', () => {
    const tp = steadyTruePeak(48000, sine(4800, 0.25, 0, 0.5));
    expect(tp).toBeCloseTo(toDb(0.5), 3);
  });

  it('finds the inter-sample peak at 2× too (96 kHz, fs/4 at 45°)', () => {
    const tp = steadyTruePeak(96000, sine(9600, 0.25, 45, 1));
    expect(tp).toBeGreaterThan(-0.1);
    expect(tp).toBeLessThanOrEqual(0);
  });

  it('gives identical results for any block split, channel by channel', () => {
    for (const fs of [48000, 96000]) {
      const x = [noise(5000, 3), noise(5000, 4)];
      // Per-sample maxima from one-sample blocks.
      const single = new TruePeakDetector(fs, 2);
      const perSample = x.map((ch, c) => Float64Array.from(ch, (_, i) => single.process(c, ch, i, i + 1)));
      const split = new TruePeakDetector(fs, 2);
      let rng = 11;
      for (let from = 0; from < 5000; ) {
        rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
        const to = Math.min(5000, from + (rng % 300));
        for (let c = 0; c < 2; c++) {
          let expected = 0;
          for (let i = from; i < to; i++) expected = Math.max(expected, perSample[c][i]);
          expect(split.process(c, x[c], from, to)).toBe(expected);
        }
        from = to;
      }
    }
  });

  it('skips only what cannot exceed the floor: a running maximum through it is exact', () => {
    // Bursts from −60 to 0 dBFS with Nyquist-rich noise (the worst case for the bound), odd block sizes.
    for (const sampleRate of [48000, 96000]) {
      const x = noise(96_000, 11);
      for (let i = 0; i < x.length; i++) x[i] *= 10 ** ((-3 * ((i >> 12) % 21)) / 20);
      const exact = new TruePeakDetector(sampleRate, 1);
      const skipping = new TruePeakDetector(sampleRate, 1);
      const told = new TruePeakDetector(sampleRate, 1);
      let exactMax = 0;
      let skippingMax = 0;
      let toldMax = 0;
      let skipped = 0;
      for (let from = 0, block = 1; from < x.length; block = (block * 7 + 3) % 613) {
        const to = Math.min(x.length, from + block + 1);
        exactMax = Math.max(exactMax, exact.process(0, x, from, to));
        skipping.floor[0] = skippingMax;
        const reading = skipping.process(0, x, from, to);
        if (reading === 0) skipped++;
        skippingMax = Math.max(skippingMax, reading);
        expect(skippingMax).toBe(exactMax);
        // Told the block's sample peak, it skips alike without looking for it.
        let inputPeak = 0;
        for (let i = from; i < to; i++) inputPeak = Math.max(inputPeak, Math.abs(x[i]));
        told.floor[0] = toldMax;
        told.inputPeak[0] = inputPeak;
        toldMax = Math.max(toldMax, told.process(0, x, from, to));
        expect(told.inputPeak[0]).toBe(-1);
        expect(toldMax).toBe(exactMax);
        from = to;
      }
      expect(skipped).toBeGreaterThan(100);
      // The history moved on exactly: unskipped, all read the same from here.
      const tail = noise(1000, 5);
      const reading = exact.process(0, tail, 0, 1000);
      expect(skipping.process(0, tail, 0, 1000)).toBe(reading);
      expect(told.process(0, tail, 0, 1000)).toBe(reading);
    }
  });

  it('treats NaN and Infinity as silence and recovers', () => {
    const d = new TruePeakDetector(48000, 1);
    const bad = new Float32Array([0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.25]);
    expect(d.process(0, bad, 0, bad.length)).toBeLessThan(1);
    // After the poisoned samples have left the 12-sample history, the reading is that of the sine alone.
    const x = sine(4800, 0.25, 45, 0.5);
    d.process(0, x, 0, 12);
    expect(toDb(d.process(0, x, 12, 4800))).toBeCloseTo(toDb(0.5) - 0.033, 2);
  });

  it('reset forgets the history', () => {
    const d = new TruePeakDetector(48000, 1);
    d.process(0, new Float32Array(20).fill(1), 0, 20);
    d.reset();
    expect(d.process(0, new Float32Array(20), 0, 20)).toBe(0);
  });

  it('rejects channels outside its range', () => {
    expect(() => new TruePeakDetector(48000, 2).process(2, new Float32Array(4), 0, 4)).toThrow(RangeError);
  });
});
