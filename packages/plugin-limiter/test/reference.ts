// Test-only measurement, independent of the limiter's own detector: an offline 32× true-peak meter
// (a 129-tap-per-phase Kaiser-windowed sinc, β = 10, cut off at the input's Nyquist, centred so it adds
// no delay), and band-limited test noise.
import { createRng, kaiser, sinc } from '@lathe/dsp';

const FACTOR = 32;
const SIDE = 64; // input samples each side of the interpolated point
const BETA = 10;

/** taps[p][m + SIDE] weights x[k + m] for the value at k + p/32. */
const taps: Float64Array[] = Array.from({ length: FACTOR }, (_, p) => {
  const phase = new Float64Array(2 * SIDE + 1);
  for (let m = -SIDE; m <= SIDE; m++) {
    const t = p / FACTOR - m;
    const r = t / (SIDE + 1);
    phase[m + SIDE] = sinc(t) * kaiser(r, BETA);
  }
  return phase;
});

function interpolate(x: Float32Array, k: number, phase: Float64Array): number {
  let sum = 0;
  const lo = Math.max(0, k - SIDE);
  const hi = Math.min(x.length - 1, k + SIDE);
  for (let i = lo; i <= hi; i++) sum += x[i] * phase[i - k + SIDE];
  return sum;
}

export interface ReferencePeak {
  /** Largest |x| of the 32× oversampled signal, linear. */
  peak: number;
  channel: number;
  /** Where, in input samples (fractional). */
  at: number;
}

/**
 * True peak at 32×. Exhaustive in effect but screened for speed: the 4× points are computed everywhere,
 * and the 32× ones only between 4× points that could hold the maximum. For a signal band-limited to
 * fs/2, |x″| ≤ π²fs²·max|x| (Bernstein), so between 4× points |x| exceeds the larger of the two by at most
 * π²/128 ≈ 0.077 of the peak; screening at 0.1 (for the filter's transition band) skips no candidate.
 */
export function referenceTruePeak(channels: readonly Float32Array[]): ReferencePeak {
  const result: ReferencePeak = { peak: 0, channel: 0, at: 0 };
  channels.forEach((x, channel) => {
    const coarse = new Float64Array(4 * x.length + 1);
    let coarseMax = 0;
    for (let k = 0; k < x.length; k++) {
      for (let q = 0; q < 4; q++) {
        const v = Math.abs(q === 0 ? x[k] : interpolate(x, k, taps[(q * FACTOR) / 4]));
        coarse[4 * k + q] = v;
        if (v > coarseMax) coarseMax = v;
      }
    }
    const threshold = coarseMax * (1 - 0.1 / 0.9);
    for (let k = 0; k < x.length; k++) {
      let candidate = false;
      for (let q = 0; q <= 4 && !candidate; q++) candidate = coarse[4 * k + q] >= threshold;
      if (!candidate) continue;
      for (let p = 0; p < FACTOR; p++) {
        const v = Math.abs(p === 0 ? x[k] : interpolate(x, k, taps[p]));
        if (v > result.peak) Object.assign(result, { peak: v, channel, at: k + p / FACTOR });
      }
    }
  });
  return result;
}

/**
 * Gaussian white noise low-passed at `cutoffHz` (default 20 kHz: the full audio band) by a linear-phase
 * Kaiser FIR (255 taps, β = 10: −100 dB from about cutoff + 600 Hz at 44.1 kHz), scaled to unit RMS.
 * Noise flat to Nyquist is not used: its inter-sample peaks depend on how the reconstruction treats
 * content at fs/2, and ideal references of 64, 128 and 256 taps a side disagree on them by up to 0.5 dB.
 */
export function bandLimitedNoise(
  length: number,
  sampleRate: number,
  seed: number,
  cutoffHz = 20_000,
): Float32Array {
  const taps = 255;
  const half = (taps - 1) / 2;
  const fc = cutoffHz / sampleRate;
  const h = new Float64Array(taps);
  for (let j = 0; j < taps; j++) {
    const t = j - half;
    const r = t / (half + 1);
    h[j] = 2 * fc * sinc(2 * fc * t) * kaiser(r, BETA);
  }
  const rng = createRng(seed);
  const white = new Float64Array(length + taps);
  for (let i = 0; i < white.length; i++) {
    white[i] = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  }
  const y = new Float64Array(length);
  let power = 0;
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (let j = 0; j < taps; j++) sum += white[i + j] * h[j];
    y[i] = sum;
    power += sum * sum;
  }
  const scale = 1 / Math.sqrt(power / length);
  return Float32Array.from(y, (v) => v * scale);
}

export const toDb = (x: number) => 20 * Math.log10(x);
