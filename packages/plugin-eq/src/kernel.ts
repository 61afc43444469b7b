// Lathe EQ's kernel: eight bands in series, each an analog-matched filter cascade (EqDesigner)
// run in direct form I in double precision, placed on stereo, mid, side, left or right.
//
// Parameter changes never click:
//  - frequency (log domain), gain (dB) and Q (log domain) ramp linearly over SMOOTHING_MS, and
//    coefficients are redesigned on a fixed grid of TICK samples counted from construction, so any
//    block split renders identically; direct form I keeps its state as plain signal history,
//    which stays meaningful when coefficients move;
//  - type, slope, placement and on/off changes crossfade the old filter into the new one over
//    CROSSFADE_MS (one change at a time; a later one waits for the running crossfade);
//  - output and auto gain ramp per sample.
// Auto gain keeps the level of a centred pink-noise reference (20 Hz – 20 kHz) constant: the EQ's
// power response, evaluated from the very coefficients it runs at 512 log-spaced frequencies
// (equal weight per octave = pink; dense enough for a Q 18 band), averaged, gives the
// compensation. It depends on the settings only, never on the signal, so it cannot pump. After a
// change the frequencies are re-evaluated a sixteenth per tick, which spreads the work; the
// result is smoothed like every other gain.
// Nothing here allocates once constructed, even while parameters move: numbers travel between
// methods in typed arrays and fields (a number passed to or returned from a call the optimiser
// does not inline would be boxed on the heap).
import { EQ_FILTER_TYPES, EQ_MAX_SECTIONS, EQ_SECTION_STRIDE, EqDesigner, flushStates } from '@lathe/dsp';
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { BAND_FIELDS, bandId, EQ_BANDS, type EqParamId, type EqParams } from './params.ts';
import { RampBank } from './ramps.ts';
import { designBand, logFrequencies, PowerTable } from './response.ts';
import { SpectrumAnalyser } from './spectrum.ts';
import { eqTelemetry, TELEMETRY_POST, TELEMETRY_PRE } from './telemetry.ts';

/** Stereo at most (mid/side needs two); further channels pass through the host untouched. */
export const EQ_MAX_CHANNELS = 2;

const SMOOTHING_MS = 40;
const CROSSFADE_MS = 8;
/** Coefficient grid at 44.1/48 kHz (0.67 ms), scaled with the rate so it stays that long. */
const TICK_AT_48K = 32;
/** Ticks rendered in one pass while nothing moves (the work buffers are this many ticks long). */
const SPAN_TICKS = 4;
/** Frequencies the auto gain averages over: log-spaced, 20 Hz to 20 kHz. */
const AUTO_GAIN_POINTS = 512;
/** Ticks a full re-evaluation is spread over (AUTO_GAIN_POINTS / this per tick). */
const AUTO_GAIN_PHASES = 16;

const LOW_CUT_TYPE = EQ_FILTER_TYPES.indexOf('lowCut');
const HIGH_CUT_TYPE = EQ_FILTER_TYPES.indexOf('highCut');

const STEREO = 0;
const MID = 1;
const SIDE = 2;
const LEFT = 3;
const RIGHT = 4;

// Section shapes, each with a loop of its own: a biquad; a fourth-order numerator over a
// second-order denominator (a boosting low shelf, say) or the reverse (a boosting high shelf); both.
const SECOND_ORDER = 0;
const QUARTIC_NUMERATOR = 1;
const QUARTIC_DENOMINATOR = 2;
const FOURTH_ORDER = 3;

/** Doubles of direct-form-I history per section per lane: x[n−1…n−4], y[n−1…n−4]. */
const HISTORY = 8;
const LANE_STRIDE = EQ_MAX_SECTIONS * HISTORY;

/** One realisation of a band: its coefficients, its history on up to two lanes, and what it is. */
class FilterSlot {
  readonly coefficients = new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE);
  readonly history = new Float64Array(2 * LANE_STRIDE);
  /** Per section, which of its third/fourth-order terms it uses (SECOND_ORDER … FOURTH_ORDER). */
  readonly shapes = new Uint8Array(EQ_MAX_SECTIONS);
  sections = 0;
  /** Off: the band is disabled and passes its input. */
  off = true;
  /** Every section is exactly 1 (a bell or shelf at 0 dB): nothing to compute. */
  identity = true;
  type = 0;
  slope = 0;
  placement = 0;
}

/** A band's discrete targets and two slots (the second only while crossfading). */
class Band {
  enabled = false;
  type = 0;
  slope = 0;
  placement = 0;
  active = new FilterSlot();
  fading = new FilterSlot();
  /** Samples into the running crossfade, or −1 when none runs. */
  fadePosition = -1;

  /** Whether the slot realises the targets (what is audible of them: a bell has no slope). */
  realises(slot: FilterSlot): boolean {
    if (slot.off || !this.enabled) return slot.off === !this.enabled;
    const isCut = this.type === LOW_CUT_TYPE || this.type === HIGH_CUT_TYPE;
    return (
      slot.type === this.type && slot.placement === this.placement && (!isCut || slot.slope === this.slope)
    );
  }
}

