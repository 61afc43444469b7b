import { describe, expect, it } from 'vitest';
import {
  EQ_FILTER_TYPES,
  EQ_MAX_SECTIONS,
  EQ_SECTION_STRIDE,
  EQ_SLOPES,
  EqDesigner,
  type EqFilterType,
  eqSectionCount,
  sectionsMagnitude,
} from './eq-design.ts';

// dsp compiles without Node or DOM types; the measured figures go to the test log all the same.
declare const console: { log(message: string): void };

// The analog prototypes, evaluated here independently of the design code: complex arithmetic on
// the textbook transfer functions at s = j·f/f0 (Butterworth cuts from their closed-form
// magnitude, not from sections).
type Complex = readonly [number, number];
const add = (...terms: Complex[]): Complex => [
  terms.reduce((sum, t) => sum + t[0], 0),
  terms.reduce((sum, t) => sum + t[1], 0),
];
const times = (k: number, [re, im]: Complex): Complex => [k * re, k * im];
const power = ([re, im]: Complex) => re * re + im * im;
const ratioDb = (n: Complex, d: Complex) => 10 * Math.log10(power(n) / power(d));

function analogDb(type: EqFilterType, f: number, f0: number, gain: number, q: number, slope: number): number {
  const x = f / f0;
  const s: Complex = [0, x];
  const s2: Complex = [-x * x, 0];
  const one: Complex = [1, 0];
  const A = 10 ** (gain / 40);
  const r = Math.sqrt(A) / q;
  switch (type) {
    case 'bell': // (s² + s·A/Q + 1)/(s² + s/(AQ) + 1)
      return ratioDb(add(s2, times(A / q, s), one), add(s2, times(1 / (A * q), s), one));
    case 'lowShelf': // A·(s² + s·√A/Q + A)/(A·s² + s·√A/Q + 1)
      return 20 * Math.log10(A) + ratioDb(add(s2, times(r, s), [A, 0]), add(times(A, s2), times(r, s), one));
    case 'highShelf': // A·(A·s² + s·√A/Q + 1)/(s² + s·√A/Q + A)
      return 20 * Math.log10(A) + ratioDb(add(times(A, s2), times(r, s), one), add(s2, times(r, s), [A, 0]));
    case 'tiltShelf': // the high shelf over A: ±gain/2 at the extremes
      return ratioDb(add(times(A, s2), times(r, s), one), add(s2, times(r, s), [A, 0]));
    case 'notch': // (s² + 1)/(s² + s/Q + 1)
      return ratioDb(add(s2, one), add(s2, times(1 / q, s), one));
    case 'bandPass': // (s/Q)/(s² + s/Q + 1)
      return ratioDb(times(1 / q, s), add(s2, times(1 / q, s), one));
    case 'lowCut':
    case 'highCut': {
      if (slope === 12) {
        // The resonant second-order cut: s²/(s² + s/Q + 1) or 1/(s² + s/Q + 1).
        return ratioDb(type === 'lowCut' ? s2 : one, add(s2, times(1 / q, s), one));
      }
      // Butterworth of order N = slope/6: |H|² = 1/(1 + x^-2N) or 1/(1 + x^2N).
      const order = slope / 6;
      return -10 * Math.log10(1 + x ** (type === 'lowCut' ? -2 * order : 2 * order));
    }
  }
}

const TEST_FREQUENCIES = Array.from({ length: 200 }, (_, k) => 20 * 1000 ** (k / 199));
const logSpaced = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, k) => from * (to / from) ** (k / (count - 1)));

interface Setting {
  type: EqFilterType;
  frequency: number;
  gain: number;
  q: number;
  slope: number;
}

/** Worst |digital − analog| in dB over 200 log-spaced frequencies, 20 Hz – 20 kHz, and where. */
function worstDeviation(settings: readonly Setting[], sampleRate: number) {
  const designer = new EqDesigner(sampleRate);
  const coefficients = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
  let worst = { deviation: 0, setting: settings[0], frequency: 0 };
  for (const setting of settings) {
    const sections = designer.design(setting, coefficients);
    for (const f of TEST_FREQUENCIES) {
      const analog = analogDb(setting.type, f, setting.frequency, setting.gain, setting.q, setting.slope);
      const digital = 20 * Math.log10(sectionsMagnitude(coefficients, sections, f, sampleRate));
      // Exactly on a notch both are zero: the digital one must be deep too.
      const deviation =
        analog === Number.NEGATIVE_INFINITY ? (digital < -60 ? 0 : Infinity) : Math.abs(digital - analog);
      // (NaN would mean a broken design: it must fail, so it is compared as "not ≤".)
      if (!(deviation <= worst.deviation)) worst = { deviation, setting, frequency: f };
    }
  }
  return worst;
}

