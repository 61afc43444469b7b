import { defineParams } from '@lathe/plugin-kit';
import { TARGET_IDS, TARGETS } from './loudness/targets.ts';

/** The meter's parameters. Ids are persistence keys: never rename them. */
export const meterParams = defineParams({
  target: {
    type: 'choice',
    label: 'Target',
    choices: TARGET_IDS,
    choiceLabels: TARGET_IDS.map((id) => TARGETS[id].label),
    default: 'spotify',
  },
  dualMono: { type: 'boolean', label: 'Dual mono', default: false },
});

export type MeterParams = typeof meterParams;
