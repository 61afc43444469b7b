// One channel's gain curve, from the gain reduction each sample needs to the gain applied to the
// delayed audio. Everything runs on gain *reduction* d = 1 − gain, so no reduction is exactly 0
// all the way through and the limiter is bit-transparent below its ceiling.
import { MovingAverage, SlidingMaximum } from '@lathe/dsp';

/** Below this the release tail is flushed to exactly no reduction (−290 dB; avoids denormal tails). */
const FLUSH = 1e-15;

/** Per-sample release coefficients, shared by every gain computer of a kernel. */
export interface ReleaseCoefficients {
  auto: boolean;
  /** Fixed release: one-pole decay of the reduction per sample. */
  decay: number;
  /** Auto release: decay of the reduction towards the sustained level (a quarter of the release time). */
  fastDecay: number;
  /** Auto release: smoothing of the sustained level (one-pole, twice the release time). */
  sustainRate: number;
}

export function releaseCoefficients(
  releaseMs: number,
  auto: boolean,
  sampleRate: number,
): ReleaseCoefficients {
  const coefficients = { auto, decay: 0, fastDecay: 0, sustainRate: 0 };
  setRelease(coefficients, releaseMs, auto, sampleRate);
  return coefficients;
}

/** Updates coefficients in place (parameter changes arrive on the audio thread: no allocation). */
export function setRelease(
  coefficients: ReleaseCoefficients,
  releaseMs: number,
  auto: boolean,
  sampleRate: number,
): void {
  const perSample = (ms: number) => Math.exp(-1000 / (ms * sampleRate));
  coefficients.auto = auto;
  coefficients.decay = perSample(releaseMs);
  coefficients.fastDecay = perSample(releaseMs / 4);
  coefficients.sustainRate = 1 - perSample(2 * releaseMs);
}

/**
 * Hold → release → two box filters. With lookahead L and margin M (the audio delayed by L − 1 + M
 * after the reading of a sample arrives here), the reduction required by a sample is held for L + 2M
 * samples and then averaged over L (boxes of ⌈(L+1)/2⌉ and ⌊(L+1)/2⌋ samples): the applied gain has
 * reached its lowest value M samples before that sample plays, stays there until M samples after, and
 * moves as a piecewise-quadratic (twice differentiable almost everywhere) curve in between.
 */
export class GainComputer {
  private readonly hold: SlidingMaximum;
  private readonly first: MovingAverage;
  private readonly second: MovingAverage;
  private readonly work: Float64Array;
  private readonly margin: number;
  private reduction = 0;
  private sustained = 0;

  constructor(maxLookahead: number, margin: number, chunk: number) {
    this.margin = margin;
    this.hold = new SlidingMaximum(maxLookahead + 2 * margin);
    this.first = new MovingAverage(Math.ceil((maxLookahead + 1) / 2));
    this.second = new MovingAverage(Math.ceil((maxLookahead + 1) / 2));
    this.work = new Float64Array(chunk);
  }

  /** Sets the lookahead (samples) and clears the curve; replay history with `process` to warm it up. */
  configure(lookahead: number): void {
    this.hold.window = lookahead + 2 * this.margin;
    this.hold.reset();
    this.first.length = Math.ceil((lookahead + 1) / 2);
    this.second.length = lookahead + 1 - this.first.length;
    this.reduction = 0;
    this.sustained = 0;
  }

  /** Continues from another computer's release state (for a seamless switch of lookahead). */
  followRelease(other: GainComputer): void {
    this.reduction = other.reduction;
    this.sustained = other.sustained;
  }

  /** No reduction anywhere in the curve: the gain is exactly 1 until a sample requires some. */
  get isIdle(): boolean {
    return (
      this.reduction === 0 &&
      this.sustained === 0 &&
      this.hold.isZero &&
      this.first.isZero &&
      this.second.isZero
    );
  }

  /**
   * As `process` over n samples that require no reduction, while idle: the hold and both boxes
   * skip the zeros (their state ends up exactly as if they had processed them); the gain stays 1.
   */
  rest(n: number): void {
    this.hold.skipZeros(n);
    this.first.skipZeros(n);
    this.second.skipZeros(n);
  }

  /** gain[i] for required[i], i < n (both chunk buffers). */
  process(required: Float64Array, gain: Float64Array, n: number, release: ReleaseCoefficients): void {
    if (this.idleThrough(required, n)) {
      for (let i = 0; i < n; i++) gain[i] = 1;
      return;
    }
    const work = this.work;
    this.hold.process(required, work, 0, n);
    let reduction = this.reduction;
    if (release.auto) {
      // Program-dependent: a sustained level follows the held reduction with twice the release time,
      // and the reduction decays towards it with a quarter of the release time. A lone transient
      // barely moves the sustained level, so most of its reduction comes back about four times faster
      // than a fixed release would; under dense limiting the gain stays near the sustained level
      // between peaks instead of pumping, and recovers from it at the slow rate afterwards.
      let sustained = this.sustained;
      const rate = release.sustainRate;
      const decay = release.fastDecay;
      for (let i = 0; i < n; i++) {
        const held = work[i];
        sustained += (held - sustained) * rate;
        if (sustained < FLUSH) sustained = 0;
        reduction = sustained + (reduction - sustained) * decay;
        if (reduction < held) reduction = held;
        else if (reduction < FLUSH) reduction = 0;
        work[i] = reduction;
      }
      this.sustained = sustained;
    } else {
      const decay = release.decay;
      for (let i = 0; i < n; i++) {
        const held = work[i];
        reduction *= decay;
        if (reduction < held) reduction = held;
        else if (reduction < FLUSH) reduction = 0;
        work[i] = reduction;
      }
    }
    this.reduction = reduction;
    this.first.process(work, work, 0, n);
    this.second.process(work, work, 0, n);
    for (let i = 0; i < n; i++) gain[i] = 1 - work[i];
  }

  /** Idle and asked for no reduction: rests through the chunk (see `rest`). */
  private idleThrough(required: Float64Array, n: number): boolean {
    if (!this.isIdle) return false;
    for (let i = 0; i < n; i++) if (required[i] !== 0) return false;
    this.rest(n);
    return true;
  }

  reset(): void {
    this.hold.reset();
    this.first.reset();
    this.second.reset();
    this.reduction = 0;
    this.sustained = 0;
  }
}
