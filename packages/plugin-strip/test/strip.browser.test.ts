// Lathe Strip in real Chromium, loaded by URL from its built dist/ as a foreign host would, compared
// sample by sample with the Node kernel: the host's browser graph and its Node renderer run this same
// kernel, so the two must agree exactly, automation included.
import { fileURLToPath } from 'node:url';
import { defaultValues, encodeState, type ParamValues, toWamParameterConfigs } from '@lathe/plugin-kit';
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
import { createStripKernel } from '../src/kernel.ts';
import { type StripParams, stripParams } from '../src/params.ts';

const FS = 48_000;
let host: ForeignHost;
let url: string;

servePluginUnderTest('strip', new URL('../dist', import.meta.url), (h, u) => {
  host = h;
  url = u;
});

/** Seeded noise, a different level per channel. */
function programme(seconds: number, channels = 2): Float32Array[] {
  let seed = 2024;
  return Array.from({ length: channels }, (_, c) =>
    Float32Array.from({ length: seconds * FS }, () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return (c === 0 ? 0.6 : 0.3) * ((seed / 2 ** 32) * 2 - 1);
    }),
  );
}

function nodeKernel(params: Partial<ParamValues<StripParams>>) {
  return createStripKernel({
    sampleRate: FS,
    maxChannels: 2,
    params: { ...defaultValues(stripParams), ...params },
  });
}

interface Automation {
  /** Sample at which the change lands. */
  at: number;
  id: keyof StripParams;
  value: number;
}

/** The Node side of an automated render: blocks of 128, each change applied before its sample. */
function renderInNode(
  params: Partial<ParamValues<StripParams>>,
  input: Float32Array[],
  changes: Automation[],
) {
  const kernel = nodeKernel(params);
  const length = input[0].length;
  const outputs = [new Float32Array(length), new Float32Array(length)];
  const pending = [...changes];
  for (let from = 0; from < length; ) {
    while (pending.length > 0 && pending[0].at <= from) {
      const change = pending.shift()!;
      kernel.setParameter(change.id, change.value);
    }
    let to = Math.min(length, from + 128);
    if (pending.length > 0) to = Math.min(to, pending[0].at);
    kernel.process(input, outputs, from, to);
    from = to;
  }
  return outputs;
}

/**
 * Renders `input` (one or two channels) through the plugin into a stereo OfflineAudioContext; the
 * automation is scheduled as `wam-automation` events while the render is suspended at 50 ms, as a
 * host's sequencer would send it.
 */
async function renderInBrowser(input: Float32Array[], state: unknown, changes: Automation[] = []) {
  const output = await host.page.evaluate(
    async ({ url, input, state, changes, rate }) => {
      const w = window as unknown as {
        initializeWamHost(c: BaseAudioContext): Promise<[string]>;
        // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
        loadWam(url: string): Promise<any>;
      };
      const length = input[0].length;
      const context = new OfflineAudioContext(2, length, rate);
      const [groupId] = await w.initializeWamHost(context);
      const wam = await (await w.loadWam(url)).createInstance(groupId, context, state);
      const node = wam.audioNode;
      const buffer = context.createBuffer(input.length, length, rate);
      input.forEach((channel, c) => {
        buffer.copyToChannel(Float32Array.from(channel), c);
      });
      const source = new AudioBufferSourceNode(context, { buffer });
      source.connect(node).connect(context.destination);
      source.start();
      if (changes.length > 0) {
        void context.suspend(0.05).then(async () => {
          node.scheduleEvents(
            ...changes.map(({ at, id, value }) => ({
              type: 'wam-automation',
              time: at / rate,
              data: { id, value, normalized: false },
            })),
          );
          // A round trip through the same port: the events are queued in the processor before we go on.
          await node.getParameterValues();
          await context.resume();
        });
      }
      const rendered = await context.startRendering();
      return [0, 1].map((c) => Array.from(rendered.getChannelData(c)));
    },
    { url, input: input.map((channel) => Array.from(channel)), state, changes, rate: FS },
  );
  return output.map((channel) => Float32Array.from(channel));
}

