// Deterministic test signals shared by every package's tests (import '@lathe/dsp/test-signals'):
// the EBU Tech 3341 / 3342 conformance cases, synthesized at any rate, and seeded programme-like
// material. Pure functions returning fresh arrays; multichannel signals are Float32Array[].
import { kaiser } from './kaiser.ts';
import { createRng } from './random.ts';

/** Peak amplitude of a level in dBFS (−Infinity → 0). */
export function dbfs(level: number): number {
  return 10 ** (level / 20);
}

export interface SineOptions {
  sampleRate: number;
  frequency: number;
  /** Length in seconds (rounded to whole samples). */
  duration: number;
  /** Peak amplitude (linear); default 1. */
  amplitude?: number;
  /** Starting phase in degrees; default 0. */
  phaseDeg?: number;
  /** Linear fade-in and fade-out lengths in ms; default 0. */
  fadeInMs?: number;
  fadeOutMs?: number;
}

export function sine(options: SineOptions): Float32Array {
  const {
    sampleRate,
    frequency,
    duration,
    amplitude = 1,
    phaseDeg = 0,
    fadeInMs = 0,
    fadeOutMs = 0,
  } = options;
  const n = Math.round(duration * sampleRate);
  const fadeIn = Math.round((fadeInMs * sampleRate) / 1000);
  const fadeOut = Math.round((fadeOutMs * sampleRate) / 1000);
  const phase = (phaseDeg * Math.PI) / 180;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let g = amplitude;
    if (i < fadeIn) g *= i / fadeIn;
    if (n - 1 - i < fadeOut) g *= (n - 1 - i) / fadeOut;
    x[i] = g * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase);
  }
  return x;
}

export interface ToneSegment {
  /** Seconds (segment boundaries are rounded to whole samples from the running start time). */
  duration: number;
  /** Peak level in dBFS; −Infinity for silence. */
  level: number;
}

/**
 * A tone whose level steps from segment to segment (one continuous-phase oscillator, default 1 kHz),
 * copied in phase to `channels` channels.
 */
export function toneSequence(
  sampleRate: number,
  segments: readonly ToneSegment[],
  channels = 2,
  frequency = 1000,
): Float32Array[] {
  let seconds = 0;
  for (const s of segments) seconds += s.duration;
  const x = new Float32Array(Math.round(seconds * sampleRate));
  let t = 0;
  for (const s of segments) {
    const from = Math.round(t * sampleRate);
    t += s.duration;
    const to = Math.round(t * sampleRate);
    const a = dbfs(s.level);
    for (let i = from; i < to; i++) x[i] = a * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  }
  return Array.from({ length: channels }, () => x.slice());
}

/** Joins multichannel signals end to end (all must have the same channel count). */
export function concatenate(signals: readonly (readonly Float32Array[])[]): Float32Array[] {
  const channels = signals[0].length;
  const length = signals.reduce((n, s) => n + s[0].length, 0);
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(length);
    let at = 0;
    for (const s of signals) {
      out.set(s[c], at);
      at += s[c].length;
    }
    return out;
  });
}

/** Pink-ish noise (Voss–McCartney: 12 octave-spaced sample-and-hold rows plus white), unit RMS. */
export function pinkNoise(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const rows = new Float64Array(12);
  let sum = 0;
  let ms = 0;
  const x = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    // Row k is redrawn every 2^k samples: the row index is the count of trailing zeros of i.
    const k = i === 0 ? 0 : Math.min(11, 31 - Math.clz32(i & -i));
    const v = rng() * 2 - 1;
    sum += v - rows[k];
    rows[k] = v;
    x[i] = sum + (rng() * 2 - 1);
    ms += x[i] * x[i];
  }
  const g = ms > 0 ? 1 / Math.sqrt(ms / length) : 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = x[i] * g;
  return out;
}

/** Kaiser window of `length` points with shape `beta`. */
export function kaiserWindow(length: number, beta: number): Float64Array {
  return Float64Array.from({ length }, (_, n) => kaiser((2 * n) / (length - 1) - 1, beta));
}

/**
 * Tech 3341 cases 20–23 (48 kHz): at 192 kHz a 0.5 sine of period 24 gets one full-scale period of
 * period 16 inserted at a positive zero crossing; the result is low-passed (linear-phase Kaiser β 12,
 * 1023 taps, cutoff 23.5 kHz, delay compensated) and decimated by 4 at offset `k` (0…3 → case 20…23).
 * One second, the burst in the middle, stereo.
 */
