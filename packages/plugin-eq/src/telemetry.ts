import { defineTelemetry } from '@lathe/plugin-kit';
import { SPECTRUM_BANDS } from './spectrum.ts';

const bandNames = (prefix: string) => Array.from({ length: SPECTRUM_BANDS }, (_, i) => `${prefix}${i}`);

/**
 * What the EQ reports to its GUI ~30 times a second: the auto-gain it applies (dB) and the
 * pre/post spectra (dB per band, bands from spectrumBandFrequency), at PRE and POST onwards.
 */
export const eqTelemetry = defineTelemetry(['autoGain', ...bandNames('pre'), ...bandNames('post')]);
export const TELEMETRY_PRE = eqTelemetry.index.pre0;
export const TELEMETRY_POST = eqTelemetry.index.post0;
