// The state object a Lathe plugin's getState()/setState() carries. Versioned, plain JSON, readable
// (choices by name, booleans as booleans) so presets survive reordered or extended choice lists.
import {
  defaultValues,
  type ParamTable,
  type ParamValues,
  paramIds,
  type ValidationResult,
  validateParamValues,
} from './params.ts';

export const PLUGIN_STATE_VERSION = 1;

export type StoredValue = number | boolean | string;

export interface PluginState {
  version: number;
  parameters: Record<string, StoredValue>;
}

export class PluginStateError extends Error {
  override name = 'PluginStateError';
}

export function encodeState<T extends ParamTable>(table: T, values: ParamValues<T>): PluginState {
  const parameters: Record<string, StoredValue> = {};
  for (const id of paramIds(table)) {
    const spec = table[id];
    const value = values[id];
    if (spec.type === 'boolean') parameters[id] = value >= 0.5;
    else if (spec.type === 'choice') parameters[id] = spec.choices[value] ?? spec.default;
    else parameters[id] = value;
  }
  return { version: PLUGIN_STATE_VERSION, parameters };
}

/**
 * Reads a state object from anywhere (our own getState, an older Lathe version, a host that
 * builds the SDK's `{ parameterValues }` form). Parameters it does not mention keep `base`.
 * Throws PluginStateError when the input cannot be a state at all.
 */
export function decodeState<T extends ParamTable>(
  table: T,
  state: unknown,
  base: ParamValues<T> = defaultValues(table),
): ValidationResult<T> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new PluginStateError('Plugin state must be an object like { version, parameters }');
  }
  const record = state as Record<string, unknown>;
  if ('parameterValues' in record && !('parameters' in record)) {
    return validateParamValues(table, fromSdkForm(record.parameterValues), base);
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new PluginStateError(
      `Plugin state "version" must be a positive integer, got ${JSON.stringify(version)}`,
    );
  }
  if (version > PLUGIN_STATE_VERSION) {
    throw new PluginStateError(
      `Plugin state version ${version} was written by a newer Lathe (this one reads up to ${PLUGIN_STATE_VERSION})`,
    );
  }
  if (
    typeof record.parameters !== 'object' ||
    record.parameters === null ||
    Array.isArray(record.parameters)
  ) {
    throw new PluginStateError('Plugin state "parameters" must be an object of { id: value }');
  }
  return validateParamValues(table, record.parameters, base);
}

// The SDK's own state form: { parameterValues: { id: { id, value, normalized } } } with plain values.
function fromSdkForm(parameterValues: unknown): Record<string, unknown> {
  if (typeof parameterValues !== 'object' || parameterValues === null) {
    throw new PluginStateError('"parameterValues" must be an object');
  }
  const plain: Record<string, unknown> = {};
  for (const [id, data] of Object.entries(parameterValues)) {
    const entry = data as { value?: unknown; normalized?: unknown } | null;
    if (entry?.normalized === true) continue; // only plain values can be validated here
    plain[id] = entry?.value;
  }
  return plain;
}
