// Lathe EQ in real Chromium, loaded by URL from its built dist/ as a foreign host would (a page on
// another origin with only the WAM SDK), rendered in an OfflineAudioContext and compared with the
// Node kernel on the same samples; then its GUI, by screenshot and by keyboard.
import { fileURLToPath } from 'node:url';
import { encodeState, type PluginState } from '@lathe/plugin-kit';
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
import { createEqKernel, EQ_MAX_CHANNELS, eqParams } from '../src/index.ts';
import { BUSY_SETTINGS, eqValues, noise, sines } from '../src/test-signals.ts';

const screenshot = (name: string) => fileURLToPath(new URL(`../test-results/${name}`, import.meta.url));
let host: ForeignHost;
let url: string;

servePluginUnderTest('eq', new URL('../dist', import.meta.url), (h, u) => {
  host = h;
  url = u;
});

/** Renders the channels through the plugin (created with `state`); the EQ adds no latency. */
async function renderInBrowser(channels: Float32Array[], sampleRate: number, state: PluginState) {
  const { output, latency } = await renderOffline(host, url, channels, sampleRate, { state });
  expect(latency).toBe(0);
  return output;
}

describe('Lathe EQ loaded by URL in a foreign host', () => {
  it.each([
    [48_000, 2],
    [44_100, 1],
    [96_000, 2],
  ])('renders at %i Hz (%i ch) what the Node kernel renders, to −100 dB', async (sampleRate, count) => {
    // Whole render quanta, so the browser and Node see exactly the same samples.
    const length = Math.round((0.75 * sampleRate) / 128) * 128;
    const channels = [
      noise(length, 7, 0.3).map((v, i) => v + 0.3 * Math.sin((2 * Math.PI * 997 * i) / sampleRate)),
      sines(length, sampleRate, [
        [55, 0.3],
        [2500, 0.2],
        [15_000, 0.1],
      ]),
    ].slice(0, count);
    const values = eqValues(BUSY_SETTINGS);
    const browser = await renderInBrowser(channels, sampleRate, encodeState(eqParams, values));
    const kernel = createEqKernel({ sampleRate, maxChannels: EQ_MAX_CHANNELS, params: values });
    const node = runKernel(kernel, channels, [128]);
    const db = differenceDb(browser, node);
    console.log(`[eq browser] ${sampleRate} Hz, ${count} ch: Chromium vs Node ${db.toFixed(1)} dB`);
    expect(db).toBeLessThanOrEqual(-100);
  });

  it('reports no latency, and none is measured: an impulse comes out where it went in', async () => {
    const length = 4096;
    const impulse = new Float32Array(length);
    impulse[1000] = 1;
    // A busy EQ, so the measurement is not trivial: the delay is where the response's energy starts.
    const [out] = await renderInBrowser([impulse], 48_000, encodeState(eqParams, eqValues(BUSY_SETTINGS)));
    const first = out.findIndex((v) => Math.abs(v) > 1e-3);
    expect(first).toBe(1000);
    const [flat] = await renderInBrowser([impulse], 48_000, encodeState(eqParams, eqValues()));
    expect(Array.from(flat)).toEqual(Array.from(impulse));
  });

  it('round-trips its state, and gives a generic panel complete parameter info', async () => {
    const state = encodeState(eqParams, eqValues(BUSY_SETTINGS));
    const result = await host.page.evaluate(
      async ({ pluginUrl, state }) => {
        const w = window as unknown as {
          initializeWamHost(c: BaseAudioContext): Promise<[string]>;
          // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
          loadWam(url: string): Promise<any>;
        };
        const context = new OfflineAudioContext(2, 4800, 48_000);
        const [groupId] = await w.initializeWamHost(context);
        const Eq = await w.loadWam(pluginUrl);
        const a = await Eq.createInstance(groupId, context, state);
        const b = await Eq.createInstance(groupId, context);
        const stateA = await a.audioNode.getState();
        await b.audioNode.setState(stateA);
        return {
          stateA,
          stateB: await b.audioNode.getState(),
          info: structuredClone(await b.audioNode.getParameterInfo()),
          descriptor: structuredClone(Eq.descriptor),
        };
      },
      { pluginUrl: url, state },
    );
    expect(result.stateA).toEqual(state);
    expect(result.stateB).toEqual(state);
    expect(result.stateA.parameters).toMatchObject({
      band4Type: 'notch',
      band1Slope: '48',
      band5Placement: 'left',
    });
    expect(Object.keys(result.info)).toHaveLength(58);
    expect(result.info.band3Frequency).toMatchObject({
      type: 'float',
      minValue: 20,
      maxValue: 20_000,
      units: 'Hz',
    });
    expect(result.info.band3Type.choices).toContain('tiltShelf');
    expect(result.descriptor).toMatchObject({ identifier: 'audio.lathe.eq', name: 'Lathe EQ' });
  });

  it('shows the curve over the live spectrum, and a band handle works from the keyboard', async () => {
    const page = host.page;
    await page.setViewportSize({ width: 800, height: 460 });
    const length = 48_000 * 4;
    const music = [noise(length, 31, 0.12), noise(length, 32, 0.12)].map((channel, c) => {
      // Pinkish noise with a few tones: something for the analyser to show.
      let state = 0;
      return channel.map((v, i) => {
        state = 0.97 * state + v;
        return 0.15 * state + 0.1 * Math.sin((2 * Math.PI * (110 + 330 * c) * i) / 48_000);
      });
    });
    const state = encodeState(
      eqParams,
      eqValues({
        band1Enabled: true,
        band2Gain: 4,
        band3Gain: -3,
        band4Type: 'notch',
        band4Frequency: 900,
        band4Q: 6,
        band5Gain: 5,
        band5Q: 2.5,
        band6Type: 'tiltShelf',
        band6Gain: -2,
        band6Placement: 'side',
        band7Gain: 3,
        band8Enabled: true,
      }),
    );
    await showGui(host, url, { signal: music, sampleRate: 48_000, state });
    const band3 = page.getByRole('slider', { name: 'Band 3', exact: true });
    await expect.poll(() => band3.getAttribute('aria-valuetext')).toMatch(/^Bell, 250 Hz, −3\.0 dB/);
    await page.waitForTimeout(1500); // the analyser fills in
    await page.screenshot({ path: screenshot('eq-gui.png') });

    const parameter = (id: string) =>
      page.evaluate(
        // biome-ignore lint/suspicious/noExplicitAny: the instance the page keeps
        async (id) => (await (window as any).wam.audioNode.getParameterValues(false, id))[id].value as number,
        id,
      );
    // ↑ four times: +0.5 dB each; → moves frequency up; PageUp raises Q; Enter switches the band off.
    await band3.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
    await expect.poll(() => parameter('band3Gain')).toBeCloseTo(-1, 6);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => parameter('band3Frequency')).toBeGreaterThan(260);
    await page.keyboard.press('PageUp');
    await expect.poll(() => parameter('band3Q')).toBeCloseTo(2 ** (1 / 6), 3);
    await page.keyboard.press('Enter');
    await expect.poll(() => parameter('band3Enabled')).toBe(0);
    await page.keyboard.press('Enter');
    // Shift+F10 opens the type menu; ↓ then Enter picks the next type (low shelf).
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Band 3 type' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => parameter('band3Type')).toBe(1);
    await expect
      .poll(() => band3.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    // The band strip follows the focused handle: its gain slider is the kit's ParamSlider.
    const gainSlider = page.getByRole('group', { name: 'Band 3' }).getByRole('slider', { name: 'Gain' });
    await gainSlider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => parameter('band3Gain')).toBe(24);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshot('eq-gui-edited.png') });

    // A host may shrink the GUI to its minimum size: nothing may spill out of it.
    const overflow = await shrinkGuiToMinimum(page);
    await page.screenshot({ path: screenshot('eq-gui-small.png') });
    expect(overflow).toEqual({ width: 0, height: 0, spilled: 0 });
  });
});
