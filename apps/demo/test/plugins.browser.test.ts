// Every Lathe plugin, as the demo publishes it (dist/plugins/<name>/), loaded together into one
// AudioContext by a foreign page that has only the WAM SDK: two instances of each, all working,
// distinct identifiers, state round-trips, and each reported latency equal to the measured one.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ForeignHost, openForeignHost } from '@lathe/plugin-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const published = fileURLToPath(new URL('../dist/plugins', import.meta.url));

/** A non-default state per plugin, chosen so an impulse passes (transparent apart from delay). */
const STATES: Record<string, unknown> = {
  meter: { version: 1, parameters: { target: 'ebuR128', dualMono: false } },
  comp: { version: 1, parameters: { ratio: 1, lookahead: 4, threshold: -40, detector: 'rms' } },
  eq: { version: 1, parameters: {} },
  limiter: { version: 1, parameters: { ceiling: 0, lookahead: 3, release: 200 } },
};

let host: ForeignHost;
let names: string[];

beforeAll(async () => {
  if (!existsSync(published)) throw new Error('apps/demo/dist/plugins is missing: run `pnpm build` first');
  names = (JSON.parse(readFileSync(`${published}/index.json`, 'utf8')) as string[]).sort();
  host = await openForeignHost(Object.fromEntries(names.map((name) => [name, `${published}/${name}`])));
});
afterAll(async () => {
  await host?.close();
});

describe('all Lathe plugins in one AudioContext, two instances each', () => {
  it('publishes the five plugins', () => {
    expect(names).toEqual(['comp', 'eq', 'limiter', 'meter', 'strip']);
  });

  it('work side by side: distinct ids, state round-trips, latency as measured', async () => {
    const plugins = names.map((name) => ({ name, url: host.pluginUrl(name), state: STATES[name] }));
    const results = await host.page.evaluate(async (plugins) => {
      const w = window as unknown as {
        initializeWamHost(c: BaseAudioContext): Promise<[string]>;
        // biome-ignore lint/suspicious/noExplicitAny: the WAM classes as a foreign host sees them
        loadWam(url: string): Promise<any>;
      };
      const rate = 48_000;
      const instances = plugins.length * 2;
      const context = new OfflineAudioContext(instances, rate / 4, rate);
      const [groupId] = await w.initializeWamHost(context);
      const impulse = context.createBuffer(1, rate / 4, rate);
      impulse.getChannelData(0)[64] = 0.5;
      const merger = new ChannelMergerNode(context, { numberOfInputs: instances });
      merger.connect(context.destination);
      const created = [];
      for (const [p, plugin] of plugins.entries()) {
        const Plugin = await w.loadWam(plugin.url);
        for (let copy = 0; copy < 2; copy++) {
          const wam = await Plugin.createInstance(groupId, context, plugin.state);
          const source = new AudioBufferSourceNode(context, { buffer: impulse });
          // Mono in, mono out of this instance, onto its own channel of the render.
          const mono = new GainNode(context, { channelCount: 1, channelCountMode: 'explicit' });
          source
            .connect(wam.audioNode)
            .connect(mono)
            .connect(merger, 0, p * 2 + copy);
          source.start();
          const state = await wam.audioNode.getState();
          await wam.audioNode.setState(state);
          created.push({
            name: plugin.name,
            identifier: wam.descriptor.identifier,
            instanceId: wam.instanceId,
            stateRoundTrips: JSON.stringify(await wam.audioNode.getState()) === JSON.stringify(state),
            latency: await wam.audioNode.getCompensationDelay(),
          });
        }
      }
      const rendered = await context.startRendering();
      return created.map((instance, i) => {
        const out = rendered.getChannelData(i);
        let peakAt = 0;
        for (let n = 1; n < out.length; n++) if (Math.abs(out[n]) > Math.abs(out[peakAt])) peakAt = n;
        return { ...instance, measuredLatency: peakAt - 64, peak: out[peakAt] };
      });
    }, plugins);

    expect(results).toHaveLength(names.length * 2);
    expect(new Set(results.map((r) => r.instanceId)).size).toBe(results.length);
    expect(new Set(results.map((r) => r.identifier)).size).toBe(names.length);
    for (const result of results) {
      expect(result.identifier, result.name).toMatch(/^audio\.lathe\./);
      expect(result.stateRoundTrips, result.name).toBe(true);
      expect(result.peak, `${result.name} passes the impulse`).toBeCloseTo(0.5, 3);
      expect(result.measuredLatency, `${result.name} latency`).toBe(result.latency);
    }
  });
});
