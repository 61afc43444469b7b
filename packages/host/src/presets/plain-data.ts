// The first gate for anything claiming to be a preset: bounded text, bounded nesting, and a copy
// made of plain JSON data only. Keys that could reach an object's prototype (__proto__,
// constructor, prototype) are dropped here with a warning, before any other code sees them, so no
// later step (zod, migrations, plugin states) can be tricked into touching Object.prototype.
import { describeValue, formatPath, MAX_NESTING_DEPTH, type PathSegment, PresetError } from './errors.ts';
import { type JsonObject, type JsonValue, PRESET_LIMITS } from './schema.ts';

/** Keys never copied from untrusted data. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const MAX_SIZE_TEXT = '1 MiB';

function tooLarge(what: string): PresetError {
  return PresetError.at('too-large', '', `${what} is larger than ${MAX_SIZE_TEXT}, the most a preset may be`);
}

/**
 * Parses preset text into plain data. Checks the length and the nesting depth before JSON.parse
 * runs, so oversized or absurdly nested text costs one linear scan at most.
 */
export function parseJsonText(text: string, warnings: string[]): JsonValue {
  if (text.length > PRESET_LIMITS.maxTextLength) throw tooLarge('The preset text');
  assertNestingDepth(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw PresetError.at('invalid-json', '', `The preset is not valid JSON (${reason})`);
  }
  return toPlainData(parsed, warnings);
}

// Counts brackets outside strings; JSON.parse itself would happily build a 500,000-level array.
function assertNestingDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_NESTING_DEPTH) {
        throw PresetError.at(
          'too-deep',
          '',
          `The preset is nested deeper than ${MAX_NESTING_DEPTH} levels (at character ${i + 1})`,
        );
      }
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
}

/**
 * Copies untrusted input into fresh plain JSON data, or throws a PresetError naming the field.
 * Rejects functions, symbols, BigInts, non-finite numbers, class instances, object accessors and sparse
 * arrays; drops undefined object fields (as JSON.stringify does) and forbidden keys (with a warning).
 * The copy's estimated JSON size is bounded like preset text, which also stops cyclic input.
 */
export function toPlainData(input: unknown, warnings: string[]): JsonValue {
  let budget = PRESET_LIMITS.maxTextLength;
  const path: PathSegment[] = [];

  const spend = (characters: number): void => {
    budget -= characters;
    if (budget < 0) throw tooLarge('The preset');
  };
  const fail = (message: string): never => {
    throw PresetError.at('not-plain-data', formatPath(path), message);
  };
  // Reads an own data property without running getters (the caller has pushed `key` onto `path`).
  const ownData = (container: object, key: string): unknown => {
    const descriptor = Object.getOwnPropertyDescriptor(container, key);
    if (descriptor === undefined) return undefined;
    if (!('value' in descriptor)) fail('expected plain data, got a getter or setter');
    return descriptor.value;
  };

  const copy = (value: unknown, depth: number): JsonValue => {
    switch (typeof value) {
      case 'string':
        spend(value.length + 2);
        return value;
      case 'number':
        if (!Number.isFinite(value)) fail(`expected a finite number, got ${value}`);
        spend(8);
        return value;
      case 'boolean':
        spend(5);
        return value;
      case 'object':
        break;
      default:
        return fail(`expected plain data (JSON), got ${describeValue(value)}`);
    }
    if (value === null) {
      spend(4);
      return null;
    }
    if (depth >= MAX_NESTING_DEPTH) {
      throw PresetError.at('too-deep', formatPath(path), `nested deeper than ${MAX_NESTING_DEPTH} levels`);
    }
    const prototype = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      if (prototype !== Array.prototype) fail('expected a plain array, got an array subclass');
      spend(2 + value.length); // brackets and commas, charged before touching a huge or sparse array
      const array: JsonValue[] = [];
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        if (!(index in value)) fail('expected a value, got a hole in a sparse array');
        const item: unknown = value[index];
        if (item === undefined) fail('expected a value, got undefined');
        array.push(copy(item, depth + 1));
        path.pop();
      }
      return array;
    }
    if (prototype !== Object.prototype && prototype !== null) {
      return fail('expected a plain object, got a class instance or other non-plain object');
    }
    spend(2);
    const object: JsonObject = {};
    for (const key of Object.keys(value)) {
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        warnings.push(
          `${formatPath(path)}: dropped (keys named __proto__, constructor or prototype are not allowed)`,
        );
      } else {
        const item = ownData(value, key);
        if (item !== undefined) {
          spend(key.length + 4);
          object[key] = copy(item, depth + 1);
        }
      }
      path.pop();
    }
    return object;
  };

  return copy(input, 0);
}
