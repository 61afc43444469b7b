// A plugin's parameter table is the single source of truth for its parameters: the WAM parameter
// info, the kernel's typed values, preset validation and UI formatting are all derived from it.
// Parameter ids are persistence keys: never rename one (migrate presets instead).

export type ParamScale = 'linear' | 'log';

interface ParamBase {
  readonly label: string;
}

export interface FloatParamSpec extends ParamBase {
  readonly type: 'float';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly unit?: string;
  /** 'log' for frequencies and times: equal slider travel per octave. */
  readonly scale?: ParamScale;
  /** Decimal places shown in the UI (the value itself is never rounded). */
  readonly decimals?: number;
  /** Show the maximum as ∞ (a compressor's ratio: its top setting behaves as a limiter). */
  readonly infiniteAtMax?: boolean;
  /** Show the minimum as −∞ (a fader's bottom: the kernel treats it as silence). */
  readonly infiniteAtMin?: boolean;
  /** Show −1…1 as a balance position: "L50", "C", "R50" (percent of the way to each side). */
  readonly balance?: boolean;
  /** Values below this mean "Off" (e.g. a sidechain filter below 20 Hz); the kernel bypasses them. */
  readonly offBelow?: number;
}

export interface IntParamSpec extends ParamBase {
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly unit?: string;
}

export interface BooleanParamSpec extends ParamBase {
  readonly type: 'boolean';
  readonly default: boolean;
}

export interface ChoiceParamSpec<C extends string = string> extends ParamBase {
  readonly type: 'choice';
  readonly choices: readonly C[];
  /** Human labels per choice, same order; defaults to the choice ids. */
  readonly choiceLabels?: readonly string[];
  readonly default: C;
}

export type ParamSpec = FloatParamSpec | IntParamSpec | BooleanParamSpec | ChoiceParamSpec;
export type ParamTable = Readonly<Record<string, ParamSpec>>;
export type ParamId<T extends ParamTable> = keyof T & string;

/** Plain parameter values as WAM carries them: numbers; booleans 0/1, choices by index. */
export type ParamValues<T extends ParamTable> = { [K in ParamId<T>]: number };

/** Identity with a precise inferred type: `defineParams({ gain: { type: 'float', … } })`. */
export function defineParams<const T extends ParamTable>(table: T): T {
  for (const [id, spec] of Object.entries(table)) assertSpec(id, spec);
  return table;
}

function assertSpec(id: string, spec: ParamSpec): void {
  if (!/^[a-z][A-Za-z0-9]*$/.test(id)) throw new Error(`Parameter id "${id}" must be lowerCamelCase`);
  if (spec.type === 'float' || spec.type === 'int') {
    if (!(spec.min < spec.max)) throw new Error(`Parameter "${id}": min must be below max`);
    if (spec.default < spec.min || spec.default > spec.max) {
      throw new Error(`Parameter "${id}": default ${spec.default} outside ${spec.min}…${spec.max}`);
    }
    if (spec.type === 'float' && spec.scale === 'log' && spec.min <= 0) {
      throw new Error(`Parameter "${id}": a log scale needs a positive minimum`);
    }
  }
  if (spec.type === 'choice' && !spec.choices.includes(spec.default)) {
    throw new Error(`Parameter "${id}": default "${spec.default}" is not one of its choices`);
  }
}

export function paramIds<T extends ParamTable>(table: T): ParamId<T>[] {
  return Object.keys(table) as ParamId<T>[];
}

export function paramRange(spec: ParamSpec): { min: number; max: number } {
  switch (spec.type) {
    case 'float':
    case 'int':
      return { min: spec.min, max: spec.max };
    case 'boolean':
      return { min: 0, max: 1 };
    case 'choice':
      return { min: 0, max: spec.choices.length - 1 };
  }
}

export function defaultValue(spec: ParamSpec): number {
  switch (spec.type) {
    case 'float':
    case 'int':
      return spec.default;
    case 'boolean':
      return spec.default ? 1 : 0;
    case 'choice':
      return spec.choices.indexOf(spec.default);
  }
}

export function defaultValues<T extends ParamTable>(table: T): ParamValues<T> {
  const values = {} as ParamValues<T>;
  for (const id of paramIds(table)) values[id] = defaultValue(table[id]);
  return values;
}

/** Brings any number into the parameter's legal set: clamped, and whole for discrete types. */
export function clampValue(spec: ParamSpec, value: number): number {
  const { min, max } = paramRange(spec);
  const v = Math.min(max, Math.max(min, value));
  return spec.type === 'float' ? v : Math.round(v);
}

/** Maps a plain value to 0…1 slider travel (log scales: equal travel per octave). */
export function toNormalized(spec: ParamSpec, value: number): number {
  const { min, max } = paramRange(spec);
  const v = clampValue(spec, value);
  if (spec.type === 'float' && spec.scale === 'log') return Math.log(v / min) / Math.log(max / min);
  return (v - min) / (max - min);
}

export function fromNormalized(spec: ParamSpec, normalized: number): number {
  const { min, max } = paramRange(spec);
  const t = Math.min(1, Math.max(0, normalized));
  if (spec.type === 'float' && spec.scale === 'log') return clampValue(spec, min * (max / min) ** t);
  return clampValue(spec, min + t * (max - min));
}

