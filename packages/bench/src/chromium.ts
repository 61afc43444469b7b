// The built plugins in Debian's Chromium, loaded by URL from a foreign page exactly as a host loads
// them, chained in an OfflineAudioContext; beside them, the same programme through a native chain
// (six BiquadFilterNodes and a DynamicsCompressorNode) in the same page, and four pass-through
// AudioWorkletNodes: what any chain of four worklet plugins costs before its DSP. Both chains render
// again at the quantum the host's offline render uses for Lathe-only sessions (renderSizeHint).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openForeignHost } from '@lathe/plugin-kit/testing';
import type { PluginName } from './node.ts';
import { CHANNELS, COMP, EQ_BANDS, EQ_SETTINGS, SAMPLE_RATE } from './settings.ts';

const require = createRequire(import.meta.url);

const PASS_THROUGH = 'lathe-bench-pass-through';
/** An AudioWorklet module with a processor that copies its input to its output and does nothing else. */
const PASS_THROUGH_MODULE = `registerProcessor('${PASS_THROUGH}', class extends AudioWorkletProcessor {
  process([input], [output]) {
    for (let c = 0; c < output.length; c++) if (c < input.length) output[c].set(input[c]);
    return true;
  }
});`;

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
  /** The same two at `offlineQuantum` samples per render call, as the host renders Lathe-only sessions. */
  readonly latheOffline: number[];
  readonly nativeOffline: number[];
  /** The Lathe chain's real-time factor over the first third of each render and over the rest. */
  readonly latheFirstThird: number[];
  readonly latheRest: number[];
  /** Four pass-through AudioWorkletNodes in place of the plugins: the graph's own cost. */
  readonly passThrough: number[];
  /** createInstance until resolved, in ms, per plugin (in chain order), one per run. */
  readonly loads: Record<string, number[]>;
}

export async function runChromium(
  chainOrder: readonly PluginName[],
  signal: readonly Float32Array[],
  runs: number,
  offlineQuantum: number,
): Promise<ChromiumFigures> {
  const host = await openForeignHost(Object.fromEntries(chainOrder.map((name) => [name, distOf(name)])));
  try {
    for (const [c, data] of signal.entries()) {
      host.hostServer.put(`/bench/${c}.f32`, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    host.hostServer.put('/bench/pass-through.js', PASS_THROUGH_MODULE, 'text/javascript');
    const states: Record<string, unknown> = { eq: { version: 1, parameters: EQ_SETTINGS } };
    const result = await host.page.evaluate(
      async ({ plugins, channels, rate, runs, bands, comp, passThroughModule, offlineQuantum }) => {
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
        /** A context playing the programme, rendering `quantum` samples per call into each node. */
        const fresh = (quantum = 128) => {
          const options = { numberOfChannels: channels, length, sampleRate: rate, renderSizeHint: quantum };
          const context = new OfflineAudioContext(options as OfflineAudioContextOptions);
          if ((context as unknown as { renderQuantumSize?: number }).renderQuantumSize !== quantum)
            throw new Error(`this Chromium does not render ${quantum} samples per call (renderSizeHint)`);
          const buffer = context.createBuffer(channels, length, rate);
          data.forEach((channel, c) => {
            buffer.copyToChannel(channel, c);
          });
          const source = new AudioBufferSourceNode(context, { buffer });
          source.start();
          return { context, source };
        };
        // Every render is split in two where its first third ends, for the first-third and rest
        // figures: the suspension (on a quantum boundary) costs one round trip to this thread, and
        // costs it alike in ours, the native chain and the floor.
        const third = Math.max(128, Math.floor(length / 3 / 128) * 128);
        /** Real-time factors of a whole render, of its first third and of the rest. */
        const render = async (context: OfflineAudioContext) => {
          let thirdAt = Number.NaN;
          const suspended = context.suspend(third / rate).then(() => {
            thirdAt = performance.now();
            return context.resume();
          });
          const start = performance.now();
          const rendered = await context.startRendering();
          const end = performance.now();
          await suspended;
          // A chain that silently dropped out would look fast: make sure the audio came through.
          if (!rendered.getChannelData(0).some((v) => v !== 0)) throw new Error('the chain rendered silence');
          return {
            whole: (length / rate) * (1000 / (end - start)),
            firstThird: (third / rate) * (1000 / (thirdAt - start)),
            rest: ((length - third) / rate) * (1000 / (end - thirdAt)),
          };
        };
        const rtf = async (context: OfflineAudioContext) => (await render(context)).whole;
        const classes = await Promise.all(plugins.map((plugin) => w.loadWam(plugin.url)));
        const lathe: number[] = [];
        const latheFirstThird: number[] = [];
        const latheRest: number[] = [];
        const native: number[] = [];
        const latheOffline: number[] = [];
        const nativeOffline: number[] = [];
        const passThrough: number[] = [];
        const loads: Record<string, number[]> = Object.fromEntries(plugins.map((p) => [p.name, []]));
        /** The four plugins chained from the programme to the output (load times: at the default quantum). */
        const latheChain = async (quantum?: number) => {
          const ours = fresh(quantum);
          const [groupId] = await w.initializeWamHost(ours.context);
          let tail: AudioNode = ours.source;
          for (const [i, Plugin] of classes.entries()) {
            const start = performance.now();
            const wam = await Plugin.createInstance(groupId, ours.context, plugins[i].state);
            if (quantum === undefined) loads[plugins[i].name].push(performance.now() - start);
            tail = tail.connect(wam.audioNode);
          }
          tail.connect(ours.context.destination);
          return ours.context;
        };
        /** Six biquads and a compressor, Web Audio's own nodes, with the same settings. */
        const nativeChain = (quantum?: number) => {
          const reference = fresh(quantum);
          let tail: AudioNode = reference.source;
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
          return reference.context;
        };
        for (let run = 0; run < runs; run++) {
          const figures = await render(await latheChain());
          lathe.push(figures.whole);
          latheFirstThird.push(figures.firstThird);
          latheRest.push(figures.rest);
          native.push(await rtf(nativeChain()));
          latheOffline.push(await rtf(await latheChain(offlineQuantum)));
          nativeOffline.push(await rtf(nativeChain(offlineQuantum)));

          const floor = fresh();
          await floor.context.audioWorklet.addModule(passThroughModule.url);
          let tail: AudioNode = floor.source;
          for (let i = 0; i < plugins.length; i++) {
            tail = tail.connect(
              new AudioWorkletNode(floor.context, passThroughModule.name, { outputChannelCount: [channels] }),
            );
          }
          tail.connect(floor.context.destination);
          passThrough.push(await rtf(floor.context));
        }
        return { lathe, latheFirstThird, latheRest, native, latheOffline, nativeOffline, passThrough, loads };
      },
      {
        plugins: chainOrder.map((name) => ({ name, url: host.pluginUrl(name), state: states[name] })),
        channels: CHANNELS,
        rate: SAMPLE_RATE,
        runs,
        bands: EQ_BANDS.map((band) => ({ ...band })),
        comp: COMP,
        passThroughModule: { name: PASS_THROUGH, url: '/bench/pass-through.js' },
        offlineQuantum,
      },
    );
    return result;
  } finally {
    await host.close();
  }
}
