// Lathe Strip's kernel: the mixer channel strip every host track, send and bus runs. Gain, balance,
// polarity and mute are one linear gain per channel (`stripGains`), ramped over 20 ms; the delay is
// a whole number of samples, read straight from a delay line (no interpolation), crossfaded on change.
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { STRIP_MAX_DELAY, type StripParams, stripParams } from './params.ts';
import { stripTelemetry } from './telemetry.ts';

/** Gain, balance, mute and polarity changes ramp for this long; delay changes crossfade for this long. */
const RAMP_MS = 20;
/** Delay line length: a power of two above the longest delay, so positions wrap with a mask. */
const LINE_SIZE = 2 ** Math.ceil(Math.log2(STRIP_MAX_DELAY + 1));
const LINE_MASK = LINE_SIZE - 1;
const GAIN_MIN_DB = stripParams.gain.min;
const QUARTER_PI = Math.PI / 4;

/** Stereo: a strip is a stereo channel; a mono input is played on both channels. */
export const STRIP_MAX_CHANNELS = 2;

// A strip's settings as the law reads them, in a Float64Array (see applyLaw).
const GAIN_DB = 0;
const PAN = 1;
const MUTE = 2;
const INVERT = 3;
const scratchSettings = new Float64Array(4);

/**
 * The strip's gain law: the linear gains of the left and right channel, into `into` ([left, right]).
 *
 * gain = 10^(gainDb/20), exactly 0 at or below −120 dB (the fader's −∞); balance is a sine taper with
 * 0 dB at the centre — θ = (pan + 1)·π/4, left = min(1, √2·cos θ), right = min(1, √2·sin θ) — so hard
 * left is (1, 0); mute multiplies by 0 and invert by −1. Centre and unity gain give exactly (1, 1).
 * `pan` is clamped to −1…1. The kernel uses this law; hosts that need it must call this function.
 */
export function stripGains(
  gainDb: number,
  pan: number,
  mute: boolean,
  invert: boolean,
  into: Float64Array = new Float64Array(2),
): Float64Array {
  if (Number.isNaN(gainDb)) throw new RangeError('stripGains: gainDb must be a number of dB, got NaN');
  if (Number.isNaN(pan)) throw new RangeError('stripGains: pan must be a number in −1…1, got NaN');
  if (into.length < 2) throw new RangeError(`stripGains: into needs 2 elements, has ${into.length}`);
  scratchSettings[GAIN_DB] = gainDb;
  scratchSettings[PAN] = pan;
  scratchSettings[MUTE] = mute ? 1 : 0;
  scratchSettings[INVERT] = invert ? 1 : 0;
  applyLaw(scratchSettings, into);
  return into;
}

/**
 * The law itself, on settings [gainDb, pan, mute, invert] (booleans as 0/1). Numbers go in and out
 * through arrays because a number passed to or returned from a call the optimiser does not inline
 * is allocated, and the render path calls this.
 */
function applyLaw(settings: Float64Array, into: Float64Array): void {
  const gainDb = settings[GAIN_DB];
  const pan = Math.min(1, Math.max(-1, settings[PAN]));
  const level =
    settings[MUTE] !== 0 || gainDb <= GAIN_MIN_DB
      ? 0
      : (settings[INVERT] !== 0 ? -1 : 1) * 10 ** (gainDb / 20);
  // √2·cos θ = √2·sin((1 − pan)·π/4): written with sines so hard right gives exactly 0 on the left,
  // and with the min(1, …) decided by the sign of pan so the centre gives exactly 1 on both sides.
  into[0] = pan <= 0 ? level : level * Math.SQRT2 * Math.sin((1 - pan) * QUARTER_PI);
  into[1] = pan >= 0 ? level : level * Math.SQRT2 * Math.sin((1 + pan) * QUARTER_PI);
}

// The two gains' ramp, in a Float64Array for the same reason: per channel the gain now, its goal,
// and the step per sample.
const NOW = 0;
const GOAL = 2;
const STEP = 4;

export class StripKernel implements Kernel<StripParams>, TelemetrySource {
  private readonly settings = new Float64Array(4);
  private readonly law = new Float64Array(2);
  /** Both gains move together: a new goal restarts a full-length linear ramp from where they are. */
  private readonly gains = new Float64Array(6);
  private rampRemaining = 0;
  private readonly rampLength: number;

  private readonly lines: Float32Array[];
  private writeIndex = 0;
  // A delay change fades from `delayFrom` to `delayTo`; one asked for mid-fade waits in
  // `pendingDelay` until the fade ends, so the output never jumps between read positions.
  private delayFrom: number;
  private delayTo: number;
  private pendingDelay: number;
  private fadeRemaining = 0;

  /** Output sample peaks since the last telemetry frame, per channel. */
  private readonly peaks = new Float64Array(STRIP_MAX_CHANNELS);

  constructor({ sampleRate, maxChannels, params }: KernelConfig<StripParams>) {
    this.rampLength = Math.max(1, Math.round((RAMP_MS / 1000) * sampleRate));
    this.lines = Array.from(
      { length: Math.min(maxChannels, STRIP_MAX_CHANNELS) },
      () => new Float32Array(LINE_SIZE),
    );
    for (const id of ['gain', 'pan', 'mute', 'invert'] as const) this.setParameter(id, params[id]);
    this.jumpToGoal();
    this.delayTo = clampDelay(params.delay);
    this.delayFrom = this.delayTo;
    this.pendingDelay = this.delayTo;
  }

  /**
   * Always 0: the delay is compensation a host asks for (to line this path up with slower ones), not
   * latency the strip adds. Reporting it would make a host compensate it away again.
   */
  get latencySamples(): number {
    return 0;
  }