export function truePeakBurst(k: number): Float32Array[] {
  const fs4 = 192000;
  const n4 = fs4;
  const burstAt = n4 / 2; // a multiple of 24: a positive zero crossing of the 0.5 sine
  const x = new Float64Array(n4);
  for (let m = 0; m < n4; m++) {
    if (m < burstAt) x[m] = 0.5 * Math.sin((2 * Math.PI * m) / 24);
    else if (m < burstAt + 16) x[m] = Math.sin((2 * Math.PI * (m - burstAt)) / 16);
    else x[m] = 0.5 * Math.sin((2 * Math.PI * (m - burstAt - 16)) / 24);
  }
  const taps = 1023;
  const half = (taps - 1) / 2;
  const fc = 23500 / fs4;
  const w = kaiserWindow(taps, 12);
  const h = new Float64Array(taps);
  let dc = 0;
  for (let j = 0; j < taps; j++) {
    const t = j - half;
    h[j] = (t === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t)) * w[j];
    dc += h[j];
  }
  const n = n4 / 4;
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const m = 4 * i + k;
    let acc = 0;
    for (let j = Math.max(0, m + half - (n4 - 1)); j < taps && m + half - j >= 0; j++)
      acc += h[j] * x[m + half - j];
    y[i] = acc / dc;
  }
  return [y, y.slice()];
}

const TONE = 1000;
const seq = (sampleRate: number, segments: ToneSegment[], channels = 2) =>
  toneSequence(sampleRate, segments, channels, TONE);
const silence = (duration: number): ToneSegment => ({ duration, level: Number.NEGATIVE_INFINITY });

/**
 * The synthesizable EBU Tech 3341 (v4) test signals: 1–6 and 9–14 at any rate, 15–23 at 48 kHz.
 * Cases 10 and 13 are 20 separate signals (the meter is reset before each); every other case is one.
 * Case 6 comes as 6 channels in Web Audio 5.1 order (L R C LFE Ls Rs) with a silent LFE.
 */
export function tech3341Signals(caseNumber: number, sampleRate: number): Float32Array[][] {
  const twenty = Array.from({ length: 20 }, (_, i) => i);
  switch (caseNumber) {
    case 1:
      return [seq(sampleRate, [{ duration: 20, level: -23 }])];
    case 2:
      return [seq(sampleRate, [{ duration: 20, level: -33 }])];
    case 3:
      return [
        seq(
          sampleRate,
          [-36, -23, -36].map((level, i) => ({ duration: i === 1 ? 60 : 10, level })),
        ),
      ];
    case 4:
      return [
        seq(
          sampleRate,
          [-72, -36, -23, -36, -72].map((level, i) => ({ duration: i === 2 ? 60 : 10, level })),
        ),
      ];
    case 5:
      return [
        seq(sampleRate, [
          { duration: 20, level: -26 },
          { duration: 20.1, level: -20 },
          { duration: 20, level: -26 },
        ]),
      ];
    case 6: {
      const levels = [-28, -28, -24, Number.NEGATIVE_INFINITY, -30, -30];
      return [levels.map((level) => seq(sampleRate, [{ duration: 20, level }], 1)[0])];
    }
    case 9:
      return [
        seq(
          sampleRate,
          twenty
            .slice(0, 10)
            .map((i) => (i % 2 === 0 ? { duration: 1.34, level: -20 } : { duration: 1.66, level: -30 })),
        ),
      ];
    case 10:
      return twenty.map((i) => seq(sampleRate, [silence(i * 0.15), { duration: 3, level: -23 }, silence(1)]));
    case 11:
      return [
        seq(
          sampleRate,
          twenty.flatMap((i) => [silence(i * 0.15), { duration: 3, level: -38 + i }, silence(3 - 0.15 * i)]),
        ),
      ];
    case 12:
      return [
        seq(
          sampleRate,
          Array.from({ length: 50 }, (_, i) =>
            i % 2 === 0 ? { duration: 0.18, level: -20 } : { duration: 0.22, level: -30 },
          ),
        ),
      ];
    case 13:
      return twenty.map((i) =>
        seq(sampleRate, [silence(i * 0.02), { duration: 0.4, level: -23 }, silence(1)]),
      );
    case 14:
      return [
        seq(
          sampleRate,
          twenty.flatMap((i) => [
            silence(i * 0.02),
            { duration: 0.4, level: -38 + i },
            silence(0.4 - 0.02 * i),
          ]),
        ),
      ];
    case 15:
    case 16:
    case 17:
    case 18:
    case 19: {
      const [divisor, phaseDeg, amplitude] = (
        {
          15: [4, 0, dbfs(-6)],
          16: [4, 45, dbfs(-6)],
          17: [6, 60, dbfs(-6)],
          18: [8, 67.5, dbfs(-6)],
          19: [4, 45, 1.4141],
        } as const
      )[caseNumber];
      const x = sine({
        sampleRate: 48000,
        frequency: 48000 / divisor,
        duration: 3.2,
        amplitude,
        phaseDeg,
        fadeInMs: 100,
        fadeOutMs: 100,
      });
      return [[x, x.slice()]];
    }
    case 20:
    case 21:
    case 22:
    case 23:
      return [truePeakBurst(caseNumber - 20)];
    default:
      throw new RangeError(`Tech 3341 case ${caseNumber} is not synthesizable (1–6, 9–23)`);
  }
}

