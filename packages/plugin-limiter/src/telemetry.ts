import { defineTelemetry } from '@lathe/plugin-kit';

/**
 * What the limiter reports to its GUI ~30 times a second. Levels in dB; −Infinity for silence.
 * - inputPeak: sample peak of the input after the input gain (what the limiter works on), since the last frame
 * - outputPeak: true peak of the output (BS.1770 4×), since the last frame
 * - outputTruePeak: the same, running maximum since the kernel was created or reset
 * - gainReduction: reduction at the last sample (dB, ≥ 0); gainReductionMax: the most since the last frame
 * - latency: the delay the limiter adds, in samples (the lookahead plus the detector's fixed delay)
 */
export const limiterTelemetry = defineTelemetry([
  'inputPeak',
  'outputPeak',
  'outputTruePeak',
  'gainReduction',
  'gainReductionMax',
  'latency',
]);
