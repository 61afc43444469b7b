// A plugin's descriptor.json, read as untrusted plain data: it is what an application shows the
// user before deciding to run a foreign plugin's code, so only well-formed, bounded fields survive.

/** The descriptor fields a host uses, validated. URLs are absolute and http(s) only. */
export interface PluginDescriptor {
  /** Reverse-DNS id; the WAM moduleId and AudioWorklet processor name. */
  readonly identifier: string;
  readonly name: string;
  readonly vendor?: string;
  readonly version?: string;
  readonly description?: string;
  /** The vendor's site (http/https only, so an approval dialog can link it safely). */
  readonly website?: string;
  /** Absolute URL of the thumbnail, resolved next to descriptor.json. */
  readonly thumbnailUrl?: string;
  readonly keywords: readonly string[];
}

/** The descriptor as `approve` receives it: read from the plugin's folder before any of its code runs. */
export type ForeignDescriptor = PluginDescriptor;

const SHORT_TEXT = 200;
const LONG_TEXT = 2000;
const MAX_KEYWORDS = 32;
/** descriptor.json is a few hundred bytes; anything far larger is not one. */
const MAX_DESCRIPTOR_BYTES = 64 * 1024;

// Control characters would let a descriptor forge lines in an approval dialog.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max && !CONTROL.test(trimmed) ? trimmed : undefined;
}

function httpUrl(value: unknown, base: string): string | undefined {
  const raw = text(value, LONG_TEXT);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates descriptor data (from descriptor.json or a WAM instance's `descriptor`). Returns null
 * when `identifier` or `name` is missing or malformed; other malformed fields become undefined.
 * `baseUrl` is the descriptor's own URL, against which the thumbnail is resolved.
 */
export function parseDescriptor(data: unknown, baseUrl: string): PluginDescriptor | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  const identifier = text(record.identifier, SHORT_TEXT);
  const name = text(record.name, SHORT_TEXT);
  if (identifier === undefined || name === undefined || /\s/.test(identifier)) return null;
  const keywords = Array.isArray(record.keywords)
    ? record.keywords
        .map((keyword) => text(keyword, SHORT_TEXT))
        .filter((keyword): keyword is string => keyword !== undefined)
        .slice(0, MAX_KEYWORDS)
    : [];
  return {
    identifier,
    name,
    vendor: text(record.vendor, SHORT_TEXT),
    version: text(record.version, SHORT_TEXT),
    description: text(record.description, LONG_TEXT),
    website: httpUrl(record.website, baseUrl),
    thumbnailUrl: httpUrl(record.thumbnail, baseUrl),
    keywords,
  };
}

/**
 * Fetches and validates the descriptor.json next to a plugin's index.js. Never throws: a missing,
 * oversized, slow or malformed descriptor gives null (the application may still approve).
 */
export async function fetchDescriptor(indexUrl: string, timeoutMs: number): Promise<PluginDescriptor | null> {
  const descriptorUrl = new URL('descriptor.json', indexUrl).href;
  try {
    const response = await fetch(descriptorUrl, {
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const body = await response.text();
    if (body.length > MAX_DESCRIPTOR_BYTES) return null;
    return parseDescriptor(JSON.parse(body), descriptorUrl);
  } catch {
    return null;
  }
}
