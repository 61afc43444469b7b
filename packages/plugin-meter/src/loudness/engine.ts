import { DENORMAL_FLUSH, kWeightingCoefficients, lufsToPower, TruePeakDetector } from '@lathe/dsp';
import { defineTelemetry } from '@lathe/plugin-kit';

/** Everything the meter shows, filled in place by LoudnessEngine.read(). "No signal" reads −Infinity. */
export interface LoudnessReadings {
  /** Momentary loudness, LUFS: the last full 400 ms window (−Infinity before 400 ms have passed). */
  momentary: number;
  /** Short-term loudness, LUFS: the last full 3 s window (−Infinity before 3 s have passed). */
  shortTerm: number;
  /** Integrated (gated) programme loudness, LUFS. */
  integrated: number;
  /** Maximum momentary loudness, LUFS (evaluated every 10 ms). */
  momentaryMax: number;
  /** Maximum short-term loudness, LUFS (evaluated every 10 ms). */
  shortTermMax: number;
  /** Loudness range (EBU Tech 3342), LU; 0 until there is a short-term value. */
  loudnessRange: number;
  /** Programme true peak, dBTP, maximum over all channels. */
  truePeak: number;
  /** Programme sample peak, dBFS, maximum over all channels. */
  samplePeak: number;
  /** Peak-to-loudness ratio truePeak − integrated, LU; −Infinity while integrated is −Infinity. */
  plr: number;
  /** Unweighted RMS of the whole programme over all non-LFE channels, dBFS (a full-scale sine: −3.01). */
  rms: number;
  /** Quietest 500 ms window of unweighted RMS (10 ms hop), dBFS; −Infinity until 500 ms have passed. */
  noiseFloor: number;
  /** Phase correlation of channels 0 and 1 over the last 400 ms, −1…+1; 1 for mono, 0 when silent. */
  correlation: number;
  /** Phase correlation of channels 0 and 1 over the whole programme (same conventions). */
  programmeCorrelation: number;
  /** Seconds of audio measured. */
  duration: number;
}

/** The readings as a flat frame: the meter's telemetry layout, written by LoudnessEngine.readInto(). */
export const LOUDNESS_READINGS = defineTelemetry<keyof LoudnessReadings>([
  'momentary',
  'shortTerm',
  'integrated',
  'momentaryMax',
  'shortTermMax',
  'loudnessRange',
  'truePeak',
  'samplePeak',
  'plr',
  'rms',
  'noiseFloor',
  'correlation',
  'programmeCorrelation',
  'duration',
]);

/** Readings of a meter that has measured nothing yet. */
export function createLoudnessReadings(): LoudnessReadings {
  const none = Number.NEGATIVE_INFINITY;
  return {
    momentary: none,
    shortTerm: none,
    integrated: none,
    momentaryMax: none,
    shortTermMax: none,
    loudnessRange: 0,
    truePeak: none,
    samplePeak: none,
    plr: none,
    rms: none,
    noiseFloor: none,
    correlation: 0,
    programmeCorrelation: 0,
    duration: 0,
  };
}

// Everything is built from 10 ms sub-blocks aligned to t = 0, so windows and their maxima land exactly
// on the 10 ms grid that Tech 3341 cases 13/14 need, at any sample rate.
const SUB_BLOCKS_PER_SECOND = 100;
const MOMENTARY = 40;
const SHORT_TERM = 300;
const NOISE_FLOOR = 50;
const CORRELATION = 40;
/** Gating blocks and LRA short-term values are taken every 100 ms. */
const HOP = 10;
const RING = SHORT_TERM;

// Histograms: 0.01 LU bins from −70 to +30 LUFS (louder values go to the top bin). Each bin keeps the
// exact count and power sum (and for LRA the loudness sum), so hours of programme need no memory
// growth and only values within one bin of a relative gate can be misjudged.
const HISTOGRAM_FLOOR = -70;
const BINS_PER_LU = 100;
const BINS = 100 * BINS_PER_LU;
const ABSOLUTE_GATE = lufsToPower(-70);
/** Relative gates as power ratios: −10 LU (integrated), −20 LU (loudness range). */
const INTEGRATED_GATE = 0.1;
const RANGE_GATE = 0.01;
const SURROUND = 1.41;

