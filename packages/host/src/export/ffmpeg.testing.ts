// Test support (Node only, not exported by the package): Debian's ffmpeg and ffprobe as reference
// readers of the files we write, and RIFF chunk surgery to look at one metadata chunk at a time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(bytes: Uint8Array, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'lathe-export-'));
  try {
    const path = join(dir, 'file.wav');
    writeFileSync(path, bytes);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ProbedStream {
  codec_name: string;
  sample_rate: string;
  channels: number;
  duration_ts: number;
}

/** ffprobe's view of a WAV file: format tags and the audio stream; warnings as text. */
export function ffprobe(bytes: Uint8Array): { tags: Record<string, string>; stream: ProbedStream } {
  return withFile(bytes, (path) => {
    const json = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format_tags:stream', '-of', 'json', path],
      { encoding: 'utf8' },
    );
    const parsed = JSON.parse(json) as { format: { tags?: Record<string, string> }; streams: ProbedStream[] };
    return { tags: parsed.format.tags ?? {}, stream: parsed.streams[0] };
  });
}

/**
 * Raw interleaved samples as ffmpeg decodes them, written as `format` (s16le from 16-bit, s32le from
 * 24-bit and f32le from float files need no sample conversion), and what ffmpeg warned about.
 */
export function ffmpegDecode(
  bytes: Uint8Array,
  format: 's16le' | 's32le' | 'f32le',
): { data: Uint8Array; warnings: string } {
  return withFile(bytes, (path) => {
    const result = spawnSync(
      'ffmpeg',
      ['-v', 'warning', '-i', path, '-c:a', `pcm_${format}`, '-f', format, '-'],
      {
        maxBuffer: 1 << 30,
      },
    );
    if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr.toString()}`);
    const data = new Uint8Array(result.stdout.buffer, result.stdout.byteOffset, result.stdout.byteLength);
    return { data, warnings: result.stderr.toString() };
  });
}

/** ffmpeg's decoding of a file as float channels (for measuring what a reference reader sees). */
export function ffmpegDecodeFloat(bytes: Uint8Array, channelCount: number): Float32Array[] {
  const { data } = ffmpegDecode(bytes, 'f32le');
  const interleaved = new Float32Array(data.slice().buffer);
  const frames = interleaved.length / channelCount;
  return Array.from({ length: channelCount }, (_, c) => {
    const channel = new Float32Array(frames);
    for (let i = 0; i < frames; i++) channel[i] = interleaved[i * channelCount + c];
    return channel;
  });
}

export interface RiffChunk {
  id: string;
  /** Offset of the chunk header. */
  offset: number;
  size: number;
}

/** The top-level chunks of a RIFF/WAVE file, in order. */
export function riffChunks(bytes: Uint8Array): RiffChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: RiffChunk[] = [];
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    chunks.push({ id: String.fromCharCode(...bytes.subarray(at, at + 4)), offset: at, size });
    at += 8 + size + (size & 1);
  }
  return chunks;
}

/** The file with one top-level chunk removed and the RIFF size corrected. */
export function withoutChunk(bytes: Uint8Array, id: string): Uint8Array {
  const kept = riffChunks(bytes).filter((chunk) => chunk.id !== id);
  const parts = [
    bytes.subarray(0, 12),
    ...kept.map((c) => bytes.subarray(c.offset, c.offset + 8 + c.size + (c.size & 1))),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}
