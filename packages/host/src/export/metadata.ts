// Track metadata for delivery files: validation and ISRC normalisation (ISO 3901).

/** What a delivery file says about its track. Empty strings are treated as absent. */
export interface TrackMetadata {
  title?: string;
  artist?: string;
  /** International Standard Recording Code, e.g. "GB-AAA-25-00001" or "GBAAA2500001". */
  isrc?: string;
}

/** Metadata after validation: trimmed, ISRC in its 12-character form, absent fields left out. */
export interface NormalisedMetadata {
  title?: string;
  artist?: string;
  isrc?: string;
}

/** Longest title or artist we write (ID3 and RIFF INFO both allow far more; players show far less). */
export const MAX_TEXT_LENGTH = 1000;

// Country (2 letters), registrant (3 alphanumerics), year (2 digits), designation (5 digits).
const ISRC_PATTERN = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}$/;
// The hyphenated display form ISO 3901 uses: CC-XXX-YY-NNNNN.
const HYPHENATED_ISRC = /^[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}$/;
// C0 controls, DEL and C1 controls: they would end or corrupt RIFF INFO strings.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks an ISRC and returns its stored form: 12 characters, upper case, no hyphens.
 * Accepts the compact form or the hyphenated CC-XXX-YY-NNNNN form, in either case.
 * @throws RangeError naming `field` and what is wrong.
 */
export function normaliseIsrc(isrc: string, field = 'isrc'): string {
  if (typeof isrc !== 'string') throw new TypeError(`${field}: expected a string, got ${typeof isrc}`);
  const upper = isrc.trim().toUpperCase();
  const compact = HYPHENATED_ISRC.test(upper) ? upper.replaceAll('-', '') : upper;
  if (!ISRC_PATTERN.test(compact)) {
    throw new RangeError(
      `${field}: "${isrc}" is not an ISRC; expected 12 characters: a 2-letter country code, ` +
        '3 letters or digits for the registrant, 2 digits for the year and 5 for the designation ' +
        '(e.g. "GBAAA2500001" or "GB-AAA-25-00001")',
    );
  }
  return compact;
}

function normaliseText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${field}: expected a string, got ${typeof value}`);
  const text = value.trim();
  if (text === '') return undefined;
  if (CONTROL_CHARACTER.test(text)) throw new RangeError(`${field}: contains a control character`);
  if (text.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`${field}: ${text.length} characters, at most ${MAX_TEXT_LENGTH} allowed`);
  }
  return text;
}

/**
 * Validates track metadata and returns it normalised.
 * @param field the name to use in errors, e.g. "metadata".
 * @throws TypeError / RangeError naming the field and the problem.
 */
export function normaliseMetadata(
  metadata: TrackMetadata | undefined,
  field = 'metadata',
): NormalisedMetadata {
  if (metadata === undefined) return {};
  if (metadata === null || typeof metadata !== 'object') {
    throw new TypeError(`${field}: expected an object with title, artist or isrc`);
  }
  const result: NormalisedMetadata = {};
  const title = normaliseText(metadata.title, `${field}.title`);
  const artist = normaliseText(metadata.artist, `${field}.artist`);
  if (title !== undefined) result.title = title;
  if (artist !== undefined) result.artist = artist;
  const isrc: unknown = metadata.isrc;
  if (isrc !== undefined && !(typeof isrc === 'string' && isrc.trim() === '')) {
    result.isrc = normaliseIsrc(isrc as string, `${field}.isrc`);
  }
  return result;
}
