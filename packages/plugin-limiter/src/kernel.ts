// The limiter's kernel: a true-peak lookahead limiter.
//
//   input × gain ─┬──────────────────────────── delay D ──────────────── × gain curve ──> output
//                 └─> true-peak envelope ─> link ─> required reduction ─> GainComputer ─┘
//
// The envelope (8× with parabolic refinement, never below BS.1770 4×) reads each sample's peak
// `detector.delay` samples after it arrives; the gain computer holds and smooths the required
// reduction so that the gain has fully arrived when that sample plays, D = L − 1 + M + detector.delay
// samples after it came in (L: lookahead, M: margin). The latency is therefore the lookahead plus a
// fixed 35 samples (0.7–0.8 ms at 44.1/48 kHz).

import { dbToGain, gainToDb, LinearSmoother, TruePeakDetector, TruePeakEnvelope } from '@lathe/dsp';
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { GainComputer, type ReleaseCoefficients, releaseCoefficients, setRelease } from './gain-computer.ts';
import { type LimiterParams, limiterParams } from './params.ts';
import { limiterTelemetry } from './telemetry.ts';

/** Up to 7.1; further channels pass through unlimited. */
export const LIMITER_MAX_CHANNELS = 8;
/** Samples per internal pass (every stage runs over a chunk before the next). */
const CHUNK = 128;
/**
 * The gain stays at its lowest for ±MARGIN samples around each peak, so the samples the interpolation
 * of that peak leans on most get the same gain as the peak itself.
 */
const MARGIN = 2;
/** Input gain and ceiling move in linear ramps of this length. */
const RAMP_MS = 20;
/** A lookahead change crossfades from the old delay and gain curve to the new ones over this time. */
const CROSSFADE_MS = 20;

const T = limiterTelemetry.index;
// Linear meter values, in `meters`: peaks since the last frame, the running output peak, the gain now
// and its lowest since the last frame.
const INPUT_PEAK = 0;
const OUTPUT_PEAK = 1;
const OUTPUT_RUN = 2;
const GAIN_NOW = 3;
const GAIN_MIN = 4;
const FRESH_METERS = Float64Array.of(0, 0, 0, 1, 1);

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}

export class LimiterKernel implements Kernel<LimiterParams>, TelemetrySource {
  private readonly sampleRate: number;
  private readonly maxChannels: number;
  private readonly detector: TruePeakEnvelope;
  private readonly outputMeter: TruePeakDetector;
  private readonly inputGain: LinearSmoother;
  private readonly ceiling: LinearSmoother;
  private readonly release: ReleaseCoefficients;
  private releaseMs: number;
  private link: number;
  private truePeak: boolean;

  // Per channel: the audio after input gain (also the delay line) and the required reduction, as
  // rings indexed by the running sample count; the required reduction is kept so a new lookahead's
  // gain computer can be warmed up on it.
  private readonly mask: number;
  private readonly audio: Float64Array[];
  private readonly required: Float64Array[];
  private written = 0;
  private channelsSeen = 0;

  // The exact shortcut: a chunk whose every reading provably stays at or below the ceiling needs no
  // true-peak interpolation, since it requires no reduction whatever the readings are. Inputs above
  // `quietLevel` (the lowest ceiling in force since it was set, over the detector's gain bound) mark
  // their channel loud for the detector's memory; a detector left idle is re-primed from the delay
  // line (its state depends only on its last `memory` inputs), so the readings stay bit-identical.
  private quietLevel: number;
  private readonly lastLoud: Float64Array;
  private readonly detectorIdle: Uint8Array;
  private readonly primeInput: Float64Array;
  private readonly primePeaks: Float64Array;

  // Two sets of gain computers: the one in use, and the one a lookahead change fades over to.
  private readonly lanes: [GainComputer[], GainComputer[]];
  private readonly laneLookahead = [0, 0];
  private active = 0;
  private fading = false;
  private fadePosition = 0;
  private readonly fadeLength: number;
  private targetLookahead: number;
  private readonly maxLookahead: number;

