// Share links: a preset compressed into the URL's fragment, `#preset=1.<base64url(deflate-raw(JSON))>`.
// The fragment never reaches a server. "1" is the link format (how the payload is packed), separate
// from the preset's own format version. Decoding never trusts the payload: it is size-capped before
// and while inflating (a deflate bomb stops at 1 MiB), then read by parsePreset like any file.
import { deflateSync, Inflate } from 'fflate';
import { PresetError } from './errors.ts';
import { type ParsedPreset, parsePreset, stringifyPreset } from './parse.ts';
import { PRESET_LIMITS, type PresetEnvelope } from './schema.ts';

/** The link format this Lathe writes and reads. */
export const SHARE_LINK_VERSION = '1';
/** Longer links are unreliable in chat apps and some browsers: offer a file instead. */
export const SHARE_LINK_MAX_LENGTH = 2000;

const PARAMETER = 'preset=';
// Deflate expands at most ~1032:1, so an honest 1 MiB preset never packs to anything near this.
const MAX_PAYLOAD_CHARACTERS = 2 * PRESET_LIMITS.maxTextLength;
// Input is fed to the inflater in slices so that its output can be counted and cut off early.
const INFLATE_SLICE_BYTES = 512;

export interface ShareLink {
  url: string;
  /** `url.length`, in characters. */
  length: number;
  /** `length ≤ SHARE_LINK_MAX_LENGTH`; when false, offer the preset as a file instead. */
  fitsInLink: boolean;
}

/**
 * A link to `baseUrl` (any fragment it had is replaced) carrying the preset.
 * Works in Node and browsers (no Node-only APIs).
 */
export function encodeShareLink(preset: PresetEnvelope, baseUrl: string | URL): ShareLink {
  const json = new TextEncoder().encode(stringifyPreset(preset, 0));
  const payload = toBase64Url(deflateSync(json, { level: 9 }));
  const base = String(baseUrl);
  const hashIndex = base.indexOf('#');
  const url = `${hashIndex >= 0 ? base.slice(0, hashIndex) : base}#${PARAMETER}${SHARE_LINK_VERSION}.${payload}`;
  return { url, length: url.length, fitsInLink: url.length <= SHARE_LINK_MAX_LENGTH };
}

/**
 * Reads the preset in a share link: a whole URL, its fragment (`#preset=…`), or `preset=…` alone.
 * @throws PresetError with a distinct code and message for: no preset in the link (`link-missing`),
 *   a link format this Lathe cannot read (`link-version`), damaged or truncated data
 *   (`link-corrupt`), data that unpacks to more than 1 MiB (`link-too-large`), and then everything
 *   parsePreset reports (`invalid-json`, `invalid`, …) under "This link's preset …".
 */
export function decodeShareLink(urlOrHash: string): ParsedPreset {
  const parameter = presetParameter(urlOrHash.trim());
  if (parameter === undefined) {
    throw PresetError.at(
      'link-missing',
      '',
      'This link has no preset in it (expected "#preset=…" in the address)',
    );
  }
  if (parameter.length > MAX_PAYLOAD_CHARACTERS) {
    throw PresetError.at('link-too-large', '', 'This link is too long to hold a preset (over 2 MiB of text)');
  }
  const dot = parameter.indexOf('.');
  const version = dot >= 0 ? parameter.slice(0, dot) : '';
  if (!/^[0-9]{1,9}$/.test(version)) throw corrupt('it has no link format number');
  if (version !== SHARE_LINK_VERSION) {
    throw PresetError.at(
      'link-version',
      '',
      `This link was made by a newer Lathe (link format ${version}; this Lathe reads format ${SHARE_LINK_VERSION}). Update Lathe to open it.`,
    );
  }
  const compressed = fromBase64Url(parameter.slice(dot + 1));
  if (compressed === undefined) throw corrupt('it contains characters that cannot be in a preset link');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflateCapped(compressed));
  } catch (error) {
    if (error instanceof PresetError) throw error;
    throw corrupt('the data does not unpack');
  }
  try {
    return parsePreset(text);
  } catch (error) {
    if (!(error instanceof PresetError)) throw error;
    const summary =
      error.code === 'invalid-json'
        ? "This link's preset is damaged:"
        : "This link's preset cannot be opened:";
    throw new PresetError(error.code, error.issues, summary);
  }
}

function corrupt(reason: string): PresetError {
  return PresetError.at(
    'link-corrupt',
    '',
    `This link's preset is damaged or cut short (${reason}); copy the whole link again`,
  );
}

// The `preset=` parameter of a fragment like "#a=b&preset=1.xyz"; a string without "#" is taken
// as the fragment itself.
function presetParameter(urlOrHash: string): string | undefined {
  const hashIndex = urlOrHash.indexOf('#');
  const fragment = hashIndex >= 0 ? urlOrHash.slice(hashIndex + 1) : urlOrHash;
  for (const part of fragment.split('&')) {
    if (part.startsWith(PARAMETER)) return part.slice(PARAMETER.length);
  }
  return undefined;
}

function inflateCapped(compressed: Uint8Array): Uint8Array {
  if (compressed.length === 0) throw corrupt('it is empty');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > PRESET_LIMITS.maxTextLength) {
      throw PresetError.at('link-too-large', '', "This link's preset unpacks to more than 1 MiB; refused");
    }
    chunks.push(chunk);
  });
  for (let start = 0; start < compressed.length; start += INFLATE_SLICE_BYTES) {
    const end = start + INFLATE_SLICE_BYTES;
    inflater.push(compressed.subarray(start, end), end >= compressed.length);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTET = new Map([...ALPHABET].map((character, index) => [character.charCodeAt(0), index]));

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const remaining = Math.min(3, bytes.length - i);
    const triple = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    // 1, 2 or 3 bytes → 2, 3 or 4 characters
    for (let k = 0; k <= remaining; k++) parts.push(ALPHABET[(triple >> (18 - 6 * k)) & 63]);
  }
  return parts.join('');
}

/** Decodes base64url (padding optional); undefined for any character or length base64 cannot have. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  const unpadded = text.replace(/={1,2}$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let accumulator = 0;
  let bits = 0;
  let offset = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const sextet = SEXTET.get(unpadded.charCodeAt(i));
    if (sextet === undefined) return undefined;
    accumulator = ((accumulator << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[offset++] = (accumulator >> bits) & 0xff;
    }
  }
  return bytes;
}
