import { Fft, hannWindow } from '@lathe/dsp';
import { describe, expect, it } from 'vitest';
import { quantize, TpdfDither } from './dither.ts';

describe('TpdfDither', () => {
  it('is triangular on (−1, 1) LSB: mean 0, variance 1/6, histogram 1 − |d|', () => {
    const n = 1_000_000;
    const dither = new TpdfDither(7);
    const bins = new Float64Array(20); // 0.1 LSB wide over (−1, 1)
    let sum = 0;
    let sumSquares = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const d = dither.next();
      largest = Math.max(largest, Math.abs(d));
      sum += d;
      sumSquares += d * d;
      bins[Math.floor((d + 1) * 10)]++;
    }
    const mean = sum / n;
    const variance = sumSquares / n - mean * mean;
    let worst = 0;
    bins.forEach((count, b) => {
      // ∫ (1 − |d|) dd over the bin
      const lo = b / 10 - 1;
      const hi = lo + 0.1;
      const cdf = (x: number) => (x < 0 ? (1 + x) ** 2 / 2 : 1 - (1 - x) ** 2 / 2);
      const expected = (cdf(hi) - cdf(lo)) * n;
      worst = Math.max(worst, Math.abs(count - expected) / expected);
    });
    console.log(
      `TPDF: mean ${mean.toExponential(2)}, variance ${variance.toFixed(5)} (1/6 = 0.16667), ` +
        `worst histogram bin ${(100 * worst).toFixed(2)} % off the triangle`,
    );
    expect(largest).toBeLessThan(1);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(variance).toBeCloseTo(1 / 6, 3);
    expect(worst).toBeLessThan(0.03);
  });

  it('gives the same sequence for the same seed, another for another', () => {
    const take = (seed: number) =>
      Array.from(
        { length: 8 },
        (
          (d) => () =>
            d.next()
        )(new TpdfDither(seed)),
      );
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(() => new TpdfDither(1.5)).toThrow(/dither seed: expected an integer/);
  });
});

describe('quantize: error statistics against the TPDF theory', () => {
  for (const bits of [16, 24] as const) {
    it(`${bits}-bit: error mean 0, variance 1/4 LSB² whatever the signal, uncorrelated with it`, () => {
      const scale = 2 ** (bits - 1);
      const n = 500_000;
      // A slow ramp through 200 LSB: every position between two steps is visited evenly.
      const x = new Float32Array(n);
      for (let i = 0; i < n; i++) x[i] = ((i / n) * 200 - 100 + 0.1234) / scale;
      const stats = (dither: boolean) => {
        const q = quantize([x], bits, { dither, seed: 99 }).channels[0];
        // Conditional moments on where the input sits between two steps (10 bins of 0.1 LSB).
        const count = new Float64Array(10);
        const sum = new Float64Array(10);
        const sumSquares = new Float64Array(10);
        let total = 0;
        let totalSquares = 0;
        let cross = 0;
        let signalSquares = 0;
        for (let i = 0; i < n; i++) {
          const v = x[i] * scale;
          const e = q[i] * scale - v;
          const bin = Math.floor((v - Math.floor(v)) * 10);
          count[bin]++;
          sum[bin] += e;
          sumSquares[bin] += e * e;
          total += e;
          totalSquares += e * e;
          cross += e * v;
          signalSquares += v * v;
        }
        const binMeans = Array.from(sum, (s, b) => s / count[b]);
        const binVariances = Array.from(sumSquares, (s, b) => s / count[b] - binMeans[b] ** 2);
        return {
          mean: total / n,
          variance: totalSquares / n - (total / n) ** 2,
          correlation: cross / Math.sqrt(signalSquares * totalSquares),
          binMeans,
          binVariances,
        };
      };
      const tpdf = stats(true);
      console.log(
        `${bits}-bit TPDF: error mean ${tpdf.mean.toExponential(2)} LSB, variance ${tpdf.variance.toFixed(4)} LSB² ` +
          `(theory 0.25), correlation with signal ${tpdf.correlation.toExponential(2)}, conditional ` +
          `variances ${Math.min(...tpdf.binVariances).toFixed(3)}…${Math.max(...tpdf.binVariances).toFixed(3)}`,
      );
      expect(Math.abs(tpdf.mean)).toBeLessThan(0.003);
      expect(tpdf.variance).toBeGreaterThan(0.25 * 0.98);
      expect(tpdf.variance).toBeLessThan(0.25 * 1.02);
      expect(Math.abs(tpdf.correlation)).toBeLessThan(0.005);
      for (let b = 0; b < 10; b++) {
        expect(Math.abs(tpdf.binMeans[b])).toBeLessThan(0.01);
        expect(Math.abs(tpdf.binVariances[b] - 0.25)).toBeLessThan(0.015);
      }
      // Plain rounding fails the same test: its error is a function of the input.
      const rounded = stats(false);
      expect(Math.max(...rounded.binMeans.map(Math.abs))).toBeGreaterThan(0.3);
      expect(Math.max(...rounded.binVariances)).toBeLessThan(0.001);
    });
  }
});