// Parameter id → band·8 + field index, or the globals below; built once, so setParameter only looks up.
// The ramps: 3 per band, then the two gains.
const OUTPUT_RAMP = 3 * EQ_BANDS;
const AUTO_RAMP = OUTPUT_RAMP + 1;
const RAMPS = AUTO_RAMP + 1;

const OUTPUT_GAIN = -1;
const AUTO_GAIN = -2;
const ROUTES = new Map<string, number>([
  ['outputGain', OUTPUT_GAIN],
  ['autoGain', AUTO_GAIN],
]);
for (let b = 0; b < EQ_BANDS; b++) {
  BAND_FIELDS.forEach((field, f) => {
    ROUTES.set(bandId((b + 1) as 1, field), b * 8 + f);
  });
}

export class EqKernel implements Kernel<EqParams>, TelemetrySource {
  readonly latencySamples = 0;
  private readonly tick: number;
  private readonly fadeLength: number;
  private readonly designer: EqDesigner;
  private readonly bands: Band[];
  private readonly spectrum: SpectrumAnalyser;
  /** log2(frequency), gain (dB) and ln(Q) per band at 3·band + 0, 1, 2; then output and auto gain (dB). */
  private readonly ramps: RampBank;
  /** Per band, whether its ramps step this tick (scratch for onTick). */
  private readonly moving = new Uint8Array(EQ_BANDS);
  private autoGainOn = false;
  /** The spectrum is analysed only while a display reads the telemetry. */
  private watched = false;
  /** The reference's mean channel power at each auto-gain frequency, and how fresh it is. */
  private readonly autoPower = new Float64Array(AUTO_GAIN_POINTS);
  private autoPhase = 0;
  /** Ticks of re-evaluation still due after the last change (0: autoPower is current). */
  private autoRefresh = 0;
  // Linear output gain at the previous and the current tick; samples in between interpolate.
  private gainFrom = 1;
  private gainTo = 1;
  /** Samples processed since construction or reset: the tick grid is counted from here. */
  private position = 0;
  /**
   * Nothing moves: no ramp, crossfade or auto-gain refresh is due and the gain holds, so every
   * tick is a no-op until a parameter changes, and blocks render SPAN_TICKS ticks per pass.
   */
  private resting = false;
  /**
   * Samples in a pass while resting, and the grid (counted like the ticks) where the filters
   * flush tiny state to zero: at fixed points, so any block split renders identically.
   */
  private readonly span: number;
  /** The pass being rendered ends on the span grid. */
  private flushAtEnd = false;
  // Work buffers, one span long: the two channels, the band lanes and a crossfade's other output.
  private readonly left: Float64Array;
  private readonly right: Float64Array;
  private readonly laneA: Float64Array;
  private readonly laneB: Float64Array;
  private readonly otherLeft: Float64Array;
  private readonly otherRight: Float64Array;
  private readonly reference: PowerTable;
  /** Frequency, gain and Q handed to the designer (in an array: no boxed numbers). */
  private readonly settings = new Float64Array(3);
  /** A biquad block's four newest inputs per lane, kept before the block overwrites them. */
  private readonly lastInputs = new Float64Array(8);
  // The reference's power per channel while it is measured.
  private readonly referenceLeft = new Float64Array(AUTO_GAIN_POINTS);
  private readonly referenceRight = new Float64Array(AUTO_GAIN_POINTS);

  constructor({ sampleRate, params }: KernelConfig<EqParams>) {
    this.tick = TICK_AT_48K * Math.max(1, Math.round(sampleRate / 48_000));
    const tickRate = sampleRate / this.tick;
    this.fadeLength = this.tick * Math.max(1, Math.round((CROSSFADE_MS * tickRate) / 1000));
    this.designer = new EqDesigner(sampleRate);
    this.bands = Array.from({ length: EQ_BANDS }, () => new Band());
    this.spectrum = new SpectrumAnalyser(sampleRate);
    this.ramps = new RampBank(RAMPS, Math.max(1, Math.round((SMOOTHING_MS * tickRate) / 1000)));
    this.span = SPAN_TICKS * this.tick;
    const buffer = () => new Float64Array(this.span);
    this.left = buffer();
    this.right = buffer();
    this.laneA = buffer();
    this.laneB = buffer();
    this.otherLeft = buffer();
    this.otherRight = buffer();
    this.reference = new PowerTable(logFrequencies(AUTO_GAIN_POINTS), sampleRate);
    for (const [id, value] of Object.entries(params)) this.setParameter(id as EqParamId, value);
    this.settle();
  }

