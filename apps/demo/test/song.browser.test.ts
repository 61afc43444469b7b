// The default song, rendered in Chromium as the app renders it: five stereo stems with stable ids,
// bit-identical across renders, balanced in loudness, and a plain sum in −20…−16 LUFS (measured
// with @lathe/plugin-meter's BS.1770 meter) that never clips and ends in silence.
import { measureLoudness } from '@lathe/plugin-meter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSongPage, type SongPage, type SongWindow } from './support/song-page.ts';

interface RenderedStem {
  id: string;
  name: string;
  numberOfChannels: number;
  length: number;
  sampleRate: number;
  isNativeBuffer: boolean;
  /** Bit-identical to the same stem of a second render. */
  identicalOnRerender: boolean;
  channels: Float32Array[];
}

interface Rendered {
  title: string;
  artist: string;
  bpm: number;
  bars: number;
  duration: number;
  sampleRate: number;
  progress: number[];
  renderMs: number;
  toneContextRestored: boolean;
  /** A stem played by an AudioBufferSourceNode in another context comes out sample for sample. */
  playsInAnotherContext: boolean;
  stems: RenderedStem[];
}

/**
 * Sample-peak windows per stem (dBFS). The drums reach −6…−3; the sustained parts have crest
 * factors of 12–15 dB, so with the plain sum at about −17 LUFS their peaks sit lower.
 */
const PEAK_RANGE_DBFS: Readonly<Record<string, readonly [number, number]>> = {
  drums: [-6, -3],
  bass: [-12, -6],
  chords: [-12, -6],
  lead: [-12, -6],
  voice: [-12, -6],
};

let songPage: SongPage;
let rendered: Rendered;

const dbfs = (amplitude: number) => 20 * Math.log10(amplitude);

function peakOf(channels: readonly Float32Array[], from = 0): number {
  let peak = 0;
  for (const channel of channels) {
    for (let i = from; i < channel.length; i++) peak = Math.max(peak, Math.abs(channel[i]));
  }
  return peak;
}

/** The mix with every fader at 0 dB (added in double precision, stored as float32). */
function plainSum(stems: readonly RenderedStem[]): Float32Array[] {
  return [0, 1].map((c) => {
    const sum = new Float32Array(stems[0].length);
    for (let i = 0; i < sum.length; i++) {
      let sample = 0;
      for (const stem of stems) sample += stem.channels[c][i];
      sum[i] = sample;
    }
    return sum;
  });
}

beforeAll(async () => {
  songPage = await openSongPage();
  rendered = await songPage.page.evaluate(async () => {
    const { song, Tone } = window as unknown as SongWindow;
    const toneContext = Tone.getContext();
    const progress: number[] = [];
    const started = performance.now();
    const first = await song.renderDefaultSong({ onProgress: (fraction) => progress.push(fraction) });
    const renderMs = performance.now() - started;
    const second = await song.renderDefaultSong();
    const bits = (samples: Float32Array) =>
      new Uint32Array(samples.buffer, samples.byteOffset, samples.length);
    const sameBits = (a: AudioBuffer, b: AudioBuffer) =>
      a.length === b.length &&
      a.numberOfChannels === b.numberOfChannels &&
      Array.from({ length: a.numberOfChannels }, (_, c) => c).every((c) => {
        const x = bits(a.getChannelData(c));
        const y = bits(b.getChannelData(c));
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
        return true;
      });
    // One second of the chords (they sound from the first bar), played in a context of its own.
    const probe = first.stems[2].buffer;
    const elsewhere = new OfflineAudioContext(2, probe.sampleRate, probe.sampleRate);
    const player = new AudioBufferSourceNode(elsewhere, { buffer: probe });
    player.connect(elsewhere.destination);
    player.start(0, 1);
    const played = await elsewhere.startRendering();
    const playsInAnotherContext = [0, 1].every((c) => {
      const expected = probe.getChannelData(c).subarray(probe.sampleRate, 2 * probe.sampleRate);
      const out = played.getChannelData(c);
      return expected.some((v) => v !== 0) && out.every((v, i) => v === expected[i]);
    });
    return {
      title: first.title,
      artist: first.artist,
      bpm: first.bpm,
      bars: first.bars,
      duration: first.duration,
      sampleRate: first.sampleRate,
      progress,
      renderMs,
      toneContextRestored: Tone.getContext() === toneContext,
      playsInAnotherContext,
      stems: first.stems.map((stem, s) => ({
        id: stem.id,
        name: stem.name,
        numberOfChannels: stem.buffer.numberOfChannels,
        length: stem.buffer.length,
        sampleRate: stem.buffer.sampleRate,
        isNativeBuffer: stem.buffer instanceof AudioBuffer,
        identicalOnRerender: second.stems[s].id === stem.id && sameBits(stem.buffer, second.stems[s].buffer),
        channels: Array.from({ length: stem.buffer.numberOfChannels }, (_, c) =>
          stem.buffer.getChannelData(c),
        ),
      })),
    };
  });
}, 180_000);

afterAll(async () => {
  await songPage?.close();
});