/** EBU Tech 3342 (v4) cases 1–4: stereo 1 kHz tone, 20 s per level. */
export function tech3342Signal(caseNumber: number, sampleRate: number): Float32Array[] {
  const levels = { 1: [-20, -30], 2: [-20, -15], 3: [-40, -20], 4: [-50, -35, -20, -35, -50] }[caseNumber];
  if (!levels) throw new RangeError(`Tech 3342 case ${caseNumber} is not synthesizable (1–4)`);
  return seq(
    sampleRate,
    levels.map((level) => ({ duration: 20, level })),
  );
}

export interface ProgrammeOptions {
  /** Section lengths in seconds; default 3–9. */
  minSection?: number;
  maxSection?: number;
  /** Noise RMS range in dBFS; default −36 … −14. */
  minLevel?: number;
  maxLevel?: number;
  /** Share of sections that are 0.3–2 s silence gaps; default 0.1. */
  gaps?: number;
}

/**
 * Programme-like stereo material: sections of pink-ish noise at changing levels (the stereo image from
 * mono to nearly independent channels) with short tone bursts on top (100 Hz – 11 kHz, so there are
 * inter-sample peaks), steady tones, and silence gaps; 20 ms ramps between sections.
 */
export function programme(
  sampleRate: number,
  seconds: number,
  seed: number,
  options: ProgrammeOptions = {},
): Float32Array[] {
  const { minSection = 3, maxSection = 9, minLevel = -36, maxLevel = -14, gaps = 0.1 } = options;
  const rng = createRng(seed);
  const n = Math.round(seconds * sampleRate);
  const common = pinkNoise(n, seed + 1);
  const left = pinkNoise(n, seed + 2);
  const right = pinkNoise(n, seed + 3);
  const out = [new Float32Array(n), new Float32Array(n)];
  const ramp = Math.round(0.02 * sampleRate);
  const tone = (at: number, length: number, level: number, balance: number) => {
    const f = 100 * 110 ** rng();
    const a = dbfs(level);
    const phase = 2 * Math.PI * rng();
    for (let i = 0; i < length && at + i < n; i++) {
      const v =
        a * Math.min(1, i / ramp, (length - i) / ramp) * Math.sin((2 * Math.PI * f * i) / sampleRate + phase);
      out[0][at + i] += v;
      out[1][at + i] += v * balance;
    }
  };
  let at = 0;
  while (at < n) {
    const kind = rng();
    if (kind < gaps) {
      at += Math.round((0.3 + 1.7 * rng()) * sampleRate);
      continue;
    }
    const length = Math.min(
      n - at,
      Math.round((minSection + (maxSection - minSection) * rng()) * sampleRate),
    );
    const level = minLevel + (maxLevel - minLevel) * rng();
    if (kind < gaps + 0.15) {
      tone(at, length, level + 6, 0.5 + 0.5 * rng());
    } else {
      const g = dbfs(level);
      const width = rng();
      for (let i = 0; i < length; i++) {
        const e = g * Math.min(1, i / ramp, (length - i) / ramp);
        const c = common[at + i] * (1 - width);
        out[0][at + i] = e * (c + width * left[at + i]);
        out[1][at + i] = e * (c + width * right[at + i]);
      }
      for (let b = Math.floor(rng() * 4); b > 0; b--) {
        tone(
          at + Math.floor(rng() * length),
          Math.round((0.1 + 0.4 * rng()) * sampleRate),
          level + 16 * rng(),
          rng(),
        );
      }
    }
    at += length;
  }
  return out;
}
