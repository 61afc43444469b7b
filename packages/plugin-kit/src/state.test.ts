import { describe, expect, it } from 'vitest';
import { defaultValues, defineParams } from './params.ts';
import { decodeState, encodeState, PLUGIN_STATE_VERSION, PluginStateError } from './state.ts';

const table = defineParams({
  gain: { type: 'float', label: 'Gain', min: -24, max: 24, default: 0, unit: 'dB' },
  enabled: { type: 'boolean', label: 'Enabled', default: true },
  shape: { type: 'choice', label: 'Shape', choices: ['bell', 'lowShelf'], default: 'bell' },
});

describe('plugin state', () => {
  it('is readable JSON: choices by name, booleans as booleans, versioned', () => {
    const state = encodeState(table, { gain: -3.125, enabled: 0, shape: 1 });
    expect(state).toEqual({
      version: PLUGIN_STATE_VERSION,
      parameters: { gain: -3.125, enabled: false, shape: 'lowShelf' },
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('round-trips exactly', () => {
    const values = { gain: 0.1 + 0.2, enabled: 1, shape: 1 };
    const decoded = decodeState(table, JSON.parse(JSON.stringify(encodeState(table, values))));
    expect(decoded.values).toEqual(values);
    expect(decoded.warnings).toEqual([]);
  });

  it("reads the SDK's { parameterValues } form that generic hosts build", () => {
    const { values } = decodeState(table, {
      parameterValues: { gain: { id: 'gain', value: 6, normalized: false } },
    });
    expect(values).toEqual({ ...defaultValues(table), gain: 6 });
  });

  it('keeps the base for parameters the state does not mention', () => {
    const { values } = decodeState(
      table,
      { version: 1, parameters: { gain: 2 } },
      { gain: 0, enabled: 0, shape: 1 },
    );
    expect(values).toEqual({ gain: 2, enabled: 0, shape: 1 });
  });

  it('rejects what cannot be a state, naming the problem', () => {
    expect(() => decodeState(table, 'garbage')).toThrow(PluginStateError);
    expect(() => decodeState(table, { version: 'x', parameters: {} })).toThrow(
      /"version" must be a positive integer/,
    );
    expect(() => decodeState(table, { version: 99, parameters: {} })).toThrow(/newer Lathe/);
    expect(() => decodeState(table, { version: 1, parameters: null })).toThrow(
      /"parameters" must be an object/,
    );
  });
});
