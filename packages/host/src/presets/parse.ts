// parsePreset: the one way into a preset from anywhere (text, file, link, object), and
// serializePreset: the one way out.
//
// Pipeline: plain data (limits, no prototype keys) → `format` check → migrations → schema, clamping
// out-of-range numbers with warnings → session routing → Lathe plugin states.
import type { z } from 'zod';
import { describeValue, formatPath, type PathSegment, PresetError, type PresetIssue } from './errors.ts';
import { migrate } from './migrations.ts';
import { parseJsonText, toPlainData } from './plain-data.ts';
import { normalizeLatheStates } from './plugin-states.ts';
import { checkSessionRouting } from './routing.ts';
import { FORMAT_ID, type JsonObject, type JsonValue, type PresetEnvelope, presetSchema } from './schema.ts';

export interface ParsedPreset {
  preset: PresetEnvelope;
  /** What was clamped, ignored, dropped or defaulted, each starting with its field path. */
  warnings: string[];
}

/**
 * Reads a preset from JSON text or from a value already in memory, validates it completely and
 * returns it with defaults filled in and unknown fields kept.
 *
 * - Text over 1 MiB, nesting deeper than 64 levels, or more tracks, buses, inserts or sends than
 *   {@link PRESET_LIMITS} allows are rejected before any costly work.
 * - Plain data only: functions, class instances, accessors, sparse arrays and non-finite numbers
 *   are rejected. Keys named `__proto__`, `constructor` or `prototype` are dropped at any depth
 *   (including inside plugin states) with a warning; they never reach the result.
 * - Out-of-range numbers are clamped with a warning; Lathe plugin states are validated with the
 *   plugin's parameter table (unknown parameters ignored, values clamped, each with a warning).
 *
 * @throws PresetError with field-named issues; nothing else for any input.
 */
export function parsePreset(input: unknown): ParsedPreset {
  const warnings: string[] = [];
  const plain = typeof input === 'string' ? parseJsonText(input, warnings) : toPlainData(input, warnings);
  const preset = validate(migrate(presetObject(plain)), warnings);
  const issues = [
    ...(preset.session ? checkSessionRouting(preset.session) : []),
    ...normalizeLatheStates(preset, warnings),
  ];
  if (issues.length > 0) throw new PresetError('invalid', issues);
  return { preset, warnings };
}

function presetObject(value: JsonValue): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw PresetError.at(
      'not-a-preset',
      '',
      `expected a Lathe preset (a JSON object), got ${describeValue(value)}`,
    );
  }
  if (value.format !== FORMAT_ID) {
    const got = value.format === undefined ? 'it has none' : `got ${describeValue(value.format)}`;
    throw PresetError.at(
      'not-a-preset',
      'format',
      `expected "${FORMAT_ID}": this is not a Lathe preset (${got})`,
    );
  }
  return value;
}

// Out-of-range numbers are the only schema issues that are fixed rather than reported: clamp them
// in our own copy of the document and validate again (once is enough; a third pass is a bug guard).
function validate(document: JsonObject, warnings: string[]): PresetEnvelope {
  for (let pass = 0; ; pass++) {
    const result = presetSchema.safeParse(document, { reportInput: true });
    if (result.success) return result.data;
    const issues = result.error.issues;
    const outOfRange = issues.filter(isNumberRangeIssue);
    if (outOfRange.length < issues.length || pass === 2) {
      const reported = pass === 2 ? issues : issues.filter((issue) => !isNumberRangeIssue(issue));
      throw new PresetError('invalid', reported.map(toPresetIssue));
    }
    for (const issue of outOfRange) clampAt(document, issue, warnings);
  }
}

type SchemaIssue = z.core.$ZodIssue;
type RangeIssue = z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall;

function isNumberRangeIssue(issue: SchemaIssue): issue is RangeIssue {
  return (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number';
}

function clampAt(document: JsonObject, issue: RangeIssue, warnings: string[]): void {
  const path = issue.path.map(toSegment);
  let container: JsonValue = document;
  for (const segment of path.slice(0, -1)) container = (container as JsonObject)[segment];
  const key = path[path.length - 1];
  const record = container as JsonObject;
  const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  warnings.push(`${formatPath(path)}: ${describeValue(record[key])} clamped to ${limit}`);
  record[key] = limit;
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'symbol' ? String(key) : key;
}

function toPresetIssue(issue: SchemaIssue): PresetIssue {
  return { path: formatPath(issue.path.map(toSegment)), message: describeIssue(issue) };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

function describeIssue(issue: SchemaIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((value) => JSON.stringify(value));
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'too_big':
    case 'too_small':
      return describeSizeIssue(issue);
    default:
      return issue.message;
  }
}

function describeSizeIssue(issue: RangeIssue): string {
  const input = issue.input;
  if (issue.code === 'too_small' && input === '') return 'must not be empty';
  if (issue.code === 'too_big' && typeof input === 'string') {
    return `too long (${input.length} characters; at most ${issue.maximum})`;
  }
  if (issue.code === 'too_big' && Array.isArray(input)) {
    return `too many entries (${input.length}; at most ${issue.maximum})`;
  }
  return issue.message;
}

// Keys in the order people read them; anything else follows alphabetically (by code unit, so the
// order never depends on the locale).
const KEY_ORDER = [
  'format',
  'identifier',
  'version',
  'kind',
  'id',
  'asset',
  'name',
  'url',
  'integrity',
  'bypass',
  'sidechain',
  'state',
  'plugin',
  'chain',
  'session',
  'source',
  'gainDb',
  'pan',
  'mute',
  'solo',
  'invert',
  'output',
  'bus',
  'preFader',
  'sends',
  'inserts',
  'sampleRate',
  'tracks',
  'buses',
  'mix',
  'master',
];
const KEY_RANK = new Map(KEY_ORDER.map((key, rank) => [key, rank]));

function compareKeys(a: string, b: string): number {
  const rankA = KEY_RANK.get(a) ?? KEY_ORDER.length;
  const rankB = KEY_RANK.get(b) ?? KEY_ORDER.length;
  if (rankA !== rankB) return rankA - rankB;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with keys in a fixed order: the same preset always gives the same text. */
export function stringifyPreset(preset: PresetEnvelope, indent: number): string {
  return JSON.stringify(
    preset,
    (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort(compareKeys)
              .map((key) => [key, (value as Record<string, unknown>)[key]]),
          )
        : value,
    indent,
  );
}

/** The preset as stable, pretty JSON (2-space indent, fixed key order), as files store it. */
export function serializePreset(preset: PresetEnvelope): string {
  return stringifyPreset(preset, 2);
}
