/**
 * Linear parameter ramp: after setTarget(v) the value moves in equal steps and lands exactly on v after
 * the fixed ramp length (time in ms at the sample rate, at least one sample unless the time is 0).
 * A new target mid-ramp starts a fresh full-length ramp from the current value, so there is no jump.
 *
 * Kernels take per-sample values with render(): a function returning a double allocates (V8 boxes it)
 * whenever the call is not inlined, so per-sample next() is for control-rate use only. The ramp's
 * numbers live in a Float64Array for the same reason: storing a double in an object field can box it.
 */
const CURRENT = 0;
const GOAL = 1;
const STEP = 2;

export class LinearSmoother {
  /** Ramp length in samples. */
  readonly length: number;
  private readonly state = new Float64Array(3);
  private remaining = 0;

  constructor(timeMs: number, sampleRate: number, initial = 0) {
    if (!(timeMs >= 0) || !Number.isFinite(timeMs)) {
      throw new RangeError(`LinearSmoother: time must be a finite number ≥ 0 ms, got ${timeMs}`);
    }
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`LinearSmoother: sample rate must be a positive number, got ${sampleRate}`);
    }
    this.length = timeMs === 0 ? 0 : Math.max(1, Math.round((timeMs * sampleRate) / 1000));
    this.state[CURRENT] = initial;
    this.state[GOAL] = initial;
  }

  /** The current (last returned) value. */
  get value(): number {
    return this.state[CURRENT];
  }

  /** Where the ramp is heading. */
  get target(): number {
    return this.state[GOAL];
  }

  get isSmoothing(): boolean {
    return this.remaining > 0;
  }

  /** Non-finite targets are ignored: a bad automation value must not reach the audio path. */
  setTarget(v: number): void {
    if (v === this.state[GOAL] || !Number.isFinite(v)) return;
    this.state[GOAL] = v;
    if (this.length === 0) {
      this.state[CURRENT] = v;
      this.remaining = 0;
      return;
    }
    this.state[STEP] = (v - this.state[CURRENT]) / this.length;
    this.remaining = this.length;
  }

  /** The next `count` per-sample values into out[0…count). Allocates nothing. */
  render(out: Float64Array, count: number): void {
    let remaining = this.remaining;
    if (remaining === 0) {
      // A loop, not out.fill(): passing a double to a builtin boxes it.
      const value = this.state[CURRENT];
      for (let i = 0; i < count; i++) out[i] = value;
      return;
    }
    const goal = this.state[GOAL];
    const step = this.state[STEP];
    for (let i = 0; i < count; i++) {
      if (remaining > 0) remaining--;
      out[i] = goal - step * remaining;
    }
    this.state[CURRENT] = out[count - 1];
    this.remaining = remaining;
  }

  /** Advances one sample and returns the new value (control rate; see render()). */
  next(): number {
    if (this.remaining > 0) {
      this.remaining--;
      // Measured back from the target so the last step lands on it exactly and the ramp stays monotonic.
      this.state[CURRENT] = this.state[GOAL] - this.state[STEP] * this.remaining;
    }
    return this.state[CURRENT];
  }

  /** Jumps to `v` with no ramp. */
  reset(v: number): void {
    this.state[CURRENT] = v;
    this.state[GOAL] = v;
    this.remaining = 0;
  }
}
