import { defineTelemetry } from '@lathe/plugin-kit';

/** Per frame (~30 Hz): sample peak of each output channel since the last frame, dBFS (−Infinity: silence). */
export const stripTelemetry = defineTelemetry(['peakLeft', 'peakRight']);