describe('Lathe Strip loaded by URL in a foreign host', () => {
  it('renders exactly what the Node kernel renders (non-default settings) and reports no latency', async () => {
    const input = programme(2);
    const values = { ...defaultValues(stripParams), gain: -7.5, pan: 0.35, invert: 1, delay: 123 };
    const browser = await renderOffline(host, url, input, FS, { state: encodeState(stripParams, values) });
    const node = runKernel(nodeKernel(values), input, [128]);
    expect(differenceDb(browser.output, node)).toBeLessThanOrEqual(-140);
    expect(browser.output).toEqual(node);
    // The delay is compensation, not processing latency.
    expect(browser.latency).toBe(0);
  });

  it('follows automation at its exact sample, ramps included, as the Node kernel does', async () => {
    const input = programme(1);
    const changes: Automation[] = [
      { at: 4800, id: 'gain', value: -20 },
      { at: 4800, id: 'pan', value: -0.7 },
      { at: 9000, id: 'invert', value: 1 },
      { at: 12_000, id: 'delay', value: 300 },
      { at: 20_000, id: 'mute', value: 1 },
      { at: 30_000, id: 'mute', value: 0 },
      { at: 30_000, id: 'gain', value: 6 },
    ];
    const browser = await renderInBrowser(input, undefined, changes);
    const node = renderInNode({}, input, changes);
    expect(differenceDb(browser, node)).toBeLessThanOrEqual(-140);
    expect(browser).toEqual(node);
    // Before the first change the strip is transparent.
    for (let c = 0; c < 2; c++) expect(browser[c].subarray(0, 4800)).toEqual(input[c].subarray(0, 4800));
  });

  it('plays a mono source on both channels, balanced by the same law', async () => {
    const [mono] = programme(1, 1);
    const params = { gain: -3, pan: 0.5 };
    const browser = await renderInBrowser([mono], { version: 1, parameters: params });
    const node = runKernel(nodeKernel(params), [mono, mono], [128]);
    expect(browser).toEqual(node);
    expect(Math.max(...browser[1].map(Math.abs))).toBeGreaterThan(Math.max(...browser[0].map(Math.abs)));
  });

  it('answers parameter info from its table and round-trips its state', async () => {
    const state = {
      version: 1,
      parameters: { gain: -12.5, pan: -0.25, mute: true, invert: false, delay: 4096 },
    };
    const { info, restored, afterSet } = await host.page.evaluate(
      async ({ url, state }) => {
        const w = window as unknown as {
          initializeWamHost(c: BaseAudioContext): Promise<[string]>;
          // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
          loadWam(url: string): Promise<any>;
        };
        const context = new OfflineAudioContext(2, 128, 48_000);
        const [groupId] = await w.initializeWamHost(context);
        const Plugin = await w.loadWam(url);
        const wam = await Plugin.createInstance(groupId, context, state);
        const info = await wam.audioNode.getParameterInfo();
        const restored = await wam.audioNode.getState();
        await wam.audioNode.setState({ version: 1, parameters: { gain: 3, mute: false, bogus: 1 } });
        return { info, restored, afterSet: await wam.audioNode.getState() };
      },
      { url, state },
    );
    const expected = toWamParameterConfigs(stripParams);
    expect(Object.keys(info)).toEqual(['gain', 'pan', 'mute', 'invert', 'delay']);
    for (const [id, config] of Object.entries(expected)) expect(info[id]).toEqual({ id, ...config });
    expect(info.delay).toMatchObject({ type: 'int', minValue: 0, maxValue: 16_384, discreteStep: 1 });
    expect(restored).toEqual(state);
    expect(afterSet).toEqual({ version: 1, parameters: { ...state.parameters, gain: 3, mute: false } });
  });

  it('shows a fader, stereo meter, balance, mute, polarity and delay, operable from the keyboard', async () => {
    const page = host.page;
    await page.setViewportSize({ width: 280, height: 440 });
    await showGui(host, url, { signal: programme(1), sampleRate: FS });
    const gain = page.getByRole('slider', { name: 'Gain' });
    await expect.poll(() => gain.getAttribute('aria-valuetext')).toBe('0.0 dB');
    expect(await gain.getAttribute('aria-orientation')).toBe('vertical');
    await gain.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => gain.getAttribute('aria-valuetext')).toBe('−∞ dB');
    await page.keyboard.press('End');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    // +12 dB, then two pages of a tenth of 132 dB each.
    await expect.poll(() => gain.getAttribute('aria-valuetext')).toBe('−14.4 dB');

    const pan = page.getByRole('slider', { name: 'Pan' });
    await pan.focus();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect.poll(() => pan.getAttribute('aria-valuetext')).toBe('L40');

    const mute = page.getByRole('switch', { name: 'Mute' });
    await mute.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => mute.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => mute.getAttribute('aria-checked')).toBe('false');
    const invert = page.getByRole('switch', { name: 'Invert polarity' });
    await invert.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => invert.getAttribute('aria-checked')).toBe('true');

    const delay = page.getByRole('spinbutton', { name: 'Delay' });
    await delay.fill('480');
    await delay.press('ArrowUp');
    await expect.poll(() => page.getByText('10.02 ms').count()).toBe(1);

    const state = (await page.evaluate(async () => {
      const w = window as unknown as { wam: { audioNode: { getState(): Promise<unknown> } } };
      return w.wam.audioNode.getState();
    })) as { parameters: Record<string, unknown> };
    expect(state.parameters).toMatchObject({ mute: false, invert: true, delay: 481 });
    expect(state.parameters.gain).toBeCloseTo(-14.4, 9);
    expect(state.parameters.pan).toBeCloseTo(-0.4, 9);

    // The meters move: the left channel (louder, and favoured by the balance) reads above the right.
    const reading = (side: 'L' | 'R') =>
      page.locator(`output[aria-label^="${side} "]`).getAttribute('aria-label');
    await expect.poll(() => reading('R'), { timeout: 10_000 }).not.toBe('R −∞ dB');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: fileURLToPath(new URL('../test-results/strip-gui.png', import.meta.url)) });
    const overflow = await shrinkGuiToMinimum(page);
    await page.screenshot({
      path: fileURLToPath(new URL('../test-results/strip-gui-small.png', import.meta.url)),
    });
    expect(overflow).toEqual({ width: 0, height: 0, spilled: 0 });
  });
});
