// Smoke test: the whole benchmark on a few seconds of audio, to keep `pnpm bench` working. It
// asserts the shape of the results only: timings on a shared CI machine prove nothing.
import { LATHE_RENDER_QUANTUM } from '@lathe/host';
import { expect, it } from 'vitest';
import { runBench } from './bench.ts';

it('measures every row beside its reference', async () => {
  const rows = await runBench({ seconds: 3, runs: 1 });
  const names = rows.map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toContain('baseline: chromium, four pass-through AudioWorkletNodes');
  expect(names).toContain('chromium chain, the rest (JIT warm)');
  for (const plugin of ['eq', 'comp', 'limiter', 'meter']) {
    expect(names).toContain(`chromium ${plugin}: createInstance`);
    expect(names).toContain(`${plugin}: dist/ gzipped`);
    expect(names).toContain(`${plugin}: bytes allocated per quantum`);
  }
  for (const r of rows) {
    if (r.unit === 'B' && r.name.includes('per quantum')) {
      expect(r.ours, r.name).toBeGreaterThanOrEqual(0);
    } else {
      expect(r.ours, r.name).toBeGreaterThan(0);
    }
    expect(Number.isFinite(r.ours), r.name).toBe(true);
    expect(r.ratio === null, r.name).toBe(r.reference === null);
    if (r.reference !== null && r.ratio !== null) {
      expect(r.reference, r.name).toBeGreaterThan(0);
      expect(r.ratio, r.name).toBeCloseTo(r.ours / r.reference, 9);
    }
  }
  expect(rows.filter((r) => r.reference !== null).map((r) => r.name)).toEqual([
    'node meter vs ffmpeg ebur128=peak=true',
    'node meter vs libebur128 I+LRA+TP',
    'node measureLoudness vs libebur128 I+LRA+TP',
    'node chain vs ffmpeg chain, 6 equalizers',
    'node chain vs ffmpeg chain, 1 equalizer',
    'chromium chain vs native chain',
    `chromium chain vs native chain, ${LATHE_RENDER_QUANTUM} samples per call (host's offline render)`,
    ...['eq', 'comp', 'limiter', 'meter', 'strip'].flatMap((plugin) => [
      `${plugin}: processor bytes per quantum`,
      `${plugin}: processor bytes per quantum, automated`,
    ]),
  ]);
});
