// The references, Debian's ffmpeg and libebur128, timed as whole processes (start-up and reading
// the file included, nothing subtracted) on the programme written once to a raw float file.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CHANNELS, SAMPLE_RATE } from './settings.ts';

/** The same C program the meter's libebur128 tests compile: I + LRA + true peak, read from stdin. */
const EBUR128_SOURCE = fileURLToPath(
  new URL('../../plugin-meter/test/reference/ebur128-ref.c', import.meta.url),
);

export interface References {
  /** Real-time factor of ffmpeg running `filters` (one thread) over the programme. */
  ffmpeg(filters: string): number;
  /** Real-time factor of libebur128 measuring integrated, loudness range and true peak. */
  libebur128(): number;
}

function check(what: string, run: ReturnType<typeof spawnSync>): void {
  if (run.error) throw new Error(`${what}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${what} failed (exit ${run.status}):\n${run.stderr}`);
}

/** Writes `signal` interleaved as raw native float32 into `dir` and compiles the libebur128 program. */
export function prepareReferences(signal: readonly Float32Array[], dir: string): References {
  mkdirSync(dir, { recursive: true });
  const length = signal[0].length;
  const interleaved = new Float32Array(length * CHANNELS);
  for (let i = 0; i < length; i++)
    for (let c = 0; c < CHANNELS; c++) interleaved[i * CHANNELS + c] = signal[c][i];
  const raw = join(dir, 'programme.f32');
  writeFileSync(raw, new Uint8Array(interleaved.buffer));
  const binary = join(dir, 'ebur128-ref');
  check(
    'compiling the libebur128 reference (needs cc and libebur128-dev)',
    spawnSync('cc', ['-O2', '-o', binary, EBUR128_SOURCE, '-lebur128', '-lm'], { encoding: 'utf8' }),
  );
  const seconds = length / SAMPLE_RATE;
  const timed = (what: string, run: () => ReturnType<typeof spawnSync>) => {
    const start = performance.now();
    const result = run();
    const wall = (performance.now() - start) / 1000;
    check(what, result);
    return seconds / wall;
  };
  return {
    ffmpeg: (filters) =>
      timed(`ffmpeg -af ${filters}`, () =>
        spawnSync(
          'ffmpeg',
          // One thread everywhere, so the comparison with one JS thread is fair.
          // biome-ignore format: ffmpeg's arguments read best in option/value pairs
          ['-hide_banner', '-nostats', '-filter_threads', '1', '-threads', '1',
           '-f', 'f32le', '-ar', String(SAMPLE_RATE), '-ac', String(CHANNELS), '-i', raw,
           '-af', filters, '-threads', '1', '-f', 'null', '-'],
          { encoding: 'utf8', maxBuffer: 64 << 20 },
        ),
      ),
    libebur128: () =>
      timed('libebur128 reference', () => {
        const input = openSync(raw, 'r');
        try {
          return spawnSync(binary, [String(CHANNELS), String(SAMPLE_RATE)], {
            stdio: [input, 'pipe', 'pipe'],
            encoding: 'utf8',
            maxBuffer: 64 << 20,
          });
        } finally {
          closeSync(input);
        }
      }),
  };
}
