// @lathe/plugin-eq as a library: the kernel, its parameters and the response maths, pure code that
// runs in Node and browsers alike (no Web Audio is loaded). The WAM plugin itself is served from
// dist/ (package export "./wam").

export { descriptor } from './descriptor.ts';
export { createEqKernel, EQ_MAX_CHANNELS, EqKernel } from './kernel.ts';
export {
  BAND_FIELDS,
  type BandField,
  type BandNumber,
  bandId,
  EQ_BANDS,
  type EqParamId,
  type EqParams,
  eqParams,
  PLACEMENTS,
  type Placement,
} from './params.ts';
export { designBand, logFrequencies, PowerTable } from './response.ts';
export {
  SPECTRUM_BANDS,
  SPECTRUM_FLOOR_DB,
  SpectrumAnalyser,
  spectrumBandFrequency,
} from './spectrum.ts';
export { eqTelemetry, TELEMETRY_POST, TELEMETRY_PRE } from './telemetry.ts';