  setParameter(id: EqParamId, value: number): void {
    const route = ROUTES.get(id);
    if (route === undefined || !Number.isFinite(value)) return;
    this.resting = false;
    // Ramp goals are written into the bank's array and started by index: a number computed here
    // and passed to a call would be boxed (allocated).
    if (route === OUTPUT_GAIN) {
      this.ramps.goal[OUTPUT_RAMP] = value;
      this.ramps.start(OUTPUT_RAMP);
    } else if (route === AUTO_GAIN) {
      const on = value >= 0.5;
      // Switched on: the whole reference at once (a rare, one-off cost), then kept up to date.
      if (on && !this.autoGainOn) this.measureReference(0, 1);
      this.autoGainOn = on;
      this.updateAutoGainTarget();
    } else {
      const b = route >> 3;
      const band = this.bands[b];
      switch (BAND_FIELDS[route & 7]) {
        case 'Enabled':
          band.enabled = value >= 0.5;
          break;
        case 'Type':
          band.type = Math.round(value);
          break;
        case 'Frequency':
          this.ramps.goal[3 * b] = Math.log2(value);
          this.ramps.start(3 * b);
          break;
        case 'Gain':
          this.ramps.goal[3 * b + 1] = value;
          this.ramps.start(3 * b + 1);
          break;
        case 'Q':
          this.ramps.goal[3 * b + 2] = Math.log(value);
          this.ramps.start(3 * b + 2);
          break;
        case 'Slope':
          band.slope = Math.round(value);
          break;
        case 'Placement':
          band.placement = Math.round(value);
          break;
      }
    }
  }

  reset(): void {
    for (const band of this.bands) {
      band.active.history.fill(0);
      band.fading.history.fill(0);
    }
    this.spectrum.reset();
    this.settle();
  }

  process(inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
    let i = from;
    while (i < to) {
      const phase = this.position % this.tick;
      if (phase === 0) this.onTick();
      // Passes never cross a point of the span grid, where the filters flush their state.
      const n = Math.min(to - i, this.resting ? this.span - (this.position % this.span) : this.tick - phase);
      this.flushAtEnd = (this.position + n) % this.span === 0;
      this.render(inputs, outputs, i, n, phase);
      i += n;
      this.position += n;
    }
  }

  setWatched(watched: boolean): void {
    // A display that starts watching sees the signal from now on, not what was left in the rings.
    if (watched && !this.watched) this.spectrum.clear();
    this.watched = watched;
  }

  writeTelemetry(frame: Float64Array): void {
    frame[eqTelemetry.index.autoGain] = this.ramps.current[AUTO_RAMP];
    frame.set(this.spectrum.preDb, TELEMETRY_PRE);
    frame.set(this.spectrum.postDb, TELEMETRY_POST);
  }

  // Everything at its target at once, no crossfades, the grid restarted: a fresh kernel.
  private settle(): void {
    for (let i = 0; i < RAMPS; i++) this.ramps.jump(i);
    for (let b = 0; b < EQ_BANDS; b++) {
      this.bands[b].fadePosition = -1;
      this.configure(b, this.bands[b].active);
    }
    if (this.autoGainOn) this.measureReference(0, 1);
    this.autoRefresh = 0;
    this.autoPhase = 0;
    this.updateAutoGainTarget();
    this.ramps.jump(AUTO_RAMP);
    this.nextGain();
    this.gainFrom = this.gainTo;
    this.position = 0;
    this.resting = false;
  }

  /** Moves to the next tick's linear gain, output times auto gain (stored: a returned number is boxed). */
  private nextGain(): void {
    this.gainFrom = this.gainTo;
    this.gainTo = 10 ** ((this.ramps.current[OUTPUT_RAMP] + this.ramps.current[AUTO_RAMP]) / 20);
  }

  // At each grid point: start a pending crossfade, advance the ramps, redesign what moved.
  private onTick(): void {
    if (this.resting) return;
    const { ramps, moving } = this;
    const remaining = ramps.remaining;
    // Which bands' ramps take a step this tick (asked before the step: the last one lands on 0).
    for (let b = 0; b < EQ_BANDS; b++) {
      moving[b] = remaining[3 * b] > 0 || remaining[3 * b + 1] > 0 || remaining[3 * b + 2] > 0 ? 1 : 0;
    }
    ramps.advance();
    for (let b = 0; b < EQ_BANDS; b++) {
      const band = this.bands[b];
      if (band.fadePosition < 0 && !band.realises(band.active)) {
        const old = band.active;
        band.active = band.fading;
        band.fading = old;
        band.active.history.fill(0);
        band.fadePosition = 0;
        this.configure(b, band.active);
        this.autoRefresh = AUTO_GAIN_PHASES;
      } else if (moving[b] === 1 && !band.active.off) {
        this.design(b, band.active);
        this.autoRefresh = AUTO_GAIN_PHASES;
      }
    }
    if (this.autoGainOn && this.autoRefresh > 0) {
      this.measureReference(this.autoPhase, AUTO_GAIN_PHASES);
      this.autoPhase = (this.autoPhase + 1) % AUTO_GAIN_PHASES;
      this.autoRefresh--;
      this.updateAutoGainTarget();
    }
    this.nextGain();
    // The next tick would change nothing (its gain recomputes this one's) unless something moves.
    let resting = this.gainFrom === this.gainTo && !(this.autoGainOn && this.autoRefresh > 0);
    for (let r = 0; r < RAMPS; r++) if (remaining[r] > 0) resting = false;
    for (const band of this.bands) if (band.fadePosition >= 0 || !band.realises(band.active)) resting = false;
    this.resting = resting;
  }

  private configure(b: number, slot: FilterSlot): void {
    const band = this.bands[b];
    slot.off = !band.enabled;
    slot.type = band.type;
    slot.slope = band.slope;
    slot.placement = band.placement;
    if (slot.off) slot.identity = true;
    else this.design(b, slot);
  }

