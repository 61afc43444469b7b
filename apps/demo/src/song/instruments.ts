// The default song's instruments, built from Tone.js voices on whatever Tone context is current
// (render.ts makes it an offline one). Everything here renders bit-identically every time:
// - noise comes from seeded buffers (noise.ts), never Tone.Noise or Math.random;
// - no node input ever sums more than two live signals. Chromium adds the connections into one
//   input in an order that changes from render to render (a hash set of pointers), and float
//   addition of three or more terms rounds differently in another order. So parts are mixed
//   pairwise through a chain of gains (mixInFixedOrder), fat oscillators have two voices, and
//   chords play on fixed lanes of monophonic synths rather than a PolySynth, whose voices all
//   meet in one gain.
import * as Tone from 'tone';
import type { DrumSound, Vowel } from './arrangement.ts';
import { seededRandom, whiteNoise } from './noise.ts';

/** Adds `parts` into `output` two at a time, always in the same order (see the top of this file). */
function mixInFixedOrder(parts: readonly Tone.ToneAudioNode[], output: Tone.InputNode): void {
  const mixed = parts.reduce((sum, part) => {
    const next = new Tone.Gain();
    sum.connect(next);
    part.connect(next);
    return next;
  });
  mixed.connect(output);
}

/** Times in seconds on the rendering context, velocities 0…1. */
export interface PitchedInstrument {
  play(note: string, time: number, seconds: number, velocity: number): void;
}

interface NoiseDrumOptions {
  /** Filters in series after the noise, e.g. a high-pass for hats. */
  readonly filters: readonly Partial<Tone.FilterOptions>[];
  readonly decay: number;
  readonly pan: number;
  readonly seed: number;
}

/**
 * A drum sound from seeded noise: each hit plays a stretch of the noise buffer (at a seeded offset,
 * so hits differ like a real kit's) through the filters and an amplitude envelope.
 */
class NoiseDrum {
  private readonly noise: Tone.ToneAudioBuffer;
  private readonly input: Tone.Filter;
  private readonly envelope: Tone.AmplitudeEnvelope;
  private readonly random: () => number;
  /** Long enough for the envelope to reach zero. */
  private readonly hitSeconds: number;
  readonly output: Tone.Panner;

  constructor(options: NoiseDrumOptions) {
    const context = Tone.getContext();
    this.noise = new Tone.ToneAudioBuffer(whiteNoise(context.rawContext, 1, options.seed));
    this.random = seededRandom(options.seed ^ 0x9e3779b9);
    const filters = options.filters.map((filter) => new Tone.Filter(filter));
    this.input = filters[0];
    this.envelope = new Tone.AmplitudeEnvelope({ attack: 0.001, decay: options.decay, sustain: 0, release: 0 });
    this.output = new Tone.Panner(options.pan);
    Tone.connectSeries(...filters, this.envelope, this.output);
    this.hitSeconds = options.decay + 0.01;
  }

  hit(time: number, velocity: number): void {
    const offset = this.random() * (this.noise.duration - this.hitSeconds);
    new Tone.ToneBufferSource({ url: this.noise }).connect(this.input).start(time, offset, this.hitSeconds);
    this.envelope.triggerAttack(time, velocity);
  }
}

/** Kick (a pitch-swept sine), snare (a tuned body and noise), hats and crash (noise). */
export class DrumKit {
  private readonly kick = new Tone.MembraneSynth({
    pitchDecay: 0.045,
    octaves: 5,
    oscillator: { type: 'sine' },
    envelope: { attack: 0.001, decay: 0.34, sustain: 0, release: 0.02 },
  });
  private readonly snareBody = new Tone.MembraneSynth({
    pitchDecay: 0.02,
    octaves: 1.6,
    oscillator: { type: 'triangle' },
    envelope: { attack: 0.001, decay: 0.11, sustain: 0, release: 0.02 },
  });
  private readonly snareNoise: NoiseDrum;
  private readonly hat: NoiseDrum;
  private readonly openHat: NoiseDrum;
  /** Two decorrelated noises panned apart make the crash wide. */
  private readonly crash: readonly NoiseDrum[];
  private readonly humanize: () => number;

