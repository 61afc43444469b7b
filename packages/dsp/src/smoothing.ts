/**
 * Linear parameter ramp: after setTarget(v) the value moves in equal steps and lands exactly on v after
 * the fixed ramp length (time in ms at the sample rate, at least one sample unless the time is 0).
 * A new target mid-ramp starts a fresh full-length ramp from the current value, so there is no jump.
 */
export class LinearSmoother {
  /** Ramp length in samples. */
  readonly length: number;
  private current: number;
  private goal: number;
  private step = 0;
  private remaining = 0;

  constructor(timeMs: number, sampleRate: number, initial = 0) {
    if (!(timeMs >= 0) || !Number.isFinite(timeMs)) {
      throw new RangeError(`LinearSmoother: time must be a finite number ≥ 0 ms, got ${timeMs}`);
    }
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`LinearSmoother: sample rate must be a positive number, got ${sampleRate}`);
    }
    this.length = timeMs === 0 ? 0 : Math.max(1, Math.round((timeMs * sampleRate) / 1000));
    this.current = initial;
    this.goal = initial;
  }

  /** The current (last returned) value. */
  get value(): number {
    return this.current;
  }

  /** Where the ramp is heading. */
  get target(): number {
    return this.goal;
  }

  get isSmoothing(): boolean {
    return this.remaining > 0;
  }

  /** Non-finite targets are ignored: a bad automation value must not reach the audio path. */
  setTarget(v: number): void {
    if (v === this.goal || !Number.isFinite(v)) return;
    this.goal = v;
    if (this.length === 0) {
      this.current = v;
      this.remaining = 0;
      return;
    }
    this.step = (v - this.current) / this.length;
    this.remaining = this.length;
  }

  /** Advances one sample and returns the new value. */
  next(): number {
    if (this.remaining > 0) {
      this.remaining--;
      // Measured back from the target so the last step lands on it exactly and the ramp stays monotonic.
      this.current = this.goal - this.step * this.remaining;
    }
    return this.current;
  }

  /** Jumps to `v` with no ramp. */
  reset(v: number): void {
    this.current = v;
    this.goal = v;
    this.remaining = 0;
  }
}
