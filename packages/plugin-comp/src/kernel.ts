// Lathe Compressor's kernel: feed-forward, log-domain, the detector after the gain computer
// (Giannoulis, Massberg, Reiss 2012, fig. 7(b)): level → gain computer → smooth decoupled peak
// detector on the gain reduction → makeup. Attack and release are then level-independent and do
// not interact; the static curve is exactly `gainComputer` (both are `gainReduction`).
import { fastExp, LinearSmoother } from '@lathe/dsp';
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { autoMakeupGain, gainReduction, kneeScale, reductionSlope } from './gain-computer.ts';
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
/**
 * Decibels per neper of an amplitude (|x|) and of a power (the mean square). A detector measure's
 * level is this times Math.log(measure), everywhere alike: V8's Math.log is a cheaper call than
 * Math.log10.
 */
const AMPLITUDE_DB_PER_NEPER = 20 / Math.LN10;
const POWER_DB_PER_NEPER = 10 / Math.LN10;
const toDb = (measure: number, power: boolean) =>
  (power ? POWER_DB_PER_NEPER : AMPLITUDE_DB_PER_NEPER) * Math.log(measure);
/**
 * The louder of two detector measures (positive), within an ulp, without a branch: V8 compiles
 * Math.max to a compare and branch, and which channel is louder changes from sample to sample like
 * a coin toss, so that branch mispredicts half the time (the whole compressor ran 15 % slower on it).
 */
const louder = (a: number, b: number) => 0.5 * (a + b + Math.abs(a - b));

// Coefficients live in a Float64Array: storing a double in an object field can box (allocate) it.
const ATTACK = 0;
const RELEASE = 1;
const LINK = 2;
const B0 = 3;
const B1 = 4;
const B2 = 5;
const A1 = 6;
const A2 = 7;

