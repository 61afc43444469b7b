import { defineParams } from '@lathe/plugin-kit';

/** The limiter's parameters. Ids are persistence keys: never rename them. */
export const limiterParams = defineParams({
  inputGain: { type: 'float', label: 'Input gain', min: 0, max: 24, default: 0, unit: 'dB', decimals: 1 },
  ceiling: { type: 'float', label: 'Ceiling', min: -12, max: 0, default: -1, unit: 'dBTP', decimals: 1 },
  release: {
    type: 'float',
    label: 'Release',
    min: 1,
    max: 1000,
    default: 100,
    unit: 'ms',
    scale: 'log',
  },
  autoRelease: { type: 'boolean', label: 'Auto release', default: true },
  lookahead: { type: 'float', label: 'Lookahead', min: 0.5, max: 5, default: 1.5, unit: 'ms', decimals: 2 },
  stereoLink: { type: 'float', label: 'Stereo link', min: 0, max: 100, default: 100, unit: '%', decimals: 0 },
  truePeak: { type: 'boolean', label: 'True peak', default: true },
});

export type LimiterParams = typeof limiterParams;
