// Deterministic randomness for the default song. Shared links are checked by rendering twice and
// comparing bits, so nothing here may touch Math.random (nor Tone.Noise, which uses it).

/**
 * A seeded pseudo-random generator (mulberry32): returns a function giving numbers in [0, 1),
 * the same sequence for the same seed on every engine.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `seconds` of mono white noise in [-1, 1) from `seed`, as a buffer of `context`. */
export function whiteNoise(context: BaseAudioContext, seconds: number, seed: number): AudioBuffer {
  const buffer = context.createBuffer(1, Math.round(seconds * context.sampleRate), context.sampleRate);
  const samples = buffer.getChannelData(0);
  const random = seededRandom(seed);
  for (let i = 0; i < samples.length; i++) samples[i] = random() * 2 - 1;
  return buffer;
}
