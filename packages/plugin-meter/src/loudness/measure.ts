import { createLoudnessReadings, LoudnessEngine, type LoudnessReadings } from './engine.ts';

/** The programme-wide figures of a finished measurement (units and conventions as LoudnessReadings). */
export type LoudnessReport = Pick<
  LoudnessReadings,
  | 'integrated'
  | 'momentaryMax'
  | 'shortTermMax'
  | 'loudnessRange'
  | 'truePeak'
  | 'samplePeak'
  | 'plr'
  | 'rms'
  | 'noiseFloor'
  | 'duration'
> & {
  /** Phase correlation of channels 0 and 1 over the whole programme. */
  correlation: number;
};

export interface MeasureOptions {
  /** Count a mono programme twice (+3 dB), as for mono played on two loudspeakers. */
  dualMono?: boolean;
}

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 384000;
export const MAX_CHANNELS = 8;
const CHUNK = 4096;

/**
 * Measures a whole programme (one Float32Array per channel; 6 channels are read as 5.1 in Web Audio
 * order L R C LFE Ls Rs, 4 as L R Ls Rs).
 */
export function measureLoudness(
  channels: Float32Array[],
  sampleRate: number,
  options: MeasureOptions = {},
): LoudnessReport {
  if (!Array.isArray(channels))
    throw new TypeError('measureLoudness: channels must be an array of Float32Array');
  if (channels.length === 0) throw new RangeError('measureLoudness: no channels given');
  if (channels.length > MAX_CHANNELS) {
    throw new RangeError(
      `measureLoudness: ${channels.length} channels given, at most ${MAX_CHANNELS} supported`,
    );
  }
  channels.forEach((channel, c) => {
    if (!(channel instanceof Float32Array)) {
      throw new TypeError(`measureLoudness: channel ${c} is not a Float32Array`);
    }
    if (channel.length !== channels[0].length) {
      throw new RangeError(
        `measureLoudness: channels differ in length (channel 0: ${channels[0].length} samples, ` +
          `channel ${c}: ${channel.length})`,
      );
    }
  });
  if (typeof sampleRate !== 'number' || !(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new RangeError(
      `measureLoudness: sample rate ${sampleRate} is outside ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`,
    );
  }
  const engine = new LoudnessEngine(sampleRate, channels.length);
  engine.dualMono = options.dualMono === true;
  const length = channels[0].length;
  for (let from = 0; from < length; from += CHUNK)
    engine.process(channels, from, Math.min(length, from + CHUNK));
  const r = createLoudnessReadings();
  engine.read(r);
  return {
    integrated: r.integrated,
    momentaryMax: r.momentaryMax,
    shortTermMax: r.shortTermMax,
    loudnessRange: r.loudnessRange,
    truePeak: r.truePeak,
    samplePeak: r.samplePeak,
    plr: r.plr,
    rms: r.rms,
    noiseFloor: r.noiseFloor,
    correlation: r.programmeCorrelation,
    duration: r.duration,
  };
}
