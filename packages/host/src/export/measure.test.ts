import { programme } from '@lathe/dsp/test-signals';
import { measureLoudness } from '@lathe/plugin-meter';
import { describe, expect, it } from 'vitest';
import { measureWithHistory } from './measure.ts';

describe('measureWithHistory', () => {
  it('gives exactly the figures of measureLoudness, and short-term values every 0.1 s from 3 s', async () => {
    const channels = programme(44100, 12.37, 5); // 545 517 samples: the end is off the 100 ms grid
    const fractions: number[] = [];
    const { loudness, shortTermHistory } = await measureWithHistory(channels, 44100, {
      onProgress: (f) => fractions.push(f),
    });
    expect(loudness).toEqual(measureLoudness(channels, 44100));
    // 3.0 … 12.3 s: the window ending at 12.37 s is not on the 100 ms hop.
    expect(shortTermHistory.values).toHaveLength(94);
    expect(fractions.at(-1)).toBe(1);
  });

  it('names the field of bad input', async () => {
    const mono = [new Float32Array(100)];
    await expect(measureWithHistory(mono, 1000)).rejects.toThrow(
      /measureWithHistory: sampleRate 1000 is outside/,
    );
    await expect(measureWithHistory(mono, 48000, { historyInterval: 0.05 })).rejects.toThrow(
      /options.historyInterval: expected a positive multiple of 0.1 s, got 0.05/,
    );
    await expect(measureWithHistory([], 48000)).rejects.toThrow(/channels: no channels given/);
  });
});
