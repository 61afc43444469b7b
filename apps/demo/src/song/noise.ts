// Deterministic randomness for the default song. Shared links are checked by rendering twice and
// comparing bits, so nothing here may touch Math.random (nor Tone.Noise, which uses it).
import { createRng } from '@lathe/dsp';

/** `seconds` of mono white noise in [-1, 1) from `seed`, as a buffer of `context`. */
export function whiteNoise(context: BaseAudioContext, seconds: number, seed: number): AudioBuffer {
  const buffer = context.createBuffer(1, Math.round(seconds * context.sampleRate), context.sampleRate);
  const samples = buffer.getChannelData(0);
  const random = createRng(seed);
  for (let i = 0; i < samples.length; i++) samples[i] = random() * 2 - 1;
  return buffer;
}
