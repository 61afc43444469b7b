// Lathe Compressor in real Chromium, loaded by URL from its built dist/ as a foreign host would,
// compared sample by sample with the Node kernel on the same input.
import { fileURLToPath } from 'node:url';
import { defaultValues, encodeState } from '@lathe/plugin-kit';
import {
  differenceDb,
  type ForeignHost,
  renderOffline,
  runKernel,
  servePluginUnderTest,
  showGui,
  shrinkGuiToMinimum,
} from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { createCompressorKernel } from '../src/kernel.ts';
import { compParams } from '../src/params.ts';

const FS = 48_000;
let host: ForeignHost;
let url: string;

servePluginUnderTest('comp', new URL('../dist', import.meta.url), (h, u) => {
  host = h;
  url = u;
});

/** Seeded noise in sections of different levels, stereo: the compressor has work to do. */
function programme(seconds: number): Float32Array[] {
  let seed = 12345;
  const length = seconds * FS;
  return [0, 1].map(() =>
    Float32Array.from({ length }, (_, i) => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const level = [0.05, 0.5, 0.2, 0.9][Math.floor((i / length) * 4)];
      return level * ((seed / 2 ** 32) * 2 - 1);
    }),
  );
}

const SETTINGS = {
  threshold: -30,
  ratio: 6,
  knee: 6,
  attack: 3,
  release: 80,
  makeup: 4,
  mix: 90,
  detector: 1,
  stereoLink: 60,
  sidechainHighpass: 60,
  lookahead: 2,
};

describe('Lathe Compressor loaded by URL in a foreign host', () => {
  it('renders what the Node kernel renders (non-default settings), delayed by its reported latency', async () => {
    const input = programme(4);
    const values = { ...defaultValues(compParams), ...SETTINGS };
    const browser = await renderOffline(host, url, input, FS, { state: encodeState(compParams, values) });
    const node = runKernel(
      createCompressorKernel({ sampleRate: FS, maxChannels: 2, params: values }),
      input,
      [128],
    );
    expect(differenceDb(browser.output, node)).toBeLessThanOrEqual(-100);
    expect(browser.latency).toBe(Math.round(0.002 * FS));
  });

  it('reports a compensation delay equal to the delay measured in its output', async () => {
    const impulse = new Float32Array(FS / 10);
    impulse[100] = 0.5;
    const { output, latency } = await renderOffline(host, url, [impulse], FS, {
      state: { version: 1, parameters: { lookahead: 7.5, ratio: 1 } },
    });
    expect(latency).toBe(360);
    expect(output[0].indexOf(0.5)).toBe(100 + latency);
  });

  it('compresses by its external sidechain when a second signal is connected to input 2', async () => {
    const quiet = new Float32Array(FS).fill(10 ** (-40 / 20));
    const key = new Float32Array(FS).fill(10 ** (-6 / 20));
    const state = {
      version: 1,
      parameters: { threshold: -20, ratio: 4, knee: 0, sidechainSource: 'external' },
    };
    const keyed = await renderOffline(host, url, [quiet], FS, { state, sidechain: [key] });
    const gain = 20 * Math.log10(keyed.output[0][FS - 1] / quiet[0]);
    expect(gain).toBeCloseTo(-10.5, 2);
    const unkeyed = await renderOffline(host, url, [quiet], FS, { state, sidechain: [quiet] });
    expect(20 * Math.log10(unkeyed.output[0][FS - 1] / quiet[0])).toBeCloseTo(0, 6);
  });

  it('shows the transfer curve, meters and reduction history, operable from the keyboard', async () => {
    const page = host.page;
    await page.setViewportSize({ width: 760, height: 480 });
    // Drum-like bursts of noise so the reduction moves.
    const bursts = [0, 1].map((c) =>
      Float32Array.from(
        { length: FS },
        (_, i) => Math.sin(i * (12.9898 + c)) * Math.exp(-(i % 12_000) / 2500) * 0.8,
      ),
    );
    await showGui(host, url, {
      signal: bursts,
      sampleRate: FS,
      state: { version: 1, parameters: { threshold: -30, ratio: 4, knee: 6, release: 200 } },
    });
    const threshold = page.getByRole('slider', { name: 'Threshold' });
    await expect.poll(() => threshold.getAttribute('aria-valuenow')).toBe('-30');
    await threshold.focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => threshold.getAttribute('aria-valuetext')).toBe('−36.0 dB');
    const state = await page.evaluate(async () => {
      const w = window as unknown as { wam: { audioNode: { getState(): Promise<unknown> } } };
      return w.wam.audioNode.getState();
    });
    expect(state).toMatchObject({ version: 1, parameters: { threshold: -36, ratio: 4, detector: 'peak' } });
    await expect
      .poll(() => page.locator('output[aria-label^="GR"]').getAttribute('aria-label'), { timeout: 10_000 })
      .not.toBe('GR 0.0 dB');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: fileURLToPath(new URL('../test-results/comp-gui.png', import.meta.url)) });
    const overflow = await shrinkGuiToMinimum(page);
    await page.screenshot({
      path: fileURLToPath(new URL('../test-results/comp-gui-small.png', import.meta.url)),
    });
    expect(overflow).toEqual({ width: 0, height: 0, spilled: 0 });
  });
});
