// Input samples of history a phase needs besides the current one: 12 taps per phase.
const HISTORY = 11;

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

/**
 * The BS.1770 Annex 2 interpolation filter for `factor`× oversampling as TruePeakDetector uses it:
 * 12·factor + 1 taps, c[j] = sinc((j − 6F)/F)·0.5(1 − cos(2πj/(12F))). Phase p (value at n + p/F) is
 * c[p + F·k] applied to x[n + 6 − k], k = 0…11 (phase 0 is x[n] itself).
 */
export function bs1770Taps(factor: number): Float64Array {
  const taps = 12 * factor;
  const c = new Float64Array(taps + 1);
  for (let j = 0; j <= taps; j++) {
    c[j] = sinc((j - 6 * factor) / factor) * 0.5 * (1 - Math.cos((2 * Math.PI * j) / taps));
  }
  return c;
}

/**
 * BS.1770 Annex 2 true-peak detector: oversamples by `factor` with a Hann-windowed sinc of 12·factor + 1
 * taps, c[j] = sinc((j − 6F)/F)·0.5(1 − cos(2πj/(12F))), run polyphase, and returns max |x| of the
 * oversampled signal. Phase 0 of that filter is the input delayed by 6 samples, so the reading lags the
 * input by 6 samples; history persists per channel, so any block split gives identical results.
 *
 * The taps are symmetric, so phase F − p is phase p reversed. Folding x[n−k] with x[n−11+k] halves the
 * multiplies, and for F = 4 phases 1 and 3 come out of one sum and one difference:
 * y1 = (A + B)/2, y3 = (A − B)/2, hence max(|y1|, |y3|) = (|A| + |B|)/2.
 */
export class TruePeakDetector {
  /** Oversampling factor: 4 below 96 kHz, 2 from 96 kHz. */
  readonly factor: number;
  /** Taps: [0..5] sum (phases 1 ± 3 at F = 4, phase 1 at F = 2), [6..11] difference, [12..17] phase 2. */
  private readonly folded = new Float64Array(18);
  /** Per channel the last 11 inputs, newest first: history[ch·11 + k − 1] = x[n − k]. */
  private readonly history: Float64Array;
  private readonly maxChannels: number;
  /**
   * The last block's peak, as `measure` leaves it. Kernels read it here: V8 boxes (allocates) a
   * double returned by a call it does not inline.
   */
  readonly peak = new Float64Array(1);
  /**
   * Callers that only need a block's peak when it exceeds some level (a running maximum, say) put
   * that level here (an array, not an argument: a double passed to a call V8 does not inline is
   * boxed). See process.
   */
  readonly floor = new Float64Array(1);
  /**
   * A caller that has already found the block's largest |x| (non-finite samples counting as 0)
   * puts it here, so deciding whether to skip need not look for it again; −1 (the default, and
   * what `measure` leaves) means unknown.
   */
  readonly inputPeak = Float64Array.of(-1);
  /**
   * No oversampled value can exceed this multiple of the largest |x| its 12 taps read: the largest
   * absolute tap sum of any phase (phase 0 is x itself), plus a margin for rounding in the folded sums.
   */
  private readonly gainBound: number;

