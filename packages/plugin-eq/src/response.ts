// What a band's coefficients do, shared by the kernel (auto gain) and the GUI (the curve): both
// design with the same call and read the magnitude from the very coefficients the kernel runs.
import { EQ_SECTION_STRIDE, EQ_SLOPES, type EqDesigner } from '@lathe/dsp';

/**
 * Designs one band into `out`, as the kernel does: frequency, gain and Q in `settings[0…2]`, type
 * and slope as their choice indices. Returns the section count.
 */
export function designBand(
  designer: EqDesigner,
  type: number,
  slope: number,
  settings: Float64Array,
  out: Float64Array,
): number {
  return designer.designFrom(type, EQ_SLOPES[slope] ?? 12, settings, out);
}

/**
 * |H|² of a cascade of sections at fixed frequencies, with cos(jω) and sin(jω) tabulated once so
 * evaluating needs no trigonometry (and no allocation).
 */
export class PowerTable {
  readonly frequencies: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(frequencies: Float64Array, sampleRate: number) {
    this.frequencies = frequencies;
    this.cos = new Float64Array(frequencies.length * 4);
    this.sin = new Float64Array(frequencies.length * 4);
    frequencies.forEach((f, k) => {
      const w = (2 * Math.PI * f) / sampleRate;
      for (let j = 0; j < 4; j++) {
        this.cos[k * 4 + j] = Math.cos((j + 1) * w);
        this.sin[k * 4 + j] = Math.sin((j + 1) * w);
      }
    });
  }

  /**
   * Multiplies |H|² of `sections` sections of `c` into `into[k]` at frequencies k = first,
   * first + step, … (results in an array, not returned: no boxed numbers on the audio thread).
   */
  multiply(c: Float64Array, sections: number, into: Float64Array, first: number, step: number): void {
    for (let k = first; k < this.frequencies.length; k += step) {
      let power = 1;
      for (let s = 0; s < sections; s++) {
        const o = s * EQ_SECTION_STRIDE;
        let nr = c[o];
        let ni = 0;
        let dr = 1;
        let di = 0;
        for (let j = 0; j < 4; j++) {
          const cos = this.cos[k * 4 + j];
          const sin = this.sin[k * 4 + j];
          nr += c[o + 1 + j] * cos;
          ni -= c[o + 1 + j] * sin;
          dr += c[o + 5 + j] * cos;
          di -= c[o + 5 + j] * sin;
        }
        power *= (nr * nr + ni * ni) / (dr * dr + di * di);
      }
      into[k] *= power;
    }
  }
}

/** `count` frequencies log-spaced from `low` to `high`. */
export function logFrequencies(count: number, low = 20, high = 20_000): Float64Array {
  return Float64Array.from({ length: count }, (_, k) => low * (high / low) ** (k / (count - 1)));
}
