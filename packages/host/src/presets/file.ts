// Preset files: what "Export" downloads and "Import" reads.
import { type ParsedPreset, parsePreset, serializePreset } from './parse.ts';
import type { PresetEnvelope } from './schema.ts';

export const PRESET_FILE_EXTENSION = '.lathe.json';
export const PRESET_MIME_TYPE = 'application/json';

export interface PresetFile {
  /** Safe on every common file system; ends with `.lathe.json`. */
  filename: string;
  mimeType: string;
  text: string;
}

const MAX_FILENAME_STEM = 100;
// Device names Windows refuses even with an extension ("CON.lathe.json").
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name made from a preset name: letters and digits of any script kept, the rest → "-". */
export function presetFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/^[.-]+/, '');
  // By code point, so a letter outside the BMP is never cut in half.
  const stem = Array.from(cleaned)
    .slice(0, MAX_FILENAME_STEM)
    .join('')
    .replace(/[.-]+$/, '');
  if (stem === '') return `preset${PRESET_FILE_EXTENSION}`;
  return `${WINDOWS_RESERVED.test(stem) ? `${stem}-preset` : stem}${PRESET_FILE_EXTENSION}`;
}

/** The file to download for a preset: its name, MIME type and stable, pretty JSON text. */
export function presetFile(preset: PresetEnvelope): PresetFile {
  return {
    filename: presetFilename(preset.name),
    mimeType: PRESET_MIME_TYPE,
    text: `${serializePreset(preset)}\n`,
  };
}

/**
 * Reads a preset file's text (a leading byte-order mark is allowed).
 * @throws PresetError, exactly as {@link parsePreset}.
 */
export function readPresetFile(text: string): ParsedPreset {
  return parsePreset(text.startsWith('\uFEFF') ? text.slice(1) : text);
}