describe('quantize: a −90 dBFS sine at 16 bits (48 kHz)', () => {
  const size = 16384;
  const frames = 32;
  // 999.02 Hz: a whole number of cycles per frame, so the sine and its harmonics each fall on one bin
  // (plus the window's two neighbours).
  const bin = 341;
  const amplitude = 10 ** (-90 / 20);
  const x = new Float32Array(size * frames);
  for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * bin * i) / size);

  /** Average Hann power spectrum over the frames, in LSB². */
  function spectrum(signal: Float32Array): Float64Array {
    const fft = new Fft(size);
    const window = hannWindow(size);
    const power = new Float64Array(size / 2);
    for (let f = 0; f < frames; f++) {
      const re = new Float64Array(size);
      const im = new Float64Array(size);
      for (let i = 0; i < size; i++) re[i] = signal[f * size + i] * 32768 * window[i];
      fft.forward(re, im);
      for (let k = 0; k < size / 2; k++) power[k] += (re[k] ** 2 + im[k] ** 2) / frames;
    }
    return power;
  }
  const harmonics = Array.from({ length: 19 }, (_, i) => (i + 2) * bin); // 2nd…20th, all below 24 kHz

  /** Mean power of the bins away from the fundamental and harmonics (the noise floor). */
  function floor(p: Float64Array): number {
    let sum = 0;
    let count = 0;
    for (let k = 4; k < p.length; k++) {
      if ([bin, ...harmonics].some((h) => Math.abs(k - h) <= 2)) continue;
      sum += p[k];
      count++;
    }
    return sum / count;
  }

  const dB = (ratio: number) => 10 * Math.log10(ratio);
  const dithered = spectrum(quantize([x], 16, { seed: 5 }).channels[0]);
  const noiseFloor = floor(dithered);
  const strongestSpur = (p: Float64Array) => Math.max(...harmonics.map((h) => p[h]));

  it('dithered: the sine at its level, no harmonic above the noise', () => {
    const reference = spectrum(x);
    const fundamentalDb = dB(dithered[bin] / reference[bin]);
    const spurOverFloor = dB(strongestSpur(dithered) / noiseFloor);
    // White error of variance 1/4 LSB² gives each bin 1/4 · Σ w² (w: the window).
    const theoryFloor = 0.25 * hannWindow(size).reduce((sum, w) => sum + w * w, 0);
    const floorDb = dB(noiseFloor / theoryFloor);
    console.log(
      `−90 dBFS sine, TPDF: fundamental ${fundamentalDb.toFixed(2)} dB re unquantised, noise floor ` +
        `${floorDb.toFixed(2)} dB re white 1/4 LSB², strongest harmonic ${spurOverFloor.toFixed(1)} dB re the mean noise bin`,
    );
    expect(Math.abs(fundamentalDb)).toBeLessThan(0.5);
    expect(Math.abs(floorDb)).toBeLessThan(0.1);
    // Averaged over 32 frames (64 degrees of freedom) a noise bin reads 3 dB over its mean with
    // probability ~1e-6, so a harmonic there is a spur.
    expect(spurOverFloor).toBeLessThan(3);
  });

  for (const [name, round] of [
    ['rounding', Math.round],
    ['truncation', Math.floor],
  ] as const) {
    it(`${name}: harmonic spurs far above the dithered noise`, () => {
      const undithered = x.map((v) => round(v * 32768) / 32768);
      const spurOverFloor = dB(strongestSpur(spectrum(undithered)) / noiseFloor);
      console.log(
        `−90 dBFS sine, ${name}: strongest harmonic ${spurOverFloor.toFixed(1)} dB above the dithered noise bin`,
      );
      expect(spurOverFloor).toBeGreaterThan(20);
    });
  }
});

describe('quantize: range', () => {
  it('puts samples on the PCM grid and clips overs to full scale, counting them', () => {
    const input = [new Float32Array([1.5, -1.5, 0.99999, 0.25, -1]), new Float32Array([0, 1, 0, 0, 0])];
    const { channels, clippedSamples } = quantize(input, 16, { dither: false });
    expect(Array.from(channels[0], (v) => v * 32768)).toEqual([32767, -32768, 32767, 8192, -32768]);
    expect(Array.from(channels[1], (v) => v * 32768)).toEqual([0, 32767, 0, 0, 0]);
    expect(clippedSamples).toBe(4); // 1.5, −1.5, 0.99999 (rounds to 32768) and 1
    const dithered = quantize([new Float32Array(1000).fill(0.3)], 24).channels[0];
    expect(dithered.every((v) => Number.isInteger(v * 2 ** 23))).toBe(true);
  });

  it('names a non-finite sample and a bad bit depth', () => {
    expect(() => quantize([new Float32Array([0, Number.POSITIVE_INFINITY])], 16)).toThrow(
      /channels\[0\]\[1\] is Infinity/,
    );
    expect(() => quantize([new Float32Array(1)], 8 as 16)).toThrow(/bits must be 16 or 24, got 8/);
  });
});
