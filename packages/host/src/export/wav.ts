// RIFF/WAVE writer and reader for delivery files. Layout: fmt, fact (float only), LIST/INFO (title,
// artist), id3 (title, artist, ISRC), data. Metadata comes before the audio so readers that stop at
// the data chunk still see it.
import { encodeId3Tag } from './id3.ts';
import { type NormalisedMetadata, normaliseMetadata, type TrackMetadata } from './metadata.ts';

/** Sample formats of a delivery file. */
export type WavEncoding = 'pcm16' | 'pcm24' | 'float32';

export const WAV_ENCODINGS: readonly WavEncoding[] = ['pcm16', 'pcm24', 'float32'];

/** Sample rates a WAV file may carry here. */
export const MIN_WAV_SAMPLE_RATE = 8000;
export const MAX_WAV_SAMPLE_RATE = 384000;
/** Mono or stereo: more channels would need WAVE_FORMAT_EXTENSIBLE and a speaker layout. */
export const MAX_WAV_CHANNELS = 2;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const MAX_RIFF_SIZE = 0xffffffff;

const BYTES_PER_SAMPLE: Record<WavEncoding, number> = { pcm16: 2, pcm24: 3, float32: 4 };

export interface EncodeWavInput {
  /** One array per channel, full scale ±1, all the same length. */
  channels: readonly Float32Array[];
  /** Integer, Hz. */
  sampleRate: number;
  /**
   * pcm16/pcm24 round each sample to the nearest step and clip to full scale: to dither, pass the
   * output of `quantize()`, which is already on the grid and so is written unchanged. float32 writes
   * samples as they are (beyond ±1 too).
   */
  encoding: WavEncoding;
  /** Written as an `id3 ` chunk (TIT2, TPE1, TSRC) and as RIFF INFO INAM/IART. */
  metadata?: TrackMetadata;
}

/** Checks the channels of `field` (shared with deliver()): an array of equal-length Float32Arrays. */
export function checkChannels(channels: unknown, field: string, maxChannels: number): Float32Array[] {
  if (!Array.isArray(channels)) throw new TypeError(`${field}: expected an array of Float32Array`);
  if (channels.length === 0) throw new RangeError(`${field}: no channels given`);
  if (channels.length > maxChannels) {
    throw new RangeError(`${field}: ${channels.length} channels given, at most ${maxChannels} supported`);
  }
  channels.forEach((channel, c) => {
    if (!(channel instanceof Float32Array)) throw new TypeError(`${field}[${c}]: not a Float32Array`);
    if (channel.length !== channels[0].length) {
      throw new RangeError(
        `${field}: channels differ in length (channel 0: ${channels[0].length} samples, ` +
          `channel ${c}: ${channel.length})`,
      );
    }
  });
  return channels as Float32Array[];
}

/** Checks a sample rate given in `field`: an integer within the WAV range. */
export function checkSampleRate(sampleRate: unknown, field: string): number {
  if (
    typeof sampleRate !== 'number' ||
    !Number.isInteger(sampleRate) ||
    sampleRate < MIN_WAV_SAMPLE_RATE ||
    sampleRate > MAX_WAV_SAMPLE_RATE
  ) {
    throw new RangeError(
      `${field}: expected an integer from ${MIN_WAV_SAMPLE_RATE} to ${MAX_WAV_SAMPLE_RATE} Hz, got ${String(sampleRate)}`,
    );
  }
  return sampleRate;
}

class ChunkWriter {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  id(fourCc: string): void {
    for (let i = 0; i < 4; i++) this.bytes[this.at + i] = fourCc.charCodeAt(i);
    this.at += 4;
  }

  u16(value: number): void {
    this.view.setUint16(this.at, value, true);
    this.at += 2;
  }

  u32(value: number): void {
    this.view.setUint32(this.at, value, true);
    this.at += 4;
  }

  /** A whole chunk with its body, plus the pad byte RIFF asks for after an odd-sized body. */
  chunk(fourCc: string, body: Uint8Array): void {
    this.id(fourCc);
    this.u32(body.length);
    this.bytes.set(body, this.at);
    this.at += body.length + (body.length & 1);
  }
}

const chunkSize = (bodyLength: number) => 8 + bodyLength + (bodyLength & 1);

