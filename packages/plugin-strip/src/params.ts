import { defineParams } from '@lathe/plugin-kit';

/** The longest compensation delay, in samples (0.34 s at 48 kHz). */
export const STRIP_MAX_DELAY = 16_384;

/** The channel strip's parameters. Ids are persistence keys: never rename them. */
export const stripParams = defineParams({
  gain: { type: 'float', label: 'Gain', min: -120, max: 12, default: 0, unit: 'dB', infiniteAtMin: true },
  pan: { type: 'float', label: 'Pan', min: -1, max: 1, default: 0, balance: true },
  mute: { type: 'boolean', label: 'Mute', default: false },
  invert: { type: 'boolean', label: 'Invert polarity', default: false },
  delay: { type: 'int', label: 'Delay', min: 0, max: STRIP_MAX_DELAY, default: 0, unit: 'samples' },
});

export type StripParams = typeof stripParams;
