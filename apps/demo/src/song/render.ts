// Offline rendering of the default song, one stem at a time, each on its own native
// OfflineAudioContext handed to Tone (Tone's contexts are wrappers; the buffers that come out are
// plain native AudioBuffers, playable in any context).
import * as Tone from 'tone';
import { ARRANGEMENT, BARS, BEATS_PER_BAR, BPM } from './arrangement.ts';
import { Bass, Chords, DrumKit, FormantVoice, Lead } from './instruments.ts';

export type StemId = 'drums' | 'bass' | 'chords' | 'lead' | 'voice';

const SECONDS_PER_BEAT = 60 / BPM;
/** The song itself, without the tail. */
export const SONG_SECONDS = BARS * BEATS_PER_BAR * SECONDS_PER_BEAT;

const seconds = (beats: number) => beats * SECONDS_PER_BEAT;

/** Each stem's level into its buffer (dB): the balance of the plain sum, and the stems' peaks. */
const STEM_GAIN_DB: Readonly<Record<StemId, number>> = {
  drums: -8.5,
  bass: -10.5,
  chords: -15.5,
  lead: -8.5,
  voice: 2,
};

/** Builds a stem's instruments on the current Tone context and schedules all its notes. */
const SCHEDULE: Readonly<Record<StemId, (output: Tone.InputNode) => void>> = {
  drums(output) {
    const kit = new DrumKit(output);
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
    const voice = new FormantVoice(output);
    for (const n of ARRANGEMENT.voice)
      voice.sing(n.note, n.vowels, seconds(n.beat), seconds(n.beats), n.velocity);
  },
};

/**
 * Renders one stem: `frames` stereo frames at `sampleRate`. Tone's global context points at the
 * offline context only while the instruments are built and scheduled (synchronously, so
 * concurrent renders cannot interleave), then goes back to whatever it was.
 */
export async function renderStem(stem: StemId, frames: number, sampleRate: number): Promise<AudioBuffer> {
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
  // Tone runs its clock over the duration in one go (nothing here waits on it), then the native
  // context renders; what comes back wraps the native AudioBuffer, which is what we return.
  const rendered = (await context.render(false)).get();
  context.dispose();
  if (!rendered) throw new Error(`renderDefaultSong: the ${stem} stem rendered no buffer`);
  return rendered;
}
