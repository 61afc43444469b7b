// The kit's WAM glue in real Chromium: a fixture plugin built by the kit's own build, served from
// one origin and loaded by URL from a host page on another, which has only the WAM SDK.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlugin } from '../src/build/build-plugin.ts';
import { type ForeignHost, openForeignHost } from '../src/testing/index.ts';

const fixture = fileURLToPath(new URL('./fixture', import.meta.url));
let host: ForeignHost;
let url: string;

beforeAll(async () => {
  await buildPlugin(fixture);
  host = await openForeignHost({ gain: `${fixture}/dist` });
  url = host.pluginUrl('gain');
});
afterAll(async () => {
  await host?.close();
});

// Page-side helpers are written inside each evaluate: Playwright sends the function's source.
interface PageWindow {
  initializeWamHost(context: BaseAudioContext): Promise<[string, string]>;
  // biome-ignore lint/suspicious/noExplicitAny: the WAM class as the page sees it
  loadWam(url: string): Promise<any>;
}

describe('a kit plugin loaded by URL in a foreign host', () => {
  it('serves a complete descriptor and a thumbnail that exists', async () => {
    const descriptor = await (await fetch(url.replace('index.js', 'descriptor.json'))).json();
    expect(descriptor).toMatchObject({
      identifier: 'audio.lathe.test-gain',
      apiVersion: '2.0.0',
      vendor: 'Lathe',
      version: '1.0.0',
      isInstrument: false,
      hasAudioInput: true,
      hasAudioOutput: true,
    });
    for (const field of ['name', 'description', 'website', 'keywords', 'thumbnail'])
      expect(descriptor).toHaveProperty(field);
    for (const io of ['Audio', 'Midi', 'Sysex', 'Osc', 'Mpe', 'Automation']) {
      expect(typeof descriptor[`has${io}Input`]).toBe('boolean');
      expect(typeof descriptor[`has${io}Output`]).toBe('boolean');
    }
    const thumbnail = await fetch(url.replace('index.js', descriptor.thumbnail));
    expect(thumbnail.status).toBe(200);
    expect(await thumbnail.text()).toContain('<svg');
  });

  // 1000: a context that renders more than 128 samples per call (Web Audio 1.1's renderSizeHint),
  // not a power of two, with an event on a call's first sample and one inside a call.
  it.each([128, 1000])(
    'honours the initial state, applies scheduled automation at its exact sample, reports latency in samples (render quantum %i)',
    async (renderSizeHint) => {
      const result = await host.page.evaluate(
        async ({ pluginUrl, renderSizeHint }) => {
          const w = window as unknown as PageWindow;
          const rate = 48_000;
          const context = new OfflineAudioContext({
            numberOfChannels: 1,
            length: 4096,
            sampleRate: rate,
            renderSizeHint,
          } as OfflineAudioContextOptions);
          if ((context as unknown as { renderQuantumSize?: number }).renderQuantumSize !== renderSizeHint)
            throw new Error(`this Chromium ignores renderSizeHint ${renderSizeHint}`);
          const [groupId] = await w.initializeWamHost(context);
          const Plugin = await w.loadWam(pluginUrl);
          const wam = await Plugin.createInstance(groupId, context, {
            version: 1,
            parameters: { gain: 0.5, delay: 7 },
          });
          const node = wam.audioNode;
          const latency = await node.getCompensationDelay();
          const source = new ConstantSourceNode(context, { offset: 1 });
          source.connect(node).connect(context.destination);
          source.start();
          node.scheduleEvents({
            type: 'wam-automation',
            time: 1000 / rate,
            data: { id: 'gain', value: 0.25, normalized: false },
          });
          node.scheduleEvents({
            type: 'wam-automation',
            time: 3001 / rate,
            data: { id: 'gain', value: 0.75, normalized: false },
          });
          // Events travel by message: one round trip guarantees they are queued before rendering starts.
          await node.getParameterValues();
          const out = (await context.startRendering()).getChannelData(0);
          const changes: [number, number][] = [];
          for (let i = 1; i < out.length; i++) if (out[i] !== out[i - 1]) changes.push([i, out[i]]);
          return { latency, changes };
        },
        { pluginUrl: url, renderSizeHint },
      );
      expect(result.latency).toBe(7);
      // Delay 7: the delayed constant (× the initial gain 0.5) reaches the output at sample 7; the gain
      // (applied after the delay line) changes exactly at each event's sample.
      expect(result.changes).toEqual([
        [7, 0.5],
        [1000, 0.25],
        [3001, 0.75],
      ]);
    },
  );

  it('applies setParameterValues at the next render quantum, with a wam-automation event per change', async () => {
    const result = await host.page.evaluate(async (pluginUrl) => {
      const w = window as unknown as PageWindow;
      const context = new OfflineAudioContext(1, 2048, 48_000);
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const wam = await Plugin.createInstance(groupId, context);
      const node = wam.audioNode;
      const events: { id: string; value: number }[] = [];
      node.addEventListener('wam-automation', (e: CustomEvent) => events.push(e.detail.data));
      const source = new ConstantSourceNode(context, { offset: 1 });
      source.connect(node).connect(context.destination);
      source.start();
      const changeAt = 512;
      context.suspend(changeAt / 48_000).then(async () => {
        await node.setParameterValues({
          gain: { id: 'gain', value: 0.5, normalized: false },
          mode: { id: 'mode', value: 0, normalized: false }, // unchanged: no event
        });
        await context.resume();
      });
      const out = (await context.startRendering()).getChannelData(0);
      const first = out.findIndex((v) => v !== 1);
      return { first, value: out[first], events };
    }, url);
    expect(result.first).toBe(512);
    expect(result.value).toBe(0.5);
    expect(result.events).toEqual([{ id: 'gain', value: 0.5, normalized: false }]);
  });

  it('round-trips state exactly, emits events for what setState changed, and rejects a bad state without change', async () => {
    const result = await host.page.evaluate(async (pluginUrl) => {
      const w = window as unknown as PageWindow;
      const context = new OfflineAudioContext(1, 128, 48_000);
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const a = await Plugin.createInstance(groupId, context);
      const b = await Plugin.createInstance(groupId, context);
      const events: string[] = [];
      b.audioNode.addEventListener('wam-automation', (e: CustomEvent) => events.push(e.detail.data.id));
      await a.audioNode.setParameterValues({ gain: { id: 'gain', value: 0.1 + 0.2, normalized: false } });
      await a.audioNode.setState({ version: 1, parameters: { mode: 'invert', enabled: false, delay: 12 } });
      const stateA = await a.audioNode.getState();
      await b.audioNode.setState(JSON.parse(JSON.stringify(stateA)));
      const stateB = await b.audioNode.getState();
      let error = '';
      try {
        await b.audioNode.setState('not a state');
      } catch (e) {
        error = (e as Error).message;
      }
      const afterError = await b.audioNode.getState();
      return { stateA, stateB, events: events.sort(), error, afterError, ids: [a.instanceId, b.instanceId] };
    }, url);
    expect(result.stateA).toEqual({
      version: 1,
      parameters: { gain: 0.1 + 0.2, delay: 12, mode: 'invert', enabled: false },
    });
    expect(result.stateB).toEqual(result.stateA);
    expect(result.events).toEqual(['delay', 'enabled', 'gain', 'mode']);
    expect(result.error).toMatch(/must be an object/);
    expect(result.afterError).toEqual(result.stateA);
    expect(result.ids[0]).not.toBe(result.ids[1]);
  });

  it('gives a generic host complete parameter info as plain data', async () => {
    const info = await host.page.evaluate(async (pluginUrl) => {
      const w = window as unknown as PageWindow;
      const context = new OfflineAudioContext(1, 128, 48_000);
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const wam = await Plugin.createInstance(groupId, context);
      return structuredClone(await wam.audioNode.getParameterInfo());
    }, url);
    expect(Object.keys(info)).toEqual(['gain', 'delay', 'mode', 'enabled']);
    expect(info.gain).toMatchObject({
      id: 'gain',
      type: 'float',
      label: 'Gain',
      minValue: 0,
      maxValue: 2,
      defaultValue: 1,
    });
    expect(info.mode).toMatchObject({
      type: 'choice',
      choices: ['normal', 'invert'],
      minValue: 0,
      maxValue: 1,
    });
    expect(info.delay).toMatchObject({ type: 'int', discreteStep: 1, units: 'smp' });
  });

  it('stops processing and leaves the graph on destroy()', async () => {
    const result = await host.page.evaluate(async (pluginUrl) => {
      const w = window as unknown as PageWindow;
      const context = new OfflineAudioContext(1, 4096, 48_000);
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const wam = await Plugin.createInstance(groupId, context);
      const source = new ConstantSourceNode(context, { offset: 1 });
      source.connect(wam.audioNode).connect(context.destination);
      source.start();
      context.suspend(1024 / 48_000).then(async () => {
        wam.audioNode.destroy();
        await context.resume();
      });
      const out = (await context.startRendering()).getChannelData(0);
      return { before: out[1023], after: Array.from(out.subarray(1024)).some((v) => v !== 0) };
    }, url);
    expect(result.before).toBe(1);
    expect(result.after).toBe(false);
  });

  it('mounts a keyboard-operable GUI that follows and drives the parameters, and unmounts on destroyGui', async () => {
    const page = host.page;
    await page.evaluate(async (pluginUrl) => {
      const w = window as unknown as PageWindow & { wam: unknown; gui: HTMLElement };
      const context = new AudioContext();
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const wam = await Plugin.createInstance(groupId, context);
      const gui = await wam.createGui();
      document.getElementById('gui')!.append(gui);
      w.wam = wam;
      w.gui = gui;
    }, url);
    const slider = page.getByRole('slider', { name: 'Gain' });
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('1');
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('2');
    const nodeValue = await page.evaluate(async () => {
      const w = window as unknown as {
        wam: { audioNode: { getState(): Promise<{ parameters: { gain: number } }> } };
      };
      return (await w.wam.audioNode.getState()).parameters.gain;
    });
    expect(nodeValue).toBe(2);
    // A change from elsewhere (the host) shows in the GUI through wam-automation events.
    await page.evaluate(async () => {
      const w = window as unknown as {
        wam: { audioNode: { setParameterValues(v: unknown): Promise<void> } };
      };
      await w.wam.audioNode.setParameterValues({ gain: { id: 'gain', value: 0.25, normalized: false } });
    });
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('0.25');
    await page.getByRole('switch', { name: 'Enabled' }).press('Enter');
    await expect
      .poll(() => page.getByRole('switch', { name: 'Enabled' }).getAttribute('aria-checked'))
      .toBe('false');
    await page.screenshot({
      path: fileURLToPath(new URL('../test-results/fixture-gui.png', import.meta.url)),
    });
    const childrenAfterDestroy = await page.evaluate(() => {
      const w = window as unknown as { wam: { destroyGui(e: Element): void }; gui: HTMLElement };
      w.wam.destroyGui(w.gui);
      return w.gui.shadowRoot!.querySelector('.lathe-root')!.childElementCount;
    });
    expect(childrenAfterDestroy).toBe(0);
  });
});

