// The limiter's promise, measured: on hot noise and on the EBU Tech 3341 true-peak signals, the output's
// true peak stays within 0.05 dB of the ceiling on a BS.1770 4× meter (TruePeakDetector, as libebur128)
// and within 0.1 dB on an independent 32× reference; and on hot noise it comes within 0.3 dB of the
// ceiling (no over-limiting). The worst figures go to test-results/true-peak.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tech3341Signals } from '@lathe/dsp/test-signals';
import { afterAll, describe, expect, it } from 'vitest';
import { bandLimitedNoise, referenceTruePeak, toDb } from './reference.ts';
import { limiter, meterTruePeak, render, withTail } from './render.ts';

interface Worst {
  meter: number;
  reference: number;
  /** Lowest reference true peak relative to the ceiling (hot noise only). */
  lowest: number;
}
const worst: Record<string, Worst> = {};

function record(group: string, meter: number, reference: number): void {
  worst[group] ??= { meter: -Infinity, reference: -Infinity, lowest: Infinity };
  const w = worst[group];
  w.meter = Math.max(w.meter, meter);
  w.reference = Math.max(w.reference, reference);
  w.lowest = Math.min(w.lowest, reference);
}

afterAll(() => {
  mkdirSync(new URL('../test-results', import.meta.url), { recursive: true });
  const rounded = Object.fromEntries(
    Object.entries(worst).map(([group, w]) => [
      group,
      {
        overAt4x: +w.meter.toFixed(4),
        overAt32x: +w.reference.toFixed(4),
        lowestAt32x: +w.lowest.toFixed(4),
      },
    ]),
  );
  writeFileSync(
    new URL('../test-results/true-peak.json', import.meta.url),
    `${JSON.stringify(rounded, null, 2)}\n`,
  );
});

/** Output true peak relative to the ceiling, at 4× and at 32×. */
function overCeiling(out: Float32Array[], sampleRate: number, ceiling: number, referenceChannels = out) {
  return {
    meter: toDb(meterTruePeak(out, sampleRate)) - ceiling,
    reference: toDb(referenceTruePeak(referenceChannels).peak) - ceiling,
  };
}

describe('true-peak safety on noise band-limited to 20 kHz, driven 6 and 14 dB over the ceiling', () => {
  const layouts = [
    { name: 'mono', channels: 1, stereoLink: 100 },
    { name: 'stereo, link 100 %', channels: 2, stereoLink: 100 },
    { name: 'stereo, link 0 %', channels: 2, stereoLink: 0 },
  ];
  const noise = new Map<string, Float32Array[]>();
  /** Half a second per channel, scaled so its true peak (32×) sits exactly at the ceiling. */
  const atCeiling = (sampleRate: number, channels: number, ceiling: number) => {
    const key = `${sampleRate}/${channels}`;
    if (!noise.has(key)) {
      const signal = Array.from({ length: channels }, (_, c) =>
        bandLimitedNoise(sampleRate / 2, sampleRate, 21 + c),
      );
      noise.set(key, withTail(signal, 0, 1 / referenceTruePeak(signal).peak));
    }
    return withTail(noise.get(key)!, 1024, 10 ** (ceiling / 20));
  };

  for (const sampleRate of [44_100, 48_000]) {
    for (const ceiling of [-1, -0.1, 0]) {
      for (const layout of layouts) {
        it(`${sampleRate} Hz, ceiling ${ceiling} dBTP, ${layout.name}`, () => {
          for (const over of [6, 14]) {
            const kernel = limiter(sampleRate, layout.channels, {
              inputGain: over,
              ceiling,
              stereoLink: layout.stereoLink,
            });
            const out = render(kernel, atCeiling(sampleRate, layout.channels, ceiling));
            const { meter, reference } = overCeiling(out, sampleRate, ceiling);
            record('hot noise', meter, reference);
            expect.soft(meter, `4× meter, ${over} dB over`).toBeLessThanOrEqual(0.05);
            expect.soft(reference, `32× reference, ${over} dB over`).toBeLessThanOrEqual(0.1);
            expect.soft(reference, `over-limiting, ${over} dB over`).toBeGreaterThanOrEqual(-0.3);
          }
        });
      }
    }
  }
});

describe('true-peak safety on EBU Tech 3341 cases 15–23 raised 12 dB (48 kHz, ceiling −1 dBTP)', () => {
  it.each([15, 16, 17, 18, 19, 20, 21, 22, 23])('case %i', (caseNumber) => {
    const sampleRate = 48_000;
    const ceiling = -1;
    const [signal] = tech3341Signals(caseNumber, sampleRate);
    const kernel = limiter(sampleRate, 2, { inputGain: 12, ceiling });
    const out = render(kernel, withTail(signal, 1024));
    // Both channels carry the same signal, and so the same output: the reference reads one of them.
    expect(out[1]).toEqual(out[0]);
    const { meter, reference } = overCeiling(out, sampleRate, ceiling, [out[0]]);
    record('Tech 3341 15–23', meter, reference);
    expect.soft(meter, '4× meter').toBeLessThanOrEqual(0.05);
    expect.soft(reference, '32× reference').toBeLessThanOrEqual(0.1);
  });
});
