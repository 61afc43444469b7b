// Parametric-EQ filter design that follows the analog prototype up to the top of the audio band.
//
// A band is a cascade of sections (b0…b4)/(1, a1…a4). Each analog second-order section becomes:
//  1. Poles: the impulse-invariant images of the analog poles, z = e^(sT). Resonance frequency
//     and damping are exact, so nothing cramps towards Nyquist (the bilinear transform's flaw).
//  2. A numerator fitted per setting. On the unit circle |B(e^jω)|² is a polynomial in
//     s = sin²(ω/2) (Vicanek's φ-basis, rewritten as powers of s), linear in its coefficients, so
//     matching it to |H_analog|²·|A_digital|² at ~40 frequencies (log-spaced, denser over the top
//     octave and around the section's resonances) is a small weighted least-squares problem;
//     Lawson reweighting moves it towards the equal-ripple fit. The fitted |B|² is then factored
//     into its minimum-phase B(z).
// A second-order numerator is enough for bells (one resonance). Shelves have two resonances
// (poles and zeros apart), so their numerator is fourth order: it places the zeros and makes up
// for both images' aliasing. Cuts and the notch end with a fourth-order all-zero correction fitted
// to what the cascade leaves. The sharper resonance is always the one matched exactly: a bell cut,
// a cut low shelf, a boosting high shelf or tilt is designed as its exact reciprocal and inverted.
// Fit points are clamped into the fitted band (never dropped), so coefficients move continuously
// with the parameters, which the kernel's smoothing relies on. All arithmetic is double precision;
// the designer allocates only in its constructor.

export const EQ_FILTER_TYPES = [
  'bell',
  'lowShelf',
  'highShelf',
  'lowCut',
  'highCut',
  'notch',
  'bandPass',
  'tiltShelf',
] as const;
export type EqFilterType = (typeof EQ_FILTER_TYPES)[number];

/** Cut slopes in dB/octave: Butterworth of order slope/6. */
export const EQ_SLOPES = [6, 12, 18, 24, 36, 48, 72, 96] as const;
export type EqSlope = (typeof EQ_SLOPES)[number];

/** Doubles per section: b0, b1, b2, b3, b4, a1, a2, a3, a4 (a0 = 1). */
export const EQ_SECTION_STRIDE = 9;
/** Sections of the steepest cut: 96 dB/oct = 16th order = 8 pole pairs, plus its correction. */
export const EQ_MAX_SECTIONS = 9;

export interface EqBandSettings {
  readonly type: EqFilterType;
  readonly frequency: number;
  /** dB; bells, shelves and the tilt shelf only. */
  readonly gain: number;
  /** Bells, shelves, notch, band-pass, tilt, and the 12 dB/oct cuts (their resonance). */
  readonly q: number;
  /** dB/octave; cuts only. */
  readonly slope: number;
}

/** Sections a band of this type and slope designs (fixed: continuous parameters never change it). */
export function eqSectionCount(type: EqFilterType, slope: number): number {
  switch (type) {
    case 'lowCut':
    case 'highCut':
      return Math.ceil(butterworthOrder(slope) / 2) + 1;
    case 'notch':
      return 2;
    default:
      return 1;
  }
}

const BELL = 0;
const LOW_SHELF = 1;
const HIGH_SHELF = 2;
const LOW_CUT = 3;
const HIGH_CUT = 4;
const NOTCH = 5;
const BAND_PASS = 6;
const TILT_SHELF = 7;

// Which coefficients g_j of |B|² = Σ g_j·u^j (u = s/s0, s0 at f0) a fit may choose, bit j for
// u^j: a free biquad numerator, one with a zero at DC (band-pass), a first-order one, a gain alone
// on zeros fixed by `zeros()` (FIXED), or a fourth-order numerator (QUARTIC).
const FREE = 0b00111;
const DC_ZERO = 0b00110;
const FIRST_ORDER = 0b00011;
const FIXED = 0b00001;
const QUARTIC = 0b11111;

// The analog sections `prototype` writes.
const BELL_BOOST = 0;
const LOW_SHELF_PROTOTYPE = 1;
const HIGH_SHELF_PROTOTYPE = 2;
const TILT_PROTOTYPE = 3;
const NOTCH_PROTOTYPE = 4;
const NOTCH_FLANKS = 5;
const BAND_PASS_PROTOTYPE = 6;
const LOW_PASS_2 = 7;
const HIGH_PASS_2 = 8;
const LOW_PASS_1 = 9;
const HIGH_PASS_1 = 10;

// Which polynomial of the analog section `digitise` and `addPoints` read.
const NUMERATOR = 0;
const DENOMINATOR = 1;

