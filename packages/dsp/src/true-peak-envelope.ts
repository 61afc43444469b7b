// A per-sample true-peak reading for limiters: for every input sample, the largest magnitude the
// band-limited signal reaches next to it, as an ideal (≥ 32×) meter or a BS.1770 4× meter would read it.
import { kaiser, sinc } from './kaiser.ts';
import { bs1770Taps } from './true-peak.ts';

/** Half-band (2×) taps per side, in input samples: flat to 21 kHz at 44.1 kHz within ~0.01 dB of a 32× ideal. */
const HALF_BAND = 32;
const HALF_BAND_BETA = 6;
/** The 2× → 8× stage: the 2× stream is band-limited to half its Nyquist, so 4 taps per side suffice. */
const FINE = 4;
const FINE_BETA = 7;
/** Input history: the half-band's 2·HALF_BAND taps (double-written ring, so windows never wrap). */
const X_RING = 2 * HALF_BAND;
/** 2× history: the 2·FINE taps of the fine stage plus the two newest values. */
const Z_RING = 16;
const STATE = 3; // per channel: the previous two 8× magnitudes and the last segment's peak

/**
 * Oversamples by 8 (a long linear-phase half-band to 2×, a short 4× after it), refines each local maximum
 * of the 8× magnitudes with a parabola through it and its neighbours (8× alone misses up to 0.17 dB near
 * Nyquist, this leaves < 0.01 dB), and never reads below the BS.1770 4× interpolation of the same samples,
 * so a limiter driven by it satisfies both a fine reference and a standard true-peak meter.
 *
 * `process` writes, for each input sample n, the peak of sample m = n − delay: the largest magnitude of
 * the interpolated signal on [m − 1, m + 1). Input is read as finite (NaN and ±Infinity count as 0).
 * History persists per channel, so any block split gives identical output.
 */
export class TruePeakEnvelope {
  /** Samples between an input sample and its reading: the half-band's half-length plus the fine stage's. */
  readonly delay = HALF_BAND + FINE / 2;
  /**
   * A channel's state is a function of its last `memory` inputs alone (the input ring, the 2× ring
   * computed from it, the last two 8× values and segment), so a channel reset and fed those inputs
   * again continues exactly as if it had run all along; a reading depends on no earlier input.
   */
  readonly memory = X_RING + Z_RING / 2 + 8;
  /**
   * No reading exceeds this multiple of the largest |input| within `memory` samples before it: the
   * largest absolute tap sum of any interpolated point as a filter on the input, 9/8 for the
   * parabola's vertex (at most an eighth above its highest point when that is the middle one), and
   * a margin for rounding.
   */
  readonly gainBound: number;
  private readonly maxChannels: number;
  /** Half-band taps for the pairs (x[q − k], x[q + 1 + k]), k = 0…HALF_BAND − 1. */
  private readonly half = new Float64Array(HALF_BAND);
  /** Fine stage, pairs (z[j − k], z[j + 1 + k]): midpoint taps, then sum and difference taps for ¼ and ¾. */
  private readonly fineMid = new Float64Array(FINE);
  private readonly fineSum = new Float64Array(FINE);
  private readonly fineDiff = new Float64Array(FINE);
  /** BS.1770 4× phases, pairs (x[c − k], x[c + 1 + k]), k = 0…5: midpoint, sum and difference taps. */
  private readonly bsMid = new Float64Array(6);
  private readonly bsSum = new Float64Array(6);
  private readonly bsDiff = new Float64Array(6);
  private readonly x: Float64Array;
  private readonly z: Float64Array;
  private readonly state: Float64Array;
  /** Per channel: write positions in the input and 2× rings. */
  private readonly positions: Int32Array;

