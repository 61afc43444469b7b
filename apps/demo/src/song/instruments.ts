// The default song's instruments, built from Tone.js parts on whatever Tone context is current
// (render.ts makes it an offline one). Times are seconds on that context, velocities 0…1.
// Three rules, each learnt from Chromium:
// - Bit-identical renders: noise comes from seeded buffers (noise.ts), never Tone.Noise or
//   Math.random; and no node input sums more than two live signals, because Chromium adds the
//   connections into one input in an order that changes from render to render (a hash set of
//   pointers) and float addition of three terms rounds differently in another order. So parts are
//   mixed pairwise through a chain of gains (mixInFixedOrder), and chords play on fixed lanes
//   rather than a PolySynth, whose voices all meet in one gain.
// - Fast renders: every source runs for the whole song and envelopes alone shape the notes. Tone's
//   synths start a fresh oscillator (or buffer source) per note, and Chromium keeps processing
//   every finished one until the render ends, which made the song several times slower to render.
// - Filters that never move, or move only by automation, are native BiquadFilterNodes:
//   Tone.Filter drives its parameters from always-running signals.
import { createRng } from '@lathe/dsp';
import * as Tone from 'tone';
import { BPM, type DrumSound, type Vowel } from './arrangement.ts';
import { whiteNoise } from './noise.ts';

type Part = Tone.ToneAudioNode | AudioNode;

/** Adds `parts` into `output` two at a time, always in the same order (see the top of this file). */
function mixInFixedOrder(parts: readonly Part[], output: Tone.InputNode): void {
  const mixed = parts.reduce((sum, part) => {
    const next = new Tone.Gain();
    Tone.connect(sum, next);
    Tone.connect(part, next);
    return next;
  });
  Tone.connect(mixed, output);
}

/** A native biquad on the current Tone context. */
function biquad(options: BiquadFilterOptions): BiquadFilterNode {
  return new BiquadFilterNode(Tone.getContext().rawContext, options);
}

const hertz = (note: string) => Tone.Frequency(note).toFrequency();

/** A percussive envelope: instant attack, then a decay that reaches exactly zero (Tone ends it on a ramp). */
const hitEnvelope = (decay: number) =>
  new Tone.AmplitudeEnvelope({ attack: 0.001, decay, sustain: 0, release: 0 });

interface NoiseDrumOptions {
  /** Filters in series after the gate, e.g. high-passes for hats. */
  readonly filters: readonly BiquadFilterOptions[];
  readonly decay: number;
  readonly pan: number;
  readonly seed: number;
}

/**
 * A drum sound from seeded noise: a looping noise buffer gated by an envelope, then filtered.
 * The loop runs on between hits, so every hit plays a different stretch of the noise; gating
 * before filtering lets Chromium skip the filters while they only have silence to process.
 */
class NoiseDrum {
  private readonly envelope: Tone.AmplitudeEnvelope;
  readonly output: StereoPannerNode;

  constructor(options: NoiseDrumOptions) {
    const context = Tone.getContext().rawContext;
    const noise = new Tone.ToneBufferSource({
      url: new Tone.ToneAudioBuffer(whiteNoise(context, 1.7, options.seed)),
      loop: true,
    });
    this.envelope = hitEnvelope(options.decay);
    this.output = new StereoPannerNode(context, { pan: options.pan });
    Tone.connectSeries(noise, this.envelope, ...options.filters.map(biquad), this.output);
    noise.start(0);
  }

  hit(time: number, velocity: number): void {
    this.envelope.triggerAttack(time, velocity);
  }
}

/** A pitched drum (kick, snare body): a running oscillator swept down onto its pitch at each hit. */
class SweptDrum {
  private readonly oscillator: Tone.Oscillator;
  private readonly envelope: Tone.AmplitudeEnvelope;
  private readonly pitch: number;

  constructor(
    type: 'sine' | 'triangle',
    note: string,
    /** Start of the sweep, as a multiple of the pitch. */
    private readonly sweep: number,
    private readonly sweepSeconds: number,
    decay: number,
  ) {
    this.pitch = hertz(note);
    this.oscillator = new Tone.Oscillator({ type, frequency: this.pitch });
    this.envelope = hitEnvelope(decay);
    this.oscillator.connect(this.envelope).start(0);
  }

  get output(): Tone.ToneAudioNode {
    return this.envelope;
  }

