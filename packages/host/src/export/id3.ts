// A minimal ID3v2.3 tag writer: the text frames a delivery file needs. Version 2.3 (not 2.4) because
// it is the one every common reader supports (Windows, Apple Music, ffmpeg, TagLib).
import type { NormalisedMetadata } from './metadata.ts';

const HEADER_SIZE = 10;
const FRAME_HEADER_SIZE = 10;
const ENCODING_LATIN1 = 0;
const ENCODING_UTF16_BOM = 1;

/** Text frame ids: TIT2 title, TPE1 lead artist, TSRC the ISRC (ID3v2.3 §4.2.1). */
const FRAMES: ReadonlyArray<readonly [keyof NormalisedMetadata, string]> = [
  ['title', 'TIT2'],
  ['artist', 'TPE1'],
  ['isrc', 'TSRC'],
];

function encodeText(text: string): Uint8Array {
  // Latin-1 where it fits; otherwise UTF-16 with a byte-order mark (v2.3 has no UTF-8).
  let latin1 = true;
  for (let i = 0; i < text.length && latin1; i++) latin1 = text.charCodeAt(i) <= 0xff;
  if (latin1) {
    const bytes = new Uint8Array(1 + text.length);
    bytes[0] = ENCODING_LATIN1;
    for (let i = 0; i < text.length; i++) bytes[1 + i] = text.charCodeAt(i);
    return bytes;
  }
  const bytes = new Uint8Array(3 + 2 * text.length);
  bytes[0] = ENCODING_UTF16_BOM;
  bytes[1] = 0xff;
  bytes[2] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[3 + 2 * i] = unit & 0xff;
    bytes[4 + 2 * i] = unit >> 8;
  }
  return bytes;
}

/**
 * An ID3v2.3 tag with TIT2, TPE1 and TSRC frames for the fields present, or null when there is
 * nothing to write.
 */
export function encodeId3Tag(metadata: NormalisedMetadata): Uint8Array | null {
  const frames: { id: string; body: Uint8Array }[] = [];
  for (const [field, id] of FRAMES) {
    const value = metadata[field];
    if (value !== undefined) frames.push({ id, body: encodeText(value) });
  }
  if (frames.length === 0) return null;
  const size = frames.reduce((sum, frame) => sum + FRAME_HEADER_SIZE + frame.body.length, 0);
  const tag = new Uint8Array(HEADER_SIZE + size);
  const view = new DataView(tag.buffer);
  tag.set([0x49, 0x44, 0x33, 3, 0, 0]); // "ID3", version 2.3.0, no flags
  // The tag size is "synchsafe": 7 bits per byte.
  for (let i = 0; i < 4; i++) tag[6 + i] = (size >> (7 * (3 - i))) & 0x7f;
  let at = HEADER_SIZE;
  for (const { id, body } of frames) {
    for (let i = 0; i < 4; i++) tag[at + i] = id.charCodeAt(i);
    view.setUint32(at + 4, body.length); // v2.3 frame sizes are plain big-endian
    // two flag bytes stay zero
    tag.set(body, at + FRAME_HEADER_SIZE);
    at += FRAME_HEADER_SIZE + body.length;
  }
  return tag;
}