  constructor(output: Tone.InputNode, seed: number) {
    this.snareNoise = new NoiseDrum({
      filters: [
        { type: 'highpass', frequency: 900, Q: 0.7 },
        { type: 'peaking', frequency: 3200, Q: 0.8, gain: 6 },
      ],
      decay: 0.17,
      pan: 0,
      seed,
    });
    this.hat = new NoiseDrum({
      filters: [
        { type: 'highpass', frequency: 7500, rolloff: -24 },
        { type: 'peaking', frequency: 10_000, Q: 1, gain: 4 },
      ],
      decay: 0.045,
      pan: 0.3,
      seed: seed + 1,
    });
    this.openHat = new NoiseDrum({
      filters: [{ type: 'highpass', frequency: 6500, rolloff: -24 }],
      decay: 0.32,
      pan: -0.25,
      seed: seed + 2,
    });
    this.crash = [-0.6, 0.6].map(
      (pan, side) =>
        new NoiseDrum({
          filters: [
            { type: 'highpass', frequency: 3500, rolloff: -24 },
            { type: 'lowpass', frequency: 12_000 },
          ],
          decay: 1.6,
          pan,
          seed: seed + 3 + side,
        }),
    );
    this.humanize = seededRandom(seed + 5);
    const snareBody = new Tone.Gain(0.5);
    this.snareBody.connect(snareBody);
    mixInFixedOrder(
      [
        this.kick,
        snareBody,
        this.snareNoise.output,
        this.hat.output,
        this.openHat.output,
        ...this.crash.map((side) => side.output),
      ],
      output,
    );
  }

  play(sound: DrumSound, time: number, velocity: number): void {
    // A little variation in level, as a drummer's hands would give (seeded, so renders repeat).
    const level = velocity * (0.9 + 0.1 * this.humanize());
    switch (sound) {
      case 'kick':
        this.kick.triggerAttackRelease('G1', 0.3, time, level);
        break;
      case 'snare':
        this.snareBody.triggerAttackRelease('G3', 0.1, time, level);
        this.snareNoise.hit(time, level);
        break;
      case 'hat':
        this.hat.hit(time, level * 0.6);
        break;
      case 'openHat':
        this.openHat.hit(time, level * 0.45);
        break;
      case 'crash':
        for (const side of this.crash) side.hit(time, level * 0.45);
        break;
    }
  }
}

/** A mono bass: a sawtooth through a plucked low-pass, over a sine that carries the fundamental. */
export class Bass implements PitchedInstrument {
  private readonly saw = new Tone.MonoSynth({
    oscillator: { type: 'sawtooth' },
    filter: { type: 'lowpass', rolloff: -24, Q: 2 },
    envelope: { attack: 0.004, decay: 0.25, sustain: 0.6, release: 0.08 },
    filterEnvelope: { attack: 0.003, decay: 0.16, sustain: 0.2, release: 0.1, baseFrequency: 110, octaves: 3.2 },
  });
  private readonly sub = new Tone.Synth({
    oscillator: { type: 'sine' },
    envelope: { attack: 0.006, decay: 0.3, sustain: 0.8, release: 0.08 },
  });

  constructor(output: Tone.InputNode) {
    this.saw.connect(new Tone.Gain(0.55).connect(output));
    this.sub.connect(output);
  }

  play(note: string, time: number, seconds: number, velocity: number): void {
    this.saw.triggerAttackRelease(note, seconds, time, velocity);
    this.sub.triggerAttackRelease(note, seconds, time, velocity);
  }
}

/** A chord instrument: one monophonic synth per chord tone ("lane"), mixed in a fixed order. */
class SynthLanes {
  private readonly lanes: Tone.Synth[];
  readonly output = new Tone.Gain();

  constructor(count: number, options: ConstructorParameters<typeof Tone.Synth>[0]) {
    this.lanes = Array.from({ length: count }, () => new Tone.Synth(options));
    mixInFixedOrder(this.lanes, this.output);
  }

  /** Plays `notes[i]` on lane i; a lane still releasing the previous chord glides into the new note. */
  play(notes: readonly string[], time: number, seconds: number, velocity: number): void {
    if (notes.length > this.lanes.length) {
      throw new RangeError(`Chords: ${notes.length} notes given, at most ${this.lanes.length} lanes`);
    }
    notes.forEach((note, i) => {
      this.lanes[i].triggerAttackRelease(note, seconds, time, velocity);
    });
  }
}

/** Chords: a slow pad and plucky keys, both detuned saws, widened by a stereo chorus. */
export class Chords {
  private readonly pad = new SynthLanes(4, {
    oscillator: { type: 'fatsawtooth', count: 2, spread: 22 },
    envelope: { attack: 0.5, decay: 0.6, sustain: 0.8, release: 1.4 },
  });
  private readonly keys = new SynthLanes(4, {
    oscillator: { type: 'fatsawtooth', count: 2, spread: 14 },
    envelope: { attack: 0.008, decay: 0.35, sustain: 0.35, release: 0.3 },
  });

  constructor(output: Tone.InputNode) {
    const chorus = new Tone.Chorus({ frequency: 0.7, delayTime: 4, depth: 0.5, spread: 180, wet: 0.5 });
    chorus.connect(output);
    chorus.start(0);
    this.pad.output.chain(new Tone.Filter({ type: 'lowpass', frequency: 1400, rolloff: -24 }), chorus);
    this.keys.output.chain(new Tone.Filter({ type: 'lowpass', frequency: 2600, Q: 1.5 }), chorus);
  }

