// From a finished render to the file a user downloads: resample, dither and quantise, encode, then
// measure what is actually in the file, since resampling and dither change the peaks the limiter set.
import { TruePeakDetector } from '@lathe/dsp';
import {
  judge,
  type LoudnessReport,
  TARGET_IDS,
  type TargetId,
  type TargetVerdict,
} from '@lathe/plugin-meter';
import { checkCallback, checkSignal, createYielder } from './cooperative.ts';
import { DEFAULT_DITHER_SEED, quantize } from './dither.ts';
import { checkHistoryInterval, type LoudnessHistory, measureWithHistory } from './measure.ts';
import { type NormalisedMetadata, normaliseMetadata, type TrackMetadata } from './metadata.ts';
import { MAX_RESAMPLE_RATE, MIN_RESAMPLE_RATE, resample } from './resample.ts';
import {
  checkChannels,
  decodeWav,
  encodeWav,
  MAX_WAV_CHANNELS,
  WAV_ENCODINGS,
  type WavEncoding,
} from './wav.ts';

/** Sample rates a delivery file can have. */
export const DELIVERY_SAMPLE_RATES = [44100, 48000] as const;
export type DeliverySampleRate = (typeof DELIVERY_SAMPLE_RATES)[number];

/**
 * A delivered true peak counts as over the ceiling only from this many dB above it: reports show
 * hundredths of a dB, and 16-bit dither alone moves a peak at −1 dBTP by at most 0.0005 dB.
 */
export const CEILING_TOLERANCE_DB = 0.01;

export interface RenderedAudio {
  /** One array per channel (mono or stereo), full scale ±1. */
  channels: Float32Array[];
  /** Integer, Hz. */
  sampleRate: number;
}

/** Where deliver() is, for a progress bar: each stage runs its fraction from 0 to 1. */
export interface DeliveryProgress {
  stage: 'resampling' | 'encoding' | 'measuring';
  fraction: number;
}