const LOG_POINTS = 16;
const TOP_POINTS = 6;
const GUARD_POINTS = 3;
const GUARDS_FROM = LOG_POINTS + TOP_POINTS;
const GRID_POINTS = GUARDS_FROM + GUARD_POINTS;
/** Fit points added around each resonance. */
const LOCAL_POINTS = 5;
const MAX_POINTS = GRID_POINTS + 2 * LOCAL_POINTS;
const LAWSON_STEPS = 3;
const BOTTOM_HZ = 10;
/** Weight of a guard point, relative to an average in-band point (fourth-order fits only). */
const GUARD_WEIGHT = 0.2;
/** Fitted zeros stay inside this radius, so inverted sections keep their poles off the circle. */
const MAX_ZERO_RADIUS = 1 - 1e-6;

function butterworthOrder(slope: number): number {
  return Math.max(1, Math.min(16, Math.round(slope / 6)));
}

/**
 * Designs EQ bands for one sample rate. `design` writes sections into a Float64Array (stride
 * EQ_SECTION_STRIDE) and returns how many it wrote; it never allocates.
 */
export class EqDesigner {
  readonly sampleRate: number;
  /** Upper end of the fitted band: 20 kHz, or a little below Nyquist at low sample rates. */
  readonly fitTop: number;
  private readonly gridHz = new Float64Array(GRID_POINTS);
  // The band's fit points: frequency, s = sin²(ω/2), u = s/s0, the current target |B|², the
  // Lawson weights, and the analog/digital power ratio the sections so far leave (what a
  // correction section has to make up).
  private points = 0;
  private readonly hz = new Float64Array(MAX_POINTS);
  private readonly s = new Float64Array(MAX_POINTS);
  private readonly u = new Float64Array(MAX_POINTS);
  private readonly target = new Float64Array(MAX_POINTS);
  private readonly weight = new Float64Array(MAX_POINTS);
  private readonly residual = new Float64Array(MAX_POINTS);
  // Scratch: the fit's solution, its normal equations, the quartic's roots, the factor's
  // coefficients (complex while they are built).
  private readonly g = new Float64Array(5);
  private readonly normal = new Float64Array(36);
  private readonly free = new Int32Array(5);
  private readonly powers = new Float64Array(5);
  private readonly rootRe = new Float64Array(4);
  private readonly rootIm = new Float64Array(4);
  private readonly polyRe = new Float64Array(5);
  private readonly polyIm = new Float64Array(5);
  // The band and section being designed (set by designFrom and `prototype`): f0, s0 = sin²(ω0/2),
  // the prototype's A, Q and damping, and the analog section's numerator and denominator.
  private readonly values = new Float64Array(3);
  private f0 = 1;
  private s0 = 1;
  private a = 1;
  private q = 1;
  private damping = 1;
  private n2 = 0;
  private n1 = 0;
  private n0 = 1;
  private d2 = 0;
  private d1 = 0;
  private d0 = 1;
  // `digitise` results: 1 + k1·z⁻¹ + k2·z⁻², and its |·|² as c0 + c1·s + c2·s².
  private k1 = 0;
  private k2 = 0;
  private c0 = 0;
  private c1 = 0;
  private c2 = 0;
  // The zeros a FIXED numerator uses, in the same two forms.
  private z1 = 0;
  private z2 = 0;
  private zc0 = 0;
  private zc1 = 0;
  private zc2 = 0;

