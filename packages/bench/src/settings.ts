// The mastering chain every runner renders, written once so that the Lathe kernels, the built
// WAMs, ffmpeg and the native Web Audio chain all do comparable work on the same programme.

export const SAMPLE_RATE = 48_000;
export const CHANNELS = 2;
/** The worklet's render quantum: the kernels are driven in blocks of this size, as in a browser. */
export const QUANTUM = 128;
/** Seed of '@lathe/dsp/test-signals' programme(): the same material in every run. */
export const PROGRAMME_SEED = 7;

/** The EQ's six default-enabled bands (2–7), each given a gain so none is a no-op. */
export const EQ_BANDS = [
  { band: 2, type: 'lowshelf', frequency: 100, q: 0.71, gain: 2 },
  { band: 3, type: 'peaking', frequency: 250, q: 1, gain: -1.5 },
  { band: 4, type: 'peaking', frequency: 700, q: 1, gain: 1 },
  { band: 5, type: 'peaking', frequency: 2000, q: 1, gain: -2 },
  { band: 6, type: 'peaking', frequency: 5000, q: 1, gain: 1.5 },
  { band: 7, type: 'highshelf', frequency: 10_000, q: 0.71, gain: 2 },
] as const;

/** EQ parameters on top of the defaults (the six bands above are enabled by default). */
export const EQ_SETTINGS: Record<string, number> = Object.fromEntries(
  EQ_BANDS.map(({ band, gain }) => [`band${band}Gain`, gain]),
);

/** The compressor's and limiter's defaults, spelled out because ffmpeg and Web Audio mirror them. */
export const COMP = { thresholdDb: -18, ratio: 4, kneeDb: 6, attackMs: 10, releaseMs: 150 } as const;
export const LIMITER = { ceilingDb: -1, lookaheadMs: 1.5, releaseMs: 100 } as const;

const linear = (db: number) => (10 ** (db / 20)).toFixed(6);

/** ffmpeg's version of the chain: `equalizer` (peaking) per band, as the issue specifies. */
export function ffmpegChain(bands: number): string {
  const eq = EQ_BANDS.slice(0, bands).map(
    ({ frequency, q, gain }) => `equalizer=f=${frequency}:t=q:w=${q}:g=${gain}`,
  );
  return [
    ...eq,
    `acompressor=threshold=${linear(COMP.thresholdDb)}:ratio=${COMP.ratio}:attack=${COMP.attackMs}:release=${COMP.releaseMs}`,
    // level=disabled: no automatic make-up normalisation, like our limiter.
    `alimiter=limit=${linear(LIMITER.ceilingDb)}:attack=${LIMITER.lookaheadMs}:release=${LIMITER.releaseMs}:level=disabled`,
    'ebur128=peak=true',
  ].join(',');
}