export interface DeliveryOptions {
  sampleRate: DeliverySampleRate;
  encoding: WavEncoding;
  /** TPDF dither before quantising; default on for PCM. Float files are never dithered. */
  dither?: boolean;
  /** Dither seed (default DEFAULT_DITHER_SEED): the same render and seed give the same file. */
  ditherSeed?: number;
  metadata?: TrackMetadata;
  /** Delivery target whose verdict the report carries. */
  targetId?: TargetId;
  /** The chain's true-peak ceiling, dBTP (the limiter's setting): the report says when the file exceeds it. */
  ceilingDbtp?: number;
  /** Seconds between short-term history values, a multiple of 0.1 (default 0.1). */
  historyInterval?: number;
  onProgress?: (progress: DeliveryProgress) => void;
  /** Cancels the delivery: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The delivered file's format, and how it was made from the render. */
export interface DeliveryFormat {
  container: 'wav';
  encoding: WavEncoding;
  bitDepth: 16 | 24 | 32;
  sampleRate: DeliverySampleRate;
  channels: number;
  frames: number;
  /** File size in bytes. */
  bytes: number;
  dither: 'tpdf' | 'none';
  /** The seed used, or null without dither. */
  ditherSeed: number | null;
  /** The render's rate. */
  sourceSampleRate: number;
  /** What converted the rate, or null when the render was already at the delivery rate. */
  resampler: string | null;
}

/** What the download's report says: every figure is measured on the samples in the file. */
export interface DeliveryReport {
  format: DeliveryFormat;
  /** The metadata as written (ISRC normalised). */
  metadata: NormalisedMetadata;
  /** Programme figures of the file's samples, exactly as measureLoudness() gives them. */
  loudness: LoudnessReport;
  shortTermHistory: LoudnessHistory;
  /** True peak of the render before resampling and dither, dBTP (the same 4× BS.1770 detector). */
  renderTruePeak: number;
  /** Samples clipped to full scale by quantisation (PCM only; float files keep overs). */
  clippedSamples: number;
  /** The verdict for options.targetId, or null without a target. */
  verdict: TargetVerdict | null;
  /** options.ceilingDbtp, or null when none was given. */
  ceilingDbtp: number | null;
  /** The file's true peak is above ceilingDbtp (by CEILING_TOLERANCE_DB or more). */
  ceilingExceeded: boolean;
  /** Plain-language explanation when ceilingExceeded, otherwise null. */
  ceilingMessage: string | null;
}

export interface Delivery {
  /** The WAV file. */
  bytes: Uint8Array;
  /** A file name safe on every common file system, e.g. "Artist - Title_48k_24bit.wav". */
  filename: string;
  report: DeliveryReport;
}

const BIT_DEPTH: Record<WavEncoding, 16 | 24 | 32> = { pcm16: 16, pcm24: 24, float32: 32 };
const RESAMPLER = 'libsamplerate (SRC_SINC_BEST_QUALITY)';

const kHz = (rate: number) => `${rate / 1000} kHz`;
const signed = (value: number, digits: number) => value.toFixed(digits).replace('-', '−');

function checkOptions(options: DeliveryOptions) {
  if (options === null || typeof options !== 'object')
    throw new TypeError('deliver: options: expected an object');
  if (!DELIVERY_SAMPLE_RATES.includes(options.sampleRate)) {
    throw new RangeError(
      `deliver: options.sampleRate: ${String(options.sampleRate)} is not a delivery rate; use 44100 or 48000`,
    );
  }
  if (!WAV_ENCODINGS.includes(options.encoding)) {
    throw new RangeError(
      `deliver: options.encoding: expected one of ${WAV_ENCODINGS.join(', ')}, got ${String(options.encoding)}`,
    );
  }
  const isFloat = options.encoding === 'float32';
  if (options.dither !== undefined && typeof options.dither !== 'boolean') {
    throw new TypeError('deliver: options.dither: expected true or false');
  }
  if (isFloat && options.dither === true) {
    throw new RangeError('deliver: options.dither: float32 files are not dithered; leave dither unset');
  }
  if (options.ditherSeed !== undefined && !Number.isInteger(options.ditherSeed)) {
    throw new RangeError(
      `deliver: options.ditherSeed: expected an integer, got ${String(options.ditherSeed)}`,
    );
  }
  if (options.targetId !== undefined && !TARGET_IDS.includes(options.targetId)) {
    throw new RangeError(
      `deliver: options.targetId: unknown target ${String(options.targetId)}; expected one of ${TARGET_IDS.join(', ')}`,
    );
  }
  if (
    options.ceilingDbtp !== undefined &&
    !(typeof options.ceilingDbtp === 'number' && Number.isFinite(options.ceilingDbtp))
  ) {
    throw new RangeError(
      `deliver: options.ceilingDbtp: expected a number of dBTP, got ${String(options.ceilingDbtp)}`,
    );
  }
  return {
    dither: !isFloat && options.dither !== false,
    historyInterval: options.historyInterval ?? 0.1,
    onProgress: checkCallback(options.onProgress, 'deliver: options.onProgress'),
    signal: checkSignal(options.signal, 'deliver: options.signal'),
  };
}

function checkRender(render: RenderedAudio): Float32Array[] {
  if (render === null || typeof render !== 'object') {
    throw new TypeError('deliver: render: expected { channels, sampleRate }');
  }
  const channels = checkChannels(render.channels, 'deliver: render.channels', MAX_WAV_CHANNELS);
  if (channels[0].length === 0) throw new RangeError('deliver: render.channels: the render has no samples');
  const rate = render.sampleRate;
  if (!Number.isInteger(rate) || rate < MIN_RESAMPLE_RATE || rate > MAX_RESAMPLE_RATE) {
    throw new RangeError(
      `deliver: render.sampleRate: expected an integer from ${MIN_RESAMPLE_RATE} to ${MAX_RESAMPLE_RATE} Hz, got ${String(rate)}`,
    );
  }
  channels.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i]))
        throw new RangeError(`deliver: render.channels[${c}][${i}] is ${channel[i]}`);
    }
  });
  return channels;
}

/** A file name from the metadata and format, with characters no common file system allows removed. */
export function deliveryFilename(
  metadata: NormalisedMetadata,
  sampleRate: DeliverySampleRate,
  encoding: WavEncoding,
): string {
  const name = [metadata.artist, metadata.title].filter((part) => part !== undefined).join(' - ');
  const safe = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120)
    .trim();
  const rate = sampleRate === 44100 ? '44k1' : '48k';
  const depth = encoding === 'float32' ? '32float' : `${BIT_DEPTH[encoding]}bit`;
  return `${safe || 'lathe-master'}_${rate}_${depth}.wav`;
}

/** The render's true peak in dBTP, read as the meter reads it (4× BS.1770, never below the sample peak). */
async function renderTruePeakDb(
  channels: Float32Array[],
  sampleRate: number,
  pause: () => Promise<void>,
): Promise<number> {
  const detector = new TruePeakDetector(sampleRate, channels.length);
  const step = sampleRate; // a second at a time, then a turn for the event loop
  let peak = 0;
  for (let from = 0; from < channels[0].length; from += step) {
    const to = Math.min(channels[0].length, from + step);
    channels.forEach((channel, c) => {
      peak = Math.max(peak, detector.process(c, channel, from, to));
      for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(channel[i]));
    });
    await pause();
  }
  return 20 * Math.log10(peak);
}

