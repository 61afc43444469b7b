// The preset document: one envelope for plugin, chain and session presets. These zod schemas are the
// single source of the types below. Every object is "loose": fields this version does not know are
// kept, so a preset written by a newer minor build survives a round trip through an older one.
// Numeric ranges here are also what parsePreset clamps to (with a warning) instead of rejecting.
import { z } from 'zod';

/** The `format` of every Lathe preset. */
export const FORMAT_ID = 'lathe-preset';
/** The format version this Lathe writes and reads (older ones are migrated forward). */
export const FORMAT_VERSION = 1;

/** Channel and send gains in dB; −120 dB is treated as silence (documents store no −Infinity). */
export const GAIN_DB_MIN = -120;
export const GAIN_DB_MAX = 12;
/** Pan position: −1 hard left … +1 hard right. */
export const PAN_MIN = -1;
export const PAN_MAX = 1;
/** Sample rates a browser's AudioContext may run at. */
export const SAMPLE_RATE_MIN = 3000;
export const SAMPLE_RATE_MAX = 768_000;

/** Size limits that keep a hostile document from costing memory or time. */
export const PRESET_LIMITS = {
  /** Characters of preset text (and the unpacked size of a share link, in bytes). */
  maxTextLength: 1 << 20,
  maxTracks: 256,
  maxBuses: 128,
  /** Plugin slots in one chain: a track's or bus's inserts, the mix, the master, a chain preset. */
  maxInserts: 64,
  maxSends: 64,
  maxIdLength: 128,
  maxNameLength: 256,
  maxIdentifierLength: 256,
  maxVersionLength: 64,
  maxUrlLength: 4096,
} as const;

/** The id that names the main mix in `output` fields; no track or bus may use it. */
export const MIX_ID = 'mix';

const jsonSchema = z.json();
/** Any JSON value. */
export type JsonValue = z.infer<typeof jsonSchema>;
export type JsonObject = { [key: string]: JsonValue };

const idSchema = z.string().min(1).max(PRESET_LIMITS.maxIdLength);
const nameSchema = z.string().max(PRESET_LIMITS.maxNameLength);
const gainDbSchema = z.number().min(GAIN_DB_MIN).max(GAIN_DB_MAX).default(0);
const panSchema = z.number().min(PAN_MIN).max(PAN_MAX).default(0);
const flagSchema = z.boolean().default(false);

// URL parsers drop tabs and newlines anywhere and spaces at the ends ("java\nscript:" becomes
// "javascript:"), so a URL carrying any of them is refused outright rather than second-guessed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const WHITESPACE_OR_CONTROL = /[\u0000-\u0020\u007f]/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

// A plugin is code: only http(s) and relative URLs may name one (no data:, blob: or javascript:).
// Whether to trust that URL is the host's separate, explicit step.
const pluginUrlSchema = z
  .string()
  .min(1)
  .max(PRESET_LIMITS.maxUrlLength)
  .refine((url) => !WHITESPACE_OR_CONTROL.test(url), {
    error: 'must not contain spaces or control characters (percent-encode them)',
  })
  .refine((url) => /^https?$/i.test(SCHEME.exec(url)?.[1] ?? 'http'), {
    error: 'only http(s) or relative URLs can load a plugin',
  });

/** Subresource-integrity style pin of a plugin's index.js: "sha256-" and 32 bytes in base64. */
export const INTEGRITY_PATTERN = /^sha256-[A-Za-z0-9+/]{43}=$/;

/** One plugin in a chain. `state` is the plugin's own getState() data; null means its defaults. */
export const pluginSlotSchema = z.looseObject({
  identifier: z.string().min(1).max(PRESET_LIMITS.maxIdentifierLength),
  version: z.string().max(PRESET_LIMITS.maxVersionLength),
  url: pluginUrlSchema,
  state: jsonSchema.default(null),
  bypass: flagSchema,
  /** Id of the track or bus whose signal feeds the plugin's second input. */
  sidechain: idSchema.nullable().optional(),
  integrity: z
    .string()
    .regex(INTEGRITY_PATTERN, { error: 'expected "sha256-" followed by the base64 SHA-256 (44 characters)' })
    .optional(),
});

