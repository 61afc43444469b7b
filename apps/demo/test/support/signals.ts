// Test audio files written in Node: what a user would drop on the app.
import { sine } from '@lathe/dsp/test-signals';
import { encodeWav } from '@lathe/host';

/** A stereo sine as a 16-bit WAV file's bytes. */
export function sineWav(options: {
  frequency: number;
  amplitude: number;
  seconds: number;
  sampleRate?: number;
}): Buffer {
  const sampleRate = options.sampleRate ?? 48_000;
  const channel = sine({
    sampleRate,
    frequency: options.frequency,
    amplitude: options.amplitude,
    duration: options.seconds,
  });
  return Buffer.from(encodeWav({ channels: [channel, channel], sampleRate, encoding: 'pcm16' }));
}

/**
 * Loudness of a stereo 1 kHz sine of peak `amplitude`: EBU Tech 3341 case 1 (a stereo 1 kHz sine at
 * −23 dBFS reads −23.0 LUFS; the −0.691 of BS.1770 cancels K-weighting's gain at 1 kHz).
 */
export function sineLoudness(amplitude: number): number {
  return 20 * Math.log10(amplitude);
}
