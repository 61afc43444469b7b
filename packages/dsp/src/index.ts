export {
  type BiquadCoefficients,
  biquadMagnitude,
  DENORMAL_FLUSH,
  flushState,
  flushStates,
  processBiquad,
} from './biquad.ts';
export { dbToGain, gainToDb, lufsToPower, powerToLufs } from './decibels.ts';
export {
  EQ_FILTER_TYPES,
  EQ_MAX_SECTIONS,
  EQ_SECTION_STRIDE,
  EQ_SLOPES,
  type EqBandSettings,
  EqDesigner,
  type EqFilterType,
  type EqSlope,
  eqSectionCount,
  sectionsMagnitude,
} from './eq-design.ts';
export { fastExp } from './fast-math.ts';
export { Fft, hannWindow } from './fft.ts';
export { kWeightingCoefficients } from './k-weighting.ts';
export { besselI0, kaiser, sinc } from './kaiser.ts';
export { MovingAverage } from './moving-average.ts';
export { createRng } from './random.ts';
export { SlidingMaximum } from './sliding-maximum.ts';
export { LinearSmoother } from './smoothing.ts';
export { bs1770Taps, TruePeakDetector } from './true-peak.ts';
export { TruePeakEnvelope } from './true-peak-envelope.ts';
