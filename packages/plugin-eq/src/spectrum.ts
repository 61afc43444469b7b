// The live spectrum under the EQ curve: pre- and post-EQ mono sums, Hann-windowed FFT about 25
// times a second at fixed positions of the absolute sample count (so any block split gives the
// same frames), reduced to log-spaced bands in dB. Pure TypeScript; allocates only in its
// constructor. The GUI smooths the frames over time.
import { Fft, hannWindow } from '@lathe/dsp';

export const SPECTRUM_BANDS = 96;
export const SPECTRUM_LOW_HZ = 20;
export const SPECTRUM_HIGH_HZ = 20_000;
/** What silence reads (finite, so frames never carry −Infinity): 10·log10(FLOOR_POWER). */
export const SPECTRUM_FLOOR_DB = -150;
const ANALYSES_PER_SECOND = 25;

/** Centre frequency of spectrum band `i`, log-spaced from 20 Hz to 20 kHz. */
export function spectrumBandFrequency(i: number): number {
  return SPECTRUM_LOW_HZ * (SPECTRUM_HIGH_HZ / SPECTRUM_LOW_HZ) ** (i / (SPECTRUM_BANDS - 1));
}

export class SpectrumAnalyser {
  /** FFT length: 2048 at 44.1/48 kHz, doubled per doubling of the rate (same resolution in Hz). */
  readonly size: number;
  readonly hop: number;
  /** The latest frame, in dB re a full-scale sine, per band. */
  readonly preDb = new Float64Array(SPECTRUM_BANDS).fill(SPECTRUM_FLOOR_DB);
  readonly postDb = new Float64Array(SPECTRUM_BANDS).fill(SPECTRUM_FLOOR_DB);
  /**
   * The pre- and post-EQ mono sums as rings: the producer `take`s a pass of n ≤ size samples into
   * each, then calls `advance(n)`. Twice the FFT length, so a pass can be written ahead of a frame
   * that falls due inside it without overwriting that frame's window.
   */
  readonly pre: Float32Array;
  readonly post: Float32Array;
  readonly ringMask: number;
  /** Where the next pass starts in the rings. */
  cursor = 0;
  private readonly fft: Fft;
  private readonly window: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  // Band i covers bins [first[i], last[i]]; a band narrower than a bin reads the power
  // interpolated at its centre (bin `at[i]`, fractional) instead.
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly at: Float64Array;
  private readonly scale: number;
  private readonly power = new Float64Array(2);
  private sinceLast = 0;

  constructor(sampleRate: number) {
    this.size = 2048 * 2 ** Math.max(0, Math.round(Math.log2(sampleRate / 48_000)));
    this.hop = Math.round(sampleRate / ANALYSES_PER_SECOND);
    this.fft = new Fft(this.size);
    this.window = hannWindow(this.size);
    this.pre = new Float32Array(2 * this.size);
    this.post = new Float32Array(2 * this.size);
    this.ringMask = 2 * this.size - 1;
    this.re = new Float64Array(this.size);
    this.im = new Float64Array(this.size);
    this.first = new Int32Array(SPECTRUM_BANDS);
    this.last = new Int32Array(SPECTRUM_BANDS);
    this.at = new Float64Array(SPECTRUM_BANDS);
    const binHz = sampleRate / this.size;
    const halfStep = (SPECTRUM_HIGH_HZ / SPECTRUM_LOW_HZ) ** (0.5 / (SPECTRUM_BANDS - 1));
    const topBin = this.size / 2 - 1;
    for (let i = 0; i < SPECTRUM_BANDS; i++) {
      const f = spectrumBandFrequency(i);
      this.first[i] = Math.min(topBin, Math.ceil(f / halfStep / binHz));
      this.last[i] = Math.min(topBin, Math.floor((f * halfStep) / binHz));
      this.at[i] = Math.min(topBin, f / binHz);
    }
    // A full-scale sine reads 0 dB: |X| = amplitude · Σw / 2 at its bin.
    let sum = 0;
    for (const w of this.window) sum += w;
    this.scale = 4 / (sum * sum);
  }

