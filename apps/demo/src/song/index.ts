// The demo's default session: a short multitrack song generated in the browser with Tone.js, so
// mixing and mastering can be tried with no files. Deterministic: every render is bit-identical.
import { BARS, BPM, TAIL_SECONDS } from './arrangement.ts';
import { renderStem, SONG_SECONDS, type StemId } from './render.ts';

/** One track of the song. */
export interface Stem {
  /** Stable identifier (saved sessions refer to it): one of {@link DEFAULT_SONG_STEMS}' ids. */
  id: string;
  /** Display name. */
  name: string;
  /** Stereo, `duration` seconds long; a plain native AudioBuffer, playable in any context. */
  buffer: AudioBuffer;
}

export interface DefaultSong {
  title: string;
  artist: string;
  bpm: number;
  bars: number;
  /** Seconds in every stem: the bars plus a tail where the last notes decay to silence. */
  duration: number;
  sampleRate: number;
  stems: Stem[];
}

export interface RenderDefaultSongOptions {
  /** Of the stems' buffers. Default 48000. */
  sampleRate?: number;
  /** Called with 0…1 after each stem is rendered (1 when all are done). */
  onProgress?: (fraction: number) => void;
}

/** The stems, in mixer order. Ids never change: saved sessions refer to them. */
export const DEFAULT_SONG_STEMS: readonly { id: StemId; name: string }[] = [
  { id: 'drums', name: 'Drums' },
  { id: 'bass', name: 'Bass' },
  { id: 'chords', name: 'Chords' },
  { id: 'lead', name: 'Lead' },
  { id: 'voice', name: 'Voice' },
];

const DEFAULT_SAMPLE_RATE = 48_000;
const MIN_SAMPLE_RATE = 8_000;
const MAX_SAMPLE_RATE = 192_000;

/**
 * Renders the default song's stems offline (about 33 s of stereo each), one after another.
 * Two calls with the same sample rate give bit-identical buffers. Needs Web Audio
 * (`OfflineAudioContext`), so it runs in browsers, not in Node.
 *
 * @throws RangeError if `sampleRate` is not a number of Hz in 8000…192000.
 * @throws TypeError if `onProgress` is given and is not a function.
 */
export async function renderDefaultSong(options: RenderDefaultSongOptions = {}): Promise<DefaultSong> {
  const { sampleRate = DEFAULT_SAMPLE_RATE, onProgress } = options;
  if (typeof sampleRate !== 'number' || !(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new RangeError(
      `renderDefaultSong: sampleRate must be a number of Hz in ${MIN_SAMPLE_RATE}…${MAX_SAMPLE_RATE}, ` +
        `got ${String(sampleRate)}`,
    );
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`renderDefaultSong: onProgress must be a function, got ${typeof onProgress}`);
  }
  if (typeof OfflineAudioContext !== 'function') {
    throw new Error('renderDefaultSong: needs Web Audio (OfflineAudioContext), which this environment lacks');
  }
  const frames = Math.ceil((SONG_SECONDS + TAIL_SECONDS) * sampleRate);
  const stems: Stem[] = [];
  for (const { id, name } of DEFAULT_SONG_STEMS) {
    stems.push({ id, name, buffer: await renderStem(id, frames, sampleRate) });
    onProgress?.(stems.length / DEFAULT_SONG_STEMS.length);
  }
  return {
    title: 'Glasswork',
    artist: 'Lathe',
    bpm: BPM,
    bars: BARS,
    duration: frames / sampleRate,
    sampleRate,
    stems,
  };
}
