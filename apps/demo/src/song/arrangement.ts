// The default song as plain data: 16 bars of 4/4 at 124 bpm in A minor, i–VI–III–VII.
//   bars 0–3   intro: pads and hats, then kick and bass, a snare fill into…
//   bars 4–11  main: everything; the voice sings, the lead answers in the second half
//   bars 12–15 outro: the band thins out and a final A minor chord decays into the tail.
// Times are in beats (quarter notes) from the song's start; render.ts turns them into seconds.

export const BPM = 124;
export const BEATS_PER_BAR = 4;
export const BARS = 16;
/** Room after the last bar for the final decay (reverb-like delays, releases) to reach silence. */
export const TAIL_SECONDS = 2;

/** One note of a pitched part. */
export interface NoteEvent {
  /** Start, in beats from the song's start. */
  readonly beat: number;
  /** Scientific pitch name, e.g. 'A3'. */
  readonly note: string;
  /** Length in beats (the release follows). */
  readonly beats: number;
  /** 0…1. */
  readonly velocity: number;
}

export interface ChordEvent {
  /** A slow-swelling pad or a plucked keyboard stab. */
  readonly style: 'pad' | 'stab';
  readonly beat: number;
  readonly notes: readonly string[];
  readonly beats: number;
  readonly velocity: number;
}

export type DrumSound = 'kick' | 'snare' | 'hat' | 'openHat' | 'crash';

export interface DrumHit {
  readonly beat: number;
  readonly sound: DrumSound;
  readonly velocity: number;
}

/** The five vowels the voice sings, named by their sound. */
export type Vowel = 'a' | 'e' | 'i' | 'o' | 'u';

export interface SungNote extends NoteEvent {
  /** Vowels sung in turn over the note (the mouth moves evenly between them). */
  readonly vowels: readonly Vowel[];
}

type Chord = 'Am' | 'F' | 'C' | 'G';

/** One chord per bar. */
// biome-ignore format: one line per section
const CHORDS: readonly Chord[] = [
  'Am', 'F', 'C', 'G', // intro
  'Am', 'F', 'C', 'G', 'Am', 'F', 'C', 'G', // main
  'Am', 'F', 'G', 'Am', // outro
];

const VOICINGS: Readonly<Record<Chord, readonly string[]>> = {
  Am: ['A3', 'C4', 'E4', 'G4'],
  F: ['F3', 'A3', 'C4', 'E4'],
  C: ['G3', 'C4', 'E4', 'G4'],
  G: ['G3', 'B3', 'D4', 'G4'],
};
/** The last chord: A minor with an added ninth, left to ring. */
const FINAL_VOICING = ['A3', 'C4', 'E4', 'B4'];

const BASS_ROOTS: Readonly<Record<Chord, string>> = { Am: 'A1', F: 'F1', C: 'C2', G: 'G1' };

// Rhythms are grids of characters, one per step: a letter starts something, '=' holds
// it one more step, '.' is a rest. Drum grids have 16 steps (sixteenths), the others 8 (eighths).

/** Drum step velocities: X loud, x medium, o soft. */
const HIT_VELOCITY: Readonly<Record<string, number>> = { X: 1, x: 0.72, o: 0.45 };

interface DrumBar {
  readonly kick?: string;
  readonly snare?: string;
  readonly hat?: string;
  readonly openHat?: string;
  readonly crash?: string;
}

const FOUR_ON_THE_FLOOR = 'X...X...X...X...';
const BACKBEAT = '....X.......X...';
const HATS_OFFBEAT = '..x...x...x...x.';
const HATS_SIXTEENTHS = 'o.x.o.xoo.x.o.xo';
const OPEN_HAT_LAST_OFFBEAT = '..............x.';
const MAIN_A: DrumBar = { kick: FOUR_ON_THE_FLOOR, snare: BACKBEAT, hat: HATS_SIXTEENTHS };
const MAIN_B: DrumBar = { ...MAIN_A, openHat: OPEN_HAT_LAST_OFFBEAT, hat: 'o.x.o.xoo.x.o...' };

