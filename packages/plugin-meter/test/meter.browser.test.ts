// Lathe Loudness in real Chromium, loaded by URL from its built dist/ as a foreign host would
// (a page on another origin with only the WAM SDK), rendered in an OfflineAudioContext and
// compared with the Node library on the same samples.
import { fileURLToPath } from 'node:url';
import { programme, sine, tech3341Signals, tech3342Signal } from '@lathe/dsp/test-signals';
import {
  type ForeignHost,
  renderOffline,
  servePluginUnderTest,
  showGui,
  shrinkGuiToMinimum,
} from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../src/index.ts';
import { meterTelemetry } from '../src/telemetry.ts';

let host: ForeignHost;
let url: string;

servePluginUnderTest('meter', new URL('../dist', import.meta.url), (h, u) => {
  host = h;
  url = u;
});

interface RenderResult {
  /** Largest |output − input| over every sample: a meter passes audio through untouched. */
  maxDifference: number;
  frame: number[];
  latency: number;
}

/** Renders the channels through a meter loaded by URL in the page, and compares output with input. */
async function renderInBrowser(
  channels: Float32Array[],
  sampleRate: number,
  state?: unknown,
): Promise<RenderResult> {
  const { output, frame, latency } = await renderOffline(host, url, channels, sampleRate, { state });
  let maxDifference = 0;
  for (const [c, data] of channels.entries()) {
    for (let i = 0; i < data.length; i++)
      maxDifference = Math.max(maxDifference, Math.abs(output[c][i] - data[i]));
  }
  return { maxDifference, frame, latency };
}

/** What the worklet saw: Web Audio renders whole 128-frame quanta, so a partial last one is padded with silence. */
function asRendered(channels: Float32Array[]): Float32Array[] {
  const length = Math.ceil(channels[0].length / 128) * 128;
  return channels.map((data) => {
    const padded = new Float32Array(length);
    padded.set(data);
    return padded;
  });
}

function expectReadingsToMatchNode(
  frame: number[],
  channels: Float32Array[],
  sampleRate: number,
  dualMono = false,
) {
  const node = measureLoudness(asRendered(channels), sampleRate, { dualMono });
  const i = meterTelemetry.index;
  // Every programme-wide figure of the report (momentary/short-term 'now' values are not in it).
  const fields = [
    'integrated',
    'momentaryMax',
    'shortTermMax',
    'loudnessRange',
    'truePeak',
    'samplePeak',
    'plr',
    'rms',
    'noiseFloor',
  ] as const;
  for (const field of fields) {
    const browser = frame[i[field]];
    expect.soft(browser, field).toBeCloseTo(node[field], 9);
  }
  expect(Number.isFinite(node.integrated)).toBe(true);
}