  constructor(sampleRate: number) {
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`EqDesigner: sample rate must be a positive number, got ${sampleRate}`);
    }
    this.sampleRate = sampleRate;
    this.fitTop = Math.min(20_000, 0.46 * sampleRate);
    // Log-spaced from 10 Hz, plus linearly spaced over the top octave, where the images of the
    // poles and zeros pull the digital response away from the analog one fastest.
    for (let k = 0; k < LOG_POINTS; k++) {
      this.gridHz[k] = BOTTOM_HZ * (this.fitTop / BOTTOM_HZ) ** (k / (LOG_POINTS - 1));
    }
    for (let k = 0; k < TOP_POINTS; k++) {
      this.gridHz[LOG_POINTS + k] = this.fitTop * (0.5 + (0.5 * (k + 0.5)) / TOP_POINTS);
    }
    // Guards between the band's top and Nyquist, lightly weighted: they keep the fit following
    // the prototype there, so |B|² cannot dip below zero just above the band.
    for (let k = 0; k < GUARD_POINTS; k++) {
      this.gridHz[GUARDS_FROM + k] =
        this.fitTop + (0.5 * sampleRate - this.fitTop) * ((k + 1) / (GUARD_POINTS + 0.5));
    }
  }

  /** Writes the band's sections into `out` from index 0 and returns how many (eqSectionCount). */
  design(settings: EqBandSettings, out: Float64Array): number {
    return this.designIndexed(
      EQ_FILTER_TYPES.indexOf(settings.type),
      settings.frequency,
      settings.gain,
      settings.q,
      settings.slope,
      out,
    );
  }

  /** `design` with the type as its index in EQ_FILTER_TYPES. */
  designIndexed(
    type: number,
    frequency: number,
    gain: number,
    q: number,
    slope: number,
    out: Float64Array,
  ): number {
    this.values[0] = frequency;
    this.values[1] = gain;
    this.values[2] = q;
    return this.designFrom(type, slope, this.values, out);
  }

  /**
   * The allocation-free path (for the audio thread): frequency, gain and Q in `values[0…2]`, the
   * type as its index in EQ_FILTER_TYPES, the slope in dB/octave. (Numbers passed to a call that
   * is not inlined are boxed on the heap; so here, and inside, doubles travel in typed arrays
   * and fields.)
   */
  designFrom(type: number, slope: number, values: Float64Array, out: Float64Array): number {
    const gain = values[1];
    this.f0 = Math.min(Math.max(values[0], 1), 0.49 * this.sampleRate);
    const h = Math.sin((Math.PI * this.f0) / this.sampleRate);
    this.s0 = h * h;
    const A = 10 ** (gain / 40);
    this.q = Math.max(values[2], 1e-3);
    switch (type) {
      case BELL: {
        // H = (s² + s·A/Q + 1)/(s² + s/(A·Q) + 1), designed as the boost, whose poles carry the
        // sharp resonance; a cut is the boost's exact inverse.
        if (gain === 0) return identity(out);
        this.a = gain > 0 ? A : 1 / A;
        this.prototype(BELL_BOOST);
        this.startPoints(DENOMINATOR, true);
        return this.section(out, 0, FREE, gain < 0);
      }
      case LOW_SHELF: {
        // H = A·(s² + s·√A/Q + A)/(A·s² + s·√A/Q + 1)  (RBJ)
        if (gain === 0) return identity(out);
        this.a = A;
        this.prototype(LOW_SHELF_PROTOTYPE);
        return this.shelf(out);
      }
      case HIGH_SHELF:
      case TILT_SHELF: {
        // H = A·(A·s² + s·√A/Q + 1)/(s² + s·√A/Q + A)  (RBJ); the tilt shelf is H/A: −gain/2
        // far below f0, +gain/2 far above, 0 dB at f0.
        if (gain === 0) return identity(out);
        this.a = A;
        this.prototype(type === HIGH_SHELF ? HIGH_SHELF_PROTOTYPE : TILT_PROTOTYPE);
        return this.shelf(out);
      }
      case LOW_CUT:
      case HIGH_CUT:
        return this.butterworth(out, butterworthOrder(slope), type === LOW_CUT);
      case NOTCH:
        // H = (s² + 1)/(s² + s/Q + 1): zeros exactly on the unit circle at f0, then a correction.
        // f0 itself is not a fit point (0/0 there); close points on its flanks are.
        this.prototype(NOTCH_FLANKS);
        this.startPoints(DENOMINATOR, false);
        this.prototype(NOTCH_PROTOTYPE);
        this.addPoints(DENOMINATOR, false);
        this.zeros();
        return this.correct(out, this.section(out, 0, FIXED, false));
      case BAND_PASS:
        // H = (s/Q)/(s² + s/Q + 1): 0 dB at f0.
        this.prototype(BAND_PASS_PROTOTYPE);
        this.startPoints(DENOMINATOR, true);
        return this.section(out, 0, DC_ZERO, false);
      default:
        return identity(out);
    }
  }

  /**
   * Sets the analog section to design, (n2·p² + n1·p + n0)/(d2·p² + d1·p + d0) with p = s/ω0,
   * from `kind` and the fields a (A, or the boost's A for a bell), q and damping. (The one place the
   * prototypes' coefficients are written; they are passed on in fields, never as arguments.)
   */
  private prototype(kind: number): void {
    const { a, q } = this;
    const r = Math.sqrt(a) / q;
    let n2 = 0;
    let n1 = 0;
    let n0 = 1;
    let d2 = 1;
    let d1 = this.damping;
    let d0 = 1;
    switch (kind) {
      case BELL_BOOST: // (s² + s·A/Q + 1)/(s² + s/(A·Q) + 1)
        n2 = 1;
        n1 = a / q;
        d1 = 1 / (a * q);
        break;
      case LOW_SHELF_PROTOTYPE: // A·(s² + s·√A/Q + A)/(A·s² + s·√A/Q + 1)
        n2 = a;
        n1 = a * r;
        n0 = a * a;
        d2 = a;
        d1 = r;
        break;
      case HIGH_SHELF_PROTOTYPE: // A·(A·s² + s·√A/Q + 1)/(s² + s·√A/Q + A)
        n2 = a * a;
        n1 = a * r;
        n0 = a;
        d1 = r;
        d0 = a;
        break;
      case TILT_PROTOTYPE: // (A·s² + s·√A/Q + 1)/(s² + s·√A/Q + A)
        n2 = a;
        n1 = r;
        d1 = r;
        d0 = a;
        break;
      case NOTCH_PROTOTYPE: // (s² + 1)/(s² + s/Q + 1)
        n2 = 1;
        d1 = 1 / q;
        break;
      case NOTCH_FLANKS: // the notch with a narrow resonance: fit points close to f0
        n2 = 1;
        d1 = 0.12;
        break;
      case BAND_PASS_PROTOTYPE: // (s/Q)/(s² + s/Q + 1)
        n1 = 1 / q;
        n0 = 0;
        d1 = 1 / q;
        break;
      case HIGH_PASS_2: // s²/(s² + s·damping + 1)
        n2 = 1;
        n0 = 0;
        break;
      case LOW_PASS_1: // 1/(s + 1)
        d2 = 0;
        d1 = 1;
        break;
      case HIGH_PASS_1: // s/(s + 1)
        n1 = 1;
        n0 = 0;
        d2 = 0;
        d1 = 1;
        break;
      // LOW_PASS_2: 1/(s² + s·damping + 1), the defaults above
    }
    this.n2 = n2;
    this.n1 = n1;
    this.n0 = n0;
    this.d2 = d2;
    this.d1 = d1;
    this.d0 = d0;
  }

  /** The analog section becomes its reciprocal. */
  private reciprocal(): void {
    const { n2, n1, n0 } = this;
    this.n2 = this.d2;
    this.n1 = this.d1;
    this.n0 = this.d0;
    this.d2 = n2;
    this.d1 = n1;
    this.d0 = n0;
  }

  // The lower of a shelf's two resonances is the poles' (a cut low shelf or a boosting high
  // shelf is designed as its reciprocal and inverted); its fourth-order numerator places the other.
  private shelf(out: Float64Array): number {
    this.startPoints(DENOMINATOR, true);
    this.addPoints(NUMERATOR, true);
    if (this.n0 / this.n2 >= this.d0 / this.d2) return this.section(out, 0, QUARTIC, false);
    this.reciprocal();
    return this.section(out, 0, QUARTIC, true);
  }

  // Butterworth of order N: the analog |H|² = 1/(1 + (f/f0)^2N) (low-pass) or
  // (f/f0)^2N/(1 + (f/f0)^2N) (high-pass), as sections with Q = 1/(2·sin((2k+1)π/2N)) plus a
  // first-order one for odd orders. At 12 dB/oct the band's Q sets the one section's resonance.
  // High-pass zeros sit exactly at DC; a final correction takes up what the cascade leaves.
  private butterworth(out: Float64Array, order: number, highPass: boolean): number {
    // Fit points around the sharpest section's resonance (damping 1/Q = 2·sin(π/2N)).
    this.damping = order === 2 ? 1 / this.q : 2 * Math.sin(Math.PI / (2 * order));
    this.prototype(LOW_PASS_2);
    this.startPoints(DENOMINATOR, true);
    let index = 0;
    for (let k = 0; k < order >> 1; k++) {
      this.damping = order === 2 ? 1 / this.q : 2 * Math.sin(((2 * k + 1) * Math.PI) / (2 * order));
      if (highPass) {
        this.prototype(HIGH_PASS_2);
        this.zeros();
        index = this.section(out, index, FIXED, false);
      } else {
        this.prototype(LOW_PASS_2);
        index = this.section(out, index, FREE, false);
      }
    }
    if (order % 2 === 1) {
      this.prototype(highPass ? HIGH_PASS_1 : LOW_PASS_1);
      if (highPass) this.zeros();
      index = this.section(out, index, highPass ? FIXED : FIRST_ORDER, false);
    }
    return this.correct(out, index);
  }

  /** Fit points: the grid, plus LOCAL_POINTS around the resonance of the numerator or denominator. */
  private startPoints(which: number, centre: boolean): void {
    for (let k = 0; k < GRID_POINTS; k++) {
      this.hz[k] = this.gridHz[k];
      this.refreshPoint(k);
    }
    this.points = GRID_POINTS;
    this.addPoints(which, centre);
  }

  // Spaced by the resonance's half-power bandwidth in octaves (≈ 2ζ/ln 2), at most two octaves
  // each side; clamped into the fitted band so they move continuously with the parameters.
  private addPoints(which: number, centre: boolean): void {
    const c2 = which === NUMERATOR ? this.n2 : this.d2;
    const c1 = which === NUMERATOR ? this.n1 : this.d1;
    const c0 = which === NUMERATOR ? this.n0 : this.d0;
    const middle = this.f0 * Math.sqrt(c0 / c2);
    const octaves = Math.min(2, (2.885 * c1) / (2 * Math.sqrt(c0 * c2)));
    const half = LOCAL_POINTS >> 1;
    for (let j = -half; j <= half; j++) {
      if (j === 0 && !centre) continue;
      const f = middle * 2 ** ((j / half) * octaves);
      this.hz[this.points] = Math.min(this.fitTop, Math.max(BOTTOM_HZ, f));
      this.refreshPoint(this.points++);
    }
  }

  private refreshPoint(k: number): void {
    const h = Math.sin((Math.PI * this.hz[k]) / this.sampleRate);
    this.s[k] = h * h;
    this.weight[k] = 1;
    this.residual[k] = 1;
  }

  /**
   * Maps the roots of the numerator's or denominator's c2·p² + c1·p + c0 (p = s/ω0) to
   * z = e^(p·ω0·T): sets k1, k2 of 1 + k1·z⁻¹ + k2·z⁻², and its |·|² on the unit circle as
   * c0 + c1·s + c2·s², written with expm1 so roots near z = 1 (low frequencies) keep their
   * precision.
   */
  private digitise(which: number): void {
    const c2 = which === NUMERATOR ? this.n2 : this.d2;
    const c1 = which === NUMERATOR ? this.n1 : this.d1;
    const c0 = which === NUMERATOR ? this.n0 : this.d0;
    const w0T = (2 * Math.PI * this.f0) / this.sampleRate;
    if (c2 === 0) {
      if (c1 === 0) {
        this.k1 = 0;
        this.k2 = 0;
        this.c0 = 1;
        this.c1 = 0;
        this.c2 = 0;
        return;
      }
      const p = (-c0 / c1) * w0T;
      const oneMinusZ = -Math.expm1(p);
      this.k1 = -Math.exp(p);
      this.k2 = 0;
      this.c0 = oneMinusZ * oneMinusZ;
      this.c1 = 4 * Math.exp(p);
      this.c2 = 0;
      return;
    }
    const re = -c1 / (2 * c2);
    const disc = re * re - c0 / c2;
    const r = Math.exp(re * w0T);
    if (disc < 0) {
      const theta = Math.sqrt(-disc) * w0T;
      const sinHalf = Math.sin(theta / 2);
      const oneMinusR = -Math.expm1(re * w0T);
      this.k1 = -2 * r * Math.cos(theta);
      this.c0 = (oneMinusR * oneMinusR + 4 * r * sinHalf * sinHalf) ** 2;
      this.c1 = 8 * r * (oneMinusR * oneMinusR * Math.cos(theta) - 4 * r * sinHalf * sinHalf);
    } else {
      const root = Math.sqrt(disc);
      const zA = Math.exp((re + root) * w0T);
      const zB = Math.exp((re - root) * w0T);
      const mA = -Math.expm1((re + root) * w0T);
      const mB = -Math.expm1((re - root) * w0T);
      this.k1 = -(zA + zB);
      this.c0 = (mA * mB) ** 2;
      this.c1 = 4 * (zA * mB * mB + zB * mA * mA);
    }
    this.k2 = r * r;
    this.c2 = 16 * r * r;
  }

  /** Fixes the zeros of the next FIXED section: the matched images of the numerator's roots. */
  private zeros(): void {
    this.digitise(NUMERATOR);
    this.z1 = this.k1;
    this.z2 = this.k2;
    this.zc0 = this.c0;
    this.zc1 = this.c1;
    this.zc2 = this.c2;
  }

  /**
   * Section `index` for the analog section set by `analog`: matched poles, numerator per
   * `mode`. With `invert` the section is inverted after design: the caller set 1/H, so H's zeros
   * are the ones matched exactly. Returns index + 1.
   */
  private section(out: Float64Array, index: number, mode: number, invert: boolean): number {
    this.digitise(DENOMINATOR);
    const a1 = this.k1;
    const a2 = this.k2;
    const dc0 = this.c0;
    const dc1 = this.c1;
    const dc2 = this.c2;
    const { hz, s, u, target, weight, n2, n1, n0, d2, d1, d0, f0, s0 } = this;
    for (let k = 0; k < this.points; k++) {
      const x2 = (hz[k] / f0) ** 2;
      const nr = n0 - n2 * x2;
      const dr = d0 - d2 * x2;
      const analog = (nr * nr + n1 * n1 * x2) / (dr * dr + d1 * d1 * x2);
      const sk = s[k];
      let t = analog * (dc0 + (dc1 + dc2 * sk) * sk);
      if (mode === FIXED) t /= this.zc0 + (this.zc1 + this.zc2 * sk) * sk;
      // A point exactly on a zero (0/0) takes no part in the fit.
      if (!(t > 0 && t < Number.POSITIVE_INFINITY)) {
        t = 1;
        weight[k] = 0;
      }
      target[k] = t;
      u[k] = sk / s0;
    }
    this.fit(mode, mode === QUARTIC);
    const g = this.g;
    for (let k = 0; k < this.points; k++) {
      if (weight[k] === 0) continue;
      const x = u[k];
      const ratio = target[k] / (g[0] + x * (g[1] + x * (g[2] + x * (g[3] + x * g[4]))));
      this.residual[k] *= invert ? 1 / ratio : ratio;
    }
    const o = index * EQ_SECTION_STRIDE;
    out.fill(0, o, o + EQ_SECTION_STRIDE);
    if (mode === FIXED) {
      const gain = Math.sqrt(Math.max(0, g[0]));
      out[o] = gain;
      out[o + 1] = gain * this.z1;
      out[o + 2] = gain * this.z2;
    } else if (mode !== QUARTIC || !this.factorQuartic(out, o)) {
      // (A quartic whose roots will not converge falls back to a biquad numerator.)
      if (mode === QUARTIC) this.fit(FREE, false);
      this.factorQuadratic(out, o);
    }
    out[o + 5] = a1;
    out[o + 6] = a2;
    if (invert) invertSection(out, o);
    return index + 1;
  }

  /** Appends an all-zero section of order four fitted to what the sections so far leave. */
  private correct(out: Float64Array, index: number): number {
    for (let k = 0; k < this.points; k++) {
      this.target[k] = this.residual[k];
      this.u[k] = this.s[k] / this.s0;
    }
    const o = index * EQ_SECTION_STRIDE;
    out.fill(0, o, o + EQ_SECTION_STRIDE);
    this.fit(QUARTIC, false);
    if (!this.factorQuartic(out, o)) {
      this.fit(FREE, false);
      this.factorQuadratic(out, o);
    }
    return index + 1;
  }

  /**
   * Weighted least squares of Σ g_j·u^j (j in `mode`) against `target` in relative error, then
   * Lawson reweighting towards the equal-ripple fit. Sets g (unused powers 0). Points whose
   * weight is 0 stay out.
   */
  private fit(mode: number, guarded: boolean): void {
    const { u, target, weight, g, normal, free, powers } = this;
    const points = this.points;
    const guard = guarded ? GUARD_WEIGHT : 0;
    let n = 0;
    for (let j = 0; j < 5; j++) if (mode & (1 << j)) free[n++] = j;
    const width = n + 1;
    let total = 0;
    for (let k = 0; k < points; k++) total += weight[k] > 0 ? 1 : 0;
    for (let k = 0; k < points; k++) weight[k] = weight[k] > 0 ? 1 / total : 0;
    for (let k = GUARDS_FROM; k < GRID_POINTS; k++) if (weight[k] > 0) weight[k] = guard / points;
    for (let step = 0; ; step++) {
      normal.fill(0, 0, n * width);
      for (let k = 0; k < points; k++) {
        const w = weight[k];
        if (w === 0) continue;
        // Basis values u^j/target, the relative-error rows of the least-squares problem.
        powers[0] = 1 / target[k];
        for (let j = 1; j < 5; j++) powers[j] = powers[j - 1] * u[k];
        for (let r = 0; r < n; r++) {
          const wr = w * powers[free[r]];
          for (let c = 0; c <= r; c++) normal[r * width + c] += wr * powers[free[c]];
          normal[r * width + n] += wr;
        }
      }
      for (let r = 0; r < n; r++)
        for (let c = r + 1; c < n; c++) normal[r * width + c] = normal[c * width + r];
      solve(normal, n);
      g.fill(0);
      for (let r = 0; r < n; r++) g[free[r]] = normal[r * width + n];
      if (step === LAWSON_STEPS) return;
      // Lawson: weight each point by its error, so the largest errors shrink towards equal ripple.
      total = 0;
      for (let k = 0; k < points; k++) {
        const x = u[k];
        const fitted = g[0] + x * (g[1] + x * (g[2] + x * (g[3] + x * g[4])));
        weight[k] *= Math.abs(fitted / target[k] - 1) + 1e-15;
        total += weight[k];
      }
      for (let k = 0; k < points; k++) weight[k] /= total;
      for (let k = GUARDS_FROM; k < GRID_POINTS; k++) if (weight[k] > 0) weight[k] = guard / points;
    }
  }

  // Minimum-phase factorisation (after Vicanek) of the fitted |B|² = g0 + g1·u + g2·u², as
  // c0 + c1·s + c2·s² (s = s0·u): B0 = c0,
  // B1 = c0 + c1 + c2, B2 = −c2/4 in the φ-basis; (b0 − b2)² is formed without the cancellation
  // the textbook W² + B2 suffers at low frequencies. A fit that dips below zero somewhere is
  // clamped to the nearest factorable one. Writes b0, b1, b2 at out[o].
  private factorQuadratic(out: Float64Array, o: number): void {
    const { g, s0 } = this;
    const c0 = g[0];
    const c1 = g[1] / s0;
    const c2 = g[2] / (s0 * s0);
    const B0 = Math.max(0, c0);
    const B1 = Math.max(0, c0 + c1 + c2);
    const sqrt0 = Math.sqrt(B0);
    const sqrt1 = Math.sqrt(B1);
    const W = 0.5 * (sqrt0 + sqrt1);
    const difference = Math.max(
      Math.sqrt(Math.max(0, 0.25 * (2 * B0 + c1) + 0.5 * sqrt0 * sqrt1)),
      (1 - MAX_ZERO_RADIUS) * W,
    );
    out[o] = 0.5 * (W + difference);
    out[o + 1] = 0.5 * (sqrt0 - sqrt1);
    out[o + 2] = 0.5 * (W - difference);
  }

  /**
   * Minimum-phase factor of the fitted quartic |B|² = Σ g_j·u^j: each root u_i (Durand–Kerner)
   * is a root s_i = s0·u_i, i.e. a zero pair z + 1/z = 2 − 4·s_i, of which the one inside the
   * unit circle is kept; B(z) = k·Π(1 − z_i·z⁻¹), with k matching |B|² at the largest fit value.
   * The product over all four roots does not depend on how they are ordered, so B moves
   * continuously with the fit. Writes b0…b4 at out[o]; false if the roots will not converge.
   */
  private factorQuartic(out: Float64Array, o: number): boolean {
    const { g, s0, rootRe: re, rootIm: im, polyRe: pr, polyIm: pi } = this;
    if (!durandKerner(g, re, im)) return false;
    // Real roots inside the band (s in (0, 1)) would make |B|² change sign there: such roots come
    // in pairs, each replaced by a double root at its mean (the nearest factorable fit), whose two
    // zeros are a conjugate pair on the unit circle.
    for (let i = 0; i < 4; i++) {
      re[i] *= s0;
      im[i] *= s0;
    }
    pairRealRootsInside(re, im);
    pr.fill(0);
    pi.fill(0);
    pr[0] = 1;
    for (let i = 0; i < 4; i++) {
      // w = 1 − 2s, w² − 1 = −4s(1 − s) (formed directly: s is tiny at low frequencies).
      const sr = re[i];
      const si = im[i];
      const wr = 1 - 2 * sr;
      const wi = -2 * si;
      const dr = -4 * (sr - (sr * sr - si * si));
      const di = -4 * (si - 2 * sr * si);
      // Principal complex square root of d.
      const m = Math.sqrt(dr * dr + di * di);
      let qr = Math.sqrt(0.5 * (m + dr));
      let qi = Math.sqrt(0.5 * (m - dr));
      if (di < 0) qi = -qi;
      // z = w ± √d: keep the root inside the unit circle (the two multiply to 1); on the circle
      // (a double root from above) the pair's two members take the two conjugates. Zeros stay a
      // hair inside the circle, so an inverted section's poles do too.
      const plus = (wr + qr) ** 2 + (wi + qi) ** 2;
      const minus = (wr - qr) ** 2 + (wi - qi) ** 2;
      const sign = plus < minus || (plus === minus && i % 2 === 0) ? 1 : -1;
      qr = wr + sign * qr;
      qi = wi + sign * qi;
      const radius = Math.sqrt(qr * qr + qi * qi);
      if (radius > MAX_ZERO_RADIUS) {
        qr *= MAX_ZERO_RADIUS / radius;
        qi *= MAX_ZERO_RADIUS / radius;
      }
      // poly ← poly·(1 − z·x)
      for (let j = i + 1; j > 0; j--) {
        pr[j] -= qr * pr[j - 1] - qi * pi[j - 1];
        pi[j] -= qr * pi[j - 1] + qi * pr[j - 1];
      }
    }
    // Gain: match the fit where |B|² is largest (best conditioned).
    let best = 0;
    let bestValue = -1;
    for (let k = 0; k < this.points; k++) {
      const x = this.u[k];
      const value = g[0] + x * (g[1] + x * (g[2] + x * (g[3] + x * g[4])));
      if (this.weight[k] > 0 && value > bestValue) {
        bestValue = value;
        best = k;
      }
    }
    if (!(bestValue > 0)) return false;
    const w = (2 * Math.PI * this.hz[best]) / this.sampleRate;
    let er = 0;
    let ei = 0;
    for (let j = 0; j < 5; j++) {
      er += pr[j] * Math.cos(j * w);
      ei -= pr[j] * Math.sin(j * w);
    }
    const k = Math.sqrt(bestValue / (er * er + ei * ei));
    for (let j = 0; j < 5; j++) out[o + j] = k * pr[j];
    return Number.isFinite(k);
  }
}