describe('renderDefaultSong', () => {
  it('renders five stereo stems with stable ids, at the reported length and rate', () => {
    expect(rendered.stems.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: 'drums', name: 'Drums' },
      { id: 'bass', name: 'Bass' },
      { id: 'chords', name: 'Chords' },
      { id: 'lead', name: 'Lead' },
      { id: 'voice', name: 'Voice' },
    ]);
    expect(rendered).toMatchObject({
      title: 'Glasswork',
      artist: 'Lathe',
      bpm: 124,
      bars: 16,
      sampleRate: 48_000,
    });
    // 16 bars of 4/4 at 124 bpm (30.97 s) and a 2 s tail.
    expect(rendered.duration).toBeCloseTo((16 * 4 * 60) / 124 + 2, 4);
    for (const stem of rendered.stems) {
      expect(stem, stem.id).toMatchObject({ numberOfChannels: 2, sampleRate: 48_000, isNativeBuffer: true });
      expect(stem.length, stem.id).toBe(Math.round(rendered.duration * rendered.sampleRate));
    }
    expect(rendered.playsInAnotherContext).toBe(true);
  });

  it('reports progress after each stem and leaves Tone’s context as it found it', () => {
    expect(rendered.progress).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(rendered.toneContextRestored).toBe(true);
    // Timing is the benchmark's business, not the tests': printed for information only.
    console.info(`default song: rendered in ${Math.round(rendered.renderMs)} ms`);
  });

  it('renders bit-identical stems every time', () => {
    for (const stem of rendered.stems) expect(stem.identicalOnRerender, stem.id).toBe(true);
  });

  it('renders the same bits in a new visit (fresh page, fresh Tone.js)', async () => {
    await songPage.reload();
    const again = await songPage.page.evaluate(async () => {
      const { song } = window as unknown as SongWindow;
      const { stems } = await song.renderDefaultSong();
      return stems.map(({ buffer }) => [buffer.getChannelData(0), buffer.getChannelData(1)]);
    });
    const bits = (samples: Float32Array) =>
      new Uint32Array(samples.buffer, samples.byteOffset, samples.length);
    rendered.stems.forEach((stem, s) => {
      stem.channels.forEach((channel, c) => {
        expect(
          Buffer.compare(Buffer.from(bits(channel).buffer), Buffer.from(bits(again[s][c]).buffer)),
          stem.id,
        ).toBe(0);
      });
    });
  });

  it('gives every stem sound in both channels, peaks in its window and a loudness near the others', () => {
    for (const stem of rendered.stems) {
      for (const channel of stem.channels) expect(peakOf([channel]), stem.id).toBeGreaterThan(0.01);
      const peak = dbfs(peakOf(stem.channels));
      const { integrated } = measureLoudness(stem.channels, rendered.sampleRate);
      console.info(`${stem.id}: peak ${peak.toFixed(2)} dBFS, ${integrated.toFixed(1)} LUFS`);
      const [lowest, highest] = PEAK_RANGE_DBFS[stem.id];
      expect(peak, stem.id).toBeGreaterThanOrEqual(lowest);
      expect(peak, stem.id).toBeLessThanOrEqual(highest);
      // Balanced: no part drowns the others or disappears under them at 0 dB faders.
      expect(integrated, stem.id).toBeGreaterThanOrEqual(-27);
      expect(integrated, stem.id).toBeLessThanOrEqual(-20);
    }
  });

  it('sums (all faders at 0 dB) to −20…−16 LUFS without clipping', () => {
    const sum = plainSum(rendered.stems);
    const report = measureLoudness(sum, rendered.sampleRate);
    console.info(
      `sum: ${report.integrated.toFixed(2)} LUFS, LRA ${report.loudnessRange.toFixed(1)} LU, ` +
        `sample peak ${report.samplePeak.toFixed(2)} dBFS, true peak ${report.truePeak.toFixed(2)} dBTP`,
    );
    expect(report.integrated).toBeGreaterThanOrEqual(-20);
    expect(report.integrated).toBeLessThanOrEqual(-16);
    expect(peakOf(sum)).toBeLessThan(1);
  });

  it('ends in silence: the last note has decayed before the tail is over', () => {
    const sum = plainSum(rendered.stems);
    const lastQuarterSecond = sum[0].length - Math.round(0.25 * rendered.sampleRate);
    expect(dbfs(peakOf(sum, lastQuarterSecond))).toBeLessThan(-90);
  });
});

describe('renderDefaultSong input checks', () => {
  it('rejects a bad sample rate or progress callback, naming the field', async () => {
    const errors = await songPage.page.evaluate(async () => {
      const { song } = window as unknown as SongWindow;
      const attempts: Parameters<typeof song.renderDefaultSong>[0][] = [
        { sampleRate: 0 },
        { sampleRate: Number.NaN },
        { sampleRate: 1_000_000 },
        { onProgress: 'soon' as unknown as () => void },
      ];
      const messages: string[] = [];
      for (const options of attempts) {
        await song.renderDefaultSong(options).then(
          () => messages.push('no error'),
          (error: Error) => messages.push(`${error.name}: ${error.message}`),
        );
      }
      return messages;
    });
    expect(errors[0]).toMatch(/^RangeError: .*sampleRate.*got 0$/);
    expect(errors[1]).toMatch(/^RangeError: .*sampleRate.*got NaN$/);
    expect(errors[2]).toMatch(/^RangeError: .*sampleRate.*got 1000000$/);
    expect(errors[3]).toMatch(/^TypeError: .*onProgress must be a function, got string$/);
  });
});