  constructor(maxChannels: number) {
    if (!Number.isInteger(maxChannels) || maxChannels < 1) {
      throw new RangeError(`TruePeakEnvelope: maxChannels must be a positive integer, got ${maxChannels}`);
    }
    this.maxChannels = maxChannels;
    this.x = new Float64Array(maxChannels * 2 * X_RING);
    this.z = new Float64Array(maxChannels * 2 * Z_RING);
    this.state = new Float64Array(maxChannels * STATE);
    this.positions = new Int32Array(maxChannels * 2);

    // Kaiser-windowed sinc interpolators, each phase normalised to unity gain at DC.
    const halfTap = (t: number) => sinc(t) * kaiser(t / (HALF_BAND + 0.5), HALF_BAND_BETA);
    let dc = 0;
    for (let k = 0; k < HALF_BAND; k++) {
      this.half[k] = halfTap(0.5 + k);
      dc += 2 * this.half[k];
    }
    for (let k = 0; k < HALF_BAND; k++) this.half[k] /= dc;

    const fineTap = (t: number) => sinc(t) * kaiser(t / (FINE + 0.5), FINE_BETA);
    let midDc = 0;
    let quarterDc = 0;
    for (let k = 0; k < FINE; k++) {
      const quarter = fineTap(0.25 + k);
      const threeQuarters = fineTap(0.75 + k);
      this.fineMid[k] = fineTap(0.5 + k);
      this.fineSum[k] = quarter + threeQuarters;
      this.fineDiff[k] = quarter - threeQuarters;
      midDc += 2 * this.fineMid[k];
      quarterDc += this.fineSum[k];
    }
    for (let k = 0; k < FINE; k++) {
      this.fineMid[k] /= midDc;
      this.fineSum[k] /= quarterDc;
      this.fineDiff[k] /= quarterDc;
    }

    // BS.1770 as the meters run it (unnormalised): value at c + p/4 = Σ c[p + 4k]·x[c + 6 − k].
    const c = bs1770Taps(4);
    for (let k = 0; k < 6; k++) {
      this.bsMid[k] = c[26 + 4 * k];
      this.bsSum[k] = c[25 + 4 * k] + c[21 - 4 * k];
      this.bsDiff[k] = c[25 + 4 * k] - c[21 - 4 * k];
    }

    // Every 8× point is a linear filter on the input (the 2× points are x itself or half-band
    // sums, the ¼, ½, ¾ points fine-stage sums of those), so its magnitude is at most the
    // filter's absolute tap sum times the largest |input| it reads. The filters composed: a
    // bound well below the product of the two stages' tap sums.
    const origin = 2 * HALF_BAND;
    /** 2× point z[j] (segment c = 0) as taps on x[m], at m + origin. */
    const twoTimes = (j: number): Float64Array => {
      const taps = new Float64Array(2 * origin);
      if (j % 2 === 0) taps[origin + j / 2] = 1;
      else {
        const q = (j - 1) / 2;
        for (let k = 0; k < HALF_BAND; k++) {
          taps[origin + q - k] += this.half[k];
          taps[origin + q + 1 + k] += this.half[k];
        }
      }
      return taps;
    };
    const absSum = (taps: Float64Array) => taps.reduce((total, tap) => total + Math.abs(tap), 0);
    let eightTimes = 0;
    for (let j = 0; j < 2; j++) {
      const quarter = new Float64Array(2 * origin);
      const centre = new Float64Array(2 * origin);
      const threeQuarters = new Float64Array(2 * origin);
      for (let k = 0; k < FINE; k++) {
        const a = twoTimes(j - k);
        const b = twoTimes(j + 1 + k);
        for (let m = 0; m < 2 * origin; m++) {
          const sum = this.fineSum[k] * (a[m] + b[m]);
          const diff = this.fineDiff[k] * (a[m] - b[m]);
          quarter[m] += 0.5 * (sum + diff);
          centre[m] += this.fineMid[k] * (a[m] + b[m]);
          threeQuarters[m] += 0.5 * (sum - diff);
        }
      }
      eightTimes = Math.max(
        eightTimes,
        absSum(twoTimes(j)),
        absSum(quarter),
        absSum(centre),
        absSum(threeQuarters),
      );
    }
    let bsSum = 0;
    for (let p = 1; p < 4; p++) {
      let phase = 0;
      for (let k = 0; k < 12; k++) phase += Math.abs(c[p + 4 * k]);
      bsSum = Math.max(bsSum, phase);
    }
    this.gainBound = Math.max((9 / 8) * eightTimes, bsSum) * (1 + 1e-9);
  }

