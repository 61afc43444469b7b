// Offline rendering of the default song, one stem at a time, each on its own native
// OfflineAudioContext handed to Tone (Tone's contexts are wrappers; the buffers that come out are
// plain native AudioBuffers, playable in any context).
import * as Tone from 'tone';
import { ARRANGEMENT, BARS, BEATS_PER_BAR, BPM, TAIL_SECONDS } from './arrangement.ts';
import { Bass, Chords, DrumKit, FormantVoice, Lead } from './instruments.ts';

export type StemId = 'drums' | 'bass' | 'chords' | 'lead' | 'voice';

const SECONDS_PER_BEAT = 60 / BPM;
/** The song itself, without the tail. */
export const SONG_SECONDS = BARS * BEATS_PER_BAR * SECONDS_PER_BEAT;

const seconds = (beats: number) => beats * SECONDS_PER_BEAT;

/** Each stem's level into its buffer (dB): the balance of the plain sum, and the stems' peaks. */
const STEM_GAIN_DB: Readonly<Record<StemId, number>> = {
  drums: -4,
  bass: -10,
  chords: -14,
  lead: -14,
  voice: 0,
};

/** Builds a stem's instruments on the current Tone context and schedules all its notes. */
const SCHEDULE: Readonly<Record<StemId, (output: Tone.InputNode) => void>> = {
  drums(output) {
    const kit = new DrumKit(output, 0x5eed_d8);
    for (const hit of ARRANGEMENT.drums) kit.play(hit.sound, seconds(hit.beat), hit.velocity);
  },
  bass(output) {
    const bass = new Bass(output);
    for (const n of ARRANGEMENT.bass) bass.play(n.note, seconds(n.beat), seconds(n.beats), n.velocity);
  },
  chords(output) {
    const chords = new Chords(output);
    for (const c of ARRANGEMENT.chords) {
      chords.play(c.style, c.notes, seconds(c.beat), seconds(c.beats), c.velocity);
    }
  },
  lead(output) {
    const lead = new Lead(output);
    for (const n of ARRANGEMENT.lead) lead.play(n.note, seconds(n.beat), seconds(n.beats), n.velocity);
  },
  voice(output) {
    const voice = new FormantVoice(output, 0x70ce);
    const notes = ARRANGEMENT.voice;
    const first = notes[0];
    const last = notes[notes.length - 1];
    // Sources run from just before the first note to after the last one's release.
    voice.run(seconds(first.beat) - 0.05, seconds(last.beat + last.beats) + 1);
    for (const n of notes) voice.sing(n.note, n.vowels, seconds(n.beat), seconds(n.beats), n.velocity);
  },
};

/**
 * Renders one stem: `frames` stereo frames at `sampleRate`. Tone's global context points at the
 * offline context only while the instruments are built and scheduled (synchronously, so
 * concurrent renders cannot interleave), then goes back to whatever it was.
 */
export async function renderStem(stem: StemId, frames: number, sampleRate: number): Promise<AudioBuffer> {
  const t0 = performance.now();
  const native = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate });
  const context = new Tone.OfflineContext(native);
  const previous = Tone.getContext();
  Tone.setContext(context);
  try {
    const output = new Tone.Gain(Tone.dbToGain(STEM_GAIN_DB[stem])).toDestination();
    SCHEDULE[stem](output);
  } finally {
    Tone.setContext(previous);
  }
  const t1 = performance.now();
  native.addEventListener('complete', () => { (globalThis as unknown as {T: string[]}).T.push(`${stem} build ${Math.round(t1-t0)} clock+render ${Math.round(performance.now()-t1)} rendering-start ${Math.round(tr - t1)} nodes ${JSON.stringify((globalThis as unknown as {C: Record<string, number>}).C)}`); for (const k of Object.keys((globalThis as unknown as {C: Record<string, number>}).C)) delete (globalThis as unknown as {C: Record<string, number>}).C[k]; (() => {})(); });
  let tr = 0;
  const origStart = native.startRendering.bind(native);
  native.startRendering = () => { tr = performance.now(); return origStart(); };
  // Tone runs its own clock (timeouts, voice allocation) over the whole duration, then renders.
  const rendered = (await context.render(false)).get();
  context.dispose();
  if (!rendered) throw new Error(`renderDefaultSong: the ${stem} stem rendered no buffer`);
  return rendered;
}