/** A RIFF LIST/INFO body with INAM (title) and IART (artist), NUL-terminated UTF-8. Null if empty. */
function encodeInfoList(metadata: NormalisedMetadata): Uint8Array | null {
  const encoder = new TextEncoder();
  const entries: [string, Uint8Array][] = [];
  if (metadata.title !== undefined) entries.push(['INAM', encoder.encode(`${metadata.title}\0`)]);
  if (metadata.artist !== undefined) entries.push(['IART', encoder.encode(`${metadata.artist}\0`)]);
  if (entries.length === 0) return null;
  const writer = new ChunkWriter(4 + entries.reduce((sum, [, text]) => sum + chunkSize(text.length), 0));
  writer.id('INFO');
  for (const [id, text] of entries) writer.chunk(id, text);
  return writer.bytes;
}

/**
 * Encodes audio as a RIFF/WAVE file: PCM (format 1) at 16 or 24 bits, or IEEE float (format 3, with a
 * `fact` chunk) at 32 bits. Title, artist and ISRC go into an ID3v2.3 `id3 ` chunk (TIT2, TPE1,
 * TSRC); without an ISRC, title and artist also into RIFF INFO (INAM, IART). INFO's ISRC field means
 * "source", so the ISRC is never written there, and ffmpeg-based tools ignore the id3 chunk when a
 * file also has INFO: a file with an ISRC carries id3 alone, so every tag shows everywhere.
 * @throws TypeError / RangeError naming the field: bad channels, rate, encoding, metadata, a
 * non-finite sample, or a file beyond the 4 GiB RIFF limit.
 */
export function encodeWav(input: EncodeWavInput): Uint8Array {
  if (input === null || typeof input !== 'object') throw new TypeError('encodeWav: expected an input object');
  const channels = checkChannels(input.channels, 'encodeWav: channels', MAX_WAV_CHANNELS);
  const sampleRate = checkSampleRate(input.sampleRate, 'encodeWav: sampleRate');
  const encoding = input.encoding;
  if (!WAV_ENCODINGS.includes(encoding)) {
    throw new RangeError(
      `encodeWav: encoding must be one of ${WAV_ENCODINGS.join(', ')}, got ${String(encoding)}`,
    );
  }
  const metadata = normaliseMetadata(input.metadata, 'encodeWav: metadata');

  const channelCount = channels.length;
  const frames = channels[0].length;
  const bytesPerSample = BYTES_PER_SAMPLE[encoding];
  const blockAlign = channelCount * bytesPerSample;
  const dataSize = frames * blockAlign;
  const isFloat = encoding === 'float32';
  const fmtSize = isFloat ? 18 : 16; // float carries cbSize = 0
  const info = metadata.isrc === undefined ? encodeInfoList(metadata) : null;
  const id3 = encodeId3Tag(metadata);
  const riffSize =
    4 +
    chunkSize(fmtSize) +
    (isFloat ? chunkSize(4) : 0) +
    (info ? chunkSize(info.length) : 0) +
    (id3 ? chunkSize(id3.length) : 0) +
    chunkSize(dataSize);
  if (riffSize > MAX_RIFF_SIZE) {
    throw new RangeError(
      `encodeWav: ${frames} frames of ${channelCount}-channel ${encoding} make ${riffSize} bytes, ` +
        'beyond the 4 GiB a WAV file can hold',
    );
  }

  const writer = new ChunkWriter(8 + riffSize);
  writer.id('RIFF');
  writer.u32(riffSize);
  writer.id('WAVE');
  writer.id('fmt ');
  writer.u32(fmtSize);
  writer.u16(isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM);
  writer.u16(channelCount);
  writer.u32(sampleRate);
  writer.u32(sampleRate * blockAlign);
  writer.u16(blockAlign);
  writer.u16(bytesPerSample * 8);
  if (isFloat) {
    writer.u16(0);
    writer.id('fact');
    writer.u32(4);
    writer.u32(frames);
  }
  if (info) writer.chunk('LIST', info);
  if (id3) writer.chunk('id3 ', id3);
  writer.id('data');
  writer.u32(dataSize);
  writeSamples(writer.view, writer.at, channels, encoding);
  return writer.bytes;
}