  play(style: 'pad' | 'stab', notes: readonly string[], time: number, seconds: number, velocity: number): void {
    (style === 'pad' ? this.pad : this.keys).play(notes, time, seconds, velocity);
  }
}

/** The lead: a plucked square-ish synth with a ping-pong delay for width. */
export class Lead implements PitchedInstrument {
  private readonly synth = new Tone.MonoSynth({
    oscillator: { type: 'fatsquare', count: 2, spread: 10 },
    filter: { type: 'lowpass', Q: 1.5, rolloff: -12 },
    envelope: { attack: 0.005, decay: 0.2, sustain: 0.45, release: 0.25 },
    filterEnvelope: { attack: 0.004, decay: 0.22, sustain: 0.3, release: 0.3, baseFrequency: 700, octaves: 2.6 },
  });

  constructor(output: Tone.InputNode) {
    // Dotted eighths bounce between the sides; feedback low enough to die out within the tail.
    const delay = new Tone.PingPongDelay({ delayTime: (60 / 124) * 0.75, feedback: 0.3, wet: 0.28 });
    this.synth.chain(delay, output);
  }

  play(note: string, time: number, seconds: number, velocity: number): void {
    this.synth.triggerAttackRelease(note, seconds, time, velocity);
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

/** How quickly the mouth moves from one vowel to the next (time constant, seconds). */
const VOWEL_GLIDE = 0.045;
/** How quickly the pitch slides to the next note (time constant, seconds). */
const PORTAMENTO = 0.018;

/**
 * A singing voice by formant synthesis: a sawtooth (the glottis) with a breath of noise, through
 * three parallel band-pass filters (the vocal tract's resonances) that glide between vowels,
 * with vibrato. Legato: one source, the envelope re-attacks for each note.
 */
export class FormantVoice {
  private readonly glottis = new Tone.Oscillator({ type: 'sawtooth', frequency: 220 });
  private readonly breath: Tone.ToneBufferSource;
  private readonly resonances: { filter: Tone.Filter; level: Tone.Gain }[];
  private readonly envelope = new Tone.AmplitudeEnvelope({
    attack: 0.07,
    decay: 0.15,
    sustain: 0.85,
    release: 0.22,
    attackCurve: 'sine',
  });
  private readonly vibrato = new Tone.LFO({ frequency: 5.2, min: -22, max: 22 });

  constructor(output: Tone.InputNode, seed: number) {
    const context = Tone.getContext();
    this.breath = new Tone.ToneBufferSource({
      url: new Tone.ToneAudioBuffer(whiteNoise(context.rawContext, 2, seed)),
      loop: true,
    });
    const tract = new Tone.Gain();
    this.glottis.connect(tract);
    this.breath.connect(new Tone.Gain(0.06).connect(tract));
    this.vibrato.connect(this.glottis.detune);
    this.resonances = [0, 1, 2].map(() => {
      const filter = new Tone.Filter({ type: 'bandpass', frequency: 800, Q: 10 });
      const level = new Tone.Gain(1);
      tract.chain(filter, level);
      return { filter, level };
    });
    mixInFixedOrder(
      this.resonances.map(({ level }) => level),
      this.envelope,
    );
    // A short ping-pong gives the voice a room around it.
    const room = new Tone.PingPongDelay({ delayTime: 0.11, feedback: 0.25, wet: 0.18 });
    this.envelope.chain(room, output);
  }

  /** Starts the sources (they run silent between notes) and stops them after the last note. */
  run(from: number, until: number): void {
    this.glottis.start(from).stop(until);
    this.breath.start(from).stop(until);
    this.vibrato.start(from).stop(until);
  }

  sing(note: string, vowels: readonly Vowel[], time: number, seconds: number, velocity: number): void {
    this.glottis.frequency.setTargetAtTime(Tone.Frequency(note).toFrequency(), time, PORTAMENTO);
    vowels.forEach((vowel, i) => this.shapeVowel(vowel, time + (i * seconds) / vowels.length));
    this.envelope.triggerAttackRelease(seconds, time, velocity);
  }

  private shapeVowel(vowel: Vowel, time: number): void {
    const { frequencies, bandwidths, levels } = VOWELS[vowel];
    this.resonances.forEach(({ filter, level }, i) => {
      filter.frequency.setTargetAtTime(frequencies[i], time, VOWEL_GLIDE);
      filter.Q.setTargetAtTime(frequencies[i] / bandwidths[i], time, VOWEL_GLIDE);
      level.gain.setTargetAtTime(Tone.dbToGain(levels[i]), time, VOWEL_GLIDE);
    });
  }
}
