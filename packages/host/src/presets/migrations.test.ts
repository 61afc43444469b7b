import { describe, expect, it } from 'vitest';
import { PresetError } from './errors.ts';
import { MIGRATIONS, type Migration, migrate } from './migrations.ts';
import { FORMAT_VERSION, type JsonObject, type JsonValue } from './schema.ts';
import { presetError } from './test-support.ts';

// An imagined history: version 2 renamed `title` to `name`, version 3 moved `gain` into `mix.gainDb`.
const renameTitle: Migration = ({ title, ...rest }) => ({ ...rest, name: title ?? '' });
const moveGain: Migration = ({ gain, ...rest }) => ({ ...rest, mix: { gainDb: gain ?? 0 } });
const HISTORY = [renameTitle, moveGain];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('migrate', () => {
  it('has one migration per format version after the first', () => {
    expect(MIGRATIONS).toHaveLength(FORMAT_VERSION - 1);
  });

  it('applies every step from the document version on, in order, and sets each version', () => {
    const version1 = deepFreeze<JsonObject>({ version: 1, title: 'Old', gain: -3, other: [1] });
    expect(migrate(version1, HISTORY)).toEqual({ version: 3, name: 'Old', mix: { gainDb: -3 }, other: [1] });
    const version2 = deepFreeze<JsonObject>({ version: 2, name: 'Mid', gain: 2 });
    expect(migrate(version2, HISTORY)).toEqual({ version: 3, name: 'Mid', mix: { gainDb: 2 } });
    const seen: JsonValue[] = [];
    const spy: Migration[] = [1, 2, 3].map((step) => (document) => {
      seen.push(document.version);
      return { ...document, steps: [...((document.steps as JsonValue[]) ?? []), step] };
    });
    expect(migrate({ version: 2 }, spy)).toEqual({ version: 4, steps: [2, 3] });
    expect(seen).toEqual([2, 3]);
  });

  it('leaves a current document as it is', () => {
    const current = deepFreeze<JsonObject>({ version: 3, name: 'New' });
    expect(migrate(current, HISTORY)).toBe(current);
    expect(migrate({ version: 1, name: 'x' })).toEqual({ version: 1, name: 'x' });
  });

  it('never modifies its input', () => {
    const input: JsonObject = { version: 1, title: 'T', gain: 1 };
    const snapshot = JSON.stringify(input);
    migrate(input, HISTORY);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('refuses a document from a newer Lathe', () => {
    const error = presetError(() => migrate({ version: 4 }, HISTORY));
    expect(error.code).toBe('newer-version');
    expect(error.issues).toEqual([
      {
        path: 'version',
        message:
          'this preset was written by a newer Lathe (format version 4; this Lathe reads up to 3). Update Lathe to open it.',
      },
    ]);
  });

  it('names the version field when it is missing or malformed', () => {
    for (const version of [undefined, 0, -1, 1.5, '2', null]) {
      const document: JsonObject = version === undefined ? {} : { version };
      const error = presetError(() => migrate(document, HISTORY));
      expect(error.code).toBe('invalid');
      expect(error.issues[0].path).toBe('version');
      expect(error.issues[0].message).toMatch(/^expected a whole number from 1 \(the format version\), /);
    }
  });

  it('turns a failing step into a PresetError', () => {
    const broken: Migration = () => {
      throw new TypeError('cannot read "gain"');
    };
    const error = presetError(() => migrate({ version: 1 }, [broken]));
    expect(error).toBeInstanceOf(PresetError);
    expect(error.message).toBe('could not upgrade the preset from format version 1: cannot read "gain"');
  });
});