  private design(b: number, slot: FilterSlot): void {
    const c = slot.coefficients;
    const settings = this.settings;
    const current = this.ramps.current;
    settings[0] = 2 ** current[3 * b];
    settings[1] = current[3 * b + 1];
    settings[2] = Math.exp(current[3 * b + 2]);
    slot.sections = designBand(this.designer, slot.type, slot.slope, settings, c);
    let identity = true;
    for (let s = 0; s < slot.sections; s++) {
      const o = s * EQ_SECTION_STRIDE;
      const numerator = c[o + 3] !== 0 || c[o + 4] !== 0 ? QUARTIC_NUMERATOR : SECOND_ORDER;
      slot.shapes[s] = numerator | (c[o + 7] !== 0 || c[o + 8] !== 0 ? QUARTIC_DENOMINATOR : SECOND_ORDER);
      for (let j = 0; j < EQ_SECTION_STRIDE; j++) if (c[o + j] !== (j === 0 ? 1 : 0)) identity = false;
    }
    slot.identity = identity;
  }

  /**
   * The reference's power through the EQ at auto-gain frequencies first, first + step, …: with
   * L = R, stereo and mid bands act on both channels, left and right bands on one, side bands not
   * at all; the mean of the two channels' powers is kept. Reads the coefficients the bands run.
   */
  private measureReference(first: number, step: number): void {
    const { referenceLeft: left, referenceRight: right } = this;
    for (let k = first; k < AUTO_GAIN_POINTS; k += step) {
      left[k] = 1;
      right[k] = 1;
    }
    for (const band of this.bands) {
      const slot = band.active;
      if (slot.off || slot.identity || slot.placement === SIDE) continue;
      const c = slot.coefficients;
      if (slot.placement !== RIGHT) this.reference.multiply(c, slot.sections, left, first, step);
      if (slot.placement !== LEFT) this.reference.multiply(c, slot.sections, right, first, step);
    }
    for (let k = first; k < AUTO_GAIN_POINTS; k += step) this.autoPower[k] = 0.5 * (left[k] + right[k]);
  }

  private updateAutoGainTarget(): void {
    if (!this.autoGainOn) {
      this.ramps.goal[AUTO_RAMP] = 0;
      this.ramps.start(AUTO_RAMP);
      return;
    }
    let sum = 0;
    for (let k = 0; k < AUTO_GAIN_POINTS; k++) sum += this.autoPower[k];
    this.ramps.goal[AUTO_RAMP] = -10 * Math.log10(sum / AUTO_GAIN_POINTS);
    this.ramps.start(AUTO_RAMP);
  }

  /**
   * Renders n samples from `offset`, which sit at `phase` in the tick grid: n reaches past the
   * tick only while resting, and never past a point of the span grid.
   */
  private render(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    offset: number,
    n: number,
    phase: number,
  ): void {
    const stereo = outputs.length > 1;
    const { left, right, spectrum } = this;
    const inL = inputs[0];
    const inR = stereo ? inputs[1] : inputs[0];
    // NaN and ±Infinity enter as silence (x − x is NaN exactly for those).
    for (let i = 0; i < n; i++) {
      const l = inL[offset + i];
      const r = inR[offset + i];
      left[i] = l - l === 0 ? l : 0;
      right[i] = r - r === 0 ? r : 0;
    }
    // Only a display needs the analyser: its rings take the input and output (each as a mono sum)
    // while one watches. The input first: the host may hand the same arrays in and out.
    const watched = this.watched;
    if (watched) spectrum.take(spectrum.pre, inL, inR, offset, n);
    for (const band of this.bands) this.renderBand(band, n, stereo);
    const gainFrom = this.gainFrom;
    const step = (this.gainTo - gainFrom) / this.tick;
    const outL = outputs[0];
    const outR = stereo ? outputs[1] : outL;
    if (stereo) {
      for (let i = 0; i < n; i++) {
        const gain = gainFrom + step * (phase + i + 1);
        outL[offset + i] = left[i] * gain;
        outR[offset + i] = right[i] * gain;
      }
    } else for (let i = 0; i < n; i++) outL[offset + i] = left[i] * (gainFrom + step * (phase + i + 1));
    if (watched) spectrum.take(spectrum.post, outL, outR, offset, n);
    spectrum.advance(n, watched);
  }

  private renderBand(band: Band, n: number, stereo: boolean): void {
    if (band.fadePosition < 0) {
      this.renderSlot(band.active, this.left, this.right, n, stereo);
      return;
    }
    // Crossfade: the outgoing slot renders into copies, the incoming one in place; then mix.
    const { left, right, otherLeft, otherRight } = this;
    for (let i = 0; i < n; i++) {
      otherLeft[i] = left[i];
      otherRight[i] = right[i];
    }
    this.renderSlot(band.fading, otherLeft, otherRight, n, stereo);
    this.renderSlot(band.active, left, right, n, stereo);
    for (let i = 0; i < n; i++) {
      // Smoothstep from the old filter to the new: no corner at either end.
      const t = (band.fadePosition + i + 1) / this.fadeLength;
      const w = t * t * (3 - 2 * t);
      left[i] = otherLeft[i] + w * (left[i] - otherLeft[i]);
      right[i] = otherRight[i] + w * (right[i] - otherRight[i]);
    }
    band.fadePosition += n;
    if (band.fadePosition >= this.fadeLength) band.fadePosition = -1;
  }

