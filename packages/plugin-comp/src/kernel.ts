// Lathe Compressor's kernel: feed-forward, log-domain, the detector after the gain computer
// (Giannoulis, Massberg, Reiss 2012, fig. 7(b)): level → gain computer → smooth decoupled peak
// detector on the gain reduction → makeup. Attack and release are then level-independent and do
// not interact; the static curve is exactly `gainComputer`.
import { LinearSmoother } from '@lathe/dsp';
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { autoMakeupGain, gainComputer } from './gain-computer.ts';
import { type CompParams, compParams } from './params.ts';
import { compTelemetry } from './telemetry.ts';

/** Smoothing of threshold, ratio, knee, makeup and mix: fast enough to follow automation, slow enough not to click. */
const PARAMETER_SMOOTHING_MS = 20;
/** Averaging time of the RMS detector (mean square, one pole). */
const RMS_TIME_MS = 10;
/** Lookahead changes crossfade between the old and new delay over this long (no click, no gap). */
const DELAY_CROSSFADE_MS = 10;
/** Parameters are rendered per sample in chunks of at most this many samples. */
const CHUNK = 128;
/** Levels below this floor (−200 dB) are treated as silence by the detector. */
const LEVEL_FLOOR = 1e-10;
const MAKEUP_MIN = compParams.makeup.min;
const MAKEUP_MAX = compParams.makeup.max;

/** Stereo (the sidechain may be stereo too); more channels pass through the worklet untouched. */
export const COMP_MAX_CHANNELS = 2;

const timeConstant = (ms: number, sampleRate: number) => Math.exp(-1000 / (ms * sampleRate));
/** exp(dB · DB_TO_NEPER) is the gain of dB decibels. */
const DB_TO_NEPER = Math.LN10 / 20;
/** A detector measure in dB: |x| is an amplitude, the mean square a power. */
const toDb = (measure: number, power: boolean) => (power ? 10 : 20) * Math.log10(measure);

// Coefficients live in a Float64Array: storing a double in an object field can box (allocate) it.
const ATTACK = 0;
const RELEASE = 1;
const LINK = 2;
const B0 = 3;
const B1 = 4;
const B2 = 5;
const A1 = 6;
const A2 = 7;

/** RBJ second-order Butterworth high-pass for the sidechain filter, into k[B0…A2]. */
function designHighPass(k: Float64Array, frequency: number, sampleRate: number): void {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const alpha = Math.sin(w) / Math.SQRT2;
  const c = Math.cos(w);
  const a0 = 1 + alpha;
  k[B0] = (1 + c) / 2 / a0;
  k[B1] = -(1 + c) / a0;
  k[B2] = k[B0];
  k[A1] = (-2 * c) / a0;
  k[A2] = (1 - alpha) / a0;
}

export class CompressorKernel implements Kernel<CompParams>, TelemetrySource {
  private readonly sampleRate: number;

  private readonly threshold: LinearSmoother;
  private readonly ratio: LinearSmoother;
  private readonly knee: LinearSmoother;
  private readonly makeup: LinearSmoother;
  private readonly mix: LinearSmoother;
  // Per-sample parameter values of the current chunk.
  private readonly thresholds = new Float64Array(CHUNK);
  private readonly ratios = new Float64Array(CHUNK);
  private readonly knees = new Float64Array(CHUNK);
  private readonly makeups = new Float64Array(CHUNK);
  private readonly mixes = new Float64Array(CHUNK);
  private autoMakeup: boolean;
  private readonly k = new Float64Array(8);
  private readonly rmsCoefficient: number;
  private rms: boolean;
  private external: boolean;

  // Sidechain high-pass (transposed direct form II), off below 20 Hz.
  private highPassOn = false;
  private readonly filterState: Float64Array;

  // Detector state per channel: mean square (RMS mode), y1 (release stage), yL (attack stage), in dB.
  private readonly meanSquare: Float64Array;
  private readonly held: Float64Array;
  private readonly reduction: Float64Array;
  /** Per channel, one value per sample of the chunk, pass by pass: the detector measure, the target reduction, smoothed, the gain. */
  private readonly curves: Float64Array[];

  // Lookahead delay: the audio path is delayed, the detector is not.
  private readonly delayLines: Float32Array[];
  private readonly delaySize: number;
  private writeIndex = 0;
  private delayFrom = 0;
  private delayTo = 0;
  private fadeRemaining = 0;
  private readonly fadeLength: number;

  // Telemetry since the last frame.
  private inputPeak = 0;
  private outputPeak = 0;
  private reductionMax = 0;
  private detectorPeak = -200;

