// @lathe/plugin-limiter as a library: the kernel, its parameters and telemetry layout, pure code that
// runs in Node and browsers alike (no Web Audio is loaded). The WAM plugin itself is served from dist/
// (package export "./wam").

export { descriptor } from './descriptor.ts';
export { createLimiterKernel, LIMITER_MAX_CHANNELS, LimiterKernel } from './kernel.ts';
export { type LimiterParams, limiterParams } from './params.ts';
export { limiterTelemetry } from './telemetry.ts';
