import getWamParameterInfo from '@webaudiomodules/sdk/src/WamParameterInfo.js';
import { describe, expect, it } from 'vitest';
import {
  clampValue,
  defaultValues,
  defineParams,
  formatValue,
  fromNormalized,
  toNormalized,
  toWamParameterConfigs,
  validateParamValues,
} from './params.ts';

const table = defineParams({
  frequency: {
    type: 'float',
    label: 'Frequency',
    min: 20,
    max: 20_000,
    default: 1000,
    unit: 'Hz',
    scale: 'log',
  },
  gain: { type: 'float', label: 'Gain', min: -24, max: 24, default: 0, unit: 'dB' },
  slope: { type: 'int', label: 'Slope', min: 1, max: 8, default: 2 },
  enabled: { type: 'boolean', label: 'Enabled', default: true },
  shape: { type: 'choice', label: 'Shape', choices: ['bell', 'lowShelf', 'highShelf'], default: 'lowShelf' },
});

// The SDK's own WamParameterInfo class: what every host builds from our parameter info.
const WamParameterInfo = getWamParameterInfo() as unknown as new (
  id: string,
  config: unknown,
) => { normalize(v: number): number; denormalize(v: number): number; minValue: number; maxValue: number };

describe('parameter table', () => {
  it('generates WAM parameter info the SDK accepts, with ranges and defaults from the table', () => {
    const configs = toWamParameterConfigs(table);
    for (const [id, config] of Object.entries(configs)) {
      expect(() => new WamParameterInfo(id, config)).not.toThrow();
    }
    expect(configs.shape).toMatchObject({ type: 'choice', minValue: 0, maxValue: 2, defaultValue: 1 });
    expect(configs.enabled).toMatchObject({ type: 'boolean', defaultValue: 1, discreteStep: 1 });
    expect(configs.gain).toMatchObject({ minValue: -24, maxValue: 24, units: 'dB', exponent: 0 });
  });

  it("maps a log parameter's mid-travel to the geometric mean, in our UI and in the SDK's skew", () => {
    const spec = table.frequency;
    expect(fromNormalized(spec, 0.5)).toBeCloseTo(Math.sqrt(20 * 20_000), 6);
    expect(toNormalized(spec, 2000)).toBeCloseTo(Math.log(100) / Math.log(1000), 12);
    const info = new WamParameterInfo('frequency', toWamParameterConfigs(table).frequency);
    expect(info.denormalize(0.5)).toBeCloseTo(Math.sqrt(20 * 20_000), 6);
  });

  it('clamps and rounds to the legal set', () => {
    expect(clampValue(table.gain, 99)).toBe(24);
    expect(clampValue(table.slope, 3.6)).toBe(4);
    expect(clampValue(table.shape, -3)).toBe(0);
  });

  it('validates untrusted values: clamps, ignores unknown ids, keeps the base for bad types', () => {
    const { values, warnings } = validateParamValues(table, {
      gain: 40,
      frequency: 'loud',
      shape: 'highShelf',
      enabled: false,
      bogus: 1,
    });
    expect(values).toEqual({ ...defaultValues(table), gain: 24, shape: 2, enabled: 0 });
    expect(warnings).toEqual([
      'Parameter "gain": 40 clamped to 24',
      'Parameter "frequency": "loud" is not a valid float; kept 1000',
      'Unknown parameter "bogus" ignored',
    ]);
    expect(() => validateParamValues(table, [1, 2])).toThrow(/must be an object/);
    expect(validateParamValues(table, { gain: Number.NaN }).values.gain).toBe(0);
  });

  it('formats values as audio tools print them', () => {
    expect(formatValue(table.gain, -3.25)).toBe('−3.3 dB');
    expect(formatValue(table.frequency, 1250)).toBe('1.25 kHz');
    expect(formatValue(table.frequency, 440)).toBe('440 Hz');
    expect(formatValue(table.enabled, 1)).toBe('On');
    expect(formatValue(table.shape, 0)).toBe('bell');
  });

  it('shows ∞ at the top of a ratio and Off below a filter range', () => {
    const ratio = {
      type: 'float',
      label: 'Ratio',
      min: 1,
      max: 100,
      default: 4,
      unit: ':1',
      infiniteAtMax: true,
    } as const;
    expect(formatValue(ratio, 4)).toBe('4.0:1');
    expect(formatValue(ratio, 100)).toBe('∞:1');
    const highpass = {
      type: 'float',
      label: 'SC HP',
      min: 10,
      max: 500,
      default: 10,
      unit: 'Hz',
      offBelow: 20,
    } as const;
    expect(formatValue(highpass, 12)).toBe('Off');
    expect(formatValue(highpass, 80)).toBe('80.0 Hz');
  });

  it('shows −∞ at the bottom of a fader and balance as L/C/R', () => {
    const fader = {
      type: 'float',
      label: 'Gain',
      min: -120,
      max: 12,
      default: 0,
      unit: 'dB',
      infiniteAtMin: true,
    } as const;
    expect(formatValue(fader, -120)).toBe('−∞ dB');
    expect(formatValue(fader, -119.9)).toBe('−120 dB');
    expect(formatValue(fader, 0)).toBe('0.0 dB');
    const pan = { type: 'float', label: 'Pan', min: -1, max: 1, default: 0, balance: true } as const;
    expect(formatValue(pan, -0.5)).toBe('L50');
    expect(formatValue(pan, 0.004)).toBe('C');
    expect(formatValue(pan, 1)).toBe('R100');
  });

  it('rejects tables that cannot work', () => {
    expect(() => defineParams({ x: { type: 'float', label: 'X', min: 1, max: 0, default: 0 } })).toThrow(
      /min/,
    );
    expect(() => defineParams({ Bad: { type: 'boolean', label: 'B', default: false } })).toThrow(
      /lowerCamelCase/,
    );
    expect(() =>
      defineParams({ f: { type: 'float', label: 'F', min: 0, max: 1, default: 0.5, scale: 'log' } }),
    ).toThrow(/positive/);
  });
});