  constructor(sampleRate: number, maxChannels: number) {
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`TruePeakDetector: sample rate must be a positive number, got ${sampleRate}`);
    }
    if (!Number.isInteger(maxChannels) || maxChannels < 1) {
      throw new RangeError(`TruePeakDetector: maxChannels must be a positive integer, got ${maxChannels}`);
    }
    const f = sampleRate < 96000 ? 4 : 2;
    this.factor = f;
    this.maxChannels = maxChannels;
    this.history = new Float64Array(maxChannels * HISTORY);
    const c = bs1770Taps(f);
    for (let k = 0; k < 6; k++) {
      if (f === 4) {
        this.folded[k] = c[4 * k + 1] + c[4 * (11 - k) + 1];
        this.folded[6 + k] = c[4 * k + 1] - c[4 * (11 - k) + 1];
        this.folded[12 + k] = c[4 * k + 2];
      } else {
        this.folded[k] = c[2 * k + 1];
      }
    }
    let bound = 1;
    for (let p = 1; p < f; p++) {
      let sum = 0;
      for (let k = 0; k < 12; k++) sum += Math.abs(c[p + f * k]);
      bound = Math.max(bound, sum);
    }
    this.gainBound = bound * (1 + 1e-9);
  }

  /**
   * Max |x| (linear) of the oversampled signal produced while consuming input[from, to) of `channel`,
   * into `peak[0]`.
   *
   * When `floor[0]` is positive and the block's samples and history are too small for any phase to
   * exceed it, the interpolation is skipped (the history still moves on) and the peak reads 0. Above
   * the floor the result is exact, so `max(floor, peak)` never depends on the floor. See `inputPeak`.
   */
  measure(channel: number, input: Float32Array, from: number, to: number): void {
    if (!(channel >= 0 && channel < this.maxChannels)) {
      throw new RangeError(`TruePeakDetector: channel ${channel} is outside 0…${this.maxChannels - 1}`);
    }
    if (this.floor[0] > 0 && this.skipsBelowFloor(channel, input, from, to)) this.peak[0] = 0;
    else if (this.factor === 4) this.process4(channel, input, from, to);
    else this.process2(channel, input, from, to);
    this.inputPeak[0] = -1;
  }

  /** `measure`, returning the peak: for tests and control-rate code (see `peak`). */
  process(channel: number, input: Float32Array, from: number, to: number): number {
    this.measure(channel, input, from, to);
    return this.peak[0];
  }

  /** Moves the history on without interpolating when no reading of the block can exceed the floor. */
  private skipsBelowFloor(channel: number, input: Float32Array, from: number, to: number): boolean {
    const h = this.history;
    let loudest = 0;
    for (let k = channel * HISTORY, end = k + HISTORY; k < end; k++) {
      const v = Math.abs(h[k]);
      if (v > loudest) loudest = v;
    }
    if (this.inputPeak[0] >= 0) {
      if (this.inputPeak[0] > loudest) loudest = this.inputPeak[0];
    } else {
      for (let i = from; i < to; i++) {
        const v = Math.abs(input[i]);
        if (v > loudest) loudest = v; // NaN compares false; Infinity makes the bound infinite
      }
    }
    if (loudest * this.gainBound > this.floor[0]) return false;
    this.keepHistory(channel, input, from, to);
    return true;
  }

  /** Moves the history on by input[from, to) without interpolating (newest first, as the kernels leave it). */
  private keepHistory(channel: number, input: Float32Array, from: number, to: number): void {
    const h = this.history;
    const o = channel * HISTORY;
    const n = to - from;
    if (n < HISTORY) h.copyWithin(o + n, o, o + HISTORY - n);
    for (let k = 0, count = Math.min(n, HISTORY); k < count; k++) {
      const x = input[to - 1 - k];
      h[o + k] = x - x === 0 ? x : 0;
    }
  }

  /** Forgets all history (as just constructed). */
  reset(): void {
    this.history.fill(0);
  }

  // biome-ignore format: hand-unrolled kernel, one tap group per line reads better than one term per line
  private process4(channel: number, input: Float32Array, from: number, to: number): void {
    const f = this.folded;
    const a0 = f[0], a1 = f[1], a2 = f[2], a3 = f[3], a4 = f[4], a5 = f[5];
    const b0 = f[6], b1 = f[7], b2 = f[8], b3 = f[9], b4 = f[10], b5 = f[11];
    const c0 = f[12], c1 = f[13], c2 = f[14], c3 = f[15], c4 = f[16], c5 = f[17];
    const h = this.history;
    const o = channel * HISTORY;
    let x1 = h[o], x2 = h[o + 1], x3 = h[o + 2], x4 = h[o + 3], x5 = h[o + 4], x6 = h[o + 5];
    let x7 = h[o + 6], x8 = h[o + 7], x9 = h[o + 8], x10 = h[o + 9], x11 = h[o + 10];
    let peak = 0;
    let i = from;
    // Two samples per iteration halves the history shuffling (about 12 % faster than one). Each
    // candidate meets the running peak on its own: the comparisons almost never succeed, so they
    // predict well, where Math.max of three (a branch in V8 on which phase is largest, a coin toss)
    // mispredicted often enough to take 40 % longer. Each magnitude is taken once, before its
    // comparison: a call made only when the peak rises has no type feedback yet when V8 first
    // optimises this loop, and reaching it later throws the optimised code away.
    for (const end = to - 1; i < end; i += 2) {
      let x0 = input[i];
      // Non-finite input counts as silence (x − x is NaN only for NaN and ±Infinity).
      if (x0 - x0 !== 0) x0 = 0;
      let y0 = input[i + 1];
      if (y0 - y0 !== 0) y0 = 0;
      let s0 = x0 + x11, s1 = x1 + x10, s2 = x2 + x9, s3 = x3 + x8, s4 = x4 + x7, s5 = x5 + x6;
      let sum = a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3 + a4 * s4 + a5 * s5;
      let diff = b0 * (x0 - x11) + b1 * (x1 - x10) + b2 * (x2 - x9)
        + b3 * (x3 - x8) + b4 * (x4 - x7) + b5 * (x5 - x6);
      let mid = c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3 + c4 * s4 + c5 * s5;
      let side = 0.5 * (Math.abs(sum) + Math.abs(diff));
      if (side > peak) peak = side;
      let magnitude = Math.abs(mid);
      if (magnitude > peak) peak = magnitude;
      magnitude = Math.abs(x6);
      if (magnitude > peak) peak = magnitude;
      // Second sample: the history is now y0, x0, x1 … x10.
      s0 = y0 + x10; s1 = x0 + x9; s2 = x1 + x8; s3 = x2 + x7; s4 = x3 + x6; s5 = x4 + x5;
      sum = a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3 + a4 * s4 + a5 * s5;
      diff = b0 * (y0 - x10) + b1 * (x0 - x9) + b2 * (x1 - x8)
        + b3 * (x2 - x7) + b4 * (x3 - x6) + b5 * (x4 - x5);
      mid = c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3 + c4 * s4 + c5 * s5;
      side = 0.5 * (Math.abs(sum) + Math.abs(diff));
      if (side > peak) peak = side;
      magnitude = Math.abs(mid);
      if (magnitude > peak) peak = magnitude;
      magnitude = Math.abs(x5);
      if (magnitude > peak) peak = magnitude;
      x11 = x9; x10 = x8; x9 = x7; x8 = x6; x7 = x5; x6 = x4; x5 = x3; x4 = x2; x3 = x1; x2 = x0; x1 = y0;
    }
    if (i < to) {
      let x0 = input[i];
      if (x0 - x0 !== 0) x0 = 0;
      const s0 = x0 + x11, s1 = x1 + x10, s2 = x2 + x9, s3 = x3 + x8, s4 = x4 + x7, s5 = x5 + x6;
      const sum = a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3 + a4 * s4 + a5 * s5;
      const diff = b0 * (x0 - x11) + b1 * (x1 - x10) + b2 * (x2 - x9)
        + b3 * (x3 - x8) + b4 * (x4 - x7) + b5 * (x5 - x6);
      const mid = c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3 + c4 * s4 + c5 * s5;
      const side = 0.5 * (Math.abs(sum) + Math.abs(diff));
      if (side > peak) peak = side;
      let magnitude = Math.abs(mid);
      if (magnitude > peak) peak = magnitude;
      magnitude = Math.abs(x6);
      if (magnitude > peak) peak = magnitude;
      x11 = x10; x10 = x9; x9 = x8; x8 = x7; x7 = x6; x6 = x5; x5 = x4; x4 = x3; x3 = x2; x2 = x1; x1 = x0;
    }
    h[o] = x1; h[o + 1] = x2; h[o + 2] = x3; h[o + 3] = x4; h[o + 4] = x5; h[o + 5] = x6;
    h[o + 6] = x7; h[o + 7] = x8; h[o + 8] = x9; h[o + 9] = x10; h[o + 10] = x11;
    this.peak[0] = peak;
  }

  // biome-ignore format: hand-unrolled kernel, as process4
  private process2(channel: number, input: Float32Array, from: number, to: number): void {
    const f = this.folded;
    const a0 = f[0], a1 = f[1], a2 = f[2], a3 = f[3], a4 = f[4], a5 = f[5];
    const h = this.history;
    const o = channel * HISTORY;
    let x1 = h[o], x2 = h[o + 1], x3 = h[o + 2], x4 = h[o + 3], x5 = h[o + 4], x6 = h[o + 5];
    let x7 = h[o + 6], x8 = h[o + 7], x9 = h[o + 8], x10 = h[o + 9], x11 = h[o + 10];
    let peak = 0;
    let i = from;
    for (const end = to - 1; i < end; i += 2) {
      let x0 = input[i];
      if (x0 - x0 !== 0) x0 = 0;
      let y0 = input[i + 1];
      if (y0 - y0 !== 0) y0 = 0;
      let mid = a0 * (x0 + x11) + a1 * (x1 + x10) + a2 * (x2 + x9)
        + a3 * (x3 + x8) + a4 * (x4 + x7) + a5 * (x5 + x6);
      let magnitude = Math.abs(mid);
      if (magnitude > peak) peak = magnitude;
      magnitude = Math.abs(x6);
      if (magnitude > peak) peak = magnitude;
      mid = a0 * (y0 + x10) + a1 * (x0 + x9) + a2 * (x1 + x8)
        + a3 * (x2 + x7) + a4 * (x3 + x6) + a5 * (x4 + x5);
      magnitude = Math.abs(mid);
      if (magnitude > peak) peak = magnitude;
      magnitude = Math.abs(x5);
      if (magnitude > peak) peak = magnitude;
      x11 = x9; x10 = x8; x9 = x7; x8 = x6; x7 = x5; x6 = x4; x5 = x3; x4 = x2; x3 = x1; x2 = x0; x1 = y0;
    }
    if (i < to) {
      let x0 = input[i];
      if (x0 - x0 !== 0) x0 = 0;
      const mid = a0 * (x0 + x11) + a1 * (x1 + x10) + a2 * (x2 + x9)
        + a3 * (x3 + x8) + a4 * (x4 + x7) + a5 * (x5 + x6);
      let magnitude = Math.abs(mid);
      if (magnitude > peak) peak = magnitude;
      magnitude = Math.abs(x6);
      if (magnitude > peak) peak = magnitude;
      x11 = x10; x10 = x9; x9 = x8; x8 = x7; x7 = x6; x6 = x5; x5 = x4; x4 = x3; x3 = x2; x2 = x1; x1 = x0;
    }
    h[o] = x1; h[o + 1] = x2; h[o + 2] = x3; h[o + 3] = x4; h[o + 4] = x5; h[o + 5] = x6;
    h[o + 6] = x7; h[o + 7] = x8; h[o + 8] = x9; h[o + 9] = x10; h[o + 10] = x11;
    this.peak[0] = peak;
  }
}