function grid(
  types: readonly EqFilterType[],
  frequencies: readonly number[],
  gains: readonly number[],
  qs: readonly number[],
  slopes: readonly number[] = [12],
): Setting[] {
  const settings: Setting[] = [];
  for (const type of types)
    for (const frequency of frequencies)
      for (const gain of gains)
        for (const q of qs) for (const slope of slopes) settings.push({ type, frequency, gain, q, slope });
  return settings;
}

const TIGHT_GAINS = [-12, -6, -3, -1, 1, 3, 6, 12];
const ALL_GAINS = [-24, -18, -12, -6, -1, 1, 6, 12, 18, 24];
const ALL_QS = [0.1, 0.25, 0.5, 0.71, 1.5, 4, 10, 18];
const CLASSES = {
  'bells, Q 0.5–4, ±12 dB, f0 ≤ 16 kHz': {
    bar: 0.5,
    settings: grid(['bell'], logSpaced(20, 16_000, 16), TIGHT_GAINS, [0.5, 0.71, 1, 2, 4]),
  },
  'shelves (low, high, tilt), ±12 dB, f0 ≤ 12 kHz': {
    bar: 0.5,
    settings: grid(
      ['lowShelf', 'highShelf', 'tiltShelf'],
      logSpaced(20, 12_000, 14),
      TIGHT_GAINS,
      [0.5, 0.71, 1, 2, 4],
    ),
  },
  'bells and shelves, any Q, ±24 dB, f0 to 20 kHz': {
    bar: 1,
    settings: grid(
      ['bell', 'lowShelf', 'highShelf', 'tiltShelf'],
      logSpaced(20, 20_000, 14),
      ALL_GAINS,
      ALL_QS,
    ),
  },
  'cuts, 6–96 dB/oct (Q at 12), f0 20 Hz – 20 kHz': {
    bar: 1,
    settings: [
      ...grid(['lowCut', 'highCut'], logSpaced(20, 20_000, 14), [0], [0.71], EQ_SLOPES),
      ...grid(['lowCut', 'highCut'], logSpaced(20, 20_000, 14), [0], ALL_QS, [12]),
    ],
  },
  'notch and band-pass, any Q, f0 20 Hz – 20 kHz': {
    bar: 1,
    settings: grid(['notch', 'bandPass'], logSpaced(20, 20_000, 17), [0], ALL_QS),
  },
};

