import { describe, expect, it } from 'vitest';
import { quantize, TpdfDither } from './dither.ts';
import { ffmpegDecode, ffprobe, riffChunks, withoutChunk } from './ffmpeg.testing.ts';
import { decodeWav, encodeWav, type WavEncoding } from './wav.ts';

/** A test programme: a sine under noise, with full-scale extremes in the first samples. */
function programme(channelCount: number, frames: number, rate: number, seed: number): Float32Array[] {
  const noise = new TpdfDither(seed);
  return Array.from({ length: channelCount }, (_, c) => {
    const x = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      x[i] = 0.5 * Math.sin((2 * Math.PI * (440 + 110 * c) * i) / rate) + 0.3 * noise.next();
    }
    x[0] = -1;
    x[1] = 0.99999994; // the largest float below 1
    return x;
  });
}

const CODEC: Record<WavEncoding, { codec: string; raw: 's16le' | 's32le' | 'f32le' }> = {
  pcm16: { codec: 'pcm_s16le', raw: 's16le' },
  pcm24: { codec: 'pcm_s24le', raw: 's32le' },
  float32: { codec: 'pcm_f32le', raw: 'f32le' },
};

/** What the file should hold, interleaved: PCM codes, or float bit patterns. */
function expectedInterleaved(channels: Float32Array[], encoding: WavEncoding): Int32Array | Uint32Array {
  const frames = channels[0].length;
  const n = channels.length;
  if (encoding === 'float32') {
    const out = new Float32Array(frames * n);
    for (let i = 0; i < frames; i++) for (let c = 0; c < n; c++) out[i * n + c] = channels[c][i];
    return new Uint32Array(out.buffer);
  }
  const scale = encoding === 'pcm16' ? 0x8000 : 0x800000;
  const out = new Int32Array(frames * n);
  for (let i = 0; i < frames; i++) for (let c = 0; c < n; c++) out[i * n + c] = channels[c][i] * scale;
  return out;
}