  setParameter(id: keyof StripParams, value: number): void {
    if (!Number.isFinite(value)) return;
    // Only stored here: the gains are worked out by the render path (see updateGains).
    switch (id) {
      case 'gain':
        this.settings[GAIN_DB] = value;
        return;
      case 'pan':
        this.settings[PAN] = value;
        return;
      case 'mute':
        this.settings[MUTE] = value >= 0.5 ? 1 : 0;
        return;
      case 'invert':
        this.settings[INVERT] = value >= 0.5 ? 1 : 0;
        return;
      case 'delay':
        this.pendingDelay = clampDelay(value);
        return;
    }
  }

  /**
   * Aims the ramps at the law's gains for the current settings. Runs on every process call rather
   * than in setParameter: code that runs rarely is not optimised, and there every intermediate number
   * is allocated. It costs one power and at most one sine per call.
   */
  private updateGains(): void {
    const law = this.law;
    const gains = this.gains;
    applyLaw(this.settings, law);
    if (law[0] === gains[GOAL] && law[1] === gains[GOAL + 1]) return;
    for (let c = 0; c < 2; c++) {
      gains[GOAL + c] = law[c];
      gains[STEP + c] = (law[c] - gains[NOW + c]) / this.rampLength;
    }
    this.rampRemaining = this.rampLength;
  }

  private jumpToGoal(): void {
    applyLaw(this.settings, this.law);
    for (let c = 0; c < 2; c++) {
      this.gains[NOW + c] = this.law[c];
      this.gains[GOAL + c] = this.law[c];
    }
    this.rampRemaining = 0;
  }

  process(inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
    this.updateGains();
    if (this.isIdentity()) this.copy(inputs, outputs, from, to);
    else this.render(inputs, outputs, from, to);
  }

  /** Unity gains, no delay and nothing moving: the output is the input, bit for bit. */
  private isIdentity(): boolean {
    return (
      this.rampRemaining === 0 &&
      this.gains[NOW] === 1 &&
      this.gains[NOW + 1] === 1 &&
      this.delayTo === 0 &&
      this.fadeRemaining === 0 &&
      this.pendingDelay === 0
    );
  }

  private copy(inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number) {
    const channels = Math.min(outputs.length, this.lines.length);
    const lastInput = inputs.length - 1;
    for (let c = 0; c < channels; c++) {
      const input = inputs[Math.min(c, lastInput)];
      const output = outputs[c];
      const line = this.lines[c];
      let peak = this.peaks[c];
      let w = this.writeIndex;
      for (let i = from; i < to; i++) {
        const v = input[i];
        // Non-finite input plays as silence.
        const x = v - v === 0 ? v : 0;
        // Kept in the line so a later delay change fades from real history.
        line[w] = x;
        w = (w + 1) & LINE_MASK;
        output[i] = x;
        const magnitude = Math.abs(x);
        if (magnitude > peak) peak = magnitude;
      }
      this.peaks[c] = peak;
    }
    this.writeIndex = (this.writeIndex + (to - from)) & LINE_MASK;
  }

  private render(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    from: number,
    to: number,
  ) {
    const channels = Math.min(outputs.length, this.lines.length);
    const lastInput = inputs.length - 1;
    const gains = this.gains;
    const rampLength = this.rampLength;
    let w = this.writeIndex;
    for (let i = from; i < to; i++) {
      if (this.rampRemaining > 0) {
        const remaining = --this.rampRemaining;
        // Measured back from the goal, so the last step lands on it exactly.
        gains[NOW] = gains[GOAL] - gains[STEP] * remaining;
        gains[NOW + 1] = gains[GOAL + 1] - gains[STEP + 1] * remaining;
      }
      if (this.fadeRemaining === 0 && this.pendingDelay !== this.delayTo) {
        this.delayFrom = this.delayTo;
        this.delayTo = this.pendingDelay;
        this.fadeRemaining = rampLength;
      }
      // Weight of the new delay's read position: rises linearly to 1 over the fade.
      let fade = 1;
      if (this.fadeRemaining > 0) fade = 1 - --this.fadeRemaining / rampLength;
      const readNew = (w - this.delayTo) & LINE_MASK;
      const readOld = (w - this.delayFrom) & LINE_MASK;
      for (let c = 0; c < channels; c++) {
        const v = inputs[Math.min(c, lastInput)][i];
        const line = this.lines[c];
        line[w] = v - v === 0 ? v : 0;
        const delayed = fade === 1 ? line[readNew] : (1 - fade) * line[readOld] + fade * line[readNew];
        const y = delayed * gains[NOW + c];
        outputs[c][i] = y;
        const magnitude = Math.abs(y);
        if (magnitude > this.peaks[c]) this.peaks[c] = magnitude;
      }
      w = (w + 1) & LINE_MASK;
    }
    this.writeIndex = w;
  }

  reset(): void {
    for (const line of this.lines) line.fill(0);
    this.writeIndex = 0;
    this.delayTo = this.pendingDelay;
    this.delayFrom = this.delayTo;
    this.fadeRemaining = 0;
    this.jumpToGoal();
    this.peaks.fill(0);
  }

  /** Output sample peaks since the previous frame, dBFS (then starts a new frame). */
  writeTelemetry(frame: Float64Array): void {
    frame[stripTelemetry.index.peakLeft] = 20 * Math.log10(this.peaks[0]);
    frame[stripTelemetry.index.peakRight] = 20 * Math.log10(this.peaks[1]);
    this.peaks.fill(0);
  }
}

function clampDelay(samples: number): number {
  return Math.min(STRIP_MAX_DELAY, Math.max(0, Math.round(samples)));
}

export const createStripKernel = (config: KernelConfig<StripParams>) => new StripKernel(config);