  hit(time: number, velocity: number): void {
    this.oscillator.frequency.setValueAtTime(this.pitch * this.sweep, time);
    this.oscillator.frequency.exponentialRampToValueAtTime(this.pitch, time + this.sweepSeconds);
    this.envelope.triggerAttack(time, velocity);
  }
}

/** Kick (a swept sine), snare (a swept triangle and noise), hats and crash (noise). */
export class DrumKit {
  private readonly kick = new SweptDrum('sine', 'G1', 5, 0.045, 0.34);
  private readonly snareBody = new SweptDrum('triangle', 'G3', 1.6, 0.02, 0.11);
  private readonly snareNoise = new NoiseDrum({
    filters: [
      { type: 'highpass', frequency: 900, Q: 0.7 },
      { type: 'peaking', frequency: 3200, Q: 0.8, gain: 6 },
    ],
    decay: 0.17,
    pan: 0,
    seed: 11,
  });
  private readonly hat = new NoiseDrum({
    filters: [
      { type: 'highpass', frequency: 7500, Q: 0.7 },
      { type: 'highpass', frequency: 7500, Q: 0.7 },
      { type: 'peaking', frequency: 10_000, Q: 1, gain: 4 },
    ],
    decay: 0.045,
    pan: 0.3,
    seed: 12,
  });
  private readonly openHat = new NoiseDrum({
    filters: [
      { type: 'highpass', frequency: 6500, Q: 0.7 },
      { type: 'highpass', frequency: 6500, Q: 0.7 },
    ],
    decay: 0.32,
    pan: -0.25,
    seed: 13,
  });
  /** Two decorrelated noises panned apart make the crash wide. */
  private readonly crash = [-0.6, 0.6].map(
    (pan, side) =>
      new NoiseDrum({
        filters: [
          { type: 'highpass', frequency: 3500, Q: 0.7 },
          { type: 'lowpass', frequency: 12_000, Q: 0.7 },
        ],
        decay: 1.6,
        pan,
        seed: 14 + side,
      }),
  );
  /** A little variation in level, as a drummer's hands would give (seeded, so renders repeat). */
  private readonly humanize = createRng(21);

  constructor(output: Tone.InputNode) {
    mixInFixedOrder(
      [
        this.kick.output,
        this.snareBody.output,
        this.snareNoise.output,
        this.hat.output,
        this.openHat.output,
        ...this.crash.map((side) => side.output),
      ],
      output,
    );
  }

  play(sound: DrumSound, time: number, velocity: number): void {
    const level = velocity * (0.9 + 0.1 * this.humanize());
    switch (sound) {
      case 'kick':
        this.kick.hit(time, level);
        break;
      case 'snare':
        this.snareBody.hit(time, level * 0.45);
        this.snareNoise.hit(time, level * 0.32);
        break;
      case 'hat':
        this.hat.hit(time, level * 0.3);
        break;
      case 'openHat':
        this.openHat.hit(time, level * 0.22);
        break;
      case 'crash':
        for (const side of this.crash) side.hit(time, level * 0.22);
        break;
    }
  }
}

/** A mono bass: a sawtooth through a plucked resonant low-pass, over a sine carrying the fundamental. */
export class Bass {
  private readonly saw = new Tone.Oscillator({ type: 'sawtooth' });
  private readonly sub = new Tone.Oscillator({ type: 'sine' });
  private readonly pluck = new Tone.FrequencyEnvelope({
    attack: 0.003,
    decay: 0.16,
    sustain: 0.2,
    release: 0.1,
    baseFrequency: 110,
    octaves: 3.2,
  });
  private readonly envelope = new Tone.AmplitudeEnvelope({
    attack: 0.004,
    decay: 0.14,
    sustain: 0.3,
    release: 0.08,
  });

  constructor(output: Tone.InputNode) {
    const filter = new Tone.Filter({ type: 'lowpass', Q: 3 });
    this.pluck.connect(filter.frequency);
    const sawLevel = new Tone.Gain(0.4);
    this.saw.chain(filter, sawLevel);
    mixInFixedOrder([sawLevel, this.sub], this.envelope);
    this.envelope.connect(output);
    this.saw.start(0);
    this.sub.start(0);
  }

  play(note: string, time: number, seconds: number, velocity: number): void {
    const pitch = hertz(note);
    this.saw.frequency.setValueAtTime(pitch, time);
    this.sub.frequency.setValueAtTime(pitch, time);
    this.pluck.triggerAttackRelease(seconds, time);
    this.envelope.triggerAttackRelease(seconds, time, velocity);
  }
}