  // The band's filter on its placement: M = (L + R)/2 and S = (L − R)/2 around a mid or side
  // band. On mono input the one channel is the mid, the left and the right; side bands rest.
  private renderSlot(
    slot: FilterSlot,
    left: Float64Array,
    right: Float64Array,
    n: number,
    stereo: boolean,
  ): void {
    if (slot.off) return;
    const { laneA, laneB } = this;
    switch (slot.placement) {
      case STEREO:
        if (stereo) this.filterPair(slot, left, right, n);
        else this.filter(slot, 0, left, n);
        return;
      case MID:
      case SIDE:
        if (!stereo) {
          if (slot.placement === MID) this.filter(slot, 0, left, n);
          return;
        }
        for (let i = 0; i < n; i++) {
          const mid = 0.5 * (left[i] + right[i]);
          const side = 0.5 * (left[i] - right[i]);
          laneA[i] = slot.placement === MID ? mid : side;
          laneB[i] = slot.placement === MID ? side : mid;
        }
        this.filter(slot, 0, laneA, n);
        for (let i = 0; i < n; i++) {
          const mid = slot.placement === MID ? laneA[i] : laneB[i];
          const side = slot.placement === MID ? laneB[i] : laneA[i];
          left[i] = mid + side;
          right[i] = mid - side;
        }
        return;
      case LEFT:
        this.filter(slot, 0, left, n);
        return;
      default:
        this.filter(slot, 0, stereo ? right : left, n);
    }
  }

  /** Runs the slot's sections over x in place (direct form I), history at `lane` in the slot. */
  private filter(slot: FilterSlot, lane: number, x: Float64Array, n: number): void {
    if (slot.identity) {
      // Nothing to compute, but the history keeps up, so leaving 0 dB is seamless.
      for (let s = 0; s < slot.sections; s++) remember(slot.history, lane + s * HISTORY, x, n);
      return;
    }
    for (let s = 0; s < slot.sections; s++) {
      if (slot.shapes[s] === SECOND_ORDER) this.biquads(slot, s, x, lane, x, lane, n);
      else this.fourthOrder(slot, s, x, lane, x, lane, n);
    }
  }

  /** Both channels through a stereo band, each section two channels per loop (see `biquads`). */
  private filterPair(slot: FilterSlot, left: Float64Array, right: Float64Array, n: number): void {
    if (slot.identity) {
      this.filter(slot, 0, left, n);
      this.filter(slot, LANE_STRIDE, right, n);
      return;
    }
    for (let s = 0; s < slot.sections; s++) {
      switch (slot.shapes[s]) {
        case SECOND_ORDER:
          this.biquads(slot, s, left, 0, right, LANE_STRIDE, n);
          break;
        case QUARTIC_NUMERATOR:
          this.quarticNumerators(slot, s, left, right, n);
          break;
        case QUARTIC_DENOMINATOR:
          this.quarticDenominators(slot, s, left, right, n);
          break;
        case FOURTH_ORDER:
          this.fourthOrder(slot, s, left, 0, right, LANE_STRIDE, n);
      }
    }
  }

