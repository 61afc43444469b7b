import type { BiquadCoefficients } from './biquad.ts';

// BS.1770 K-weighting re-derived at any rate by the bilinear transform (K = tan(π·f0/fs), no prewarp);
// these analog parameters reproduce the standard's 48 kHz table to 14 digits.
const SHELF_F0 = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGHPASS_F0 = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

/** The two K-weighting stages (high shelf, then RLB high-pass) for `sampleRate`. */
export function kWeightingCoefficients(
  sampleRate: number,
): readonly [BiquadCoefficients, BiquadCoefficients] {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    throw new RangeError(`kWeightingCoefficients: sample rate must be a positive number, got ${sampleRate}`);
  }
  let k = Math.tan((Math.PI * SHELF_F0) / sampleRate);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_VB_EXPONENT;
  const a0 = 1 + k / SHELF_Q + k * k;
  const shelf: BiquadCoefficients = {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
  k = Math.tan((Math.PI * HIGHPASS_F0) / sampleRate);
  const d = 1 + k / HIGHPASS_Q + k * k;
  // The standard leaves the high-pass numerator unnormalised (unity gain is only approached at fs/2).
  const highPass: BiquadCoefficients = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / d,
    a2: (1 - k / HIGHPASS_Q + k * k) / d,
  };
  return [shelf, highPass];
}
