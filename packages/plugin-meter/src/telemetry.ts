import { defineTelemetry } from '@lathe/plugin-kit';

/** What the meter reports to its GUI ~30 times a second (LUFS, LU, dBTP, dBFS, seconds). */
export const meterTelemetry = defineTelemetry([
  'momentary',
  'shortTerm',
  'integrated',
  'momentaryMax',
  'shortTermMax',
  'loudnessRange',
  'truePeak',
  'samplePeak',
  'plr',
  'rms',
  'noiseFloor',
  'correlation',
  'duration',
]);
