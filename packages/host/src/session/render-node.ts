// The same render without Web Audio: Lathe plugins' kernels driven quantum by quantum in the order
// the plan gives, exactly as the browser graph connects them — the basis for command-line tools.
// Only Lathe plugins can run here (foreign plugins are browser code); anything else is an error.
import { createCompressorKernel } from '@lathe/plugin-comp';
import { createEqKernel } from '@lathe/plugin-eq';
import { decodeState, type Kernel, type KernelConfig, type ParamTable } from '@lathe/plugin-kit';
import { createLimiterKernel } from '@lathe/plugin-limiter';
import { createMeterKernel } from '@lathe/plugin-meter';
import { createStripKernel, type StripParams, stripParams } from '@lathe/plugin-strip';
import { findLathePlugin, MIX_ID, type SessionDoc } from '../presets/index.ts';
import {
  chainOwners,
  insertsOf,
  MASTER_ID,
  type PlannedSlot,
  planSession,
  type StripSettings,
} from './plan.ts';
import type { SessionRender } from './render-offline.ts';
import { stripState, UNITY } from './strip.ts';

const QUANTUM = 128;
const CHANNELS = 2;

type AnyKernel = Kernel<ParamTable>;
type AnyFactory = (config: KernelConfig<ParamTable>) => AnyKernel;

const FACTORIES: Record<string, AnyFactory> = {
  'audio.lathe.eq': createEqKernel as unknown as AnyFactory,
  'audio.lathe.comp': createCompressorKernel as unknown as AnyFactory,
  'audio.lathe.limiter': createLimiterKernel as unknown as AnyFactory,
  'audio.lathe.meter': createMeterKernel as unknown as AnyFactory,
};