  /**
   * Section s as a biquad over x and y in place (the same array and lane for one channel), n
   * samples. Two channels share the loop: each recursion waits on its own previous output, so
   * interleaving two keeps the CPU busy; the arithmetic per channel is unchanged, the feedback
   * term of the newest output added last so the next sample waits on one multiply and one add.
   * The loop holds only the two-deep history its recursion needs (more live doubles than
   * registers would spill to memory on every sample) and calls nothing (a call inside it would
   * spill every live double around it); the full four-deep history a later fourth-order design
   * reads is written after it, from the block's inputs (kept before they are overwritten) and
   * outputs, and flushed where the pass ends on the span grid. Two channels take four samples
   * per iteration, each the same sum as one at a time: the history moves on by renaming instead
   * of copying, and V8 checks the arrays once per four samples (in Chromium this loop ran at half
   * the speed one sample at a time).
   */
  // biome-ignore format: the two channels' identical steps read best side by side
  private biquads(slot: FilterSlot, s: number, x: Float64Array, xLane: number, y: Float64Array, yLane: number, n: number): void {
    const c = slot.coefficients;
    const h = slot.history;
    const o = s * EQ_SECTION_STRIDE;
    const b0 = c[o], b1 = c[o + 1], b2 = c[o + 2], a1 = c[o + 5], a2 = c[o + 6];
    const p = xLane + s * HISTORY;
    const q = yLane + s * HISTORY;
    const inputs = this.lastInputs;
    lastInputs(h, p, x, n, inputs, 0);
    let px1 = h[p], px2 = h[p + 1], py1 = h[p + 4], py2 = h[p + 5];
    if (x !== y || p !== q) {
      lastInputs(h, q, y, n, inputs, 4);
      let qx1 = h[q], qx2 = h[q + 1], qy1 = h[q + 4], qy2 = h[q + 5];
      let i = 0;
      for (; i + 3 < n; i += 4) {
        const x0 = x[i], y0 = y[i];
        const u0 = b0 * x0 + b1 * px1 + b2 * px2 - a2 * py2 - a1 * py1;
        const v0 = b0 * y0 + b1 * qx1 + b2 * qx2 - a2 * qy2 - a1 * qy1;
        const x1 = x[i + 1], y1 = y[i + 1];
        const u1 = b0 * x1 + b1 * x0 + b2 * px1 - a2 * py1 - a1 * u0;
        const v1 = b0 * y1 + b1 * y0 + b2 * qx1 - a2 * qy1 - a1 * v0;
        const x2 = x[i + 2], y2 = y[i + 2];
        const u2 = b0 * x2 + b1 * x1 + b2 * x0 - a2 * u0 - a1 * u1;
        const v2 = b0 * y2 + b1 * y1 + b2 * y0 - a2 * v0 - a1 * v1;
        const x3 = x[i + 3], y3 = y[i + 3];
        const u3 = b0 * x3 + b1 * x2 + b2 * x1 - a2 * u1 - a1 * u2;
        const v3 = b0 * y3 + b1 * y2 + b2 * y1 - a2 * v1 - a1 * v2;
        x[i] = u0; x[i + 1] = u1; x[i + 2] = u2; x[i + 3] = u3;
        y[i] = v0; y[i + 1] = v1; y[i + 2] = v2; y[i + 3] = v3;
        px2 = x2; px1 = x3; py2 = u2; py1 = u3;
        qx2 = y2; qx1 = y3; qy2 = v2; qy1 = v3;
      }
      for (; i < n; i++) {
        const xi = x[i], yi = y[i];
        const u = b0 * xi + b1 * px1 + b2 * px2 - a2 * py2 - a1 * py1;
        const v = b0 * yi + b1 * qx1 + b2 * qx2 - a2 * qy2 - a1 * qy1;
        px2 = px1; px1 = xi; py2 = py1; py1 = u;
        qx2 = qx1; qx1 = yi; qy2 = qy1; qy1 = v;
        x[i] = u;
        y[i] = v;
      }
      keepHistory(h, q, y, n, inputs, 4, this.flushAtEnd);
    } else {
      for (let i = 0; i < n; i++) {
        const xi = x[i];
        const u = b0 * xi + b1 * px1 + b2 * px2 - a2 * py2 - a1 * py1;
        px2 = px1; px1 = xi; py2 = py1; py1 = u;
        x[i] = u;
      }
    }
    keepHistory(h, p, x, n, inputs, 0, this.flushAtEnd);
  }