/**
 * Real roots s in (0, 1), inside the band, make |B|² change sign there; they come in pairs for a
 * fit that is nonnegative between them only in the least-squares sense. Each pair (adjacent in
 * order) becomes a double root at its mean, kept at indices 2k and 2k + 1.
 */
function pairRealRootsInside(re: Float64Array, im: Float64Array): void {
  let count = 0;
  for (let i = 0; i < 4; i++) {
    const real = im[i] * im[i] <= 1e-18 * (re[i] * re[i] + im[i] * im[i]);
    if (!real || !(re[i] > 0 && re[i] < 1)) continue;
    // Move it to slot `count`, sorted by value among the ones found.
    swap(re, im, i, count);
    for (let j = count; j > 0 && re[j - 1] > re[j]; j--) swap(re, im, j, j - 1);
    count++;
  }
  for (let i = 0; i + 1 < count; i += 2) {
    const mean = 0.5 * (re[i] + re[i + 1]);
    re[i] = mean;
    re[i + 1] = mean;
    im[i] = 0;
    im[i + 1] = 0;
  }
}

function swap(re: Float64Array, im: Float64Array, i: number, j: number): void {
  const r = re[i];
  const m = im[i];
  re[i] = re[j];
  im[i] = im[j];
  re[j] = r;
  im[j] = m;
}