describe('Lathe Loudness loaded by URL in a foreign host', () => {
  it('passes stereo audio through unchanged and reads exactly what measureLoudness reads in Node', async () => {
    const signal = programme(48_000, 20, 7);
    const result = await renderInBrowser(signal, 48_000);
    expect(result.maxDifference).toBe(0);
    expect(result.latency).toBe(0);
    expectReadingsToMatchNode(result.frame, signal, 48_000);
  });

  it('measures mono at 44.1 kHz with the dual-mono option from its initial state', async () => {
    const signal = [programme(44_100, 12, 11)[0]];
    const result = await renderInBrowser(signal, 44_100, {
      version: 1,
      parameters: { dualMono: true },
    });
    expect(result.maxDifference).toBe(0);
    expectReadingsToMatchNode(result.frame, signal, 44_100, true);
  });

  it('measures 5.1 at 96 kHz (LFE excluded, surrounds weighted)', async () => {
    const base = programme(96_000, 6, 5);
    const signal = [
      base[0],
      base[1],
      base[0],
      sine({ sampleRate: 96_000, frequency: 50, duration: 6 }),
      base[1],
      base[0],
    ];
    const result = await renderInBrowser(signal, 96_000);
    expect(result.maxDifference).toBe(0);
    expectReadingsToMatchNode(result.frame, signal, 96_000);
  });

  // The standard's own cases, read by the plugin in Chromium: exact values from EBU Tech 3341/3342 (v4).
  const frameValue = (result: RenderResult, field: keyof typeof meterTelemetry.index) =>
    result.frame[meterTelemetry.index[field]];

  it.each([
    [1, -22.993],
    [5, -22.979],
    [6, -23.016],
  ])('reads EBU Tech 3341 case %i integrated within 0.02 LU of exact', async (n, exact) => {
    const result = await renderInBrowser(tech3341Signals(n, 48_000)[0], 48_000);
    expect(Math.abs(frameValue(result, 'integrated') - exact)).toBeLessThanOrEqual(0.02);
  });

  it.each([
    [15, -6.0],
    [16, -6.033],
    [17, -5.985],
    [18, -5.998],
    [19, 2.951],
  ])('reads EBU Tech 3341 case %i true peak within 0.05 dB of a 4× meter', async (n, fourTimes) => {
    const result = await renderInBrowser(tech3341Signals(n, 48_000)[0], 48_000);
    expect(Math.abs(frameValue(result, 'truePeak') - fourTimes)).toBeLessThanOrEqual(0.05);
  });

  it.each([
    [1, 10],
    [2, 5],
    [3, 20],
    [4, 15],
  ])('reads EBU Tech 3342 case %i loudness range within 0.02 LU', async (n, range) => {
    const result = await renderInBrowser(tech3342Signal(n, 48_000), 48_000);
    expect(Math.abs(frameValue(result, 'loudnessRange') - range)).toBeLessThanOrEqual(0.02);
  });

  it('lets two instances coexist, round-trips state, and gives a generic panel complete parameter info', async () => {
    const result = await host.page.evaluate(async (pluginUrl) => {
      const w = window as unknown as {
        initializeWamHost(c: BaseAudioContext): Promise<[string]>;
        // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
        loadWam(url: string): Promise<any>;
      };
      const context = new OfflineAudioContext(2, 48_000, 48_000);
      const [groupId] = await w.initializeWamHost(context);
      const Meter = await w.loadWam(pluginUrl);
      const a = await Meter.createInstance(groupId, context, {
        version: 1,
        parameters: { target: 'ebuR128' },
      });
      const b = await Meter.createInstance(groupId, context);
      const oscillator = new OscillatorNode(context, { frequency: 1000 });
      const gain = new GainNode(context, { gain: 10 ** (-23 / 20) });
      oscillator.connect(gain);
      gain.connect(a.audioNode).connect(context.destination);
      gain.connect(b.audioNode).connect(context.destination);
      oscillator.start();
      await context.startRendering();
      const [frameA, frameB] = await Promise.all([
        a.audioNode.requestTelemetry(),
        b.audioNode.requestTelemetry(),
      ]);
      const stateA = await a.audioNode.getState();
      await b.audioNode.setState(stateA);
      return {
        ids: [a.instanceId, b.instanceId],
        same: Array.from(frameA).every((v, i) => Object.is(v, frameB[i])),
        stateA,
        stateB: await b.audioNode.getState(),
        info: structuredClone(await b.audioNode.getParameterInfo()),
        descriptor: structuredClone(Meter.descriptor ?? a.descriptor),
      };
    }, url);
    expect(result.ids[0]).not.toBe(result.ids[1]);
    expect(result.same).toBe(true);
    expect(result.stateA).toEqual({ version: 1, parameters: { target: 'ebuR128', dualMono: false } });
    expect(result.stateB).toEqual(result.stateA);
    expect(result.info.target).toMatchObject({
      id: 'target',
      type: 'choice',
      label: 'Target',
      minValue: 0,
      maxValue: 9,
    });
    expect(result.info.target.choices).toContain('spotify');
    expect(result.info.dualMono).toMatchObject({ type: 'boolean', label: 'Dual mono', defaultValue: 0 });
    expect(result.descriptor.identifier).toBe('audio.lathe.meter');
  });

  it('shows readings, the history graph and the target verdict in its GUI while audio plays', async () => {
    const page = host.page;
    await page.setViewportSize({ width: 640, height: 520 });
    await showGui(host, url, { signal: programme(48_000, 8, 3), sampleRate: 48_000 });
    const integrated = page.locator('output[aria-label^="Integrated"]');
    await expect
      .poll(() => integrated.getAttribute('aria-label'), { timeout: 15_000 })
      .toMatch(/^Integrated −\d+\.\d LUFS$/);
    await expect.poll(() => page.locator('.verdict').textContent(), { timeout: 15_000 }).toMatch(/^[✓✗] /);
    const target = page.getByRole('combobox', { name: 'Target' });
    await target.selectOption({ label: 'EBU R128' });
    await expect.poll(() => page.locator('.verdict').textContent()).toMatch(/R128|−23/);
    // Short-term loudness needs 3 s of audio; then the history graph has both traces.
    const shortTerm = page.locator('output[aria-label^="Short-term"]');
    await expect
      .poll(() => shortTerm.getAttribute('aria-label'), { timeout: 15_000 })
      .toMatch(/^Short-term −\d/);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: fileURLToPath(new URL('../test-results/meter-gui.png', import.meta.url)) });

    // A host may shrink the GUI to its minimum size: nothing may spill out of it.
    const overflow = await shrinkGuiToMinimum(page);
    await page.screenshot({
      path: fileURLToPath(new URL('../test-results/meter-gui-small.png', import.meta.url)),
    });
    expect(overflow).toEqual({ width: 0, height: 0, spilled: 0 });
  });
});
