// @lathe/plugin-strip as a library: the pure kernel and its gain law (Node and browsers, no Web Audio).
// The WAM plugin itself is served from dist/ (package export "./wam").
export { descriptor } from './descriptor.ts';
export { createStripKernel, STRIP_MAX_CHANNELS, StripKernel, stripGains } from './kernel.ts';
export { STRIP_MAX_DELAY, type StripParams, stripParams } from './params.ts';
export { stripTelemetry } from './telemetry.ts';
