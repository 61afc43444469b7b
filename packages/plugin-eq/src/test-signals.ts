// Deterministic test material shared by the Node and browser tests.
import { createRng } from '@lathe/dsp';
import { defaultValues, type ParamValues } from '@lathe/plugin-kit';
import { type EqParams, eqParams } from './params.ts';

/** Seeded white noise, uniform in ±amplitude. */
export function noise(length: number, seed: number, amplitude = 0.5): Float32Array {
  const random = createRng(seed);
  return Float32Array.from({ length }, () => amplitude * (2 * random() - 1));
}

/** Sum of sines: [frequency (Hz), amplitude] pairs. */
export function sines(length: number, sampleRate: number, parts: readonly [number, number][]): Float32Array {
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    let v = 0;
    for (const [f, a] of parts) v += a * Math.sin((2 * Math.PI * f * i) / sampleRate);
    x[i] = v;
  }
  return x;
}

/** Plain parameter values: the defaults with some changed, choices and booleans given by name. */
export function eqValues(changes: Record<string, number | string | boolean> = {}): ParamValues<EqParams> {
  const values = defaultValues(eqParams);
  for (const [id, value] of Object.entries(changes)) {
    const spec = eqParams[id as keyof EqParams];
    if (!spec) throw new Error(`Unknown parameter ${id}`);
    values[id as keyof EqParams] =
      typeof value === 'number'
        ? value
        : typeof value === 'boolean'
          ? Number(value)
          : (spec as { choices: readonly string[] }).choices.indexOf(value);
  }
  return values;
}

/**
 * A busy setting: every band on and doing something, cuts at 48 dB/oct, bands on mid, side,
 * left and right as well as stereo, output gain and auto gain in use.
 */
export const BUSY_SETTINGS = {
  band1Enabled: true,
  band1Frequency: 35,
  band1Slope: '48',
  band2Gain: 3,
  band2Placement: 'mid',
  band3Gain: -4.5,
  band3Q: 2.5,
  band4Type: 'notch',
  band4Frequency: 3150,
  band4Q: 8,
  band4Placement: 'side',
  band5Gain: 5,
  band5Frequency: 2400,
  band5Placement: 'left',
  band6Type: 'tiltShelf',
  band6Gain: -2,
  band6Placement: 'right',
  band7Gain: 4,
  band7Frequency: 12_000,
  band8Enabled: true,
  band8Frequency: 19_000,
  band8Slope: '96',
  outputGain: -1.5,
  autoGain: true,
} as const;