// Telemetry accumulators, in a Float64Array for the same reason (and a field that goes from small
// integer to double changes the object's shape, which deoptimizes the code reading it).
const INPUT_PEAK = 0;
const OUTPUT_PEAK = 1;
const REDUCTION_MAX = 2;
const DETECTOR_PEAK = 3;

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
  // Per-sample parameter values of the current chunk: makeup in dB with auto makeup added and
  // clamped, mix as a fraction.
  private readonly thresholds = new Float64Array(CHUNK);
  private readonly ratios = new Float64Array(CHUNK);
  private readonly knees = new Float64Array(CHUNK);
  private readonly makeups = new Float64Array(CHUNK);
  private readonly mixes = new Float64Array(CHUNK);
  /** No smoother moves, and the arrays above hold their values over a whole CHUNK: nothing to render. */
  private parametersSteady = false;
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

  /** Telemetry since the last frame, at INPUT_PEAK…DETECTOR_PEAK. */
  private readonly meters = new Float64Array(4);

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
    this.resetMeters();
  }

  get latencySamples(): number {
    return this.delayTo;
  }

  setParameter(id: keyof CompParams, value: number): void {
    switch (id) {
      case 'threshold':
        this.threshold.setTarget(value);
        this.parametersSteady = false;
        return;
      case 'ratio':
        this.ratio.setTarget(value);
        this.parametersSteady = false;
        return;
      case 'knee':
        this.knee.setTarget(value);
        this.parametersSteady = false;
        return;
      case 'makeup':
        this.makeup.setTarget(value);
        this.parametersSteady = false;
        return;
      case 'mix':
        this.mix.setTarget(value);
        this.parametersSteady = false;
        return;
      case 'autoMakeup':
        this.autoMakeup = value >= 0.5;
        this.parametersSteady = false;
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
      this.renderParameters(count);
      if (this.isLinkedStereoChunk(inputs.length))
        this.processLinkedStereo(inputs, outputs, detect, start, count);
      else this.processChunk(inputs, outputs, detect, start, count);
    }
    this.flushFilterState();
  }

  /** The parameters' per-sample values for the next `count` samples. */
  private renderParameters(count: number): void {
    const moving =
      this.threshold.isSmoothing ||
      this.ratio.isSmoothing ||
      this.knee.isSmoothing ||
      this.makeup.isSmoothing ||
      this.mix.isSmoothing;
    if (!moving && this.parametersSteady) return;
    // Steady values are rendered over a whole CHUNK, so they serve every chunk until a change.
    const length = moving ? count : CHUNK;
    const { thresholds, ratios, knees, makeups, mixes } = this;
    this.threshold.render(thresholds, length);
    this.ratio.render(ratios, length);
    this.knee.render(knees, length);
    this.makeup.render(makeups, length);
    this.mix.render(mixes, length);
    const autoMakeup = this.autoMakeup;
    for (let n = 0; n < length; n++) {
      let makeup = makeups[n];
      if (autoMakeup) makeup += autoMakeupGain(thresholds[n], ratios[n], knees[n]);
      if (makeup < MAKEUP_MIN) makeup = MAKEUP_MIN;
      else if (makeup > MAKEUP_MAX) makeup = MAKEUP_MAX;
      makeups[n] = makeup;
      mixes[n] = mixes[n] / 100;
    }
    this.parametersSteady = !moving;
  }

  // The chunk runs in passes (detector and gain computer, smoothing, gain, output), each over
  // every sample, rather than all stages per sample: a Math.log call clobbers every
  // floating-point register, so the fewer values a loop keeps live, the less it spills around it
  // (the gain's exponential is fastExp, which V8 inlines); and V8 does not hoist field loads out of
  // loops, so everything is read into locals first. Each value is computed exactly as in one pass.
  // processLinkedStereo does the same for the usual case in fewer, leaner loops.
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
    const toLevel = rms ? POWER_DB_PER_NEPER : AMPLITUDE_DB_PER_NEPER;

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
    const kneeStart = steadyCurve ? Math.exp((t0 - w0 / 2 - 1e-6) / toLevel) : 0;
    let loudestMeasure = 0;
    for (let n = 0; n < count; n++) {
      // The loudest channel's measure.
      let loudest = louder(curve0[n], curve1[n]);
      for (let c = 2; c < channels; c++) loudest = louder(loudest, curves[c][n]);
      if (loudest > loudestMeasure) loudestMeasure = loudest;
      if (loudest < kneeStart) {
        curve0[n] = 0;
        for (let c = 1; c < curveChannels; c++) curves[c][n] = 0;
        continue;
      }
      const t = thresholds[n];
      const slope = reductionSlope(ratios[n]);
      const halfKnee = knees[n] / 2;
      const scale = kneeScale(knees[n]);
      const loudestDb = toLevel * Math.log(loudest);
      if (link === 1) {
        // Linked: every channel at exactly the loudest level.
        const target = gainReduction(loudestDb - t, slope, halfKnee, scale);
        for (let c = 0; c < curveChannels; c++) curves[c][n] = target;
        continue;
      }
      for (let c = 0; c < channels; c++) {
        // Moved towards the loudest channel by the link amount.
        const level = link * loudestDb + (1 - link) * (toLevel * Math.log(curves[c][n]));
        curves[c][n] = gainReduction(level - t, slope, halfKnee, scale);
      }
    }
    const meters = this.meters;
    const detectorPeak = toDb(loudestMeasure, rms);
    if (detectorPeak > meters[DETECTOR_PEAK]) meters[DETECTOR_PEAK] = detectorPeak;

    // 2. Smooth decoupled peak detector on each channel's reduction (dB), in place.
    this.smoothReductions(curveChannels, channels, count);

    // 3. Each curve becomes its linear gain, makeup − reduction.
    for (let c = 0; c < curveChannels; c++) {
      const curve = curves[c];
      // The last gain computed: reused while the gain exponent repeats (no reduction, steady makeup).
      let exponent = Number.NaN;
      let gain = 1;
      for (let n = 0; n < count; n++) {
        if (makeups[n] - curve[n] !== exponent) {
          exponent = makeups[n] - curve[n];
          gain = fastExp(exponent * DB_TO_NEPER);
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
    let inputPeak = meters[INPUT_PEAK];
    let outputPeak = meters[OUTPUT_PEAK];
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
    meters[INPUT_PEAK] = inputPeak;
    meters[OUTPUT_PEAK] = outputPeak;
  }

  /**
   * The smooth decoupled peak detector over the first `curveChannels` curves (target reduction in
   * dB → smoothed, in place); channels up to `channels` share the first one's state.
   */
  private smoothReductions(curveChannels: number, channels: number, count: number): void {
    const { curves, held: heldState, reduction: reductionState, meters } = this;
    const releaseK = this.k[RELEASE];
    const attackK = this.k[ATTACK];
    let reductionMax = meters[REDUCTION_MAX];
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
    meters[REDUCTION_MAX] = reductionMax;
  }

  /**
   * Whether the chunk can take processLinkedStereo: two channels detected by their peaks with no
   * sidechain filter, linked and in step, steady parameters, no lookahead.
   */
  private isLinkedStereoChunk(channels: number): boolean {
    return (
      channels === 2 &&
      this.parametersSteady &&
      this.k[LINK] === 1 &&
      !this.rms &&
      !this.highPassOn &&
      this.delayTo === 0 &&
      this.fadeRemaining === 0 &&
      this.held[1] === this.held[0] &&
      this.reduction[1] === this.reduction[0]
    );
  }

  // processChunk for the usual case, the same operations in the same order, so that either path
  // gives the same samples (the block split decides which one a chunk takes). The linked channels
  // share one curve and the parameters are scalars, so there are fewer loops, each touching fewer
  // arrays and keeping fewer values live: V8 checks every typed array a loop touches on every
  // iteration again, and spills what does not fit in registers.
  private processLinkedStereo(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    detect: readonly Float32Array[],
    start: number,
    count: number,
  ): void {
    const curve = this.curves[0];
    const meters = this.meters;
    const t = this.thresholds[0];
    const r = this.ratios[0];
    const w = this.knees[0];
    const makeup = this.makeups[0];
    const mix = this.mixes[0];

    // 1. The target reduction (dB) of the louder channel's peak.
    const source0 = detect[0];
    const source1 = detect[detect.length > 1 ? 1 : 0];
    const floor = LEVEL_FLOOR;
    const kneeStart = Math.exp((t - w / 2 - 1e-6) / AMPLITUDE_DB_PER_NEPER);
    const slope = reductionSlope(r);
    const halfKnee = w / 2;
    const scale = kneeScale(w);
    let loudestMeasure = 0;
    for (let n = 0; n < count; n++) {
      const sample0 = source0[start + n];
      const sample1 = source1[start + n];
      const measure0 = Math.abs(sample0 - sample0 === 0 ? sample0 : 0) + floor;
      const measure1 = Math.abs(sample1 - sample1 === 0 ? sample1 : 0) + floor;
      const loudest = louder(measure0, measure1);
      if (loudest > loudestMeasure) loudestMeasure = loudest;
      let target = 0;
      if (loudest >= kneeStart) {
        const loudestDb = AMPLITUDE_DB_PER_NEPER * Math.log(loudest);
        target = gainReduction(loudestDb - t, slope, halfKnee, scale);
      }
      curve[n] = target;
    }
    const detectorPeak = toDb(loudestMeasure, false);
    if (detectorPeak > meters[DETECTOR_PEAK]) meters[DETECTOR_PEAK] = detectorPeak;

    // 2. Smooth decoupled peak detector on the reduction (dB), in place.
    this.smoothReductions(1, 2, count);

    // 3. The linear gain, makeup − reduction, in place (in a loop of its own: inside the smoothing's,
    // where each sample waits for the previous one, it measured slower).
    const toNeper = DB_TO_NEPER;
    // With no reduction (makeup − 0), the makeup's gain, computed once.
    const restingGain = fastExp(makeup * toNeper);
    for (let n = 0; n < count; n++) {
      const smoothed = curve[n];
      curve[n] = smoothed === 0 ? restingGain : fastExp((makeup - smoothed) * toNeper);
    }

    // 4. The audio times its gain, mixed with the dry signal. With no lookahead the dry signal is
    // the input itself; the delay lines still keep its history, for a lookahead that starts later.
    const input0 = inputs[0];
    const input1 = inputs[1];
    const output0 = outputs[0];
    const output1 = outputs[1];
    const line0 = this.delayLines[0];
    const line1 = this.delayLines[1];
    const size = this.delaySize;
    let writeIndex = this.writeIndex;
    let inputPeak = meters[INPUT_PEAK];
    let outputPeak = meters[OUTPUT_PEAK];
    for (let n = 0; n < count; n++) {
      const i = start + n;
      const x0 = input0[i];
      const x1 = input1[i];
      line0[writeIndex] = x0;
      line1[writeIndex] = x1;
      writeIndex = writeIndex + 1 === size ? 0 : writeIndex + 1;
      const gain = curve[n];
      const y0 = x0 + mix * (x0 * gain - x0);
      const y1 = x1 + mix * (x1 * gain - x1);
      output0[i] = y0;
      output1[i] = y1;
      // Magnitudes before comparisons: a call made only when a peak rises would have no type
      // feedback when V8 first optimises this loop, and reaching it would deoptimise it.
      const in0 = Math.abs(x0);
      const in1 = Math.abs(x1);
      const out0 = Math.abs(y0);
      const out1 = Math.abs(y1);
      if (in0 > inputPeak) inputPeak = in0;
      if (in1 > inputPeak) inputPeak = in1;
      if (out0 > outputPeak) outputPeak = out0;
      if (out1 > outputPeak) outputPeak = out1;
    }
    this.writeIndex = writeIndex;
    meters[INPUT_PEAK] = inputPeak;
    meters[OUTPUT_PEAK] = outputPeak;
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
    this.resetMeters();
  }

  /** Peaks and maximum reduction since the previous frame (then starts a new frame). */
  writeTelemetry(frame: Float64Array): void {
    const i = compTelemetry.index;
    const meters = this.meters;
    frame[i.inputPeak] = 20 * Math.log10(meters[INPUT_PEAK]);
    frame[i.outputPeak] = 20 * Math.log10(meters[OUTPUT_PEAK]);
    frame[i.gainReduction] = meters[REDUCTION_MAX];
    frame[i.detectorLevel] = meters[DETECTOR_PEAK];
    this.resetMeters();
  }

  private resetMeters(): void {
    const meters = this.meters;
    meters[INPUT_PEAK] = 0;
    meters[OUTPUT_PEAK] = 0;
    meters[REDUCTION_MAX] = 0;
    meters[DETECTOR_PEAK] = -200;
  }
}

export const createCompressorKernel = (config: KernelConfig<CompParams>) => new CompressorKernel(config);
