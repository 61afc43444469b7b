// Quantisation to 16/24-bit PCM with TPDF dither. Triangular dither of ±1 LSB (the sum of two independent
// uniform values) makes the first two moments of the quantisation error independent of the signal:
// error mean 0 and variance 1/4 LSB² (1/6 from the dither, 1/12 from rounding), no harmonic distortion.

/** PCM bit depths a delivery file can have. */
export type PcmBits = 16 | 24;

/** The seed used when none is given: every render of the same audio gets the same dither. */
export const DEFAULT_DITHER_SEED = 0x1a7e;

const TWO_TO_32 = 4294967296;

/**
 * A seeded source of TPDF dither (xoshiro128**, seeded through splitmix32), so a render can be
 * reproduced sample for sample.
 */
export class TpdfDither {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param seed any integer; the same seed gives the same sequence. */
  constructor(seed: number = DEFAULT_DITHER_SEED) {
    if (!Number.isInteger(seed)) throw new RangeError(`dither seed: expected an integer, got ${seed}`);
    let state = seed >>> 0;
    const splitmix = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
  }

  /** A uniform value in [0, 1) with 32 random bits. */
  uniform(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result / TWO_TO_32;
  }

  /** One dither value in LSB: triangular on (−1, 1), mean 0, variance 1/6. */
  next(): number {
    return this.uniform() - this.uniform();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export interface QuantizeOptions {
  /** Add TPDF dither before rounding (default true); false rounds to the nearest step. */
  dither?: boolean;
  /** Dither seed (default DEFAULT_DITHER_SEED). */
  seed?: number;
}

export interface QuantizeResult {
  /** The quantised samples as floats on the PCM grid (k / 2^(bits−1), exact in a Float32Array). */
  channels: Float32Array[];
  /** Samples that fell outside full scale after dither and were clipped to it. */
  clippedSamples: number;
}

/**
 * Quantises float samples (full scale ±1) to `bits`-bit PCM steps, with TPDF dither unless
 * `dither: false`. Values beyond full scale clip to −1 and 1 − 1 LSB and are counted. Channels are
 * processed one after another from one dither source, so the result depends only on input and seed.
 * @throws RangeError for a non-finite sample (naming channel and index) or an unsupported bit depth.
 */
export function quantize(
  channels: readonly Float32Array[],
  bits: PcmBits,
  options: QuantizeOptions = {},
): QuantizeResult {
  if (bits !== 16 && bits !== 24) throw new RangeError(`quantize: bits must be 16 or 24, got ${bits}`);
  const dither = options.dither ?? true;
  const source = dither ? new TpdfDither(options.seed ?? DEFAULT_DITHER_SEED) : null;
  const scale = 2 ** (bits - 1);
  const max = scale - 1;
  const min = -scale;
  let clippedSamples = 0;
  const result = channels.map((input, c) => {
    const output = new Float32Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const x = input[i];
      if (!Number.isFinite(x)) throw new RangeError(`quantize: channels[${c}][${i}] is ${x}`);
      let q = Math.round(x * scale + (source ? source.next() : 0));
      if (q > max) {
        q = max;
        clippedSamples++;
      } else if (q < min) {
        q = min;
        clippedSamples++;
      }
      output[i] = q / scale;
    }
    return output;
  });
  return { channels: result, clippedSamples };
}
