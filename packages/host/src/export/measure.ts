// Programme measurement plus the short-term loudness history a report graphs. It drives the meter's
// own engine, whose readings do not depend on how the input is split, so the figures are exactly
// those of measureLoudness() on the same samples.
import {
  createLoudnessReadings,
  LoudnessEngine,
  type LoudnessReport,
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
} from '@lathe/plugin-meter';
import { checkCallback, checkSignal, createYielder } from './cooperative.ts';
import { checkChannels } from './wav.ts';

/** Short-term loudness (3 s window) over time. */
export interface LoudnessHistory {
  /** Seconds from the start at which the first window ends (3: the first full window). */
  start: number;
  /** Seconds between values: a multiple of 0.1 (Tech 3342 takes short-term values every 0.1 s). */
  interval: number;
  /**
   * LUFS of the 3 s window ending at start + i · interval; −Infinity for digital silence (null in
   * JSON). Empty for a programme shorter than 3 s.
   */
  values: number[];
}

export interface MeasureWithHistoryOptions {
  /** Seconds between history values, a multiple of 0.1 (default 0.1). */
  historyInterval?: number;
  /** Called with the fraction measured (0…1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface MeasuredProgramme {
  /** The programme figures, as measureLoudness() returns them. */
  loudness: LoudnessReport;
  shortTermHistory: LoudnessHistory;
}

/** Short-term loudness needs a full 3 s window. */
const SHORT_TERM_SECONDS = 3;
/** Readings are taken on the meter's 100 ms hop. */
const HOPS_PER_SECOND = 10;

/** Checks a history interval named `field`: a positive multiple of 0.1 s. Returns it in 100 ms hops. */
export function checkHistoryInterval(interval: unknown, field: string): number {
  const hops = typeof interval === 'number' ? Math.round(interval * HOPS_PER_SECOND) : Number.NaN;
  if (!(hops >= 1) || Math.abs(hops - (interval as number) * HOPS_PER_SECOND) > 1e-9) {
    throw new RangeError(`${field}: expected a positive multiple of 0.1 s, got ${String(interval)}`);
  }
  return hops;
}

/**
 * Measures a programme (one Float32Array per channel, as measureLoudness() takes them) and records
 * its short-term loudness every `historyInterval` seconds. Runs in 100 ms steps with a turn for the
 * event loop every ~25 ms.
 * @throws TypeError / RangeError naming the bad argument; rejects with the signal's reason when aborted.
 */
export async function measureWithHistory(
  channels: readonly Float32Array[],
  sampleRate: number,
  options: MeasureWithHistoryOptions = {},
): Promise<MeasuredProgramme> {
  checkChannels(channels, 'measureWithHistory: channels', MAX_CHANNELS);
  if (typeof sampleRate !== 'number' || !(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new RangeError(
      `measureWithHistory: sampleRate ${String(sampleRate)} is outside ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`,
    );
  }
  const hopsPerValue = checkHistoryInterval(
    options.historyInterval ?? 0.1,
    'measureWithHistory: options.historyInterval',
  );
  const onProgress = checkCallback(options.onProgress, 'measureWithHistory: options.onProgress');
  const pause = createYielder(checkSignal(options.signal, 'measureWithHistory: options.signal'));
  const engine = new LoudnessEngine(sampleRate, channels.length);
  const readings = createLoudnessReadings();
  const length = channels[0].length;
  const firstHop = SHORT_TERM_SECONDS * HOPS_PER_SECOND;
  const values: number[] = [];
  for (let hop = 1, from = 0; from < length; hop++) {
    // The engine's hop boundaries: sample round(hop · rate / 10), as its 10 ms sub-blocks are placed.
    const boundary = Math.round((hop * sampleRate) / HOPS_PER_SECOND);
    const to = Math.min(length, boundary);
    engine.process(channels, from, to);
    from = to;
    if (to === boundary && hop >= firstHop && (hop - firstHop) % hopsPerValue === 0) {
      engine.read(readings);
      values.push(readings.shortTerm);
    }
    onProgress?.(to / length);
    await pause();
  }
  engine.read(readings);
  return {
    loudness: {
      integrated: readings.integrated,
      momentaryMax: readings.momentaryMax,
      shortTermMax: readings.shortTermMax,
      loudnessRange: readings.loudnessRange,
      truePeak: readings.truePeak,
      samplePeak: readings.samplePeak,
      plr: readings.plr,
      rms: readings.rms,
      noiseFloor: readings.noiseFloor,
      correlation: readings.programmeCorrelation,
      duration: readings.duration,
    },
    shortTermHistory: { start: SHORT_TERM_SECONDS, interval: hopsPerValue / HOPS_PER_SECOND, values },
  };
}
