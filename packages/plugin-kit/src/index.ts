// Pure parts of the kit (no DOM, no Web Audio): safe in Node, in the worklet and in browsers.
export type { Kernel, KernelConfig, KernelFactory } from './kernel.ts';
export * from './params.ts';
export * from './state.ts';
export * from './telemetry.ts';
