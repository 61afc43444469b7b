// The audio a session plays, by asset id: the generated song's stems (`song:<stem>`, rendered again
// on every visit, identically) and the user's files (`file:<uuid>`, kept as the original encoded
// bytes in IndexedDB and decoded on load).
import { db } from '../storage/database.ts';

const SONG_PREFIX = 'song:';
const FILE_PREFIX = 'file:';

export const songAssetId = (stemId: string) => `${SONG_PREFIX}${stemId}`;
export const isSongAsset = (assetId: string) => assetId.startsWith(SONG_PREFIX);
export const stemOf = (assetId: string) => assetId.slice(SONG_PREFIX.length);

/** The formats people drop; anything Chromium decodes is accepted, these are what the UI names. */
export const AUDIO_FILE_TYPES = '.wav,.mp3,.flac,.ogg,.oga,.opus,.m4a,.aac,audio/*';

interface StoredFile {
  name: string;
  type: string;
  bytes: ArrayBuffer;
}

export class AudioFileError extends Error {
  override name = 'AudioFileError';
}

async function decode(context: BaseAudioContext, name: string, bytes: ArrayBuffer): Promise<AudioBuffer> {
  try {
    // decodeAudioData detaches the buffer it is given: decode a copy, keep the original.
    return await context.decodeAudioData(bytes.slice(0));
  } catch {
    throw new AudioFileError(
      `“${name}” could not be decoded: it is not audio this browser can read (WAV, MP3, FLAC or OGG).`,
    );
  }
}

/** Decodes a file the user chose; an AudioFileError says so when it is not audio. */
export async function decodeAudioFile(context: BaseAudioContext, file: File): Promise<AudioBuffer> {
  return decode(context, file.name, await file.arrayBuffer());
}

/** Decodes a dropped file and keeps its bytes for the next visit. Returns the new asset id. */
export async function importAudioFile(
  context: BaseAudioContext,
  file: File,
): Promise<{ assetId: string; buffer: AudioBuffer }> {
  const bytes = await file.arrayBuffer();
  const buffer = await decode(context, file.name, bytes);
  const assetId = `${FILE_PREFIX}${crypto.randomUUID()}`;
  const stored: StoredFile = { name: file.name, type: file.type, bytes };
  await db.put('assets', assetId, stored);
  return { assetId, buffer };
}

/** A file imported on an earlier visit, decoded; null when this browser does not have it. */
export async function loadStoredFile(
  context: BaseAudioContext,
  assetId: string,
): Promise<AudioBuffer | null> {
  const stored = await db.get<StoredFile>('assets', assetId);
  return stored ? decode(context, stored.name, stored.bytes) : null;
}
