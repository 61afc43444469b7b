/**
 * Linear parameter ramps in typed arrays, advanced together once per tick. They behave like
 * dsp's LinearSmoother (a new target restarts a full-length ramp from the current value; the last
 * step lands exactly on the target), but no value crosses a function boundary as a number: the
 * caller writes `goal[i]` and calls `start(i)`, and reads `current[i]`. A number passed to or
 * returned from a call the optimiser does not inline is boxed, i.e. allocated, and the kernel
 * must not allocate while parameters move.
 */
export class RampBank {
  readonly current: Float64Array;
  readonly goal: Float64Array;
  /** Ticks left in each ramp (0: at its goal). */
  readonly remaining: Int32Array;
  private readonly step: Float64Array;
  private readonly started: Float64Array;

  /** `count` ramps, each `length` ticks long (at least 1). */
  constructor(
    count: number,
    readonly length: number,
  ) {
    this.current = new Float64Array(count);
    this.goal = new Float64Array(count);
    this.remaining = new Int32Array(count);
    this.step = new Float64Array(count);
    this.started = new Float64Array(count);
  }

  /** Ramps `i` towards goal[i] from where it is, unless it already heads there. */
  start(i: number): void {
    if (this.goal[i] === this.started[i]) return;
    this.started[i] = this.goal[i];
    this.step[i] = (this.goal[i] - this.current[i]) / this.length;
    this.remaining[i] = this.length;
  }

  /** Puts ramp `i` at goal[i] at once. */
  jump(i: number): void {
    this.current[i] = this.goal[i];
    this.started[i] = this.goal[i];
    this.remaining[i] = 0;
  }

  /** One tick for every ramp. */
  advance(): void {
    for (let i = 0; i < this.remaining.length; i++) {
      if (this.remaining[i] === 0) continue;
      this.remaining[i]--;
      // Measured back from the goal, so the last step lands on it exactly.
      this.current[i] = this.goal[i] - this.step[i] * this.remaining[i];
    }
  }
}