  // Chunk buffers.
  private readonly gainRamp = new Float64Array(CHUNK);
  private readonly ceilingRamp = new Float64Array(CHUNK);
  private readonly input: Float64Array[];
  private readonly peak: Float64Array[];
  private readonly need: Float64Array[];
  private readonly gainActive: Float64Array[];
  private readonly gainNext: Float64Array[];
  /** The loudest channel's peak per sample of the chunk. */
  private readonly loudest = new Float64Array(CHUNK);

  // Telemetry. writeTelemetry runs ~30 times a second, too rarely for V8 to optimise it, and
  // unoptimised code boxes every computed double: so `process` keeps the frame ready in dB
  // (`readings`) and writeTelemetry only copies and clears it with typed-array builtins.
  private readonly meters = FRESH_METERS.slice();
  private readonly readings = new Float64Array(limiterTelemetry.size);

  constructor({ sampleRate, maxChannels, params }: KernelConfig<LimiterParams>) {
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`LimiterKernel: sample rate must be a positive number, got ${sampleRate}`);
    }
    this.sampleRate = sampleRate;
    this.maxChannels = maxChannels;
    this.detector = new TruePeakEnvelope(maxChannels);
    this.quietLevel = dbToGain(params.ceiling) / this.detector.gainBound;
    this.lastLoud = new Float64Array(maxChannels).fill(Number.NEGATIVE_INFINITY);
    this.detectorIdle = new Uint8Array(maxChannels);
    this.primeInput = new Float64Array(this.detector.memory);
    this.primePeaks = new Float64Array(this.detector.memory);
    this.outputMeter = new TruePeakDetector(sampleRate, maxChannels);
    this.inputGain = new LinearSmoother(RAMP_MS, sampleRate, dbToGain(params.inputGain));
    this.ceiling = new LinearSmoother(RAMP_MS, sampleRate, dbToGain(params.ceiling));
    this.releaseMs = params.release;
    this.release = releaseCoefficients(params.release, params.autoRelease >= 0.5, sampleRate);
    this.link = params.stereoLink / 100;
    this.truePeak = params.truePeak >= 0.5;

    this.maxLookahead = this.lookaheadSamples(limiterParams.lookahead.max);
    const longest = Math.max(this.delayFor(this.maxLookahead), 2 * this.maxLookahead + 2 * MARGIN);
    const ring = nextPowerOfTwo(longest + CHUNK);
    this.mask = ring - 1;
    const buffers = (length: number) => Array.from({ length: maxChannels }, () => new Float64Array(length));
    this.audio = buffers(ring);
    this.required = buffers(ring);
    this.input = buffers(CHUNK);
    this.peak = buffers(CHUNK);
    this.need = buffers(CHUNK);
    this.gainActive = buffers(CHUNK);
    this.gainNext = buffers(CHUNK);
    const computers = () =>
      Array.from({ length: maxChannels }, () => new GainComputer(this.maxLookahead, MARGIN, CHUNK));
    this.lanes = [computers(), computers()];
    this.fadeLength = Math.max(1, Math.round((CROSSFADE_MS * sampleRate) / 1000));
    this.targetLookahead = this.lookaheadSamples(params.lookahead);
    this.configureLane(0, this.targetLookahead);
    this.updateReadings();
  }

  /** The delay the limiter adds for the current lookahead (a lookahead change reports its target at once). */
  get latencySamples(): number {
    return this.delayFor(this.targetLookahead);
  }

  private lookaheadSamples(ms: number): number {
    return Math.max(1, Math.round((ms * this.sampleRate) / 1000));
  }

  private delayFor(lookahead: number): number {
    return lookahead - 1 + MARGIN + this.detector.delay;
  }

  private configureLane(lane: number, lookahead: number): void {
    for (const computer of this.lanes[lane]) computer.configure(lookahead);
    this.laneLookahead[lane] = lookahead;
  }

  setParameter(id: keyof LimiterParams, value: number): void {
    switch (id) {
      case 'inputGain':
        this.inputGain.setTarget(dbToGain(value));
        break;
      case 'ceiling': {
        const ceiling = dbToGain(value);
        // While the ceiling ramps, the lowest point of the ramp is what a quiet input must stay under.
        this.quietLevel = Math.min(ceiling, this.ceiling.value) / this.detector.gainBound;
        this.lastLoud.fill(this.written);
        this.ceiling.setTarget(ceiling);
        break;
      }
      case 'release':
        this.releaseMs = value;
        this.updateRelease(this.release.auto);
        break;
      case 'autoRelease':
        this.updateRelease(value >= 0.5);
        break;
      case 'lookahead':
        this.targetLookahead = this.lookaheadSamples(value);
        if (!this.fading) this.startFade();
        break;
      case 'stereoLink':
        // Takes effect through the gain computer's hold and smoothing, so it needs no ramp of its own.
        this.link = value / 100;
        break;
      case 'truePeak':
        this.truePeak = value >= 0.5;
        break;
    }
  }

  private updateRelease(auto: boolean): void {
    setRelease(this.release, this.releaseMs, auto, this.sampleRate);
  }

  /**
   * Switches to the target lookahead: the idle lane is set up for it and replays the required
   * reduction it would have seen (so its gain is valid from the first sample), then the output
   * crossfades from the old delay and gain to the new ones. Each lane alone never exceeds the
   * ceiling, and the crossfade's weights sum to one, so neither does the mix.
   */
  private startFade(): void {
    const lookahead = this.targetLookahead;
    if (lookahead === this.laneLookahead[this.active]) return;
    const next = 1 - this.active;
    this.configureLane(next, lookahead);
    const replay = lookahead + 2 * MARGIN + lookahead - 1;
    const scratch = this.need[0];
    const discard = this.gainNext[0];
    for (let c = 0; c < this.maxChannels; c++) {
      const computer = this.lanes[next][c];
      computer.followRelease(this.lanes[this.active][c]);
      const history = this.required[c];
      for (let done = 0; done < replay; ) {
        const n = Math.min(CHUNK, replay - done);
        const start = this.written - replay + done;
        for (let i = 0; i < n; i++) scratch[i] = history[(start + i) & this.mask];
        computer.process(scratch, discard, n, this.release);
        done += n;
      }
    }
    this.fading = true;
    this.fadePosition = 0;
  }

  process(inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
    const channels = Math.min(outputs.length, this.maxChannels);
    if (channels !== this.channelsSeen) this.onChannelCount(channels);
    for (let start = from; start < to; ) {
      let n = Math.min(CHUNK, to - start);
      // A crossfade ends on its exact sample whatever the block split, so the next one starts there too.
      if (this.fading) n = Math.min(n, this.fadeLength - this.fadePosition);
      this.processChunk(inputs, outputs, channels, start, n);
      start += n;
      if (this.fading && this.fadePosition >= this.fadeLength) {
        this.fading = false;
        this.active = 1 - this.active;
        this.startFade();
      }
    }
    const meters = this.meters;
    for (let c = 0; c < channels; c++) {
      // The frame's peak never exceeds the running one, so it is the floor below which nothing counts.
      this.outputMeter.floor[0] = meters[OUTPUT_PEAK];
      this.outputMeter.measure(c, outputs[c], from, to);
      const peak = this.outputMeter.peak[0];
      if (peak > meters[OUTPUT_PEAK]) meters[OUTPUT_PEAK] = peak;
      if (peak > meters[OUTPUT_RUN]) meters[OUTPUT_RUN] = peak;
    }
    for (let c = channels; c < outputs.length; c++) {
      const input = inputs[c];
      const output = outputs[c];
      if (input !== output) for (let i = from; i < to; i++) output[i] = input[i];
    }
    this.updateReadings();
  }

  private updateReadings(): void {
    const meters = this.meters;
    const readings = this.readings;
    readings[T.inputPeak] = gainToDb(meters[INPUT_PEAK]);
    readings[T.outputPeak] = gainToDb(meters[OUTPUT_PEAK]);
    readings[T.outputTruePeak] = gainToDb(meters[OUTPUT_RUN]);
    readings[T.gainReduction] = meters[GAIN_NOW] < 1 ? -gainToDb(meters[GAIN_NOW]) : 0;
    readings[T.gainReductionMax] = meters[GAIN_MIN] < 1 ? -gainToDb(meters[GAIN_MIN]) : 0;
    readings[T.latency] = this.latencySamples;
  }

  /** A channel that (re)appears starts from silence rather than from whatever it last held. */
  private onChannelCount(channels: number): void {
    for (let c = this.channelsSeen; c < channels; c++) this.clearChannel(c);
    this.channelsSeen = channels;
  }

  private clearChannel(c: number): void {
    this.audio[c].fill(0);
    this.required[c].fill(0);
    this.detector.reset(c);
    this.detectorIdle[c] = 0;
    this.lastLoud[c] = Number.NEGATIVE_INFINITY;
    for (const lane of this.lanes) lane[c].reset();
  }

  private processChunk(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    channels: number,
    start: number,
    n: number,
  ): void {
    const mask = this.mask;
    const written = this.written;
    const gainRamp = this.gainRamp;
    const ceilingRamp = this.ceilingRamp;
    this.inputGain.render(gainRamp, n);
    this.ceiling.render(ceilingRamp, n);

    // Input gain into the delay line, and each sample's peak `delay` samples later.
    const delay = this.detector.delay;
    const quietLevel = this.quietLevel;
    let inputPeak = this.meters[INPUT_PEAK];
    // Whether any channel's readings may reach the ceiling in this chunk.
    let loud = !this.truePeak;
    for (let c = 0; c < channels; c++) {
      const source = inputs[c];
      const input = this.input[c];
      const audio = this.audio[c];
      const peak = this.peak[c];
      let lastLoud = this.lastLoud[c];
      for (let i = 0; i < n; i++) {
        let v = source[start + i];
        if (v - v !== 0) v = 0; // NaN and ±Infinity count as silence
        v *= gainRamp[i];
        input[i] = v;
        audio[(written + i) & mask] = v;
        const magnitude = Math.abs(v);
        if (magnitude > inputPeak) inputPeak = magnitude;
        if (magnitude > quietLevel) lastLoud = written + i;
      }
      this.lastLoud[c] = lastLoud;
      if (!this.truePeak) {
        this.detectorIdle[c] = 1;
        for (let i = 0; i < n; i++) peak[i] = Math.abs(audio[(written + i - delay) & mask]);
      } else if (lastLoud < written - this.detector.memory) {
        this.detectorIdle[c] = 1;
        peak.fill(0, 0, n);
      } else {
        if (this.detectorIdle[c] === 1) this.primeDetector(c);
        this.detector.process(c, input, 0, n, peak, 0);
        loud = true;
      }
    }
    this.meters[INPUT_PEAK] = inputPeak;

    const active = this.lanes[this.active];
    const delayActive = this.delayFor(this.laneLookahead[this.active]);
    if (!loud && !this.fading && this.laneIdle(active, channels)) {
      // Nothing to limit and nothing releasing: the gain is exactly 1 (as the gain computers would
      // give, see GainComputer.rest), so the output is the delayed audio itself.
      // The chunk's span of each ring, in at most two runs (it may wrap).
      const at = written & mask;
      const head = Math.min(n, mask + 1 - at);
      const read = (written - delayActive) & mask;
      const readHead = Math.min(n, mask + 1 - read);
      for (let c = 0; c < channels; c++) {
        const required = this.required[c];
        required.fill(0, at, at + head);
        required.fill(0, 0, n - head);
        active[c].rest(n);
        const output = outputs[c];
        const audio = this.audio[c];
        for (let i = 0; i < readHead; i++) output[start + i] = audio[read + i];
        for (let i = readHead; i < n; i++) output[start + i] = audio[read + i - mask - 1];
      }
      if (this.meters[GAIN_MIN] > 1) this.meters[GAIN_MIN] = 1;
      this.meters[GAIN_NOW] = 1;
      this.written = written + n;
      return;
    }

    // Required reduction per channel: the channel's own peak moved towards the loudest channel's by
    // the link amount (at 100 % every channel gets the same gain, at 0 % each its own).
    const link = this.link;
    if (!loud) {
      for (let c = 0; c < channels; c++) {
        this.need[c].fill(0, 0, n);
        const required = this.required[c];
        for (let i = 0; i < n; i++) required[(written + i) & mask] = 0;
      }
    } else {
      const loudest = this.loudest;
      for (let i = 0; i < n; i++) loudest[i] = 0;
      for (let c = 0; c < channels; c++) {
        const peak = this.peak[c];
        for (let i = 0; i < n; i++) if (peak[i] > loudest[i]) loudest[i] = peak[i];
      }
      for (let c = 0; c < channels; c++) {
        const peak = this.peak[c];
        const need = this.need[c];
        const required = this.required[c];
        for (let i = 0; i < n; i++) {
          const own = peak[i];
          const gain = ceilingRamp[i] / (own + link * (loudest[i] - own));
          const reduction = gain < 1 ? 1 - gain : 0;
          need[i] = reduction;
          required[(written + i) & mask] = reduction;
        }
      }
    }

    const next = this.lanes[1 - this.active];
    for (let c = 0; c < channels; c++) {
      active[c].process(this.need[c], this.gainActive[c], n, this.release);
      if (this.fading) next[c].process(this.need[c], this.gainNext[c], n, this.release);
    }

    let gainMin = this.meters[GAIN_MIN];
    let gainNow = 1;
    if (!this.fading) {
      for (let c = 0; c < channels; c++) {
        const output = outputs[c];
        const audio = this.audio[c];
        const gain = this.gainActive[c];
        for (let i = 0; i < n; i++) {
          const g = gain[i];
          output[start + i] = g * audio[(written + i - delayActive) & mask];
          if (g < gainMin) gainMin = g;
        }
        if (gain[n - 1] < gainNow) gainNow = gain[n - 1];
      }
    } else {
      const delayNext = this.delayFor(this.laneLookahead[1 - this.active]);
      const position = this.fadePosition;
      const length = this.fadeLength;
      for (let c = 0; c < channels; c++) {
        const output = outputs[c];
        const audio = this.audio[c];
        const gainOld = this.gainActive[c];
        const gainNew = this.gainNext[c];
        let g = 1;
        for (let i = 0; i < n; i++) {
          const u = (position + i + 1) / length;
          const w = u * u * (3 - 2 * u); // smoothstep: no corner at either end
          const t = written + i;
          output[start + i] =
            (1 - w) * gainOld[i] * audio[(t - delayActive) & mask] +
            w * gainNew[i] * audio[(t - delayNext) & mask];
          g = (1 - w) * gainOld[i] + w * gainNew[i];
          if (g < gainMin) gainMin = g;
        }
        if (g < gainNow) gainNow = g;
      }
      this.fadePosition += n;
    }
    this.meters[GAIN_MIN] = gainMin;
    this.meters[GAIN_NOW] = gainNow;
    this.written = written + n;
  }

  /** Whether the gain computers of the first `channels` channels of a lane are all idle. */
  private laneIdle(lane: readonly GainComputer[], channels: number): boolean {
    for (let c = 0; c < channels; c++) if (!lane[c].isIdle) return false;
    return true;
  }

  /** Brings an idle detector up to date from the delay line (everything before `written`). */
  private primeDetector(c: number): void {
    const audio = this.audio[c];
    const input = this.primeInput;
    const length = input.length;
    for (let i = 0; i < length; i++) input[i] = audio[(this.written - length + i) & this.mask];
    this.detector.reset(c);
    this.detector.process(c, input, 0, length, this.primePeaks, 0);
    this.detectorIdle[c] = 0;
  }

  reset(): void {
    for (let c = 0; c < this.maxChannels; c++) this.clearChannel(c);
    this.outputMeter.reset();
    this.inputGain.reset(this.inputGain.target);
    this.ceiling.reset(this.ceiling.target);
    this.active = 0;
    this.fading = false;
    this.configureLane(0, this.targetLookahead);
    this.written = 0;
    this.meters.set(FRESH_METERS);
    this.updateReadings();
  }

  writeTelemetry(frame: Float64Array): void {
    frame.set(this.readings);
    // A new frame starts: no peaks yet, and the lowest gain so far is the gain now.
    this.meters.fill(0, INPUT_PEAK, OUTPUT_PEAK + 1);
    this.meters.copyWithin(GAIN_MIN, GAIN_NOW, GAIN_NOW + 1);
    this.readings.fill(Number.NEGATIVE_INFINITY, T.inputPeak, T.outputPeak + 1);
    this.readings.copyWithin(T.gainReductionMax, T.gainReduction, T.gainReduction + 1);
  }
}

export const createLimiterKernel = (config: KernelConfig<LimiterParams>) => new LimiterKernel(config);