// LoudnessEngine's running doubles, by index. They live in one Float64Array rather than in fields: a
// field that starts at 0 is a small integer to V8, and its first fractional value changes the
// object's layout, which discards the optimised code of every method reading it (seen in each fresh
// worklet as slow quanta 0.4 s, 0.5 s and 3 s into the audio, when windows first fill).
/** The current sub-block's sum of L·R. */
const CROSS_SUM = 0;
// Window results as mean squares (powers); 0 reads −Infinity.
const MOMENTARY_POWER = 1;
const SHORT_TERM_POWER = 2;
const MOMENTARY_MAX_POWER = 3;
const SHORT_TERM_MAX_POWER = 4;
const NOISE_FLOOR_POWER = 5;
const SAMPLE_PEAK = 6;
const TRUE_PEAK = 7;
// Programme totals of closed sub-blocks.
const RAW_TOTAL = 8;
const RAW_TOTAL_COUNT = 9;
const CROSS_TOTAL = 10;
const LEFT_TOTAL = 11;
const RIGHT_TOTAL = 12;
const RUNNING_SIZE = 13;

function freshRunning(running: Float64Array): Float64Array {
  running.fill(0);
  running[NOISE_FLOOR_POWER] = Number.POSITIVE_INFINITY;
  return running;
}

/**
 * Real-time EBU R128 / BS.1770 meter core (AudioWorklet and offline). All memory is allocated in the
 * constructor; once V8 has optimised them, process() and read() allocate nothing (checked with the
 * V8 sampling heap profiler). Any split of the input into blocks gives bit-identical readings.
 * Non-finite input samples are measured as silence.
 */
export class LoudnessEngine {
  /** Mono input counts twice (+3 dB), as for a mono signal meant for both loudspeakers. */
  dualMono = false;
  readonly sampleRate: number;
  readonly maxChannels: number;

  private readonly truePeakDetector: TruePeakDetector;
  // K-weighting: shelf (s*) then high-pass (h*); state per channel [s1, s2, h1, h2]. The high-pass
  // numerator is BS.1770's 1, −2, 1 at every rate, so its products are exact: y, −2y, y.
  private readonly sb0: number;
  private readonly sb1: number;
  private readonly sb2: number;
  private readonly sa1: number;
  private readonly sa2: number;
  private readonly ha1: number;
  private readonly ha2: number;
  private readonly filterState: Float64Array;

  private readonly weights: Float64Array;
  private layoutChannels = -1;
  private layoutDualMono = false;
  /** Channels counted by RMS and noise floor (all but LFE). */
  private rawChannels = 0;

  // Current sub-block accumulators.
  private readonly weightedSum: Float64Array;
  private readonly rawSum: Float64Array;
  /** Per channel, the largest |x| of the block being processed (non-finite samples count as 0). */
  private readonly blockPeak: Float64Array;
  /** Sums, window powers, peaks and totals, at CROSS_SUM…RIGHT_TOTAL. */
  private readonly running = freshRunning(new Float64Array(RUNNING_SIZE));

  private totalSamples = 0;
  private subBlocks = 0;
  private subBlockStart = 0;
  private nextBoundary: number;

  // Rings of the last 300 closed sub-blocks.
  private readonly ringPower = new Float64Array(RING);
  private readonly ringLength = new Float64Array(RING);
  private readonly ringRaw = new Float64Array(RING);
  private readonly ringRawCount = new Float64Array(RING);
  private readonly ringCross = new Float64Array(RING);
  private readonly ringLeft = new Float64Array(RING);
  private readonly ringRight = new Float64Array(RING);

  private readonly gateCount = new Float64Array(BINS);
  private readonly gatePower = new Float64Array(BINS);
  private readonly rangeCount = new Float64Array(BINS);
  private readonly rangePower = new Float64Array(BINS);
  private readonly rangeLoudness = new Float64Array(BINS);
  private readonly scratch = new Float64Array(LOUDNESS_READINGS.size);

