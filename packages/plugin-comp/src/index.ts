// @lathe/plugin-comp as a library: the pure kernel and its maths (Node and browsers, no Web Audio).
// The WAM plugin itself is served from dist/ (package export "./wam").
export { descriptor } from './descriptor.ts';
export { AUTO_MAKEUP_REFERENCE_DB, autoMakeupGain, gainComputer } from './gain-computer.ts';
export { COMP_MAX_CHANNELS, CompressorKernel, createCompressorKernel } from './kernel.ts';
export { type CompParams, compParams } from './params.ts';
export { compTelemetry } from './telemetry.ts';