export interface NodeRenderOptions {
  /** Each track's source audio by asset id: one array per channel (mono is played on both). */
  assets: ReadonlyMap<string, readonly Float32Array[]>;
  sampleRate: number;
  /** Seconds to render; default: the longest source. */
  duration?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Two channels of one quantum. */
const quantumBuffers = () => [new Float32Array(QUANTUM), new Float32Array(QUANTUM)];

function kernelFor(identifier: string, state: unknown, sampleRate: number, where: string): AnyKernel {
  const plugin = findLathePlugin(identifier);
  const factory = FACTORIES[identifier];
  if (!plugin || !factory) {
    throw new Error(`${where}: "${identifier}" is not a Lathe plugin; only Lathe plugins render in Node`);
  }
  const { values } = decodeState(plugin.params, state ?? { version: 1, parameters: {} });
  return factory({ sampleRate, maxChannels: CHANNELS, params: values });
}

function stripKernel(settings: StripSettings, sampleRate: number): AnyKernel {
  const { values } = decodeState<StripParams>(stripParams, stripState(settings));
  return createStripKernel({ sampleRate, maxChannels: CHANNELS, params: values }) as unknown as AnyKernel;
}

/** One insert: the plugin, or (bypassed) a delay of its latency, as the browser's dry path. */
interface SlotRunner {
  kernel: AnyKernel;
  output: Float32Array[];
  sidechain: { from: string; delay: AnyKernel; buffer: Float32Array[] } | null;
}

interface ChainRunner {
  input: Float32Array[];
  slots: SlotRunner[];
}

/** A chain's runner around its already built plugin kernels (a bypassed one becomes its dry delay). */
function chainRunner(
  planned: readonly PlannedSlot[],
  plugins: readonly AnyKernel[],
  sampleRate: number,
): ChainRunner {
  const slots = planned.map(
    (p, index): SlotRunner => ({
      kernel: p.slot.bypass
        ? stripKernel({ ...UNITY, delay: plugins[index].latencySamples }, sampleRate)
        : plugins[index],
      output: quantumBuffers(),
      sidechain: p.sidechain
        ? {
            from: p.sidechain.from,
            delay: stripKernel({ ...UNITY, delay: p.sidechain.delay }, sampleRate),
            buffer: quantumBuffers(),
          }
        : null,
    }),
  );
  return { input: quantumBuffers(), slots };
}

/** Runs a chain over one quantum; returns its output buffers. `taps` holds every lane's chain output. */
function runChain(chain: ChainRunner, taps: ReadonlyMap<string, Float32Array[]>): Float32Array[] {
  let at = chain.input;
  for (const slot of chain.slots) {
    let sidechain: Float32Array[] | undefined;
    if (slot.sidechain) {
      slot.sidechain.delay.process(taps.get(slot.sidechain.from)!, slot.sidechain.buffer, 0, QUANTUM);
      sidechain = slot.sidechain.buffer;
    }
    slot.kernel.process(at, slot.output, 0, QUANTUM, sidechain);
    at = slot.output;
  }
  return at;
}

const addInto = (target: readonly Float32Array[], source: readonly Float32Array[]) => {
  for (let c = 0; c < CHANNELS; c++) for (let i = 0; i < QUANTUM; i++) target[c][i] += source[c][i];
};

/** Renders a session of Lathe plugins, aligned like the browser's offline render (latency trimmed). */
export async function renderInNode(doc: SessionDoc, options: NodeRenderOptions): Promise<SessionRender> {
  const { sampleRate, assets, signal } = options;
  // Every plugin's kernel, built once: the plan asks them their latency, as the browser asks each plugin.
  const kernels = new Map(
    chainOwners(doc).map((owner) => [
      owner,
      insertsOf(doc, owner).map((slot, index) =>
        kernelFor(slot.identifier, slot.state, sampleRate, `${owner} insert ${index + 1}`),
      ),
    ]),
  );
  const plan = planSession(doc, ({ owner, index }) => kernels.get(owner)![index].latencySamples);

  let longest = 0;
  for (const track of doc.tracks) {
    const source = track.source ? assets.get(track.source.asset) : undefined;
    if (source) longest = Math.max(longest, source[0].length);
  }
  const frames = options.duration === undefined ? longest : Math.round(options.duration * sampleRate);
  if (!(frames > 0))
    throw new RangeError('renderInNode: nothing to render (no source has audio, and no duration was given)');
  const total = frames + plan.latency;

  const lanes = plan.lanes.map((lane) => ({
    lane,
    chain: chainRunner(lane.inserts, kernels.get(lane.id)!, sampleRate),
    routes: lane.routes.map((route) => ({
      to: route.to,
      kernel: stripKernel(route.strip, sampleRate),
      output: quantumBuffers(),
    })),
    source: lane.source ? assets.get(lane.source.asset) : undefined,
  }));
  const mix = chainRunner(plan.mix.inserts, kernels.get(MIX_ID)!, sampleRate);
  const mixStrip = stripKernel(plan.mix.strip, sampleRate);
  const master = chainRunner(plan.master.inserts, kernels.get(MASTER_ID)!, sampleRate);
  const inputs = new Map<string, Float32Array[]>([[MIX_ID, mix.input]]);
  for (const { lane, chain } of lanes) inputs.set(lane.id, chain.input);
  const taps = new Map<string, Float32Array[]>();

  const out = [new Float32Array(frames), new Float32Array(frames)];
  let nextYield = performance.now() + 25;
  for (let start = 0; start < total; start += QUANTUM) {
    for (const input of inputs.values()) for (const channel of input) channel.fill(0);
    for (const channel of master.input) channel.fill(0);
    for (const { lane, chain, routes, source } of lanes) {
      if (source) {
        const count = Math.max(0, Math.min(QUANTUM, source[0].length - start));
        for (let c = 0; c < CHANNELS; c++) {
          const from = source[Math.min(c, source.length - 1)];
          for (let i = 0; i < count; i++) chain.input[c][i] += from[start + i];
        }
      }
      const tap = runChain(chain, taps);
      taps.set(lane.id, tap);
      for (const route of routes) {
        route.kernel.process(tap, route.output, 0, QUANTUM);
        addInto(inputs.get(route.to)!, route.output);
      }
    }
    const mixed = runChain(mix, taps);
    mixStrip.process(mixed, master.input, 0, QUANTUM);
    const result = runChain(master, taps);
    // Keep [latency, latency + frames) of the output: the sources' time line.
    for (let i = 0; i < QUANTUM; i++) {
      const at = start + i - plan.latency;
      if (at >= 0 && at < frames) {
        out[0][at] = result[0][i];
        out[1][at] = result[1][i];
      }
    }
    if (performance.now() >= nextYield) {
      options.onProgress?.(start / total);
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      nextYield = performance.now() + 25;
    }
  }
  options.onProgress?.(1);
  return {
    channels: out,
    sampleRate,
    latency: plan.latency,
    renderQuantum: QUANTUM,
    warnings: plan.warnings,
  };
}
