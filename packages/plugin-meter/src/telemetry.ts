import { LOUDNESS_READINGS } from './loudness/engine.ts';

/** What the meter reports to its GUI ~30 times a second: the engine's readings frame, as is. */
export const meterTelemetry = LOUDNESS_READINGS;