  constructor({ sampleRate, maxChannels, params }: KernelConfig<CompParams>) {
    this.sampleRate = sampleRate;
    const smoother = (value: number) => new LinearSmoother(PARAMETER_SMOOTHING_MS, sampleRate, value);
    this.threshold = smoother(params.threshold);
    this.ratio = smoother(params.ratio);
    this.knee = smoother(params.knee);
    this.makeup = smoother(params.makeup);
    this.mix = smoother(params.mix);
    this.autoMakeup = params.autoMakeup >= 0.5;
    this.rmsCoefficient = timeConstant(RMS_TIME_MS, sampleRate);
    this.rms = params.detector === 1;
    this.external = params.sidechainSource === 1;
    this.filterState = new Float64Array(maxChannels * 2);
    this.meanSquare = new Float64Array(maxChannels);
    this.held = new Float64Array(maxChannels);
    this.reduction = new Float64Array(maxChannels);
    this.curves = Array.from({ length: maxChannels }, () => new Float64Array(CHUNK));
    this.delaySize = Math.ceil((compParams.lookahead.max / 1000) * sampleRate) + 1;
    this.delayLines = Array.from({ length: maxChannels }, () => new Float32Array(this.delaySize));
    this.fadeLength = Math.max(1, Math.round((DELAY_CROSSFADE_MS / 1000) * sampleRate));
    for (const id of ['attack', 'release', 'stereoLink', 'sidechainHighpass', 'lookahead'] as const)
      this.setParameter(id, params[id]);
    this.delayFrom = this.delayTo;
    this.fadeRemaining = 0;
  }

  get latencySamples(): number {
    return this.delayTo;
  }

  setParameter(id: keyof CompParams, value: number): void {
    switch (id) {
      case 'threshold':
        this.threshold.setTarget(value);
        return;
      case 'ratio':
        this.ratio.setTarget(value);
        return;
      case 'knee':
        this.knee.setTarget(value);
        return;
      case 'makeup':
        this.makeup.setTarget(value);
        return;
      case 'mix':
        this.mix.setTarget(value);
        return;
      case 'autoMakeup':
        this.autoMakeup = value >= 0.5;
        return;
      case 'attack':
        this.k[ATTACK] = timeConstant(value, this.sampleRate);
        return;
      case 'release':
        this.k[RELEASE] = timeConstant(value, this.sampleRate);
        return;
      case 'detector':
        this.rms = value === 1;
        return;
      case 'stereoLink':
        this.k[LINK] = value / 100;
        return;
      case 'sidechainSource':
        this.external = value === 1;
        return;
      case 'sidechainHighpass':
        this.highPassOn = value >= (compParams.sidechainHighpass.offBelow ?? 0);
        if (this.highPassOn) designHighPass(this.k, value, this.sampleRate);
        return;
      case 'lookahead':
        this.setDelay(Math.round((value / 1000) * this.sampleRate));
        return;
    }
  }

  private setDelay(samples: number): void {
    if (samples === this.delayTo) return;
    // Start the crossfade from where the output currently reads (mid-fade: the newer delay).
    this.delayFrom = this.delayTo;
    this.delayTo = samples;
    this.fadeRemaining = this.fadeLength;
  }

  process(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    from: number,
    to: number,
    sidechain?: readonly Float32Array[],
  ): void {
    const detect = this.external && sidechain !== undefined ? sidechain : inputs;
    for (let start = from; start < to; start += CHUNK) {
      const count = Math.min(CHUNK, to - start);
      this.threshold.render(this.thresholds, count);
      this.ratio.render(this.ratios, count);
      this.knee.render(this.knees, count);
      this.makeup.render(this.makeups, count);
      this.mix.render(this.mixes, count);
      this.processChunk(inputs, outputs, detect, start, count);
    }
    this.flushFilterState();
  }

