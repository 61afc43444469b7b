// WAM parameter info, rebuilt from plain data. `WamNode.getParameterInfo()` answers with structured
// clones of the processor's WamParameterInfo objects, so the methods (normalize, denormalize,
// valueString) are gone, and the SDK's valueString is wrong for non-choice parameters anyway.
// The host keeps info as plain, validated data and does the maths in the functions below, which
// follow the WAM API's definitions (exponent skews the normalized range by 1.5^±exponent).

export type PluginParameterType = 'float' | 'int' | 'boolean' | 'choice';

/** One parameter as a host panel needs it. Plain data: safe to clone, store and compare. */
export interface PluginParameter {
  readonly id: string;
  readonly label: string;
  readonly type: PluginParameterType;
  readonly defaultValue: number;
  readonly minValue: number;
  readonly maxValue: number;
  /** 0 = continuous; otherwise the spacing of valid values. */
  readonly discreteStep: number;
  /** Skew of the normalized range: 0 linear, > 0 more resolution near minValue. */
  readonly exponent: number;
  /** Names of the values of a choice parameter (index = value). */
  readonly choices: readonly string[];
  readonly units: string;
}

export interface ParameterInfoResult {
  /** The well-formed parameters, in the plugin's order. */
  readonly parameters: PluginParameter[];
  /** One line per parameter left out, naming it and the field at fault. */
  readonly problems: string[];
}

const TYPES: readonly PluginParameterType[] = ['float', 'int', 'boolean', 'choice'];

function finiteOr(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`"${field}" must be a finite number`);
  return value;
}

function readOne(id: string, entry: unknown): PluginParameter {
  if (typeof entry !== 'object' || entry === null) throw new Error('is not an object');
  const raw = entry as Record<string, unknown>;
  const type = raw.type ?? 'float';
  if (!TYPES.includes(type as PluginParameterType)) {
    throw new Error(`"type" must be one of ${TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const choices = raw.choices ?? [];
  if (!Array.isArray(choices) || !choices.every((choice) => typeof choice === 'string')) {
    throw new Error('"choices" must be an array of strings');
  }
  const label = typeof raw.label === 'string' ? raw.label : '';
  const units = typeof raw.units === 'string' ? raw.units : '';
  const defaultValue = finiteOr(raw.defaultValue, 0, 'defaultValue');
  const discrete = type === 'boolean' || type === 'choice';
  if (type === 'choice' && choices.length === 0) throw new Error('a choice parameter needs "choices"');
  const minValue = discrete ? 0 : finiteOr(raw.minValue, 0, 'minValue');
  const maxValue = discrete
    ? choices.length > 0
      ? choices.length - 1
      : 1
    : finiteOr(raw.maxValue, 1, 'maxValue');
  const discreteStep = discrete ? 1 : finiteOr(raw.discreteStep, 0, 'discreteStep');
  const exponent = discrete ? 0 : finiteOr(raw.exponent, 0, 'exponent');
  if (!(minValue < maxValue))
    throw new Error(`"minValue" (${minValue}) must be below "maxValue" (${maxValue})`);
  if (defaultValue < minValue || defaultValue > maxValue) {
    throw new Error(`"defaultValue" ${defaultValue} is outside [${minValue}, ${maxValue}]`);
  }
  if (discreteStep < 0) throw new Error('"discreteStep" must not be negative');
  return {
    id,
    label,
    type: type as PluginParameterType,
    defaultValue,
    minValue,
    maxValue,
    discreteStep,
    exponent,
    choices,
    units,
  };
}

/**
 * Rebuilds parameter info from what `getParameterInfo()` answered (a map id → plain info).
 * Missing fields take the WAM API's defaults; malformed parameters are left out and reported.
 */
export function readParameterInfo(raw: unknown): ParameterInfoResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { parameters: [], problems: ['getParameterInfo() did not answer with an object of { id: info }'] };
  }
  const parameters: PluginParameter[] = [];
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(raw)) {
    try {
      parameters.push(readOne(id, entry));
    } catch (error) {
      problems.push(`parameter "${id}": ${(error as Error).message}`);
    }
  }
  return { parameters, problems };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Plain value → [0, 1], clamped to the range. */
export function normalizeParameterValue(parameter: PluginParameter, value: number): number {
  const { minValue, maxValue, exponent } = parameter;
  const linear = (clamp(value, minValue, maxValue) - minValue) / (maxValue - minValue);
  return exponent === 0 ? linear : linear ** (1.5 ** -exponent);
}

/** [0, 1] → plain value, clamped. */
export function denormalizeParameterValue(parameter: PluginParameter, normalized: number): number {
  const { minValue, maxValue, exponent } = parameter;
  const skewed = exponent === 0 ? clamp(normalized, 0, 1) : clamp(normalized, 0, 1) ** (1.5 ** exponent);
  return minValue + skewed * (maxValue - minValue);
}

/** A value as text: the choice's name, on/off, or the number (4 significant digits) with its units. */
export function formatParameterValue(parameter: PluginParameter, value: number): string {
  const index = Math.round(value);
  if (parameter.choices.length > 0 && parameter.choices[index] !== undefined) return parameter.choices[index];
  if (parameter.type === 'boolean') return value >= 0.5 ? 'on' : 'off';
  const number = String(Number(value.toPrecision(4)));
  return parameter.units === '' ? number : `${number} ${parameter.units}`;
}