  constructor(sampleRate: number, maxChannels: number) {
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`LoudnessEngine: sample rate must be a positive number, got ${sampleRate}`);
    }
    if (!Number.isInteger(maxChannels) || maxChannels < 1) {
      throw new RangeError(`LoudnessEngine: maxChannels must be a positive integer, got ${maxChannels}`);
    }
    this.sampleRate = sampleRate;
    this.maxChannels = maxChannels;
    this.truePeakDetector = new TruePeakDetector(sampleRate, maxChannels);
    const [shelf, highPass] = kWeightingCoefficients(sampleRate);
    this.sb0 = shelf.b0;
    this.sb1 = shelf.b1;
    this.sb2 = shelf.b2;
    this.sa1 = shelf.a1;
    this.sa2 = shelf.a2;
    if (highPass.b0 !== 1 || highPass.b1 !== -2 || highPass.b2 !== 1) {
      throw new Error('LoudnessEngine: the K-weighting high-pass numerator must be 1, −2, 1');
    }
    this.ha1 = highPass.a1;
    this.ha2 = highPass.a2;
    this.filterState = new Float64Array(maxChannels * 4);
    this.weights = new Float64Array(maxChannels);
    this.weightedSum = new Float64Array(maxChannels);
    this.rawSum = new Float64Array(maxChannels);
    this.blockPeak = new Float64Array(maxChannels);
    this.nextBoundary = this.boundary(1);
  }

  /**
   * Measures channels[c][from, to) (the input is only read). The channel count sets the layout:
   * 1 mono (dual mono if set), 2 L R, 4 L R Ls Rs, 6 L R C LFE Ls Rs (Web Audio order), other counts
   * weight 1 each. No channels measures silence.
   */
  process(channels: readonly Float32Array[], from: number, to: number): void {
    const n = channels.length;
    if (n > this.maxChannels) {
      throw new RangeError(`LoudnessEngine: ${n} channels given, at most ${this.maxChannels} configured`);
    }
    if (!(from >= 0 && from <= to)) throw new RangeError(`LoudnessEngine: bad range ${from}…${to}`);
    for (let c = 0; c < n; c++) {
      if (channels[c].length < to) {
        throw new RangeError(
          `LoudnessEngine: channel ${c} has ${channels[c].length} samples, range ends at ${to}`,
        );
      }
    }
    if (n !== this.layoutChannels || this.dualMono !== this.layoutDualMono) this.setLayout(n);

    const blockPeak = this.blockPeak;
    blockPeak.fill(0);
    let at = from;
    while (at < to) {
      const end = Math.min(to, at + (this.nextBoundary - this.totalSamples));
      let c = 0;
      for (; c + 1 < n; c += 2) this.accumulatePair(c, channels[c], channels[c + 1], at, end);
      if (c < n) this.accumulate(c, channels[c], at, end);
      this.totalSamples += end - at;
      at = end;
      if (this.totalSamples === this.nextBoundary) this.closeSubBlock();
    }
    // Only a block that could beat the running maximum is interpolated (exact: see the detector's
    // floor); the block's sample peaks just measured spare the detector looking for them.
    const detector = this.truePeakDetector;
    const running = this.running;
    for (let c = 0; c < n; c++) {
      if (blockPeak[c] > running[SAMPLE_PEAK]) running[SAMPLE_PEAK] = blockPeak[c];
      detector.floor[0] = running[TRUE_PEAK];
      detector.inputPeak[0] = blockPeak[c];
      detector.measure(c, channels[c], from, to);
      const peak = detector.peak[0];
      if (peak > running[TRUE_PEAK]) running[TRUE_PEAK] = peak;
    }
  }

  /** Clears all measurement state (the dualMono setting is kept). */
  reset(): void {
    this.truePeakDetector.reset();
    this.filterState.fill(0);
    this.weightedSum.fill(0);
    this.rawSum.fill(0);
    freshRunning(this.running);
    this.totalSamples = 0;
    this.subBlocks = 0;
    this.subBlockStart = 0;
    this.nextBoundary = this.boundary(1);
    this.ringPower.fill(0);
    this.ringLength.fill(0);
    this.ringRaw.fill(0);
    this.ringRawCount.fill(0);
    this.ringCross.fill(0);
    this.ringLeft.fill(0);
    this.ringRight.fill(0);
    this.gateCount.fill(0);
    this.gatePower.fill(0);
    this.rangeCount.fill(0);
    this.rangePower.fill(0);
    this.rangeLoudness.fill(0);
  }

  /**
   * Writes the current readings into `frame` (layout LOUDNESS_READINGS). Scans the histograms (meant for
   * ~10–30 calls a second). A typed array, not an object: storing doubles in object fields boxes them.
   * One function on purpose: its histogram loops make V8 optimise it after a call or two, and only
   * optimised code does double arithmetic without allocating. For the same reason it calls nothing
   * that returns a number: loudness is −0.691 + 10·log10(power) (powerToLufs) written out, and so
   * are the correlations. V8 boxes a number returned by a call it does not inline, and whether it
   * inlined them here depended on timing (in about one run in five, 64 B per frame).
   */
  readInto(frame: Float64Array): void {
    const R = LOUDNESS_READINGS.index;
    const none = Number.NEGATIVE_INFINITY;
    const running = this.running;
    frame[R.momentary] =
      this.subBlocks >= MOMENTARY ? -0.691 + 10 * Math.log10(running[MOMENTARY_POWER]) : none;
    frame[R.shortTerm] =
      this.subBlocks >= SHORT_TERM ? -0.691 + 10 * Math.log10(running[SHORT_TERM_POWER]) : none;
    frame[R.momentaryMax] = -0.691 + 10 * Math.log10(running[MOMENTARY_MAX_POWER]);
    frame[R.shortTermMax] = -0.691 + 10 * Math.log10(running[SHORT_TERM_MAX_POWER]);

    // Integrated (BS.1770): absolute gate −70 LUFS (applied on entry), relative gate −10 LU. Bins above
    // the gate's bin count fully; the bin holding the gate counts with the fraction of its 0.01 LU that
    // lies above the gate (values assumed evenly spread within a bin).
    const gateCount = this.gateCount;
    const gatePower = this.gatePower;
    let n = 0;
    let sum = 0;
    for (let b = 0; b < BINS; b++) {
      n += gateCount[b];
      sum += gatePower[b];
    }
    frame[R.integrated] = none;
    if (n > 0) {
      const position =
        (-0.691 + 10 * Math.log10((sum / n) * INTEGRATED_GATE) - HISTOGRAM_FLOOR) * BINS_PER_LU;
      const gateBin = Math.floor(position);
      let gatedN = 0;
      let gatedSum = 0;
      for (let b = Math.min(Math.max(0, gateBin), BINS - 1); b < BINS; b++) {
        const share = b === gateBin ? gateBin + 1 - position : 1;
        gatedN += share * gateCount[b];
        gatedSum += share * gatePower[b];
      }
      if (gatedN > 0) frame[R.integrated] = -0.691 + 10 * Math.log10(gatedSum / gatedN);
    }

    // Loudness range (Tech 3342): short-term values ≥ −70 LUFS, relative gate −20 LU, P95 − P10 with
    // 0-based ranks round((n − 1)·p) as in the Tech 3342 reference code and libebur128; a percentile
    // reads as the mean loudness of the bin holding it.
    const rangeCount = this.rangeCount;
    const rangePower = this.rangePower;
    n = 0;
    sum = 0;
    for (let b = 0; b < BINS; b++) {
      n += rangeCount[b];
      sum += rangePower[b];
    }
    frame[R.loudnessRange] = 0;
    if (n > 0) {
      const gate = (sum / n) * RANGE_GATE;
      let first = 0;
      while (first < BINS - 1 && !(rangeCount[first] > 0 && rangePower[first] >= gate * rangeCount[first]))
        first++;
      let gatedN = 0;
      for (let b = first; b < BINS; b++) gatedN += rangeCount[b];
      const lowRank = Math.round((gatedN - 1) * 0.1);
      const highRank = Math.round((gatedN - 1) * 0.95);
      let low = -1;
      let seen = 0;
      let b = first;
      for (; b < BINS - 1; b++) {
        seen += rangeCount[b];
        if (low < 0 && seen > lowRank) low = b;
        if (seen > highRank) break;
      }
      if (low < 0) low = b;
      const loudness = this.rangeLoudness;
      frame[R.loudnessRange] = loudness[b] / rangeCount[b] - loudness[low] / rangeCount[low];
    }

    frame[R.samplePeak] = 20 * Math.log10(running[SAMPLE_PEAK]);
    // The detector lags 6 samples; the sample peak covers the programme's last samples.
    frame[R.truePeak] = 20 * Math.log10(Math.max(running[TRUE_PEAK], running[SAMPLE_PEAK]));
    frame[R.plr] = frame[R.integrated] > none ? frame[R.truePeak] - frame[R.integrated] : none;
    let raw = running[RAW_TOTAL];
    for (let c = 0; c < this.layoutChannels; c++) if (this.weights[c] > 0) raw += this.rawSum[c];
    const rawCount = running[RAW_TOTAL_COUNT] + (this.totalSamples - this.subBlockStart) * this.rawChannels;
    frame[R.rms] = rawCount > 0 ? 10 * Math.log10(raw / rawCount) : none;
    frame[R.noiseFloor] = this.subBlocks >= NOISE_FLOOR ? 10 * Math.log10(running[NOISE_FLOOR_POWER]) : none;
    let cross = 0;
    let left = 0;
    let right = 0;
    for (let j = 1; j <= Math.min(CORRELATION, this.subBlocks); j++) {
      const slot = (this.subBlocks - j) % RING;
      cross += this.ringCross[slot];
      left += this.ringLeft[slot];
      right += this.ringRight[slot];
    }
    // Correlations are clamped: rounding can push |r| a hair past 1.
    const norm = Math.sqrt(left * right);
    frame[R.correlation] = norm > 0 ? Math.min(1, Math.max(-1, cross / norm)) : 0;
    const programmeNorm = Math.sqrt(running[LEFT_TOTAL] * running[RIGHT_TOTAL]);
    frame[R.programmeCorrelation] =
      programmeNorm > 0 ? Math.min(1, Math.max(-1, running[CROSS_TOTAL] / programmeNorm)) : 0;
    frame[R.duration] = this.totalSamples / this.sampleRate;
  }
  /** The same readings as an object (for offline analysis; the audio thread uses readInto). */
  read(out: LoudnessReadings): void {
    this.readInto(this.scratch);
    for (const name of LOUDNESS_READINGS.names) out[name] = this.scratch[LOUDNESS_READINGS.index[name]];
  }

  /** Sample index where sub-block k − 1 ends (k ≥ 1). */
  private boundary(k: number): number {
    return Math.round((k * this.sampleRate) / SUB_BLOCKS_PER_SECOND);
  }

  private setLayout(n: number): void {
    const w = this.weights;
    w.fill(0);
    w.fill(1, 0, n);
    if (n === 1 && this.dualMono) w[0] = 2;
    if (n === 4) {
      w[2] = SURROUND;
      w[3] = SURROUND;
    }
    if (n === 6) {
      w[3] = 0; // LFE
      w[4] = SURROUND;
      w[5] = SURROUND;
    }
    // Channels joining the layout start from rest rather than from a stale filter state.
    for (let c = Math.max(0, this.layoutChannels); c < n; c++) this.filterState.fill(0, c * 4, c * 4 + 4);
    this.layoutChannels = n;
    this.layoutDualMono = this.dualMono;
    this.rawChannels = n === 6 ? 5 : n;
  }

  /** K-weights channel c over [from, to) into its sub-block sums; also raw power and sample peak. */
  private accumulate(c: number, x: Float32Array, from: number, to: number): void {
    const sb0 = this.sb0;
    const sb1 = this.sb1;
    const sb2 = this.sb2;
    const sa1 = this.sa1;
    const sa2 = this.sa2;
    const ha1 = this.ha1;
    const ha2 = this.ha2;
    const state = this.filterState;
    const o = c * 4;
    let s1 = state[o];
    let s2 = state[o + 1];
    let h1 = state[o + 2];
    let h2 = state[o + 3];
    let weighted = this.weightedSum[c];
    let raw = this.rawSum[c];
    let peak = this.blockPeak[c];
    for (let i = from; i < to; i++) {
      let v = x[i];
      // Non-finite input is measured as silence (v − v is NaN only for NaN and ±Infinity).
      if (v - v !== 0) v = 0;
      raw += v * v;
      const a = Math.abs(v);
      if (a > peak) peak = a;
      const y = sb0 * v + s1;
      s1 = sb1 * v - sa1 * y + s2;
      s2 = sb2 * v - sa2 * y;
      const z = y + h1;
      h1 = -2 * y - ha1 * z + h2;
      h2 = y - ha2 * z;
      weighted += z * z;
    }
    state[o] = s1;
    state[o + 1] = s2;
    state[o + 2] = h1;
    state[o + 3] = h2;
    this.weightedSum[c] = weighted;
    this.rawSum[c] = raw;
    this.blockPeak[c] = peak;
  }

  /**
   * `accumulate` for channels c and c + 1 in one loop: each filter recursion waits on its own
   * previous output, so two channels' recursions interleaved keep the CPU busy. The arithmetic per
   * channel is the same. Channels 0 and 1 also sum their product, for the correlation.
   */
  // biome-ignore format: the two channels' identical steps read best side by side
  private accumulatePair(c: number, x: Float32Array, x2: Float32Array, from: number, to: number): void {
    const sb0 = this.sb0, sb1 = this.sb1, sb2 = this.sb2, sa1 = this.sa1, sa2 = this.sa2;
    const ha1 = this.ha1, ha2 = this.ha2;
    const state = this.filterState;
    const o = c * 4;
    let s1 = state[o], s2 = state[o + 1], h1 = state[o + 2], h2 = state[o + 3];
    let t1 = state[o + 4], t2 = state[o + 5], g1 = state[o + 6], g2 = state[o + 7];
    let weighted = this.weightedSum[c], weighted2 = this.weightedSum[c + 1];
    let raw = this.rawSum[c], raw2 = this.rawSum[c + 1];
    let peak = this.blockPeak[c], peak2 = this.blockPeak[c + 1];
    const running = this.running;
    let cross = running[CROSS_SUM];
    for (let i = from; i < to; i++) {
      let v = x[i];
      let w = x2[i];
      // Non-finite input is measured as silence (v − v is NaN only for NaN and ±Infinity).
      if (v - v !== 0) v = 0;
      if (w - w !== 0) w = 0;
      raw += v * v;
      raw2 += w * w;
      cross += v * w;
      const a = Math.abs(v);
      if (a > peak) peak = a;
      const b = Math.abs(w);
      if (b > peak2) peak2 = b;
      const y = sb0 * v + s1;
      const u = sb0 * w + t1;
      s1 = sb1 * v - sa1 * y + s2;
      t1 = sb1 * w - sa1 * u + t2;
      s2 = sb2 * v - sa2 * y;
      t2 = sb2 * w - sa2 * u;
      const z = y + h1;
      const q = u + g1;
      h1 = -2 * y - ha1 * z + h2;
      g1 = -2 * u - ha1 * q + g2;
      h2 = y - ha2 * z;
      g2 = u - ha2 * q;
      weighted += z * z;
      weighted2 += q * q;
    }
    state[o] = s1; state[o + 1] = s2; state[o + 2] = h1; state[o + 3] = h2;
    state[o + 4] = t1; state[o + 5] = t2; state[o + 6] = g1; state[o + 7] = g2;
    this.weightedSum[c] = weighted;
    this.weightedSum[c + 1] = weighted2;
    this.rawSum[c] = raw;
    this.rawSum[c + 1] = raw2;
    this.blockPeak[c] = peak;
    this.blockPeak[c + 1] = peak2;
    if (c === 0) running[CROSS_SUM] = cross;
  }

  private closeSubBlock(): void {
    const n = this.layoutChannels;
    const w = this.weights;
    let power = 0;
    let raw = 0;
    for (let c = 0; c < n; c++) {
      power += w[c] * this.weightedSum[c];
      if (w[c] > 0) raw += this.rawSum[c];
    }
    // Mono is its own partner: correlation 1 whenever there is signal.
    const left = n >= 1 ? this.rawSum[0] : 0;
    const right = n >= 2 ? this.rawSum[1] : left;
    const running = this.running;
    const cross = n >= 2 ? running[CROSS_SUM] : left;
    const length = this.nextBoundary - this.subBlockStart;
    const slot = this.subBlocks % RING;
    this.ringPower[slot] = power;
    this.ringLength[slot] = length;
    this.ringRaw[slot] = raw;
    this.ringRawCount[slot] = length * this.rawChannels;
    this.ringCross[slot] = cross;
    this.ringLeft[slot] = left;
    this.ringRight[slot] = right;
    running[RAW_TOTAL] += raw;
    running[RAW_TOTAL_COUNT] += length * this.rawChannels;
    running[CROSS_TOTAL] += cross;
    running[LEFT_TOTAL] += left;
    running[RIGHT_TOTAL] += right;

    this.weightedSum.fill(0);
    this.rawSum.fill(0);
    running[CROSS_SUM] = 0;
    // Flushing on the 10 ms grid (not at call ends) keeps silence out of denormals and block splits exact.
    const state = this.filterState;
    for (let i = 0; i < state.length; i++) {
      const v = state[i];
      if (!(v > DENORMAL_FLUSH || v < -DENORMAL_FLUSH)) state[i] = 0;
    }

    this.subBlocks++;
    this.subBlockStart = this.nextBoundary;
    this.nextBoundary = this.boundary(this.subBlocks + 1);
    const hop = this.subBlocks % HOP === 0;

    // Windows are summed afresh from the ring every time: no running-sum drift over hours. This path
    // runs every 10 ms on the audio thread, so it stays inline: V8 boxes (allocates) doubles passed to
    // or returned from calls it does not inline (calls in rarely taken branches are not). Every
    // window's arithmetic also runs from the first sub-block, and a window takes its result only once
    // full: code first reached when a window fills (0.4 s, 0.5 s, 3 s into the audio) would have no
    // type feedback, and reaching it would discard the optimised code. Hence selects and Math.max/min
    // instead of `if`s around the stores, and each condition's comparison first, before its `&&`s.
    // Slots are visited newest first, (k − j) % RING for j = 1, 2, …, stepping back without a
    // division per slot.
    const k = this.subBlocks;
    const ringPower = this.ringPower;
    const ringLength = this.ringLength;
    const newest = (k - 1) % RING;
    let windowPower = 0;
    let windowLength = 0;
    let j = 1;
    let at = newest;
    for (const depth = Math.min(k, MOMENTARY); j <= depth; j++) {
      windowPower += ringPower[at];
      windowLength += ringLength[at];
      at = at === 0 ? RING - 1 : at - 1;
    }
    const m = windowPower / windowLength;
    const momentaryFull = k >= MOMENTARY;
    running[MOMENTARY_POWER] = momentaryFull ? m : 0;
    running[MOMENTARY_MAX_POWER] = Math.max(running[MOMENTARY_MAX_POWER], momentaryFull ? m : 0);
    // −0.691 + 10·log10: powerToLufs, inline. A histogram bin is clamped before it is rounded down,
    // so it is always a small integer (silence, −Infinity LUFS, falls in bin 0 and is not counted).
    const gateBin = Math.floor(
      Math.min(Math.max((-0.691 + 10 * Math.log10(m) - HISTOGRAM_FLOOR) * BINS_PER_LU, 0), BINS - 1),
    );
    const gated = m > ABSOLUTE_GATE && momentaryFull && hop;
    this.gateCount[gateBin] += gated ? 1 : 0;
    this.gatePower[gateBin] += gated ? m : 0;

    for (const depth = Math.min(k, SHORT_TERM); j <= depth; j++) {
      windowPower += ringPower[at];
      windowLength += ringLength[at];
      at = at === 0 ? RING - 1 : at - 1;
    }
    const s = windowPower / windowLength;
    const shortTermFull = k >= SHORT_TERM;
    running[SHORT_TERM_POWER] = shortTermFull ? s : 0;
    running[SHORT_TERM_MAX_POWER] = Math.max(running[SHORT_TERM_MAX_POWER], shortTermFull ? s : 0);
    const loudness = -0.691 + 10 * Math.log10(s);
    const rangeBin = Math.floor(Math.min(Math.max((loudness - HISTOGRAM_FLOOR) * BINS_PER_LU, 0), BINS - 1));
    const ranged = s >= ABSOLUTE_GATE && shortTermFull && hop;
    this.rangeCount[rangeBin] += ranged ? 1 : 0;
    this.rangePower[rangeBin] += ranged ? s : 0;
    this.rangeLoudness[rangeBin] += ranged ? loudness : 0;

    let floorRaw = 0;
    let floorCount = 0;
    const ringRaw = this.ringRaw;
    const ringRawCount = this.ringRawCount;
    for (let i = 1, back = newest; i <= NOISE_FLOOR; i++) {
      floorRaw += ringRaw[back];
      floorCount += ringRawCount[back];
      back = back === 0 ? RING - 1 : back - 1;
    }
    const floor = floorCount > 0 ? floorRaw / floorCount : 0;
    const lowest = Math.min(running[NOISE_FLOOR_POWER], floor);
    running[NOISE_FLOOR_POWER] = k >= NOISE_FLOOR ? lowest : running[NOISE_FLOOR_POWER];
  }
}