describe('EqDesigner against the analog prototypes', () => {
  for (const sampleRate of [44_100, 48_000]) {
    for (const [name, { bar, settings }] of Object.entries(CLASSES)) {
      it(`${name}: within ${bar} dB at ${sampleRate / 1000} kHz`, () => {
        const worst = worstDeviation(settings, sampleRate);
        const { type, frequency, gain, q, slope } = worst.setting;
        console.log(
          `[eq-design] ${sampleRate} Hz, ${name}: worst ${worst.deviation.toFixed(3)} dB ` +
            `(${type} ${frequency.toFixed(0)} Hz ${gain} dB Q ${q} ${slope} dB/oct, at ${worst.frequency.toFixed(0)} Hz)`,
        );
        expect(worst.deviation).toBeLessThanOrEqual(bar);
      });
    }
  }

  it('does not cramp where the bilinear transform does: +6 dB, Q 1 bell at 16 kHz, 48 kHz', () => {
    // dsp.md: analog 1.88 dB at 8 kHz and 3.52 dB at 24 kHz; the RBJ bell reads 0.78 and 0.
    const designer = new EqDesigner(48_000);
    const c = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
    const n = designer.design({ type: 'bell', frequency: 16_000, gain: 6, q: 1, slope: 12 }, c);
    const db = (f: number) => 20 * Math.log10(sectionsMagnitude(c, n, f, 48_000));
    expect(Math.abs(db(8000) - 1.88)).toBeLessThan(0.15);
    expect(Math.abs(db(16_000) - 6)).toBeLessThan(0.15);
    expect(db(23_900)).toBeGreaterThan(2.5);
  });

  it('is exactly flat for bells and shelves at 0 dB', () => {
    const designer = new EqDesigner(48_000);
    const c = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
    for (const type of ['bell', 'lowShelf', 'highShelf', 'tiltShelf'] as const) {
      const n = designer.design({ type, frequency: 1000, gain: 0, q: 1, slope: 12 }, c);
      expect(Array.from(c.subarray(0, n * EQ_SECTION_STRIDE))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    }
  });
});

describe('EqDesigner designs', () => {
  // Seeded settings over the whole parameter space and 44.1–192 kHz.
  function* randomSettings(count: number): Generator<Setting & { sampleRate: number }> {
    let seed = 99;
    const next = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const rates = [44_100, 48_000, 88_200, 96_000, 176_400, 192_000];
    for (let i = 0; i < count; i++) {
      yield {
        sampleRate: rates[Math.floor(next() * rates.length)],
        type: EQ_FILTER_TYPES[Math.floor(next() * EQ_FILTER_TYPES.length)],
        frequency: 20 * 1000 ** next(),
        gain: 48 * next() - 24,
        q: 0.1 * 180 ** next(),
        slope: EQ_SLOPES[Math.floor(next() * EQ_SLOPES.length)],
      };
    }
  }

  it('are finite, stable and as many sections as eqSectionCount says, at any setting and rate', () => {
    const designers = new Map<number, EqDesigner>();
    const c = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
    for (const setting of randomSettings(400)) {
      let designer = designers.get(setting.sampleRate);
      if (!designer) {
        designer = new EqDesigner(setting.sampleRate);
        designers.set(setting.sampleRate, designer);
      }
      const n = designer.design(setting, c);
      expect(n).toBe(eqSectionCount(setting.type, setting.slope));
      expect(Array.from(c.subarray(0, n * EQ_SECTION_STRIDE)).every(Number.isFinite)).toBe(true);
      // Stability: each section's recursive part decays (its impulse response over 2 s).
      for (let s = 0; s < n; s++) {
        const o = s * EQ_SECTION_STRIDE + 5;
        let [y1, y2, y3, y4] = [0, 0, 0, 0];
        let peak = 0;
        let tail = 0;
        const length = setting.sampleRate;
        for (let i = 0; i < length; i++) {
          const v = (i === 0 ? 1 : 0) - c[o] * y1 - c[o + 1] * y2 - c[o + 2] * y3 - c[o + 3] * y4;
          [y4, y3, y2, y1] = [y3, y2, y1, v];
          peak = Math.max(peak, Math.abs(v));
          if (i >= length - 100) tail = Math.max(tail, Math.abs(v));
        }
        expect(tail / peak, JSON.stringify(setting)).toBeLessThan(0.5);
      }
    }
  });

  it('move continuously with frequency, gain and Q (what smoothing relies on)', () => {
    const designer = new EqDesigner(48_000);
    const a = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
    const b = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
    const sweeps: [string, (t: number) => Setting][] = [];
    for (const type of EQ_FILTER_TYPES) {
      const slope = type.endsWith('Cut') ? 48 : 12;
      sweeps.push(
        [`${type} frequency`, (t) => ({ type, frequency: 20 * 1000 ** t, gain: 9, q: 3, slope })],
        [`${type} gain`, (t) => ({ type, frequency: 3000, gain: 48 * t - 24, q: 3, slope })],
        [`${type} Q`, (t) => ({ type, frequency: 3000, gain: -9, q: 0.1 * 180 ** t, slope })],
      );
    }
    const steps = 600;
    for (const [name, at] of sweeps) {
      const jumps: number[] = [];
      let n = designer.design(at(0), a);
      for (let i = 1; i <= steps; i++) {
        const [previous, current] = i % 2 === 1 ? [a, b] : [b, a];
        n = designer.design(at(i / steps), current);
        let jump = 0;
        for (let j = 0; j < n * EQ_SECTION_STRIDE; j++)
          jump = Math.max(jump, Math.abs(current[j] - previous[j]));
        jumps.push(jump);
      }
      // A discontinuity is a step far larger than its neighbours'.
      for (let i = 2; i < jumps.length - 2; i++) {
        const around = Math.max(jumps[i - 2], jumps[i - 1], jumps[i + 1], jumps[i + 2]);
        expect(jumps[i] <= 4 * around || jumps[i] < 1e-4, `${name} step ${i}`).toBe(true);
      }
    }
  });
});
