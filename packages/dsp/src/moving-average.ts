/**
 * Moving average (box filter) of the last `length` values, as a running sum. The sum is recomputed
 * from scratch once per `length` values so rounding cannot accumulate, and it is exactly 0 whenever
 * the window holds only zeros, so a chain of these returns exact zeros (e.g. exact unity gain in a
 * limiter that works on gain reduction) once its input has been zero for a window.
 */
export class MovingAverage {
  readonly capacity: number;
  private size: number;
  private readonly ring: Float64Array;
  private pos = 0;
  private sum = 0;
  private nonZero = 0;

  constructor(capacity: number, length = capacity) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`MovingAverage: capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.ring = new Float64Array(capacity);
    this.size = 1;
    this.length = length;
  }

  get length(): number {
    return this.size;
  }

  /** Changing the length clears the window (as `reset`). */
  set length(length: number) {
    if (!Number.isInteger(length) || length < 1 || length > this.capacity) {
      throw new RangeError(`MovingAverage: length must be an integer in 1…${this.capacity}, got ${length}`);
    }
    this.size = length;
    this.reset();
  }

  /** Whether the window holds only zeros (the average is exactly 0). */
  get isZero(): boolean {
    return this.nonZero === 0;
  }

  /** As processing `count` zeros into a window that holds only zeros: the same state, no work. */
  skipZeros(count: number): void {
    if (this.nonZero !== 0) throw new Error('MovingAverage.skipZeros: the window holds non-zero values');
    this.pos = (this.pos + count) % this.size;
    this.sum = 0;
  }

  /** output[i] = mean(input[i − length + 1 … i]), continuing across calls (zeros before the first value). */
  process(input: Float64Array, output: Float64Array, from: number, to: number): void {
    const ring = this.ring;
    const size = this.size;
    const scale = 1 / size;
    let pos = this.pos;
    let sum = this.sum;
    let nonZero = this.nonZero;
    for (let i = from; i < to; i++) {
      const v = input[i];
      const old = ring[pos];
      ring[pos] = v;
      sum += v - old;
      nonZero += (v !== 0 ? 1 : 0) - (old !== 0 ? 1 : 0);
      if (++pos === size) {
        pos = 0;
        sum = 0;
        for (let k = 0; k < size; k++) sum += ring[k];
      } else if (nonZero === 0) {
        sum = 0;
      }
      output[i] = sum * scale;
    }
    this.pos = pos;
    this.sum = sum;
    this.nonZero = nonZero;
  }

  reset(): void {
    this.ring.fill(0, 0, this.size);
    this.pos = 0;
    this.sum = 0;
    this.nonZero = 0;
  }
}