describe('a kit plugin in a cross-origin-isolated host (COOP/COEP)', () => {
  it('loads from another origin and applies automation exactly', async () => {
    const isolated = await openForeignHost({ gain: `${fixture}/dist` }, { isolated: true });
    try {
      const result = await isolated.page.evaluate(async (pluginUrl) => {
        const w = window as unknown as PageWindow;
        const context = new OfflineAudioContext(1, 1024, 48_000);
        const [groupId] = await w.initializeWamHost(context);
        const Plugin = await w.loadWam(pluginUrl);
        const wam = await Plugin.createInstance(groupId, context, { version: 1, parameters: { gain: 0.5 } });
        const source = new ConstantSourceNode(context, { offset: 1 });
        source.connect(wam.audioNode).connect(context.destination);
        source.start();
        wam.audioNode.scheduleEvents({
          type: 'wam-automation',
          time: 300 / 48_000,
          data: { id: 'gain', value: 2 },
        });
        await wam.audioNode.getParameterValues();
        const out = (await context.startRendering()).getChannelData(0);
        return { isolated: crossOriginIsolated, first: out[0], before: out[299], at: out[300] };
      }, isolated.pluginUrl('gain'));
      expect(result).toEqual({ isolated: true, first: 0.5, before: 0.5, at: 2 });
    } finally {
      await isolated.close();
    }
  });
});
