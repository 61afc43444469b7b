// Lathe Limiter in real Chromium, loaded by URL from its built dist/ as a foreign host would (a page on
// another origin with only the WAM SDK), rendered in an OfflineAudioContext and compared with the Node
// kernel on the same samples.
import { fileURLToPath } from 'node:url';
import { type ParamValues, readFrame } from '@lathe/plugin-kit';
import {
  differenceDb,
  type ForeignHost,
  renderOffline,
  servePluginUnderTest,
  showGui,
  shrinkGuiToMinimum,
} from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import type { LimiterParams } from '../src/params.ts';
import { limiterTelemetry } from '../src/telemetry.ts';
import { bandLimitedNoise } from './reference.ts';
import { limiter, render, sine } from './render.ts';

const screenshot = (name: string) => fileURLToPath(new URL(`../test-results/${name}`, import.meta.url));
let host: ForeignHost;
let url: string;

servePluginUnderTest('limiter', new URL('../dist', import.meta.url), (h, u) => {
  host = h;
  url = u;
});

interface HostWindow {
  initializeWamHost(c: BaseAudioContext): Promise<[string]>;
  // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
  loadWam(url: string): Promise<any>;
}

/** First sample at or after `from` that is not zero, in channel 0. */
function firstSound(output: readonly Float32Array[], from: number): number {
  let i = from;
  while (i < output[0].length && output[0][i] === 0) i++;
  return i;
}

const settings: ParamValues<LimiterParams> = {
  inputGain: 9,
  ceiling: -1.5,
  release: 60,
  autoRelease: 0,
  lookahead: 2.2,
  stereoLink: 70,
  truePeak: 1,
};
const state = {
  version: 1,
  parameters: { ...settings, autoRelease: false, truePeak: true },
};