/**
 * The four roots of g0 + g1·x + … + g4·x⁴ into re/im by Durand–Kerner (Weierstrass)
 * iteration from the usual start points (0.4 + 0.9i)^k, scaled to the roots' geometric mean.
 * Returns false if it has not converged after 500 sweeps.
 */
function durandKerner(g: Float64Array, re: Float64Array, im: Float64Array): boolean {
  if (g[4] === 0 || !Number.isFinite(g[4])) return false;
  const c0 = g[0] / g[4];
  const c1 = g[1] / g[4];
  const c2 = g[2] / g[4];
  const c3 = g[3] / g[4];
  let pr = Math.abs(c0) ** 0.25 || 1;
  let pi = 0;
  for (let i = 0; i < 4; i++) {
    re[i] = pr;
    im[i] = pi;
    const next = pr * 0.4 - pi * 0.9;
    pi = pr * 0.9 + pi * 0.4;
    pr = next;
  }
  for (let sweep = 0; sweep < 500; sweep++) {
    let converged = true;
    for (let i = 0; i < 4; i++) {
      const zr = re[i];
      const zi = im[i];
      // p(z) by Horner.
      let vr = zr + c3;
      let vi = zi;
      let tr = vr * zr - vi * zi + c2;
      vi = vr * zi + vi * zr;
      vr = tr;
      tr = vr * zr - vi * zi + c1;
      vi = vr * zi + vi * zr;
      vr = tr;
      tr = vr * zr - vi * zi + c0;
      vi = vr * zi + vi * zr;
      vr = tr;
      // Π (z − z_j) over the other roots.
      let dr = 1;
      let di = 0;
      for (let j = 0; j < 4; j++) {
        if (j === i) continue;
        const er = zr - re[j];
        const ei = zi - im[j];
        const product = dr * er - di * ei;
        di = dr * ei + di * er;
        dr = product;
      }
      const dd = dr * dr + di * di;
      if (!(dd > 0)) return false;
      const stepR = (vr * dr + vi * di) / dd;
      const stepI = (vi * dr - vr * di) / dd;
      re[i] = zr - stepR;
      im[i] = zi - stepI;
      if (stepR * stepR + stepI * stepI > 1e-26 * (zr * zr + zi * zi)) converged = false;
    }
    if (converged) return true;
  }
  return false;
}