/** The WAM 2.0 parameter configuration (plain data, as `WamParameterInfo` takes it). */
export interface WamParameterConfig {
  type: 'float' | 'int' | 'boolean' | 'choice';
  label: string;
  defaultValue: number;
  minValue: number;
  maxValue: number;
  discreteStep: number;
  exponent: number;
  choices: string[];
  units: string;
}

export function toWamParameterConfig(spec: ParamSpec): WamParameterConfig {
  const { min, max } = paramRange(spec);
  const isFloat = spec.type === 'float';
  return {
    type: spec.type,
    label: spec.label,
    defaultValue: defaultValue(spec),
    minValue: min,
    maxValue: max,
    discreteStep: isFloat ? 0 : 1,
    exponent: isFloat && spec.scale === 'log' ? wamExponentForLog(min, max) : 0,
    choices: spec.type === 'choice' ? [...spec.choices] : [],
    units: spec.type === 'float' || spec.type === 'int' ? (spec.unit ?? '') : '',
  };
}

export function toWamParameterConfigs<T extends ParamTable>(
  table: T,
): Record<ParamId<T>, WamParameterConfig> {
  const configs = {} as Record<ParamId<T>, WamParameterConfig>;
  for (const id of paramIds(table)) configs[id] = toWamParameterConfig(table[id]);
  return configs;
}

// WAM skews normalised values as x^(1.5^e). Pick e so that mid-travel lands on the geometric mean,
// which is what a log scale does; hosts' generic sliders then behave close to ours.
function wamExponentForLog(min: number, max: number): number {
  const geometricMean = Math.sqrt(min * max);
  const power = Math.log((geometricMean - min) / (max - min)) / Math.log(0.5);
  return Math.log(power) / Math.log(1.5);
}

export interface ValidationResult<T extends ParamTable> {
  values: ParamValues<T>;
  /** Human-readable notes about what was clamped, ignored or defaulted. */
  warnings: string[];
}

/**
 * Validates untrusted parameter data (a preset, a link, a host's state): unknown ids are ignored,
 * values are clamped, wrong types fall back to the current (or default) value. Never throws for
 * bad values; throws a TypeError only when the input is not an object at all.
 */
export function validateParamValues<T extends ParamTable>(
  table: T,
  input: unknown,
  base: ParamValues<T> = defaultValues(table),
): ValidationResult<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(`Parameter values must be an object of { id: value }, got ${describe(input)}`);
  }
  const values = { ...base };
  const warnings: string[] = [];
  for (const [id, raw] of Object.entries(input)) {
    if (!Object.hasOwn(table, id)) {
      warnings.push(`Unknown parameter "${id}" ignored`);
      continue;
    }
    const spec = table[id];
    const parsed = parseValue(spec, raw);
    if (parsed === undefined) {
      warnings.push(`Parameter "${id}": ${describe(raw)} is not a valid ${spec.type}; kept ${values[id]}`);
      continue;
    }
    const clamped = clampValue(spec, parsed);
    if (clamped !== parsed) warnings.push(`Parameter "${id}": ${parsed} clamped to ${clamped}`);
    values[id as ParamId<T>] = clamped;
  }
  return { values, warnings };
}

// Accepts the plain WAM form (numbers) and the readable forms people write by hand
// (true/false for booleans, choice names for choices).
function parseValue(spec: ParamSpec, raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (spec.type === 'boolean' && typeof raw === 'boolean') return raw ? 1 : 0;
  if (spec.type === 'choice' && typeof raw === 'string') {
    const index = spec.choices.indexOf(raw);
    return index >= 0 ? index : undefined;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The text a UI shows for a value: "−23.0 dB", "1.20 kHz", "On", "Apple Music". */
export function formatValue(spec: ParamSpec, value: number): string {
  switch (spec.type) {
    case 'boolean':
      return value >= 0.5 ? 'On' : 'Off';
    case 'choice': {
      const index = clampValue(spec, value);
      return spec.choiceLabels?.[index] ?? spec.choices[index];
    }
    case 'int':
      return withUnit(String(Math.round(value)), spec.unit);
    case 'float':
      if (spec.offBelow !== undefined && value < spec.offBelow) return 'Off';
      if (spec.infiniteAtMax && value >= spec.max) return withUnit('∞', spec.unit);
      if (spec.infiniteAtMin && value <= spec.min) return withUnit('−∞', spec.unit);
      if (spec.balance) return formatBalance(value);
      return formatFloat(value, spec.unit, spec.decimals);
  }
}

function formatFloat(value: number, unit: string | undefined, decimals: number | undefined): string {
  if (unit === 'Hz' && Math.abs(value) >= 1000) return withUnit(signed((value / 1000).toFixed(2)), 'kHz');
  if (unit === 'ms' && Math.abs(value) >= 1000) return withUnit(signed((value / 1000).toFixed(2)), 's');
  const places = decimals ?? (Math.abs(value) >= 100 ? 0 : 1);
  return withUnit(signed(value.toFixed(places)), unit);
}

function formatBalance(value: number): string {
  const percent = Math.round(Math.abs(value) * 100);
  if (percent === 0) return 'C';
  return `${value < 0 ? 'L' : 'R'}${percent}`;
}

// Typographic minus, as audio tools print it.
function signed(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

// Ratios read "4.0:1", everything else "4.0 dB".
function withUnit(text: string, unit: string | undefined): string {
  if (!unit) return text;
  return unit.startsWith(':') ? `${text}${unit}` : `${text} ${unit}`;
}
