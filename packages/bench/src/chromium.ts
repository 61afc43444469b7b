// The built plugins in Debian's Chromium, loaded by URL from a foreign page exactly as a host loads
// them, chained in an OfflineAudioContext; beside them, the same programme through a native chain
// (six BiquadFilterNodes and a DynamicsCompressorNode) in the same page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openForeignHost } from '@lathe/plugin-kit/testing';
import type { PluginName } from './node.ts';
import { CHANNELS, COMP, EQ_BANDS, EQ_SETTINGS, SAMPLE_RATE } from './settings.ts';

const require = createRequire(import.meta.url);

/** A plugin's built WAM folder (its package's dist/, what the demo publishes). */
export function distOf(name: PluginName): string {
  const dist = dirname(require.resolve(`@lathe/plugin-${name}/wam`));
  if (!existsSync(join(dist, 'processor.js')))
    throw new Error(`${dist} is incomplete: run \`pnpm build\` first`);
  return dist;
}

/** What a host downloads: every file of the folder, gzipped one by one (level 9), summed. */
export function gzipBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      total += gzipSync(readFileSync(join(entry.parentPath, entry.name)), { level: 9 }).length;
  }
  return total;
}

export interface ChromiumFigures {
  /** Real-time factors, one per run: the Lathe chain and the native chain. */
  readonly lathe: number[];
  readonly native: number[];
  /** createInstance until resolved, in ms, per plugin (in chain order), one per run. */
  readonly loads: Record<string, number[]>;
}

export async function runChromium(
  chainOrder: readonly PluginName[],
  signal: readonly Float32Array[],
  runs: number,
): Promise<ChromiumFigures> {
  const host = await openForeignHost(Object.fromEntries(chainOrder.map((name) => [name, distOf(name)])));
  try {
    for (const [c, data] of signal.entries()) {
      host.hostServer.put(`/bench/${c}.f32`, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    const states: Record<string, unknown> = { eq: { version: 1, parameters: EQ_SETTINGS } };
    const result = await host.page.evaluate(
      async ({ plugins, channels, rate, runs, bands, comp }) => {
        const w = window as unknown as {
          initializeWamHost(c: BaseAudioContext): Promise<[string]>;
          // biome-ignore lint/suspicious/noExplicitAny: the WAM classes as a foreign host sees them
          loadWam(url: string): Promise<any>;
        };
        const data = await Promise.all(
          Array.from({ length: channels }, async (_, c) => {
            const response = await fetch(`/bench/${c}.f32`);
            return new Float32Array(await response.arrayBuffer());
          }),
        );
        const length = data[0].length;
        const fresh = () => {
          const context = new OfflineAudioContext(channels, length, rate);
          const buffer = context.createBuffer(channels, length, rate);
          data.forEach((channel, c) => {
            buffer.copyToChannel(channel, c);
          });
          const source = new AudioBufferSourceNode(context, { buffer });
          source.start();
          return { context, source };
        };
        const rtf = async (context: OfflineAudioContext) => {
          const start = performance.now();
          const rendered = await context.startRendering();
          const seconds = (performance.now() - start) / 1000;
          // A chain that silently dropped out would look fast: make sure the audio came through.
          if (!rendered.getChannelData(0).some((v) => v !== 0)) throw new Error('the chain rendered silence');
          return length / rate / seconds;
        };
        const classes = await Promise.all(plugins.map((plugin) => w.loadWam(plugin.url)));
        const lathe: number[] = [];
        const native: number[] = [];
        const loads: Record<string, number[]> = Object.fromEntries(plugins.map((p) => [p.name, []]));
        for (let run = 0; run < runs; run++) {
          const ours = fresh();
          const [groupId] = await w.initializeWamHost(ours.context);
          let tail: AudioNode = ours.source;
          for (const [i, Plugin] of classes.entries()) {
            const start = performance.now();
            const wam = await Plugin.createInstance(groupId, ours.context, plugins[i].state);
            loads[plugins[i].name].push(performance.now() - start);
            tail = tail.connect(wam.audioNode);
          }
          tail.connect(ours.context.destination);
          lathe.push(await rtf(ours.context));

          const reference = fresh();
          tail = reference.source;
          for (const band of bands) {
            tail = tail.connect(
              new BiquadFilterNode(reference.context, {
                type: band.type,
                frequency: band.frequency,
                Q: band.q,
                gain: band.gain,
              }),
            );
          }
          const compressor = new DynamicsCompressorNode(reference.context, {
            threshold: comp.thresholdDb,
            ratio: comp.ratio,
            knee: comp.kneeDb,
            attack: comp.attackMs / 1000,
            release: comp.releaseMs / 1000,
          });
          tail.connect(compressor).connect(reference.context.destination);
          native.push(await rtf(reference.context));
        }
        return { lathe, native, loads };
      },
      {
        plugins: chainOrder.map((name) => ({ name, url: host.pluginUrl(name), state: states[name] })),
        channels: CHANNELS,
        rate: SAMPLE_RATE,
        runs,
        bands: EQ_BANDS.map((band) => ({ ...band })),
        comp: COMP,
      },
    );
    return result;
  } finally {
    await host.close();
  }
}