  // The chunk runs in passes (detector and gain computer, smoothing, gain, output), each over
  // every sample, rather than all stages per sample: a Math.log10 or Math.exp call clobbers every
  // floating-point register, so the fewer values a loop keeps live, the less it spills around
  // them; and V8 does not hoist field loads out of loops, so everything is read into locals first.
  // Each value is computed exactly as in one pass.
  private processChunk(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    detect: readonly Float32Array[],
    start: number,
    count: number,
  ): void {
    const channels = inputs.length;
    const { thresholds, ratios, knees, makeups, mixes, curves } = this;
    const k = this.k;
    const link = k[LINK];
    const rms = this.rms;
    const dbPerDecade = rms ? 10 : 20;

    // 1. Each channel's detector measure (linear) per sample, into its curve: |x| or the mean
    // square, each with a floor that reads −200 dB, after the sidechain high-pass when it is on.
    const lastDetect = detect.length - 1;
    const meanSquare = this.meanSquare;
    const filterState = this.filterState;
    const hb0 = k[B0];
    const hb1 = k[B1];
    const hb2 = k[B2];
    const ha1 = k[A1];
    const ha2 = k[A2];
    const highPass = this.highPassOn;
    const rmsK = this.rmsCoefficient;
    for (let c = 0; c < channels; c++) {
      const source = detect[Math.min(c, lastDetect)];
      const curve = curves[c];
      let s1 = filterState[2 * c];
      let s2 = filterState[2 * c + 1];
      let ms = meanSquare[c];
      for (let n = 0; n < count; n++) {
        const sample = source[start + n];
        // Non-finite input is detected as silence: it must not poison the detector's memory.
        let x = sample - sample === 0 ? sample : 0;
        if (highPass) {
          const y = hb0 * x + s1;
          s1 = hb1 * x - ha1 * y + s2;
          s2 = hb2 * x - ha2 * y;
          x = y;
        }
        if (rms) {
          const next = rmsK * ms + (1 - rmsK) * x * x;
          ms = next < 1e-30 ? 0 : next;
          curve[n] = next + LEVEL_FLOOR * LEVEL_FLOOR;
        } else curve[n] = Math.abs(x) + LEVEL_FLOOR;
      }
      filterState[2 * c] = s1;
      filterState[2 * c + 1] = s2;
      meanSquare[c] = ms;
    }

    // Linked channels whose detectors agree see the same targets, so they stay in step: from here
    // on the first channel's curve serves all of them.
    const heldState = this.held;
    const reductionState = this.reduction;
    let shared = link === 1;
    for (let c = 1; c < channels; c++) {
      if (heldState[c] !== heldState[0] || reductionState[c] !== reductionState[0]) shared = false;
    }
    const curveChannels = shared ? Math.min(1, channels) : channels;

    // Then each channel's target reduction (dB) per sample, in place. While threshold and knee
    // hold still, a measure below the knee's start (with a margin far above rounding) needs no
    // logarithm: the gain computer passes it, so no reduction is due.
    const curve0 = curves[0];
    const curve1 = curves[channels > 1 ? 1 : 0];
    const t0 = thresholds[0];
    const w0 = knees[0];
    const steadyCurve = t0 === thresholds[count - 1] && w0 === knees[count - 1];
    const kneeStart = steadyCurve ? 10 ** ((t0 - w0 / 2 - 1e-6) / dbPerDecade) : 0;
    let loudestMeasure = 0;
    for (let n = 0; n < count; n++) {
      // The loudest channel's measure.
      let loudest = 0;
      if (curve0[n] > loudest) loudest = curve0[n];
      if (curve1[n] > loudest) loudest = curve1[n];
      for (let c = 2; c < channels; c++) if (curves[c][n] > loudest) loudest = curves[c][n];
      if (loudest > loudestMeasure) loudestMeasure = loudest;
      if (loudest < kneeStart) {
        curve0[n] = 0;
        for (let c = 1; c < curveChannels; c++) curves[c][n] = 0;
        continue;
      }
      const t = thresholds[n];
      const r = ratios[n];
      const w = knees[n];
      const loudestDb = dbPerDecade * Math.log10(loudest);
      if (link === 1) {
        // Linked: every channel at exactly the loudest level.
        const over = loudestDb - gainComputer(loudestDb, t, r, w);
        let target = 0;
        if (over > 0) target = over;
        for (let c = 0; c < curveChannels; c++) curves[c][n] = target;
        continue;
      }
      for (let c = 0; c < channels; c++) {
        // Moved towards the loudest channel by the link amount.
        const level = link * loudestDb + (1 - link) * (dbPerDecade * Math.log10(curves[c][n]));
        const over = level - gainComputer(level, t, r, w);
        let target = 0;
        if (over > 0) target = over;
        curves[c][n] = target;
      }
    }
    const detectorPeak = toDb(loudestMeasure, rms);
    if (detectorPeak > this.detectorPeak) this.detectorPeak = detectorPeak;

    // 2. Smooth decoupled peak detector on each channel's reduction (dB), in place.
    const releaseK = k[RELEASE];
    const attackK = k[ATTACK];
    let reductionMax = this.reductionMax;
    for (let c = 0; c < curveChannels; c++) {
      const curve = curves[c];
      let held = heldState[c];
      let reduction = reductionState[c];
      for (let n = 0; n < count; n++) {
        const target = curve[n];
        const release = releaseK * held + (1 - releaseK) * target;
        const peak = Math.max(target, release);
        const smoothed = attackK * reduction + (1 - attackK) * peak;
        held = peak < 1e-12 ? 0 : peak;
        reduction = smoothed < 1e-12 ? 0 : smoothed;
        if (smoothed > reductionMax) reductionMax = smoothed;
        curve[n] = smoothed;
      }
      heldState[c] = held;
      reductionState[c] = reduction;
    }
    for (let c = curveChannels; c < channels; c++) {
      heldState[c] = heldState[0];
      reductionState[c] = reductionState[0];
    }
    this.reductionMax = reductionMax;

    // 3. Makeup (dB) and mix (0…1) per sample, in place; then each curve becomes its linear gain,
    // makeup − reduction.
    const autoMakeup = this.autoMakeup;
    for (let n = 0; n < count; n++) {
      let makeup = makeups[n];
      if (autoMakeup) makeup += autoMakeupGain(thresholds[n], ratios[n], knees[n]);
      if (makeup < MAKEUP_MIN) makeup = MAKEUP_MIN;
      else if (makeup > MAKEUP_MAX) makeup = MAKEUP_MAX;
      makeups[n] = makeup;
      mixes[n] = mixes[n] / 100;
    }
    for (let c = 0; c < curveChannels; c++) {
      const curve = curves[c];
      // The last gain computed: reused while the gain exponent repeats (no reduction, steady makeup).
      let exponent = Number.NaN;
      let gain = 1;
      for (let n = 0; n < count; n++) {
        if (makeups[n] - curve[n] !== exponent) {
          exponent = makeups[n] - curve[n];
          gain = Math.exp(exponent * DB_TO_NEPER);
        }
        curve[n] = gain;
      }
    }

    // 4. The (delayed) audio times its gain, mixed with the dry signal, channel by channel (each
    // channel steps through the same delay positions and crossfade).
    const size = this.delaySize;
    const fadeLength = this.fadeLength;
    const delayTo = this.delayTo;
    const delayFrom = this.delayFrom;
    let inputPeak = this.inputPeak;
    let outputPeak = this.outputPeak;
    for (let c = 0; c < channels; c++) {
      const input = inputs[c];
      const output = outputs[c];
      const line = this.delayLines[c];
      const gains = curves[shared ? 0 : c];
      let fadeRemaining = this.fadeRemaining;
      let writeIndex = this.writeIndex;
      for (let n = 0; n < count; n++) {
        const i = start + n;
        // Crossfade position between the old and new lookahead delay.
        let fade = 1;
        if (fadeRemaining > 0) {
          fadeRemaining--;
          fade = 1 - fadeRemaining / fadeLength;
        }
        let readNew = writeIndex - delayTo;
        if (readNew < 0) readNew += size;
        const x = input[i];
        line[writeIndex] = x;
        let dry = line[readNew];
        if (fade !== 1) {
          let readOld = writeIndex - delayFrom;
          if (readOld < 0) readOld += size;
          dry = fade * dry + (1 - fade) * line[readOld];
        }
        const y = dry + mixes[n] * (dry * gains[n] - dry);
        output[i] = y;
        const inAbs = Math.abs(x);
        if (inAbs > inputPeak) inputPeak = inAbs;
        const outAbs = Math.abs(y);
        if (outAbs > outputPeak) outputPeak = outAbs;
        writeIndex = writeIndex + 1 === size ? 0 : writeIndex + 1;
      }
    }
    this.writeIndex = (this.writeIndex + count) % size;
    this.fadeRemaining = Math.max(0, this.fadeRemaining - count);
    this.inputPeak = inputPeak;
    this.outputPeak = outputPeak;
  }