function writeSamples(view: DataView, offset: number, channels: Float32Array[], encoding: WavEncoding): void {
  const channelCount = channels.length;
  const frames = channels[0].length;
  const bytesPerSample = BYTES_PER_SAMPLE[encoding];
  const scale = encoding === 'pcm16' ? 0x8000 : 0x800000;
  for (let c = 0; c < channelCount; c++) {
    const samples = channels[c];
    let at = offset + c * bytesPerSample;
    const stride = channelCount * bytesPerSample;
    for (let i = 0; i < frames; i++, at += stride) {
      const x = samples[i];
      if (!Number.isFinite(x)) throw new RangeError(`encodeWav: channels[${c}][${i}] is ${x}`);
      if (encoding === 'float32') {
        view.setFloat32(at, x, true);
        continue;
      }
      const q = Math.min(scale - 1, Math.max(-scale, Math.round(x * scale)));
      if (encoding === 'pcm16') {
        view.setInt16(at, q, true);
      } else {
        view.setUint16(at, q & 0xffff, true);
        view.setInt8(at + 2, q >> 16);
      }
    }
  }
}

/** What decodeWav() reads back. */
export interface DecodedWav {
  /** One array per channel, full scale ±1 (PCM k / 2^(bits−1), exactly). */
  channels: Float32Array[];
  sampleRate: number;
  encoding: WavEncoding;
}

/**
 * Reads a WAV file of the kinds encodeWav() writes (PCM 16/24-bit, float 32-bit, also inside
 * WAVE_FORMAT_EXTENSIBLE), for tests and for measuring a delivered file.
 * @throws RangeError describing what is malformed or unsupported.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('decodeWav: expected a Uint8Array');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fourCc = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || fourCc(0) !== 'RIFF' || fourCc(8) !== 'WAVE') {
    throw new RangeError('decodeWav: not a RIFF/WAVE file');
  }
  const end = Math.min(bytes.length, 8 + view.getUint32(4, true));
  let format: { tag: number; channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= end; ) {
    const id = fourCc(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (body + size > bytes.length) throw new RangeError(`decodeWav: "${id}" chunk is truncated`);
    if (id === 'fmt ') {
      if (size < 16) throw new RangeError(`decodeWav: fmt chunk of ${size} bytes is too short`);
      let tag = view.getUint16(body, true);
      // Extensible: the real format is the first two bytes of the sub-format GUID.
      if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 40) tag = view.getUint16(body + 24, true);
      format = {
        tag,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new RangeError('decodeWav: data chunk before fmt chunk');
      return readSamples(view, body, size, format);
    }
    at = body + size + (size & 1);
  }
  throw new RangeError('decodeWav: no data chunk');
}

function readSamples(
  view: DataView,
  offset: number,
  size: number,
  format: { tag: number; channels: number; sampleRate: number; bits: number },
): DecodedWav {
  const encoding: WavEncoding | null =
    format.tag === WAVE_FORMAT_PCM && format.bits === 16
      ? 'pcm16'
      : format.tag === WAVE_FORMAT_PCM && format.bits === 24
        ? 'pcm24'
        : format.tag === WAVE_FORMAT_IEEE_FLOAT && format.bits === 32
          ? 'float32'
          : null;
  if (!encoding) {
    throw new RangeError(`decodeWav: unsupported format ${format.tag} at ${format.bits} bits`);
  }
  if (format.channels < 1) throw new RangeError('decodeWav: fmt chunk declares no channels');
  const bytesPerSample = BYTES_PER_SAMPLE[encoding];
  const stride = format.channels * bytesPerSample;
  const frames = Math.floor(size / stride);
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  for (let c = 0; c < format.channels; c++) {
    const samples = channels[c];
    let at = offset + c * bytesPerSample;
    for (let i = 0; i < frames; i++, at += stride) {
      if (encoding === 'pcm16') samples[i] = view.getInt16(at, true) / 0x8000;
      else if (encoding === 'pcm24') {
        samples[i] = (view.getUint16(at, true) + view.getInt8(at + 2) * 0x10000) / 0x800000;
      } else samples[i] = view.getFloat32(at, true);
    }
  }
  return { channels, sampleRate: format.sampleRate, encoding };
}
