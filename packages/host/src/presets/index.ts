// @lathe/host presets: one versioned format for plugin, chain and session presets, validated at the
// boundary, shareable as files and links.
export {
  formatPath,
  MAX_NESTING_DEPTH,
  type PathSegment,
  PresetError,
  type PresetErrorCode,
  type PresetIssue,
} from './errors.ts';
export {
  chainPreset,
  defaultMasterChain,
  emptySession,
  FACTORY_CHAIN_PRESETS,
  type FactoryChainPreset,
  type LatheSettings,
  type LatheSlotOptions,
  lathePluginSlot,
  pluginPreset,
  type ReadableParamValue,
  sessionPreset,
} from './factory.ts';
export {
  PRESET_FILE_EXTENSION,
  PRESET_MIME_TYPE,
  type PresetFile,
  presetFile,
  presetFilename,
  readPresetFile,
} from './file.ts';
export {
  findLathePlugin,
  LATHE_PLUGINS,
  type LatheIdentifier,
  type LatheParams,
  type LathePlugin,
  lathePluginUrl,
} from './lathe-plugins.ts';
export { MIGRATIONS, type Migration, migrate } from './migrations.ts';
export { type ParsedPreset, parsePreset, serializePreset } from './parse.ts';
export { slotsWithPaths } from './routing.ts';
export {
  type BusDoc,
  FORMAT_ID,
  FORMAT_VERSION,
  GAIN_DB_MAX,
  GAIN_DB_MIN,
  INTEGRITY_PATTERN,
  type JsonObject,
  type JsonValue,
  MIX_ID,
  PAN_MAX,
  PAN_MIN,
  type PluginSlotDoc,
  PRESET_KINDS,
  PRESET_LIMITS,
  type PresetEnvelope,
  type PresetKind,
  SAMPLE_RATE_MAX,
  SAMPLE_RATE_MIN,
  type SendDoc,
  type SessionDoc,
  type SourceRef,
  type TrackDoc,
} from './schema.ts';
export {
  decodeShareLink,
  encodeShareLink,
  SHARE_LINK_MAX_LENGTH,
  SHARE_LINK_VERSION,
  type ShareLink,
} from './share-link.ts';