function ceilingMessage(
  truePeak: number,
  ceiling: number,
  renderTruePeak: number,
  format: DeliveryFormat,
): string {
  const excess = truePeak - ceiling;
  const opening =
    `The delivered file's true peak is ${signed(truePeak, 2)} dBTP, ${excess.toFixed(2)} dB above ` +
    `the chain's ceiling of ${signed(ceiling, 2)} dBTP.`;
  if (renderTruePeak >= ceiling + CEILING_TOLERANCE_DB) {
    return (
      `${opening} The render itself already peaks at ${signed(renderTruePeak, 2)} dBTP: check that the ` +
      `limiter is last in the chain and set to ${signed(ceiling, 1)} dBTP.`
    );
  }
  const steps = [
    format.resampler ? `resampling from ${kHz(format.sourceSampleRate)} to ${kHz(format.sampleRate)}` : null,
    format.dither === 'tpdf'
      ? 'dither'
      : format.encoding === 'float32'
        ? null
        : `rounding to ${format.bitDepth} bits`,
  ].filter((step) => step !== null);
  const margin = Math.ceil(excess * 10) / 10;
  const atSourceRate = DELIVERY_SAMPLE_RATES.some((rate) => rate === format.sourceSampleRate);
  const alternative =
    format.resampler && atSourceRate ? `, or deliver at ${kHz(format.sourceSampleRate)}` : '';
  return (
    `${opening} The render peaks at ${signed(renderTruePeak, 2)} dBTP; ${steps.join(' and ')} after the ` +
    `limiter raised it by ${(truePeak - renderTruePeak).toFixed(2)} dB. Lower the limiter's ceiling by at ` +
    `least ${margin.toFixed(1)} dB${alternative}.`
  );
}

/**
 * Makes a delivery file from a render: converts the rate (libsamplerate, best sinc) when needed,
 * applies TPDF dither and quantises for PCM, encodes a WAV with metadata, then decodes that file and
 * measures it, so the report describes exactly what the user downloads.
 * @throws TypeError / RangeError naming the bad field; rejects with the signal's reason when aborted.
 */
export async function deliver(render: RenderedAudio, options: DeliveryOptions): Promise<Delivery> {
  const input = checkRender(render);
  const { dither, historyInterval, onProgress, signal } = checkOptions(options);
  checkHistoryInterval(historyInterval, 'deliver: options.historyInterval');
  const metadata = normaliseMetadata(options.metadata, 'deliver: options.metadata');
  const renderTruePeak = await renderTruePeakDb(input, render.sampleRate, createYielder(signal));

  const resampled = await resample(input, render.sampleRate, options.sampleRate, {
    signal,
    onProgress: (fraction) => onProgress?.({ stage: 'resampling', fraction }),
  });
  signal?.throwIfAborted();
  onProgress?.({ stage: 'encoding', fraction: 0 });
  const ditherSeed = dither ? (options.ditherSeed ?? DEFAULT_DITHER_SEED) : null;
  let samples = resampled;
  let clippedSamples = 0;
  if (options.encoding !== 'float32') {
    const bits = options.encoding === 'pcm16' ? 16 : 24;
    const quantised = quantize(resampled, bits, { dither, seed: ditherSeed ?? undefined });
    samples = quantised.channels;
    clippedSamples = quantised.clippedSamples;
  }
  const bytes = encodeWav({
    channels: samples,
    sampleRate: options.sampleRate,
    encoding: options.encoding,
    metadata,
  });
  onProgress?.({ stage: 'encoding', fraction: 1 });

  const file = decodeWav(bytes);
  const { loudness, shortTermHistory } = await measureWithHistory(file.channels, file.sampleRate, {
    historyInterval,
    signal,
    onProgress: (fraction) => onProgress?.({ stage: 'measuring', fraction }),
  });

  const format: DeliveryFormat = {
    container: 'wav',
    encoding: options.encoding,
    bitDepth: BIT_DEPTH[options.encoding],
    sampleRate: options.sampleRate,
    channels: file.channels.length,
    frames: file.channels[0].length,
    bytes: bytes.length,
    dither: dither ? 'tpdf' : 'none',
    ditherSeed,
    sourceSampleRate: render.sampleRate,
    resampler: render.sampleRate === options.sampleRate ? null : RESAMPLER,
  };
  const ceiling = options.ceilingDbtp ?? null;
  const ceilingExceeded = ceiling !== null && loudness.truePeak >= ceiling + CEILING_TOLERANCE_DB;
  return {
    bytes,
    filename: deliveryFilename(metadata, options.sampleRate, options.encoding),
    report: {
      format,
      metadata,
      loudness,
      shortTermHistory,
      renderTruePeak,
      clippedSamples,
      verdict: options.targetId ? judge(options.targetId, loudness) : null,
      ceilingDbtp: ceiling,
      ceilingExceeded,
      ceilingMessage:
        ceilingExceeded && ceiling !== null
          ? ceilingMessage(loudness.truePeak, ceiling, renderTruePeak, format)
          : null,
    },
  };
}
