/** One second-order section, a0 normalised to 1: y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2. */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** Below this a state value is flushed to zero, so decaying silence never reaches denormal range. */
export const DENORMAL_FLUSH = 1e-25;

/**
 * Runs one biquad (transposed direct form II) over input[from, to) into output[from, to)
 * (output may be input). The two state values live in state[offset], state[offset + 1] (float64).
 * Non-finite input samples are filtered as 0 so they cannot poison the state; the state is flushed
 * to 0 at the end of the call when tiny or non-finite.
 */
export function processBiquad(
  c: BiquadCoefficients,
  state: Float64Array,
  offset: number,
  input: Float32Array,
  output: Float32Array,
  from: number,
  to: number,
): void {
  const { b0, b1, b2, a1, a2 } = c;
  let s1 = state[offset];
  let s2 = state[offset + 1];
  for (let i = from; i < to; i++) {
    let x = input[i];
    // x − x is NaN exactly for NaN and ±Infinity.
    if (x - x !== 0) x = 0;
    const y = b0 * x + s1;
    s1 = b1 * x - a1 * y + s2;
    s2 = b2 * x - a2 * y;
    output[i] = y;
  }
  state[offset] = flushState(s1);
  state[offset + 1] = flushState(s2);
}

/** Returns 0 for tiny (denormal-bound) or non-finite state values, otherwise the value itself. */
export function flushState(s: number): number {
  return s - s === 0 && (s > DENORMAL_FLUSH || s < -DENORMAL_FLUSH) ? s : 0;
}

/**
 * flushState over state[from, to), in place. Kernels flush through an array rather than with
 * flushState where the call may not be inlined: V8 boxes (allocates) a double returned by a call
 * it does not inline.
 */
export function flushStates(state: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const s = state[i];
    if (!(s - s === 0 && (s > DENORMAL_FLUSH || s < -DENORMAL_FLUSH))) state[i] = 0;
  }
}

/** Linear magnitude response of one section at `frequency` (for design checks and plots). */
export function biquadMagnitude(c: BiquadCoefficients, frequency: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const cos1 = Math.cos(w);
  const sin1 = Math.sin(w);
  const cos2 = Math.cos(2 * w);
  const sin2 = Math.sin(2 * w);
  // H(e^jw) = (b0 + b1 e^-jw + b2 e^-2jw) / (1 + a1 e^-jw + a2 e^-2jw)
  const nr = c.b0 + c.b1 * cos1 + c.b2 * cos2;
  const ni = -(c.b1 * sin1 + c.b2 * sin2);
  const dr = 1 + c.a1 * cos1 + c.a2 * cos2;
  const di = -(c.a1 * sin1 + c.a2 * sin2);
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}