/** How each chord style sounds: its envelope and the brightness of the shared low-pass. */
const CHORD_STYLES = {
  pad: { envelope: { attack: 0.5, decay: 0.6, sustain: 0.8, release: 1.4 }, cutoff: 1400 },
  stab: { envelope: { attack: 0.008, decay: 0.35, sustain: 0.35, release: 0.3 }, cutoff: 2600 },
} as const;
/** Small fixed detunings (cents) so the lanes beat gently against each other. */
const LANE_DETUNE = [-7, 5, -4, 8];

/**
 * Chords: one sawtooth per chord tone ("lane"), each with its own envelope, mixed in a fixed
 * order, played as a slow pad or as plucky stabs through a low-pass and a stereo chorus.
 */
export class Chords {
  private readonly lanes = LANE_DETUNE.map((detune) => {
    const oscillator = new Tone.Oscillator({ type: 'sawtooth', detune }).start(0);
    const envelope = new Tone.AmplitudeEnvelope();
    oscillator.connect(envelope);
    return { oscillator, envelope };
  });
  private readonly lowpass = biquad({ type: 'lowpass', frequency: CHORD_STYLES.pad.cutoff, Q: 0.9 });

  constructor(output: Tone.InputNode) {
    const chorus = new Tone.Chorus({ frequency: 0.7, delayTime: 4, depth: 0.5, spread: 180, wet: 0.5 });
    chorus.connect(output);
    chorus.start(0);
    mixInFixedOrder(
      this.lanes.map(({ envelope }) => envelope),
      this.lowpass,
    );
    Tone.connect(this.lowpass, chorus);
  }

  /**
   * Plays `notes[i]` on lane i (a lane still releasing the previous chord moves to the new note).
   * An envelope reads its shape when a note is scheduled, so each chord sets its style first.
   */
  play(
    style: keyof typeof CHORD_STYLES,
    notes: readonly string[],
    time: number,
    seconds: number,
    velocity: number,
  ): void {
    if (notes.length > this.lanes.length) {
      throw new RangeError(`Chords: ${notes.length} notes given, at most ${this.lanes.length} lanes`);
    }
    const { envelope, cutoff } = CHORD_STYLES[style];
    this.lowpass.frequency.setValueAtTime(cutoff, time);
    notes.forEach((note, i) => {
      const lane = this.lanes[i];
      lane.oscillator.frequency.setValueAtTime(hertz(note), time);
      lane.envelope.set(envelope);
      lane.envelope.triggerAttackRelease(seconds, time, velocity);
    });
  }
}

/** The lead: two detuned squares through a plucked low-pass, with a ping-pong delay for width. */
export class Lead {
  private readonly oscillator = new Tone.FatOscillator({ type: 'square', count: 2, spread: 10 });
  private readonly pluck = new Tone.FrequencyEnvelope({
    attack: 0.004,
    decay: 0.22,
    sustain: 0.3,
    release: 0.3,
    baseFrequency: 700,
    octaves: 2.6,
  });
  private readonly envelope = new Tone.AmplitudeEnvelope({
    attack: 0.005,
    decay: 0.25,
    sustain: 0.2,
    release: 0.25,
  });

  constructor(output: Tone.InputNode) {
    const filter = new Tone.Filter({ type: 'lowpass', Q: 1.5 });
    this.pluck.connect(filter.frequency);
    // Dotted eighths bounce between the sides; feedback low enough to die out within the tail.
    const delay = new Tone.PingPongDelay({ delayTime: (60 / BPM) * 0.75, feedback: 0.3, wet: 0.28 });
    this.oscillator.chain(filter, this.envelope, delay, output);
    this.oscillator.start(0);
  }

  play(note: string, time: number, seconds: number, velocity: number): void {
    this.oscillator.frequency.setValueAtTime(hertz(note), time);
    this.pluck.triggerAttackRelease(seconds, time);
    this.envelope.triggerAttackRelease(seconds, time, velocity);
  }
}

/** A vowel's first three formants: centre frequencies (Hz), bandwidths (Hz) and levels (dB). */
interface Formants {
  readonly frequencies: readonly [number, number, number];
  readonly bandwidths: readonly [number, number, number];
  readonly levels: readonly [number, number, number];
}