const DRUM_BARS: readonly DrumBar[] = [
  { hat: HATS_OFFBEAT },
  { hat: HATS_OFFBEAT },
  { kick: FOUR_ON_THE_FLOOR, hat: HATS_OFFBEAT },
  { kick: FOUR_ON_THE_FLOOR, hat: HATS_OFFBEAT, snare: '............oxxX' },
  { ...MAIN_A, crash: 'X...............' },
  MAIN_B,
  MAIN_A,
  MAIN_B,
  MAIN_A,
  MAIN_B,
  MAIN_A,
  { ...MAIN_A, snare: '....X.......X.xX' },
  { ...MAIN_A, crash: 'X...............' },
  MAIN_B,
  { kick: 'X.......X.......', hat: HATS_OFFBEAT },
  { kick: 'X...............', crash: 'X...............' },
];

/** Bass: r root, o octave above, f fifth above. House style: off the kick's beats. */
// biome-ignore format: one line per four bars
const BASS_BARS: readonly string[] = [
  '........', '........', '.r.r.r.o', '.r.r.r.o',
  '.r.r.o.r', '.r.r.o.r', '.r.r.o.r', '.r.r.o.f',
  '.r.r.o.r', '.r.r.o.r', '.r.r.o.r', '.r.r.o.f',
  '.r.r.o.r', '.r.r.o.r', 'r===r===', 'r=======',
];
const BASS_INTERVALS: Readonly<Record<string, number>> = { r: 0, o: 12, f: 7 };

/** Chords: pads held through the intro and the end, syncopated stabs in between. */
const PAD = 'x=======';
const STABS = 'x==x=.x=';
// biome-ignore format: one line per section
const CHORD_BARS: readonly string[] = [
  PAD, PAD, PAD, PAD,
  STABS, STABS, STABS, STABS, STABS, STABS, STABS, STABS,
  STABS, STABS, PAD, 'x=====..',
];

/** The lead, bar → [beat, note, beats]. It answers the voice in the second half and the outro. */
// biome-ignore format: one line per bar
const LEAD: Readonly<Record<number, readonly (readonly [number, string, number])[]>> = {
  8: [[0, 'E5', 0.75], [0.75, 'D5', 0.25], [1, 'C5', 0.5], [1.5, 'A4', 0.5], [2.5, 'C5', 0.5], [3, 'D5', 0.5], [3.5, 'E5', 0.5]],
  9: [[0, 'F5', 0.75], [0.75, 'E5', 0.25], [1, 'C5', 0.5], [1.5, 'A4', 1], [3, 'C5', 0.5], [3.5, 'A4', 0.5]],
  10: [[0, 'E5', 0.75], [0.75, 'D5', 0.25], [1, 'C5', 0.5], [1.5, 'G4', 0.5], [2.5, 'C5', 0.5], [3, 'E5', 0.5], [3.5, 'G5', 0.5]],
  11: [[0, 'D5', 1.5], [1.5, 'B4', 0.5], [2, 'D5', 0.5], [2.5, 'E5', 0.5], [3, 'D5', 1]],
  12: [[0, 'E5', 0.75], [0.75, 'D5', 0.25], [1, 'C5', 0.5], [1.5, 'A4', 0.5], [2.5, 'C5', 0.5], [3, 'B4', 0.5], [3.5, 'C5', 0.5]],
  13: [[0, 'A4', 2]],
};

/** The voice, bar → [beat, note, beats, vowels]. Open vowels on long notes, closing at phrase ends. */
// biome-ignore format: one line per bar
const VOICE: Readonly<Record<number, readonly (readonly [number, string, number, readonly Vowel[]])[]>> = {
  4: [[0, 'E4', 2, ['a']], [2, 'D4', 1, ['o']], [3, 'C4', 1, ['a']]],
  5: [[0, 'C4', 3, ['o', 'a']], [3, 'A3', 1, ['u']]],
  6: [[0, 'C4', 1, ['e']], [1, 'D4', 1, ['a']], [2, 'E4', 2, ['a', 'o']]],
  7: [[0, 'D4', 3, ['a', 'e']], [3, 'B3', 0.75, ['u']]],
  8: [[0, 'A3', 1, ['u']], [1, 'C4', 1, ['o']], [2, 'E4', 2, ['a']]],
  9: [[0, 'F4', 2, ['a', 'e']], [2, 'E4', 1, ['o']], [3, 'C4', 1, ['o']]],
  10: [[0, 'E4', 2, ['a']], [2, 'D4', 1, ['e']], [3, 'C4', 1, ['a']]],
  11: [[0, 'D4', 3.5, ['a', 'o', 'u']]],
  12: [[0, 'E4', 2, ['a']], [2, 'D4', 1, ['o']], [3, 'C4', 1, ['a']]],
  13: [[0, 'C4', 2, ['o']], [2, 'A3', 2, ['o', 'u']]],
  14: [[0, 'B3', 2, ['o']], [2, 'D4', 2, ['a', 'e']]],
  15: [[0, 'A3', 3, ['a', 'o', 'u']]],
};