  /**
   * A QUARTIC_NUMERATOR section over both channels in place, as `biquads` (its a3 and a4 are 0, so
   * each output is the sum `fourthOrder` would form, less two zero terms).
   */
  // biome-ignore format: as biquads
  private quarticNumerators(slot: FilterSlot, s: number, x: Float64Array, y: Float64Array, n: number): void {
    const c = slot.coefficients;
    const h = slot.history;
    const o = s * EQ_SECTION_STRIDE;
    const b0 = c[o], b1 = c[o + 1], b2 = c[o + 2], b3 = c[o + 3], b4 = c[o + 4], a1 = c[o + 5], a2 = c[o + 6];
    const p = s * HISTORY;
    const q = LANE_STRIDE + p;
    const inputs = this.lastInputs;
    lastInputs(h, p, x, n, inputs, 0);
    lastInputs(h, q, y, n, inputs, 4);
    let px1 = h[p], px2 = h[p + 1], px3 = h[p + 2], px4 = h[p + 3], py1 = h[p + 4], py2 = h[p + 5];
    let qx1 = h[q], qx2 = h[q + 1], qx3 = h[q + 2], qx4 = h[q + 3], qy1 = h[q + 4], qy2 = h[q + 5];
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const x0 = x[i], y0 = y[i];
      const u0 = b0 * x0 + b1 * px1 + b2 * px2 + b3 * px3 + b4 * px4 - a2 * py2 - a1 * py1;
      const v0 = b0 * y0 + b1 * qx1 + b2 * qx2 + b3 * qx3 + b4 * qx4 - a2 * qy2 - a1 * qy1;
      const x1 = x[i + 1], y1 = y[i + 1];
      const u1 = b0 * x1 + b1 * x0 + b2 * px1 + b3 * px2 + b4 * px3 - a2 * py1 - a1 * u0;
      const v1 = b0 * y1 + b1 * y0 + b2 * qx1 + b3 * qx2 + b4 * qx3 - a2 * qy1 - a1 * v0;
      const x2 = x[i + 2], y2 = y[i + 2];
      const u2 = b0 * x2 + b1 * x1 + b2 * x0 + b3 * px1 + b4 * px2 - a2 * u0 - a1 * u1;
      const v2 = b0 * y2 + b1 * y1 + b2 * y0 + b3 * qx1 + b4 * qx2 - a2 * v0 - a1 * v1;
      const x3 = x[i + 3], y3 = y[i + 3];
      const u3 = b0 * x3 + b1 * x2 + b2 * x1 + b3 * x0 + b4 * px1 - a2 * u1 - a1 * u2;
      const v3 = b0 * y3 + b1 * y2 + b2 * y1 + b3 * y0 + b4 * qx1 - a2 * v1 - a1 * v2;
      x[i] = u0; x[i + 1] = u1; x[i + 2] = u2; x[i + 3] = u3;
      y[i] = v0; y[i + 1] = v1; y[i + 2] = v2; y[i + 3] = v3;
      px4 = x0; px3 = x1; px2 = x2; px1 = x3; py2 = u2; py1 = u3;
      qx4 = y0; qx3 = y1; qx2 = y2; qx1 = y3; qy2 = v2; qy1 = v3;
    }
    for (; i < n; i++) {
      const xi = x[i], yi = y[i];
      const u = b0 * xi + b1 * px1 + b2 * px2 + b3 * px3 + b4 * px4 - a2 * py2 - a1 * py1;
      const v = b0 * yi + b1 * qx1 + b2 * qx2 + b3 * qx3 + b4 * qx4 - a2 * qy2 - a1 * qy1;
      px4 = px3; px3 = px2; px2 = px1; px1 = xi; py2 = py1; py1 = u;
      qx4 = qx3; qx3 = qx2; qx2 = qx1; qx1 = yi; qy2 = qy1; qy1 = v;
      x[i] = u;
      y[i] = v;
    }
    keepHistory(h, p, x, n, inputs, 0, this.flushAtEnd);
    keepHistory(h, q, y, n, inputs, 4, this.flushAtEnd);
  }

  /** A QUARTIC_DENOMINATOR section over both channels in place, as `quarticNumerators` (its b3 and b4 are 0). */
  // biome-ignore format: as biquads
  private quarticDenominators(slot: FilterSlot, s: number, x: Float64Array, y: Float64Array, n: number): void {
    const c = slot.coefficients;
    const h = slot.history;
    const o = s * EQ_SECTION_STRIDE;
    const b0 = c[o], b1 = c[o + 1], b2 = c[o + 2], a1 = c[o + 5], a2 = c[o + 6], a3 = c[o + 7], a4 = c[o + 8];
    const p = s * HISTORY;
    const q = LANE_STRIDE + p;
    const inputs = this.lastInputs;
    lastInputs(h, p, x, n, inputs, 0);
    lastInputs(h, q, y, n, inputs, 4);
    let px1 = h[p], px2 = h[p + 1], py1 = h[p + 4], py2 = h[p + 5], py3 = h[p + 6], py4 = h[p + 7];
    let qx1 = h[q], qx2 = h[q + 1], qy1 = h[q + 4], qy2 = h[q + 5], qy3 = h[q + 6], qy4 = h[q + 7];
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const x0 = x[i], y0 = y[i];
      const u0 = b0 * x0 + b1 * px1 + b2 * px2 - a4 * py4 - a3 * py3 - a2 * py2 - a1 * py1;
      const v0 = b0 * y0 + b1 * qx1 + b2 * qx2 - a4 * qy4 - a3 * qy3 - a2 * qy2 - a1 * qy1;
      const x1 = x[i + 1], y1 = y[i + 1];
      const u1 = b0 * x1 + b1 * x0 + b2 * px1 - a4 * py3 - a3 * py2 - a2 * py1 - a1 * u0;
      const v1 = b0 * y1 + b1 * y0 + b2 * qx1 - a4 * qy3 - a3 * qy2 - a2 * qy1 - a1 * v0;
      const x2 = x[i + 2], y2 = y[i + 2];
      const u2 = b0 * x2 + b1 * x1 + b2 * x0 - a4 * py2 - a3 * py1 - a2 * u0 - a1 * u1;
      const v2 = b0 * y2 + b1 * y1 + b2 * y0 - a4 * qy2 - a3 * qy1 - a2 * v0 - a1 * v1;
      const x3 = x[i + 3], y3 = y[i + 3];
      const u3 = b0 * x3 + b1 * x2 + b2 * x1 - a4 * py1 - a3 * u0 - a2 * u1 - a1 * u2;
      const v3 = b0 * y3 + b1 * y2 + b2 * y1 - a4 * qy1 - a3 * v0 - a2 * v1 - a1 * v2;
      x[i] = u0; x[i + 1] = u1; x[i + 2] = u2; x[i + 3] = u3;
      y[i] = v0; y[i + 1] = v1; y[i + 2] = v2; y[i + 3] = v3;
      px2 = x2; px1 = x3; py4 = u0; py3 = u1; py2 = u2; py1 = u3;
      qx2 = y2; qx1 = y3; qy4 = v0; qy3 = v1; qy2 = v2; qy1 = v3;
    }
    for (; i < n; i++) {
      const xi = x[i], yi = y[i];
      const u = b0 * xi + b1 * px1 + b2 * px2 - a4 * py4 - a3 * py3 - a2 * py2 - a1 * py1;
      const v = b0 * yi + b1 * qx1 + b2 * qx2 - a4 * qy4 - a3 * qy3 - a2 * qy2 - a1 * qy1;
      px2 = px1; px1 = xi; py4 = py3; py3 = py2; py2 = py1; py1 = u;
      qx2 = qx1; qx1 = yi; qy4 = qy3; qy3 = qy2; qy2 = qy1; qy1 = v;
      x[i] = u;
      y[i] = v;
    }
    keepHistory(h, p, x, n, inputs, 0, this.flushAtEnd);
    keepHistory(h, q, y, n, inputs, 4, this.flushAtEnd);
  }

  /**
   * Section s as a fourth-order section over x and y in place, two channels per loop as
   * `biquads`, in two passes: the feed-forward sum, then the recursion on it (one loop holding
   * both channels' eight-deep history and nine coefficients would spill registers every sample).
   * Each output is the same sum, in the same order, as in one pass.
   */
  // biome-ignore format: as biquads
  private fourthOrder(slot: FilterSlot, s: number, x: Float64Array, xLane: number, y: Float64Array, yLane: number, n: number): void {
    const c = slot.coefficients;
    const h = slot.history;
    const o = s * EQ_SECTION_STRIDE;
    const b0 = c[o], b1 = c[o + 1], b2 = c[o + 2], b3 = c[o + 3], b4 = c[o + 4];
    const a1 = c[o + 5], a2 = c[o + 6], a3 = c[o + 7], a4 = c[o + 8];
    const p = xLane + s * HISTORY;
    const q = yLane + s * HISTORY;
    const pair = x !== y || p !== q;
    let px1 = h[p], px2 = h[p + 1], px3 = h[p + 2], px4 = h[p + 3];
    let qx1 = h[q], qx2 = h[q + 1], qx3 = h[q + 2], qx4 = h[q + 3];
    if (pair) {
      for (let i = 0; i < n; i++) {
        const xi = x[i], yi = y[i];
        x[i] = b0 * xi + b1 * px1 + b2 * px2 + b3 * px3 + b4 * px4;
        y[i] = b0 * yi + b1 * qx1 + b2 * qx2 + b3 * qx3 + b4 * qx4;
        px4 = px3; px3 = px2; px2 = px1; px1 = xi;
        qx4 = qx3; qx3 = qx2; qx2 = qx1; qx1 = yi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xi = x[i];
        x[i] = b0 * xi + b1 * px1 + b2 * px2 + b3 * px3 + b4 * px4;
        px4 = px3; px3 = px2; px2 = px1; px1 = xi;
      }
    }
    let py1 = h[p + 4], py2 = h[p + 5], py3 = h[p + 6], py4 = h[p + 7];
    if (pair) {
      let qy1 = h[q + 4], qy2 = h[q + 5], qy3 = h[q + 6], qy4 = h[q + 7];
      for (let i = 0; i < n; i++) {
        const u = x[i] - a4 * py4 - a3 * py3 - a2 * py2 - a1 * py1;
        const v = y[i] - a4 * qy4 - a3 * qy3 - a2 * qy2 - a1 * qy1;
        py4 = py3; py3 = py2; py2 = py1; py1 = u;
        qy4 = qy3; qy3 = qy2; qy2 = qy1; qy1 = v;
        x[i] = u;
        y[i] = v;
      }
      h[q] = qx1; h[q + 1] = qx2; h[q + 2] = qx3; h[q + 3] = qx4; h[q + 4] = qy1; h[q + 5] = qy2; h[q + 6] = qy3; h[q + 7] = qy4;
      if (this.flushAtEnd) flushStates(h, q, q + HISTORY);
    } else {
      for (let i = 0; i < n; i++) {
        const u = x[i] - a4 * py4 - a3 * py3 - a2 * py2 - a1 * py1;
        py4 = py3; py3 = py2; py2 = py1; py1 = u;
        x[i] = u;
      }
    }
    h[p] = px1; h[p + 1] = px2; h[p + 2] = px3; h[p + 3] = px4; h[p + 4] = py1; h[p + 5] = py2; h[p + 6] = py3; h[p + 7] = py4;
    if (this.flushAtEnd) flushStates(h, p, p + HISTORY);
  }
}

