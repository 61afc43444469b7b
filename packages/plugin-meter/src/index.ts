// @lathe/plugin-meter as a library: pure measurement code that runs in Node and browsers alike
// (no Web Audio is loaded). The WAM plugin itself is served from dist/ (package export "./wam").

export { descriptor } from './descriptor.ts';
export { createMeterKernel, METER_MAX_CHANNELS, MeterKernel } from './kernel.ts';
export * from './loudness/index.ts';
export { type MeterParams, meterParams } from './params.ts';
export { meterTelemetry } from './telemetry.ts';