const insertsSchema = z
  .array(pluginSlotSchema)
  .max(PRESET_LIMITS.maxInserts)
  .default(() => []);

/** Audio a track plays: `asset` is an id the application maps to decoded audio. */
export const sourceRefSchema = z.looseObject({
  asset: z.string().min(1).max(1024),
  name: nameSchema.optional(),
});

export const sendSchema = z.looseObject({
  bus: idSchema,
  gainDb: gainDbSchema,
  preFader: flagSchema,
});

const sendsSchema = z
  .array(sendSchema)
  .max(PRESET_LIMITS.maxSends)
  .default(() => []);

export const trackSchema = z.looseObject({
  id: idSchema,
  name: nameSchema,
  source: sourceRefSchema.nullable().default(null),
  gainDb: gainDbSchema,
  pan: panSchema,
  mute: flagSchema,
  solo: flagSchema,
  /** Polarity inversion. */
  invert: flagSchema,
  /** 'mix' or a bus id. */
  output: idSchema.default(MIX_ID),
  sends: sendsSchema,
  inserts: insertsSchema,
});

export const busSchema = z.looseObject({
  id: idSchema,
  name: nameSchema,
  gainDb: gainDbSchema,
  pan: panSchema,
  mute: flagSchema,
  solo: flagSchema,
  /** 'mix' or another bus id. */
  output: idSchema.default(MIX_ID),
  sends: sendsSchema,
  inserts: insertsSchema,
});

export const sessionSchema = z.looseObject({
  sampleRate: z.number().int().min(SAMPLE_RATE_MIN).max(SAMPLE_RATE_MAX).optional(),
  tracks: z
    .array(trackSchema)
    .max(PRESET_LIMITS.maxTracks)
    .default(() => []),
  buses: z
    .array(busSchema)
    .max(PRESET_LIMITS.maxBuses)
    .default(() => []),
  /** The sum of every track and bus, with its own gain and inserts, before the master chain. */
  mix: z
    .looseObject({ gainDb: gainDbSchema, inserts: insertsSchema })
    .default(() => ({ gainDb: 0, inserts: [] })),
  /** The mastering chain, last before the output. */
  master: z.looseObject({ inserts: insertsSchema }).default(() => ({ inserts: [] })),
});

export const PRESET_KINDS = ['plugin', 'chain', 'session'] as const;
export const presetKindSchema = z.enum(PRESET_KINDS);

/** Which envelope field carries each kind's content. */
const CONTENT_FIELD = { plugin: 'plugin', chain: 'chain', session: 'session' } as const;

export const presetSchema = z
  .looseObject({
    format: z.literal(FORMAT_ID),
    version: z.literal(FORMAT_VERSION),
    kind: presetKindSchema,
    name: nameSchema,
    plugin: pluginSlotSchema.optional(),
    chain: z.array(pluginSlotSchema).max(PRESET_LIMITS.maxInserts).optional(),
    session: sessionSchema.optional(),
  })
  .superRefine((preset, context) => {
    for (const kind of PRESET_KINDS) {
      const field = CONTENT_FIELD[kind];
      const present = preset[field] !== undefined;
      if (kind === preset.kind && !present) {
        context.addIssue({ code: 'custom', path: [field], message: `missing: a ${kind} preset needs one` });
      } else if (kind !== preset.kind && present) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `only a ${kind} preset has this field (this is a ${preset.kind} preset)`,
        });
      }
    }
  });

export type PresetKind = z.infer<typeof presetKindSchema>;
export type PluginSlotDoc = z.infer<typeof pluginSlotSchema>;
export type SourceRef = z.infer<typeof sourceRefSchema>;
export type SendDoc = z.infer<typeof sendSchema>;
export type TrackDoc = z.infer<typeof trackSchema>;
export type BusDoc = z.infer<typeof busSchema>;
export type SessionDoc = z.infer<typeof sessionSchema>;
/** A validated preset, as parsePreset returns it (defaults filled in, unknown fields kept). */
export type PresetEnvelope = z.infer<typeof presetSchema>;