  private flushFilterState(): void {
    const s = this.filterState;
    for (let k = 0; k < s.length; k++) if (Math.abs(s[k]) < 1e-25) s[k] = 0;
  }

  reset(): void {
    this.filterState.fill(0);
    this.meanSquare.fill(0);
    this.held.fill(0);
    this.reduction.fill(0);
    for (const line of this.delayLines) line.fill(0);
    this.writeIndex = 0;
    this.delayFrom = this.delayTo;
    this.fadeRemaining = 0;
    this.inputPeak = 0;
    this.outputPeak = 0;
    this.reductionMax = 0;
    this.detectorPeak = -200;
  }

  /** Peaks and maximum reduction since the previous frame (then starts a new frame). */
  writeTelemetry(frame: Float64Array): void {
    const i = compTelemetry.index;
    frame[i.inputPeak] = 20 * Math.log10(this.inputPeak);
    frame[i.outputPeak] = 20 * Math.log10(this.outputPeak);
    frame[i.gainReduction] = this.reductionMax;
    frame[i.detectorLevel] = this.detectorPeak;
    this.inputPeak = 0;
    this.outputPeak = 0;
    this.reductionMax = 0;
    this.detectorPeak = -200;
  }
}

export const createCompressorKernel = (config: KernelConfig<CompParams>) => new CompressorKernel(config);