/** Solves the n × n system in `m` (augmented: n × (n + 1), row-major) in place, the solution
 * ending in the last column. Gaussian elimination with partial pivoting on the Jacobi-scaled
 * system (the unknowns' scales differ by orders of magnitude); row n holds the scales. */
function solve(m: Float64Array, n: number): void {
  const w = n + 1;
  for (let i = 0; i < n; i++) {
    const scale = 1 / Math.sqrt(m[i * w + i]);
    for (let j = 0; j < n; j++) {
      m[i * w + j] *= scale;
      m[j * w + i] *= scale;
    }
    m[i * w + n] *= scale;
    m[n * w + i] = scale;
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * w + col]) > Math.abs(m[pivot * w + col])) pivot = r;
    if (pivot !== col) {
      for (let j = 0; j <= n; j++) {
        const swap = m[col * w + j];
        m[col * w + j] = m[pivot * w + j];
        m[pivot * w + j] = swap;
      }
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r * w + col] / m[col * w + col];
      for (let j = col; j <= n; j++) m[r * w + j] -= f * m[col * w + j];
    }
  }
  for (let i = 0; i < n; i++) m[i * w + n] = (m[i * w + n] / m[i * w + i]) * m[n * w + i];
}

/** (b0…b4)/(1, a1, a2, 0, 0) → (1, a1, a2, 0, 0)/b0 over (1, b1…b4)/b0. */
function invertSection(out: Float64Array, o: number): void {
  const b0 = out[o];
  for (let j = 1; j < 5; j++) {
    const b = out[o + j];
    out[o + j] = out[o + 4 + j] / b0;
    out[o + 4 + j] = b / b0;
  }
  out[o] = 1 / b0;
}

function identity(out: Float64Array): number {
  out.fill(0, 0, EQ_SECTION_STRIDE);
  out[0] = 1;
  return 1;
}

/**
 * Linear magnitude of `sections` sections (stride EQ_SECTION_STRIDE) at `frequency`: what the
 * coefficients do, for plots and checks.
 */
export function sectionsMagnitude(
  coefficients: Float64Array,
  sections: number,
  frequency: number,
  sampleRate: number,
): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  let power = 1;
  for (let i = 0; i < sections; i++) {
    const o = i * EQ_SECTION_STRIDE;
    let nr = coefficients[o];
    let ni = 0;
    let dr = 1;
    let di = 0;
    for (let j = 1; j < 5; j++) {
      const c = Math.cos(j * w);
      const s = Math.sin(j * w);
      nr += coefficients[o + j] * c;
      ni -= coefficients[o + j] * s;
      dr += coefficients[o + 4 + j] * c;
      di -= coefficients[o + 4 + j] * s;
    }
    power *= (nr * nr + ni * ni) / (dr * dr + di * di);
  }
  return Math.sqrt(power);
}