/** Where a grid step starts something: its index and how many steps it lasts. */
function gridOnsets(grid: string): { step: number; symbol: string; steps: number }[] {
  const onsets: { step: number; symbol: string; steps: number }[] = [];
  for (let step = 0; step < grid.length; step++) {
    const symbol = grid[step];
    if (symbol === '.' || symbol === '=') continue;
    let steps = 1;
    while (grid[step + steps] === '=') steps++;
    onsets.push({ step, symbol, steps });
  }
  return onsets;
}

/** `note` (naturals and sharps, e.g. 'A1') moved by `semitones`. */
function transpose(note: string, semitones: number): string {
  const names = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
  const match = /^([A-G]#?)(-?\d)$/.exec(note);
  if (!match) throw new Error(`arrangement: cannot read the note '${note}'`);
  const midi = names.indexOf(match[1]) + 12 * Number(match[2]) + semitones;
  return `${names[midi % 12]}${Math.floor(midi / 12)}`;
}

function drumHits(): DrumHit[] {
  const sounds: readonly DrumSound[] = ['kick', 'snare', 'hat', 'openHat', 'crash'];
  return DRUM_BARS.flatMap((bar, index) =>
    sounds.flatMap((sound) =>
      gridOnsets(bar[sound] ?? '').map(({ step, symbol }) => ({
        beat: index * BEATS_PER_BAR + step / 4,
        sound,
        velocity: HIT_VELOCITY[symbol],
      })),
    ),
  ).sort((a, b) => a.beat - b.beat);
}

function bassNotes(): NoteEvent[] {
  return BASS_BARS.flatMap((grid, bar) =>
    gridOnsets(grid).map(({ step, symbol, steps }) => ({
      beat: bar * BEATS_PER_BAR + step / 2,
      note: transpose(BASS_ROOTS[CHORDS[bar]], BASS_INTERVALS[symbol]),
      // Short notes leave room for the kick; held ones stop just before the next onset.
      beats: steps === 1 ? 0.3 : steps / 2 - 0.1,
      velocity: symbol === 'r' ? 0.9 : 0.75,
    })),
  );
}

function chordHits(): ChordEvent[] {
  return CHORD_BARS.flatMap((grid, bar) => {
    const style = grid === STABS ? 'stab' : 'pad';
    return gridOnsets(grid).map(({ step, steps }) => ({
      style,
      beat: bar * BEATS_PER_BAR + step / 2,
      notes: bar === BARS - 1 ? FINAL_VOICING : VOICINGS[CHORDS[bar]],
      beats: steps / 2 - (style === 'stab' ? 0.15 : 0),
      // Stabs on the beat lean a little harder than the syncopated ones.
      velocity: style === 'pad' ? 0.5 : step === 0 ? 0.7 : 0.6,
    }));
  });
}

/** Every part of the song, ready to schedule. */
export const ARRANGEMENT = {
  drums: drumHits(),
  bass: bassNotes(),
  chords: chordHits(),
  lead: Object.entries(LEAD).flatMap(([bar, notes]) =>
    notes.map(
      ([beat, note, beats]): NoteEvent => ({
        beat: Number(bar) * BEATS_PER_BAR + beat,
        note,
        beats,
        // Notes on the beat a touch louder than those between.
        velocity: Number.isInteger(beat) ? 0.85 : 0.7,
      }),
    ),
  ),
  voice: Object.entries(VOICE).flatMap(([bar, notes]) =>
    notes.map(
      ([beat, note, beats, vowels]): SungNote => ({
        beat: Number(bar) * BEATS_PER_BAR + beat,
        note,
        beats,
        velocity: 0.8,
        vowels,
      }),
    ),
  ),
} as const;
