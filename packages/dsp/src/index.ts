export {
  type BiquadCoefficients,
  biquadMagnitude,
  DENORMAL_FLUSH,
  flushState,
  processBiquad,
} from './biquad.ts';
export { dbToGain, gainToDb, lufsToPower, powerToLufs } from './decibels.ts';
export { kWeightingCoefficients } from './k-weighting.ts';
export { LinearSmoother } from './smoothing.ts';
export { TruePeakDetector } from './true-peak.ts';