/** Alto formants, from the classic table in the Csound manual's appendix. */
const VOWELS: Readonly<Record<Vowel, Formants>> = {
  a: { frequencies: [800, 1150, 2800], bandwidths: [80, 90, 120], levels: [0, -4, -20] },
  e: { frequencies: [400, 1600, 2700], bandwidths: [60, 80, 120], levels: [0, -24, -30] },
  i: { frequencies: [350, 1700, 2700], bandwidths: [50, 100, 120], levels: [0, -20, -30] },
  o: { frequencies: [450, 800, 2830], bandwidths: [70, 80, 100], levels: [0, -9, -16] },
  u: { frequencies: [325, 700, 2530], bandwidths: [50, 60, 170], levels: [0, -12, -30] },
};

/**
 * How long the mouth takes to move from one vowel to the next (s). Linear ramps rather than
 * setTargetAtTime: a biquad recomputes its coefficients every sample while its parameters are
 * automated, and setTargetAtTime never ends.
 */
const VOWEL_GLIDE = 0.09;
/** How quickly the pitch slides to the next note (time constant, seconds). */
const PORTAMENTO = 0.018;

/**
 * A singing voice by formant synthesis: a sawtooth (the glottis) with a breath of noise, through
 * three parallel band-pass filters (the vocal tract's resonances) that glide between vowels,
 * with vibrato. Legato: one source, the envelope re-attacks for each note.
 */
export class FormantVoice {
  private readonly glottis = new Tone.Oscillator({ type: 'sawtooth', frequency: 220 });
  private readonly resonances: { filter: BiquadFilterNode; level: Tone.Gain }[];
  private vowel: Vowel = 'a';
  private readonly envelope = new Tone.AmplitudeEnvelope({
    attack: 0.05,
    decay: 0.3,
    sustain: 0.55,
    release: 0.22,
    attackCurve: 'sine',
  });

  constructor(output: Tone.InputNode) {
    const breath = new Tone.ToneBufferSource({
      url: new Tone.ToneAudioBuffer(whiteNoise(Tone.getContext().rawContext, 2, 31)),
      loop: true,
    });
    const vibrato = new Tone.LFO({ frequency: 5.2, min: -22, max: 22 });
    const tract = new Tone.Gain();
    this.glottis.connect(tract);
    breath.connect(new Tone.Gain(0.06).connect(tract));
    vibrato.connect(this.glottis.detune);
    this.resonances = VOWELS.a.frequencies.map((frequency, i) => {
      const filter = biquad({ type: 'bandpass', frequency, Q: frequency / VOWELS.a.bandwidths[i] });
      const level = new Tone.Gain(Tone.dbToGain(VOWELS.a.levels[i]));
      tract.connect(filter);
      Tone.connect(filter, level);
      return { filter, level };
    });
    mixInFixedOrder(
      this.resonances.map(({ level }) => level),
      this.envelope,
    );
    // A short ping-pong gives the voice a room around it.
    const room = new Tone.PingPongDelay({ delayTime: 0.11, feedback: 0.25, wet: 0.18 });
    this.envelope.chain(room, output);
    for (const source of [this.glottis, breath, vibrato]) source.start(0);
  }

  sing(note: string, vowels: readonly Vowel[], time: number, seconds: number, velocity: number): void {
    this.glottis.frequency.setTargetAtTime(hertz(note), time, PORTAMENTO);
    vowels.forEach((vowel, i) => {
      this.shapeVowel(vowel, time + (i * seconds) / vowels.length);
    });
    this.envelope.triggerAttackRelease(seconds, time, velocity);
  }

  private shapeVowel(vowel: Vowel, time: number): void {
    const from = VOWELS[this.vowel];
    const to = VOWELS[vowel];
    this.vowel = vowel;
    const glide = (param: AudioParam, start: number, end: number) => {
      param.setValueAtTime(start, time);
      param.linearRampToValueAtTime(end, time + VOWEL_GLIDE);
    };
    this.resonances.forEach(({ filter, level }, i) => {
      glide(filter.frequency, from.frequencies[i], to.frequencies[i]);
      glide(filter.Q, from.frequencies[i] / from.bandwidths[i], to.frequencies[i] / to.bandwidths[i]);
      level.gain.setValueAtTime(Tone.dbToGain(from.levels[i]), time);
      level.gain.linearRampToValueAtTime(Tone.dbToGain(to.levels[i]), time + VOWEL_GLIDE);
    });
  }
}
