import { describe, expect, it } from 'vitest';
import { resample } from './resample.ts';

function sine(frequency: number, amplitude: number, rate: number, frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) out[n] = amplitude * Math.sin((2 * Math.PI * frequency * n) / rate);
  return out;
}

/** Least-squares fit of a·sin + b·cos at `frequency` over [from, to): amplitude and phase (radians). */
function fitSine(x: Float32Array, frequency: number, rate: number, from: number, to: number) {
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let xs = 0;
  let xc = 0;
  for (let n = from; n < to; n++) {
    const w = (2 * Math.PI * frequency * n) / rate;
    const s = Math.sin(w);
    const c = Math.cos(w);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    xs += x[n] * s;
    xc += x[n] * c;
  }
  const det = ss * cc - sc * sc;
  const a = (xs * cc - xc * sc) / det;
  const b = (xc * ss - xs * sc) / det;
  return { amplitude: Math.hypot(a, b), phase: Math.atan2(b, a) };
}

const CONVERSIONS = [
  [48000, 44100],
  [44100, 48000],
] as const;

describe('resample', () => {
  for (const [fromRate, toRate] of CONVERSIONS) {
    it(`${fromRate} → ${toRate} Hz: a 1 kHz sine matches the analytic sine at the new rate`, async () => {
      const seconds = 2;
      const amplitude = 0.5;
      const [out] = await resample([sine(1000, amplitude, fromRate, seconds * fromRate)], fromRate, toRate);
      expect(out.length).toBe(seconds * toRate);
      const reference = sine(1000, amplitude, toRate, out.length);
      // Away from the edges, where the converter sees silence before and after the input.
      const edge = Math.round(0.05 * toRate);
      let maxError = 0;
      for (let n = edge; n < out.length - edge; n++) {
        maxError = Math.max(maxError, Math.abs(out[n] - reference[n]));
      }
      const errorDb = 20 * Math.log10(maxError / amplitude);
      console.log(`${fromRate}→${toRate}: max error ${errorDb.toFixed(1)} dB re the sine`);
      expect(errorDb).toBeLessThan(-100);
    });

    it(`${fromRate} → ${toRate} Hz: passband flat within 0.1 dB to 20 kHz, no delay`, async () => {
      const frequencies = [20, 100, 1000, 5000, 10000, 15000, 18000, 19000, 20000];
      const amplitude = 0.5;
      const frames = fromRate; // 1 s
      const outputs = await resample(
        frequencies.map((f) => sine(f, amplitude, fromRate, frames)),
        fromRate,
        toRate,
      );
      const edge = Math.round(0.1 * toRate);
      let worstGain = 0;
      let worstDelay = 0;
      frequencies.forEach((f, i) => {
        const fit = fitSine(outputs[i], f, toRate, edge, toRate - edge);
        const gainDb = 20 * Math.log10(fit.amplitude / amplitude);
        // A delay of d output samples shows as a phase of −2π·f·d / rate.
        const delaySamples = (-fit.phase * toRate) / (2 * Math.PI * f);
        worstGain = Math.max(worstGain, Math.abs(gainDb));
        worstDelay = Math.max(worstDelay, Math.abs(delaySamples));
        expect(Math.abs(gainDb), `${f} Hz gain ${gainDb} dB`).toBeLessThan(0.1);
        expect(Math.abs(delaySamples), `${f} Hz delay ${delaySamples} samples`).toBeLessThan(0.001);
      });
      console.log(
        `${fromRate}→${toRate}: worst passband deviation ${worstGain.toExponential(1)} dB, ` +
          `worst delay ${worstDelay.toExponential(2)} samples`,
      );
    });
  }

  it('passes equal rates through untouched', async () => {
    const channels = [new Float32Array([0.1, 0.2, 0.3])];
    const fractions: number[] = [];
    const out = await resample(channels, 48000, 48000, { onProgress: (f) => fractions.push(f) });
    expect(out[0]).toBe(channels[0]);
    expect(fractions).toEqual([1]);
  });

  it('keeps channels apart and reports rising progress up to 1', async () => {
    const frames = 100000;
    const left = sine(1000, 0.5, 44100, frames);
    const right = new Float32Array(frames);
    const fractions: number[] = [];
    const [outLeft, outRight] = await resample([left, right], 44100, 48000, {
      onProgress: (f) => fractions.push(f),
    });
    expect(outLeft.length).toBe(Math.round((frames * 48000) / 44100));
    expect(outRight.every((x) => x === 0)).toBe(true);
    expect(fitSine(outLeft, 1000, 48000, 4800, 100000).amplitude).toBeCloseTo(0.5, 5);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const promise = resample([sine(1000, 0.5, 48000, 480000)], 48000, 44100, {
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0.1) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names the field of bad input', async () => {
    const mono = [new Float32Array(10)];
    await expect(resample(mono, 48000, 96001 * 3)).rejects.toThrow(/toRate: 288003 Hz is not supported/);
    await expect(resample(mono, 44100.5, 48000)).rejects.toThrow(/fromRate: 44100.5 Hz is not supported/);
    await expect(resample([new Float32Array(3), new Float32Array(4)], 44100, 48000)).rejects.toThrow(
      /channels differ in length/,
    );
    await expect(resample([], 44100, 48000)).rejects.toThrow(/channels: no channels given/);
  });
});
