// Rebuilt parameter info against the WAM SDK's own WamParameterInfo class (the reference for the
// normalization maths), fed the same plain data a node's getParameterInfo() answers with.
import getWamParameterInfo from '@webaudiomodules/sdk/src/WamParameterInfo.js';
import { describe, expect, it } from 'vitest';
import {
  denormalizeParameterValue,
  formatParameterValue,
  normalizeParameterValue,
  readParameterInfo,
} from './parameter-info.ts';

const SdkParameterInfo = getWamParameterInfo();

type Config = NonNullable<ConstructorParameters<typeof SdkParameterInfo>[1]>;

const CONFIGS: Record<string, Config> = {
  frequency: {
    type: 'float',
    label: 'Frequency',
    minValue: 20,
    maxValue: 20_000,
    defaultValue: 1000,
    exponent: 2.5,
    units: 'Hz',
  },
  depth: { type: 'float', minValue: -24, maxValue: 24, defaultValue: 0, exponent: -1 },
  steps: { type: 'int', minValue: 1, maxValue: 16, defaultValue: 4, discreteStep: 1 },
  bypass: { type: 'boolean', defaultValue: 0 },
  mode: { type: 'choice', choices: ['clean', 'warm', 'hot'], defaultValue: 1 },
};

/** What a structured clone of the processor's info objects looks like: data, no methods. */
const plain = (): Record<string, unknown> =>
  structuredClone(
    Object.fromEntries(
      Object.entries(CONFIGS).map(([id, config]) => [id, { ...new SdkParameterInfo(id, config) }]),
    ),
  );

describe('readParameterInfo', () => {
  it('rebuilds every field the SDK would, from plain data', () => {
    const { parameters, problems } = readParameterInfo(plain());
    expect(problems).toEqual([]);
    for (const parameter of parameters) {
      const sdk = new SdkParameterInfo(parameter.id, CONFIGS[parameter.id]);
      // The SDK leaves exponent and units undefined for boolean and choice parameters.
      expect(parameter).toEqual({ ...sdk, exponent: sdk.exponent ?? 0, units: sdk.units ?? '' });
    }
  });

  it('normalizes and denormalizes exactly as the SDK does, exponent included', () => {
    const { parameters } = readParameterInfo(plain());
    let worst = 0;
    for (const parameter of parameters) {
      const sdk = new SdkParameterInfo(parameter.id, CONFIGS[parameter.id]);
      for (let i = 0; i <= 100; i++) {
        const normalized = i / 100;
        const value = parameter.minValue + normalized * (parameter.maxValue - parameter.minValue);
        worst = Math.max(
          worst,
          Math.abs(normalizeParameterValue(parameter, value) - sdk.normalize(value)),
          Math.abs(denormalizeParameterValue(parameter, normalized) - sdk.denormalize(normalized)) /
            (parameter.maxValue - parameter.minValue),
        );
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('clamps out-of-range values instead of producing NaN', () => {
    const [frequency] = readParameterInfo(plain()).parameters;
    expect(normalizeParameterValue(frequency, 5)).toBe(0);
    expect(normalizeParameterValue(frequency, 1e6)).toBe(1);
    expect(denormalizeParameterValue(frequency, -1)).toBe(20);
  });

  it('formats every type (the SDK answers undefined for non-choice parameters)', () => {
    const byId = Object.fromEntries(readParameterInfo(plain()).parameters.map((p) => [p.id, p]));
    expect(new SdkParameterInfo('frequency', CONFIGS.frequency).valueString(1000)).toBeUndefined();
    expect(formatParameterValue(byId.frequency, 1234.5678)).toBe('1235 Hz');
    expect(formatParameterValue(byId.depth, -3.25)).toBe('-3.25');
    expect(formatParameterValue(byId.bypass, 1)).toBe('on');
    expect(formatParameterValue(byId.mode, 2)).toBe('hot');
  });

  it('leaves out malformed parameters, naming each and its field', () => {
    const { parameters, problems } = readParameterInfo({
      good: { type: 'float', minValue: 0, maxValue: 1, defaultValue: 0.5 },
      kind: { type: 'complex' },
      range: { minValue: 2, maxValue: 1 },
      outside: { minValue: 0, maxValue: 1, defaultValue: 3 },
      nan: { minValue: Number.NaN },
      empty: { type: 'choice', choices: [] },
      shape: 'gain',
    });
    expect(parameters.map((p) => p.id)).toEqual(['good']);
    expect(problems).toEqual([
      'parameter "kind": "type" must be one of float, int, boolean, choice, got "complex"',
      'parameter "range": "minValue" (2) must be below "maxValue" (1)',
      'parameter "outside": "defaultValue" 3 is outside [0, 1]',
      'parameter "nan": "minValue" must be a finite number',
      'parameter "empty": a choice parameter needs "choices"',
      'parameter "shape": is not an object',
    ]);
    expect(readParameterInfo(null).problems).toEqual([
      'getParameterInfo() did not answer with an object of { id: info }',
    ]);
  });
});