/** A pass-through section's history after x: its last four inputs are also its last outputs. */
function remember(h: Float64Array, at: number, x: Float64Array, n: number): void {
  // Oldest first, so history shifted in from before this block is read before it is overwritten.
  for (let i = 3; i >= 0; i--) h[at + i] = i < n ? x[n - 1 - i] : h[at + i - n];
  for (let i = 0; i < 4; i++) h[at + 4 + i] = h[at + i];
}

/** The four newest inputs after a block of n, newest first, into into[to…to + 3]: x's, then the history's. */
function lastInputs(
  h: Float64Array,
  at: number,
  x: Float64Array,
  n: number,
  into: Float64Array,
  to: number,
): void {
  for (let i = 0; i < 4; i++) into[to + i] = i < n ? x[n - 1 - i] : h[at + i - n];
}

/**
 * A section's history after a block of n that left its outputs in x: the inputs from
 * `lastInputs`, the outputs from x (older ones shifted in when n < 4); flushed when `flush`.
 */
function keepHistory(
  h: Float64Array,
  at: number,
  x: Float64Array,
  n: number,
  inputs: Float64Array,
  from: number,
  flush: boolean,
): void {
  // Oldest first, so history shifted in from before this block is read before it is overwritten.
  for (let i = 3; i >= 0; i--) h[at + 4 + i] = i < n ? x[n - 1 - i] : h[at + 4 + i - n];
  for (let i = 0; i < 4; i++) h[at + i] = inputs[from + i];
  if (flush) flushStates(h, at, at + HISTORY);
}

export const createEqKernel = (config: KernelConfig<EqParams>) => new EqKernel(config);
