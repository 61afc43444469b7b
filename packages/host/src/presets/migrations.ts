// Format migrations: pure functions, each lifting a document one format version, applied in order
// before validation. Version 1 is the first format, so the list is empty today; when the format
// changes, FORMAT_VERSION goes up by one and a function joins the end of MIGRATIONS.
import { describeValue, PresetError } from './errors.ts';
import { FORMAT_VERSION, type JsonObject } from './schema.ts';

/**
 * Lifts a document by one version. Must not mutate its input (return a new object) and must
 * tolerate any plain data: validation only runs after the last step. It need not set `version`.
 */
export type Migration = (document: Readonly<JsonObject>) => JsonObject;

/** `MIGRATIONS[i]` lifts format version i + 1 to i + 2. */
export const MIGRATIONS: readonly Migration[] = [];

if (MIGRATIONS.length + 1 !== FORMAT_VERSION) {
  throw new Error(`FORMAT_VERSION ${FORMAT_VERSION} needs ${FORMAT_VERSION - 1} migrations`);
}

/**
 * Brings a document to the newest version `migrations` reaches (`migrations.length + 1`).
 * Pure: the input is never modified. Throws PresetError for a missing or malformed `version`, for
 * a version newer than the list reaches ("written by a newer Lathe"), or when a step fails.
 */
export function migrate(document: JsonObject, migrations: readonly Migration[] = MIGRATIONS): JsonObject {
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const got = version === undefined ? 'missing' : `got ${describeValue(version)}`;
    throw PresetError.at('invalid', 'version', `expected a whole number from 1 (the format version), ${got}`);
  }
  const latest = migrations.length + 1;
  if (version > latest) {
    throw PresetError.at(
      'newer-version',
      'version',
      `this preset was written by a newer Lathe (format version ${version}; this Lathe reads up to ${latest}). Update Lathe to open it.`,
    );
  }
  let current = document;
  for (let from = version; from < latest; from++) {
    let next: JsonObject;
    try {
      next = migrations[from - 1](current);
    } catch (error) {
      if (error instanceof PresetError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw PresetError.at(
        'invalid',
        '',
        `could not upgrade the preset from format version ${from}: ${reason}`,
      );
    }
    current = { ...next, version: from + 1 };
  }
  return current;
}