describe('Lathe Limiter loaded by URL in a foreign host', () => {
  it('renders in Chromium exactly what the Node kernel renders, with non-default parameters', async () => {
    const fs = 48_000;
    const length = 750 * 128; // 2 s, whole render quanta
    const tone = sine(length, fs, 220, 0.3);
    const input = [0, 1].map((c) => {
      const noise = bandLimitedNoise(length, fs, 40 + c);
      // Sections of quiet and hot programme, so the limiter both rests and works.
      return noise.map((v, i) => (Math.floor(i / 24_000) % 2 === 0 ? 0.02 : 0.25) * v + tone[i]);
    });
    const kernel = limiter(fs, 2, settings);
    const expected = render(kernel, input, [128]);
    const result = await renderOffline(host, url, input, fs, { state });
    expect(differenceDb(result.output, expected)).toBeLessThanOrEqual(-100);
    expect(result.latency).toBe(kernel.latencySamples);
    // The GUI's numbers: the same telemetry as the Node kernel's.
    const nodeFrame = new Float64Array(limiterTelemetry.size);
    kernel.writeTelemetry(nodeFrame);
    const browser = readFrame(limiterTelemetry, Float64Array.from(result.frame));
    const node = readFrame(limiterTelemetry, nodeFrame);
    expect(browser.outputTruePeak).toBeCloseTo(node.outputTruePeak, 9);
    expect(browser.outputTruePeak).toBeLessThanOrEqual(-1.5 + 0.05);
    expect(browser.latency).toBe(node.latency);
  });

  it.each([
    [44_100, 0.5],
    [48_000, 1.5],
    [96_000, 5],
  ])(
    'at %i Hz with %f ms lookahead, getCompensationDelay() is the delay measured in the output',
    async (fs, lookahead) => {
      const length = 128 * Math.ceil(fs / 10 / 128);
      const impulse = new Float32Array(length);
      const at = 1000;
      impulse[at] = 0.5;
      const result = await renderOffline(host, url, [impulse], fs, {
        state: { version: 1, parameters: { lookahead } },
      });
      expect(firstSound(result.output, at) - at).toBe(result.latency);
      expect(result.latency).toBe(limiter(fs, 1, { lookahead }).latencySamples);
    },
  );

  it('reports the new latency after a lookahead change, round-trips state, and gives complete parameter info', async () => {
    const result = await host.page.evaluate(
      async ({ pluginUrl, state }) => {
        const w = window as unknown as HostWindow;
        const context = new AudioContext({ sampleRate: 48_000 });
        await context.resume();
        const [groupId] = await w.initializeWamHost(context);
        const Limiter = await w.loadWam(pluginUrl);
        const a = await Limiter.createInstance(groupId, context, state);
        const b = await Limiter.createInstance(groupId, context);
        const before = await a.audioNode.getCompensationDelay();
        await a.audioNode.setParameterValues({ lookahead: { id: 'lookahead', value: 4, normalized: false } });
        const after = await a.audioNode.getCompensationDelay();
        const stateA = await a.audioNode.getState();
        await b.audioNode.setState(stateA);
        const stateB = await b.audioNode.getState();
        const info = structuredClone(await b.audioNode.getParameterInfo());
        await context.close();
        return {
          ids: [a.instanceId, b.instanceId],
          before,
          after,
          stateA,
          stateB,
          info,
          descriptor: Limiter.descriptor,
        };
      },
      { pluginUrl: url, state },
    );
    expect(result.before).toBe(limiter(48_000, 1, settings).latencySamples);
    expect(result.after).toBe(limiter(48_000, 1, { lookahead: 4 }).latencySamples);
    expect(result.ids[0]).not.toBe(result.ids[1]);
    expect(result.stateA).toEqual({ version: 1, parameters: { ...state.parameters, lookahead: 4 } });
    expect(result.stateB).toEqual(result.stateA);
    expect(Object.keys(result.info).sort()).toEqual(Object.keys(settings).sort());
    expect(result.info.ceiling).toMatchObject({
      type: 'float',
      label: 'Ceiling',
      minValue: -12,
      maxValue: 0,
      defaultValue: -1,
      units: 'dBTP',
    });
    expect(result.info.truePeak).toMatchObject({ type: 'boolean', defaultValue: 1 });
    expect(result.descriptor.identifier).toBe('audio.lathe.limiter');
    expect(result.descriptor.name).toBe('Lathe Limiter');
  });

  it('shows meters and the gain-reduction history while it limits, and fits its minimum size', async () => {
    const page = host.page;
    await page.setViewportSize({ width: 600, height: 440 });
    const fs = 48_000;
    const hot = [0, 1].map((c) => {
      const noise = bandLimitedNoise(fs * 2, fs, 50 + c);
      // Bursts every half second over a steady bed: the history shows reduction coming and going.
      return noise.map((v, i) => v * (i % 24_000 < 6_000 ? 0.5 : 0.12));
    });
    await showGui(host, url, {
      signal: hot,
      sampleRate: fs,
      state: { version: 1, parameters: { inputGain: 6, ceiling: -1 } },
    });
    const truePeak = page.locator('output[aria-label^="Output true peak"]');
    await expect
      .poll(() => truePeak.getAttribute('aria-label'), { timeout: 15_000 })
      .toMatch(/^Output true peak −\d+\.\d dBTP$/);
    await expect
      .poll(
        async () =>
          Number(
            (await page.locator('output[aria-label^="Gain reduction"]').getAttribute('aria-label'))?.match(
              /[\d.]+/,
            )?.[0],
          ),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    const ceilingSlider = page.getByRole('slider', { name: 'Ceiling' });
    expect(await ceilingSlider.getAttribute('aria-valuetext')).toBe('−1.0 dBTP');
    await page.waitForTimeout(2500);
    // The output never reads over the ceiling (−1 dBTP) on the GUI's own meter.
    const shown = Number((await truePeak.getAttribute('aria-label'))!.match(/−(\d+\.\d)/)![1]);
    expect(-shown).toBeLessThanOrEqual(-1 + 0.05);
    await page.screenshot({ path: screenshot('limiter-gui.png') });
    // Reset clears the held readings (not the audio), and they fill again from the next frames.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect
      .poll(() => truePeak.getAttribute('aria-label'), { timeout: 5_000 })
      .toMatch(/^Output true peak −\d+\.\d dBTP$/);

    const overflow = await shrinkGuiToMinimum(page);
    await page.screenshot({ path: screenshot('limiter-gui-small.png') });
    expect(overflow).toEqual({ width: 0, height: 0, spilled: 0 });
  });
});