  /** Writes into peaks[at + i] the reading for input[from + i] (the peak of the sample `delay` earlier). */
  // biome-ignore format: hand-unrolled stages read better one tap group per line
  process(channel: number, input: Float64Array, from: number, to: number, peaks: Float64Array, at: number): void {
    if (!(channel >= 0 && channel < this.maxChannels)) {
      throw new RangeError(`TruePeakEnvelope: channel ${channel} is outside 0…${this.maxChannels - 1}`);
    }
    const x = this.x, z = this.z, s = this.state;
    const half = this.half, fineMid = this.fineMid, fineSum = this.fineSum, fineDiff = this.fineDiff;
    const bsMid = this.bsMid, bsSum = this.bsSum, bsDiff = this.bsDiff;
    const xo = channel * 2 * X_RING;
    const zo = channel * 2 * Z_RING;
    const so = channel * STATE;
    let prev = s[so], prev2 = s[so + 1], lastSegment = s[so + 2];
    let wx = this.positions[2 * channel], wz = this.positions[2 * channel + 1];
    // Two input samples per pass: their half-band sums (the long part) share one loop as two
    // independent chains, each still added in tap order. The second sample's newest input joins
    // only as its last term: written to the ring now, it would overwrite the first one's oldest.
    for (let i = from; i < to; i += 2) {
      const count = i + 1 < to ? 2 : 1;
      let v = input[i];
      if (v - v !== 0) v = 0;
      let next = count === 2 ? input[i + 1] : 0;
      if (next - next !== 0) next = 0;
      x[xo + wx] = v;
      x[xo + wx + X_RING] = v;
      wx = wx + 1 === X_RING ? 0 : wx + 1;
      // x[q + m] sits at xb + m, where q = n − HALF_BAND is the sample the half-band is centred after.
      let xb = xo + wx + HALF_BAND - 1;
      let mid = 0, nextMid = 0;
      for (let k = 0; k < HALF_BAND - 1; k++) {
        const tap = half[k];
        mid += tap * (x[xb - k] + x[xb + 1 + k]);
        nextMid += tap * (x[xb + 1 - k] + x[xb + 2 + k]);
      }
      const lastTap = half[HALF_BAND - 1];
      mid += lastTap * (x[xb + 1 - HALF_BAND] + x[xb + HALF_BAND]);
      nextMid += lastTap * (x[xb + 2 - HALF_BAND] + next);

      for (let j = 0; j < count; j++) {
        if (j === 1) {
          x[xo + wx] = next;
          x[xo + wx + X_RING] = next;
          wx = wx + 1 === X_RING ? 0 : wx + 1;
          xb = xo + wx + HALF_BAND - 1;
          mid = nextMid;
        }
        z[zo + wz] = x[xb];
        z[zo + wz + Z_RING] = x[xb];
        z[zo + wz + 1] = mid;
        z[zo + wz + 1 + Z_RING] = mid;
        wz = wz + 2 === Z_RING ? 0 : wz + 2;

        // Segment [c, c + 1), c = q − 2: eight points from its two 2× segments j = 2c and 2c + 1.
        // z[2q + 1 + e] sits at zb + e, so z[2c + m] is at zb − 5 + m.
        const zb = zo + wz + Z_RING - 1;
        let segment = 0;
        for (let second = 0; second < 2; second++) {
          const j = zb - 5 + second; // where z[2c + second] is
          let sum = 0, diff = 0, centre = 0;
          for (let k = 0; k < FINE; k++) {
            const a = z[j - k], b = z[j + 1 + k];
            sum += fineSum[k] * (a + b);
            diff += fineDiff[k] * (a - b);
            centre += fineMid[k] * (a + b);
          }
          // The four points z[j], ¼, ½, ¾ in time order, each checked as the right neighbour of `prev`.
          for (let p = 0; p < 4; p++) {
            const u = Math.abs(
              p === 0 ? z[j] : p === 1 ? 0.5 * (sum + diff) : p === 2 ? centre : 0.5 * (sum - diff),
            );
            if (prev >= prev2 && prev >= u) {
              // Vertex of the parabola through (prev2, prev, u): prev + (prev2 − u)² / (8(2prev − prev2 − u)).
              const curvature = 2 * prev - prev2 - u;
              if (curvature > 0) {
                const vertex = prev + ((prev2 - u) * (prev2 - u)) / (8 * curvature);
                if (vertex > segment) segment = vertex;
              }
            }
            if (u > segment) segment = u;
            prev2 = prev;
            prev = u;
          }
        }

        // BS.1770 4× at c + ¼, ½, ¾ from x[c − 5 … c + 6]; x[c + m] is at xb − 2 + m.
        const c = xb - 2;
        let bsS = 0, bsD = 0, bsM = 0;
        for (let k = 0; k < 6; k++) {
          const a = x[c - k], b = x[c + 1 + k];
          bsS += bsSum[k] * (a + b);
          bsD += bsDiff[k] * (a - b);
          bsM += bsMid[k] * (a + b);
        }
        const bs = Math.max(0.5 * (Math.abs(bsS) + Math.abs(bsD)), Math.abs(bsM));
        if (bs > segment) segment = bs;

        peaks[at++] = Math.max(segment, lastSegment);
        lastSegment = segment;
      }
    }
    s[so] = prev; s[so + 1] = prev2; s[so + 2] = lastSegment;
    this.positions[2 * channel] = wx; this.positions[2 * channel + 1] = wz;
  }

  /** Forgets the history of one channel, or of all (as just constructed). */
  reset(channel?: number): void {
    if (channel === undefined) {
      this.x.fill(0);
      this.z.fill(0);
      this.state.fill(0);
      this.positions.fill(0);
      return;
    }
    this.x.fill(0, channel * 2 * X_RING, (channel + 1) * 2 * X_RING);
    this.z.fill(0, channel * 2 * Z_RING, (channel + 1) * 2 * Z_RING);
    this.state.fill(0, channel * STATE, (channel + 1) * STATE);
    this.positions.fill(0, 2 * channel, 2 * channel + 2);
  }
}