/** ffmpeg's output in the same terms (its 24-bit decoder puts samples in the top of 32 bits). */
function ffmpegInterleaved(bytes: Uint8Array, encoding: WavEncoding): Int32Array | Uint32Array {
  const { data, warnings } = ffmpegDecode(bytes, CODEC[encoding].raw);
  // WAVE_FORMAT_PCM has no speaker mask, so ffmpeg notes the layout it assumes; anything else is a fault.
  expect(warnings.replace(/^Guessed Channel Layout for Input Stream #0\.0 : (mono|stereo)\n/, '')).toBe('');
  const copy = data.slice().buffer;
  if (encoding === 'pcm16') return Int32Array.from(new Int16Array(copy));
  if (encoding === 'pcm24') return new Int32Array(copy).map((v) => v >> 8);
  return new Uint32Array(copy);
}

describe('encodeWav: ffmpeg decodes every format to our samples, bit for bit', () => {
  for (const encoding of ['pcm16', 'pcm24', 'float32'] as const) {
    for (const channelCount of [1, 2]) {
      for (const rate of [44100, 48000]) {
        it(`${encoding}, ${channelCount === 1 ? 'mono' : 'stereo'}, ${rate} Hz`, () => {
          const frames = 4801; // odd: 24-bit mono needs a pad byte after the data
          let channels = programme(channelCount, frames, rate, rate + channelCount);
          if (encoding === 'float32') {
            channels[0].set([1.5, -2, 1e-40, -0, 0.25], 2); // overs, a denormal and −0 survive in float
          } else {
            channels = quantize(channels, encoding === 'pcm16' ? 16 : 24).channels;
          }
          const bytes = encodeWav({ channels, sampleRate: rate, encoding });

          const { stream } = ffprobe(bytes);
          expect(stream).toMatchObject({
            codec_name: CODEC[encoding].codec,
            sample_rate: String(rate),
            channels: channelCount,
            duration_ts: frames,
          });
          const reference = ffmpegInterleaved(bytes, encoding);
          const ours = expectedInterleaved(channels, encoding);
          expect(reference.length).toBe(ours.length);
          let differing = 0;
          for (let i = 0; i < ours.length; i++) if (reference[i] !== ours[i]) differing++;
          expect(differing).toBe(0);

          const decoded = decodeWav(bytes);
          expect(decoded.sampleRate).toBe(rate);
          expect(decoded.encoding).toBe(encoding);
          expect(decoded.channels).toEqual(channels);
        });
      }
    }
  }

  it('rounds off-grid PCM input to the nearest step and clips to full scale', () => {
    const channels = [new Float32Array([0.3 / 32768, 0.6 / 32768, -1.6 / 32768, 1, -1.5, 0.999])];
    const bytes = encodeWav({ channels, sampleRate: 48000, encoding: 'pcm16' });
    expect(Array.from(ffmpegInterleaved(bytes, 'pcm16'))).toEqual([0, 1, -2, 32767, -32768, 32735]);
  });
});

describe('encodeWav: layout', () => {
  it('float files carry format 3, cbSize 0 and a fact chunk with the frame count', () => {
    const bytes = encodeWav({
      channels: [new Float32Array(7), new Float32Array(7)],
      sampleRate: 48000,
      encoding: 'float32',
    });
    const chunks = riffChunks(bytes);
    expect(chunks.map((c) => c.id)).toEqual(['fmt ', 'fact', 'data']);
    const view = new DataView(bytes.buffer);
    expect(chunks[0].size).toBe(18);
    expect(view.getUint16(chunks[0].offset + 8, true)).toBe(3);
    expect(view.getUint16(chunks[0].offset + 8 + 16, true)).toBe(0);
    expect(view.getUint32(chunks[1].offset + 8, true)).toBe(7);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
  });

  it('pads odd chunks to even sizes and counts the pad in the RIFF size', () => {
    const bytes = encodeWav({
      channels: [new Float32Array(3)],
      sampleRate: 44100,
      encoding: 'pcm24',
      metadata: { title: 'Odd', artist: 'Even' },
    });
    const chunks = riffChunks(bytes);
    expect(chunks.map((c) => c.id)).toEqual(['fmt ', 'LIST', 'id3 ', 'data']);
    for (const chunk of chunks) expect(chunk.offset % 2).toBe(0);
    const data = chunks[3];
    expect(data.size).toBe(9);
    expect(bytes.length).toBe(data.offset + 8 + 10);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(bytes.length - 8);
  });

  it('writes no metadata chunks without metadata', () => {
    const bytes = encodeWav({
      channels: [new Float32Array(4)],
      sampleRate: 44100,
      encoding: 'pcm16',
      metadata: {},
    });
    expect(riffChunks(bytes).map((c) => c.id)).toEqual(['fmt ', 'data']);
    expect(ffprobe(bytes).tags).toEqual({});
  });
});

describe('encodeWav: metadata as ffprobe reads it', () => {
  const metadata = { title: 'Tïtle — ✓ 日本', artist: 'Ärtist', isrc: 'gb-aaa-25-00001' };
  const bytes = encodeWav({
    channels: [new Float32Array(480)],
    sampleRate: 48000,
    encoding: 'pcm16',
    metadata,
  });

  it('the id3 chunk alone when there is an ISRC: ffprobe shows title, artist and TSRC', () => {
    // ffmpeg prefers RIFF INFO and drops ID3 when a file has both, so INFO is left out here.
    expect(riffChunks(bytes).map((c) => c.id)).toEqual(['fmt ', 'id3 ', 'data']);
    expect(ffprobe(bytes).tags).toEqual({
      title: metadata.title,
      artist: metadata.artist,
      TSRC: 'GBAAA2500001',
    });
  });

  it('without an ISRC, RIFF INFO too: title and artist (INFO ISRC would mean "source")', () => {
    const titled = encodeWav({
      channels: [new Float32Array(480)],
      sampleRate: 48000,
      encoding: 'pcm16',
      metadata: { title: metadata.title, artist: metadata.artist },
    });
    expect(riffChunks(titled).map((c) => c.id)).toEqual(['fmt ', 'LIST', 'id3 ', 'data']);
    expect(ffprobe(withoutChunk(titled, 'id3 ')).tags).toEqual({
      title: metadata.title,
      artist: metadata.artist,
    });
    const list = riffChunks(titled).find((c) => c.id === 'LIST')!;
    const body = titled.subarray(list.offset + 8, list.offset + 8 + list.size);
    expect(String.fromCharCode(...body.subarray(0, 4))).toBe('INFO');
    expect(riffChunks(new Uint8Array([...new Uint8Array(8), ...body])).map((c) => c.id)).toEqual([
      'INAM',
      'IART',
    ]);
  });

  it('an ISRC alone goes only into the id3 chunk', () => {
    const isrcOnly = encodeWav({
      channels: [new Float32Array(4)],
      sampleRate: 48000,
      encoding: 'pcm16',
      metadata: { isrc: 'USRC17607839' },
    });
    expect(riffChunks(isrcOnly).map((c) => c.id)).toEqual(['fmt ', 'id3 ', 'data']);
    expect(ffprobe(isrcOnly).tags).toEqual({ TSRC: 'USRC17607839' });
  });
});

describe('encodeWav / decodeWav: bad input', () => {
  const mono = [new Float32Array(4)];
  it('names the field and the problem', () => {
    const encode = (input: object) => () =>
      encodeWav({ channels: mono, sampleRate: 48000, encoding: 'pcm16', ...input } as Parameters<
        typeof encodeWav
      >[0]);
    expect(encode({ encoding: 'pcm32' })).toThrow(/encoding must be one of pcm16, pcm24, float32, got pcm32/);
    expect(encode({ sampleRate: 44100.5 })).toThrow(/sampleRate: expected an integer/);
    expect(encode({ channels: [new Float32Array(2), new Float32Array(3)] })).toThrow(
      /channels differ in length/,
    );
    expect(encode({ channels: [mono[0], mono[0], mono[0]] })).toThrow(/3 channels given, at most 2/);
    expect(encode({ channels: [new Float32Array([0, Number.NaN])] })).toThrow(/channels\[0\]\[1\] is NaN/);
    expect(encode({ metadata: { isrc: 'GB-AAA-25-0001' } })).toThrow(
      /metadata.isrc: "GB-AAA-25-0001" is not an ISRC/,
    );
    expect(encode({ metadata: { title: 'a\u0000b' } })).toThrow(
      /metadata.title: contains a control character/,
    );
  });

  it('decodeWav rejects what it cannot read', () => {
    expect(() => decodeWav(new Uint8Array(20))).toThrow(/not a RIFF\/WAVE file/);
    const bytes = encodeWav({ channels: mono, sampleRate: 48000, encoding: 'pcm16' });
    expect(() => decodeWav(bytes.subarray(0, bytes.length - 2))).toThrow(/"data" chunk is truncated/);
    const eightBit = bytes.slice();
    new DataView(eightBit.buffer).setUint16(12 + 8 + 14, 8, true);
    expect(() => decodeWav(eightBit)).toThrow(/unsupported format 1 at 8 bits/);
  });
});
