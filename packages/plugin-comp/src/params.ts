import { defineParams } from '@lathe/plugin-kit';

/** The compressor's parameters. Ids are persistence keys: never rename them. */
export const compParams = defineParams({
  threshold: { type: 'float', label: 'Threshold', min: -60, max: 0, default: -18, unit: 'dB' },
  ratio: {
    type: 'float',
    label: 'Ratio',
    min: 1,
    max: 100,
    default: 4,
    unit: ':1',
    scale: 'log',
    infiniteAtMax: true,
  },
  knee: { type: 'float', label: 'Knee', min: 0, max: 24, default: 6, unit: 'dB' },
  attack: {
    type: 'float',
    label: 'Attack',
    min: 0.05,
    max: 250,
    default: 10,
    unit: 'ms',
    scale: 'log',
    decimals: 2,
  },
  release: { type: 'float', label: 'Release', min: 5, max: 2500, default: 150, unit: 'ms', scale: 'log' },
  makeup: { type: 'float', label: 'Makeup', min: -12, max: 36, default: 0, unit: 'dB' },
  autoMakeup: { type: 'boolean', label: 'Auto makeup', default: false },
  mix: { type: 'float', label: 'Mix', min: 0, max: 100, default: 100, unit: '%', decimals: 0 },
  detector: {
    type: 'choice',
    label: 'Detector',
    choices: ['peak', 'rms'],
    choiceLabels: ['Peak', 'RMS'],
    default: 'peak',
  },
  stereoLink: { type: 'float', label: 'Stereo link', min: 0, max: 100, default: 100, unit: '%', decimals: 0 },
  sidechainHighpass: {
    type: 'float',
    label: 'SC high-pass',
    min: 10,
    max: 500,
    default: 10,
    unit: 'Hz',
    scale: 'log',
    decimals: 0,
    offBelow: 20,
  },
  sidechainSource: {
    type: 'choice',
    label: 'Sidechain',
    choices: ['internal', 'external'],
    choiceLabels: ['Internal', 'External (input 2)'],
    default: 'internal',
  },
  lookahead: { type: 'float', label: 'Lookahead', min: 0, max: 10, default: 0, unit: 'ms', decimals: 2 },
});

export type CompParams = typeof compParams;
