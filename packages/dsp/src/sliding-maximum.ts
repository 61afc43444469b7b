/**
 * Running maximum of the last `window` values (a monotonic deque: amortised O(1) per value, allocation
 * free). The window can be changed between blocks; a larger one only sees values pushed from then on
 * unless they were still in the deque, so reconfigure with `reset()` and re-push history when exactness
 * across a change matters.
 */
export class SlidingMaximum {
  readonly capacity: number;
  private windowLength: number;
  // The deque as a ring: candidate values in decreasing order, each with the count at which it arrived.
  private readonly values: Float64Array;
  private readonly arrivals: Float64Array;
  private head = 0;
  private size = 0;
  private count = 0;

  constructor(capacity: number, window = capacity) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`SlidingMaximum: capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.values = new Float64Array(capacity);
    this.arrivals = new Float64Array(capacity);
    this.windowLength = 1;
    this.window = window;
  }

  get window(): number {
    return this.windowLength;
  }

  set window(length: number) {
    if (!Number.isInteger(length) || length < 1 || length > this.capacity) {
      throw new RangeError(`SlidingMaximum: window must be an integer in 1…${this.capacity}, got ${length}`);
    }
    this.windowLength = length;
  }

  /** output[i] = max(input[i − window + 1 … i]), continuing across calls. Values must not be NaN. */
  process(input: Float64Array, output: Float64Array, from: number, to: number): void {
    const values = this.values;
    const arrivals = this.arrivals;
    const cap = this.capacity;
    let head = this.head;
    let size = this.size;
    let count = this.count;
    for (let i = from; i < to; i++) {
      const v = input[i];
      // Drop candidates that can never be the maximum again (the new value is at least as large).
      while (size > 0 && !(values[(head + size - 1) % cap] > v)) size--;
      const tail = (head + size) % cap;
      values[tail] = v;
      arrivals[tail] = count;
      size++;
      // Expire the oldest candidate once it leaves the window (at most one per value: the window is fixed).
      while (arrivals[head] <= count - this.windowLength) {
        head = (head + 1) % cap;
        size--;
      }
      output[i] = values[head];
      count++;
    }
    this.head = head;
    this.size = size;
    this.count = count;
  }

  /** Whether the window's maximum is 0 (true before any value): with values ≥ 0, the window holds only zeros. */
  get isZero(): boolean {
    return this.size === 0 || this.values[this.head] === 0;
  }

  /**
   * As processing `count` ≥ 1 zeros when the window holds only zeros (values ≥ 0): each zero pops
   * every entry and is pushed at the head, so one zero remains, the newest. The same state, no work.
   */
  skipZeros(count: number): void {
    if (!this.isZero) throw new Error('SlidingMaximum.skipZeros: the window holds non-zero values');
    if (count < 1) return;
    this.count += count;
    this.values[this.head] = 0;
    this.arrivals[this.head] = this.count - 1;
    this.size = 1;
  }

  /** Forgets every value. */
  reset(): void {
    this.head = 0;
    this.size = 0;
    this.count = 0;
  }
}