  /** Writes the mono sum of a[offset…offset + n) and b's into `ring` (pre or post) from the cursor. */
  take(ring: Float32Array, a: Float32Array, b: Float32Array, offset: number, n: number): void {
    const mask = this.ringMask;
    const cursor = this.cursor;
    for (let i = 0; i < n; i++) {
      const mono = 0.5 * (a[offset + i] + b[offset + i]);
      // A non-finite sum (either channel non-finite) is read as silence: the display must not break.
      ring[(cursor + i) & mask] = mono - mono === 0 ? mono : 0;
    }
  }

  /**
   * Moves past the n samples just taken into the rings; frames fall due at fixed sample counts,
   * and are computed only when `analyse` (nobody watching: nothing is taken, the FFTs are saved).
   */
  advance(n: number, analyse: boolean): void {
    let remaining = n;
    while (remaining >= this.hop - this.sinceLast) {
      const due = this.hop - this.sinceLast;
      remaining -= due;
      this.cursor = (this.cursor + due) & this.ringMask;
      this.sinceLast = 0;
      if (analyse) this.analyse();
    }
    this.cursor = (this.cursor + remaining) & this.ringMask;
    this.sinceLast += remaining;
  }

  /** Silences the rings (what a display starting to watch should not see), keeping the frame grid. */
  clear(): void {
    this.pre.fill(0);
    this.post.fill(0);
  }

  reset(): void {
    this.clear();
    this.preDb.fill(SPECTRUM_FLOOR_DB);
    this.postDb.fill(SPECTRUM_FLOOR_DB);
    this.cursor = 0;
    this.sinceLast = 0;
  }

  // The `size` samples before the cursor, oldest first, windowed.
  // Both real signals in one complex FFT (pre real, post imaginary), separated by symmetry:
  // P[k] = (Z[k] + conj Z[N−k])/2, Q[k] = (Z[k] − conj Z[N−k])/2i. Written out inline, with the
  // band's powers in `power`, because a number returned from a call that is not inlined is boxed.
  private analyse(): void {
    const { size, re, im, window, power } = this;
    const mask = this.ringMask;
    const first = this.cursor - size;
    for (let i = 0; i < size; i++) {
      const j = (first + i) & mask;
      re[i] = this.pre[j] * window[i];
      im[i] = this.post[j] * window[i];
    }
    this.fft.forward(re, im);
    for (let band = 0; band < SPECTRUM_BANDS; band++) {
      const interpolate = this.first[band] > this.last[band];
      const from = interpolate ? Math.floor(this.at[band]) : this.first[band];
      const to = interpolate ? from + 1 : this.last[band];
      const t = this.at[band] - from;
      power[0] = 0;
      power[1] = 0;
      for (let k = from; k <= to; k++) {
        const m = (size - k) % size;
        const pr = re[k] + re[m];
        const pi = im[k] - im[m];
        const qr = re[k] - re[m];
        const qi = im[k] + im[m];
        const pre = 0.25 * (pr * pr + pi * pi);
        const post = 0.25 * (qr * qr + qi * qi);
        if (interpolate) {
          // A band narrower than a bin: the power interpolated at its centre.
          const w = k === from ? 1 - t : t;
          power[0] += w * pre;
          power[1] += w * post;
        } else {
          // The strongest bin in the band: a sine reads its level whatever the band's width.
          if (pre > power[0]) power[0] = pre;
          if (post > power[1]) power[1] = post;
        }
      }
      // Clamped to the floor without a branch: a branch merging a module constant (whose type
      // the optimiser does not track) with a computed double would box the double every time.
      this.preDb[band] = 10 * Math.log10(Math.max(power[0] * this.scale, 1e-15));
      this.postDb[band] = 10 * Math.log10(Math.max(power[1] * this.scale, 1e-15));
    }
  }
}
