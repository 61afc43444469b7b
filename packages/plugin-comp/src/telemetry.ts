import { defineTelemetry } from '@lathe/plugin-kit';

/** Per frame (~30 Hz): input and output peaks (dBFS), maximum gain reduction (dB, positive), loudest detector level (dB). */
export const compTelemetry = defineTelemetry(['inputPeak', 'outputPeak', 'gainReduction', 'detectorLevel']);
