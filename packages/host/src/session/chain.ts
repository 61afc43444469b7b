// One insert chain in Web Audio: plugins in series, each with a click-free bypass, and a bypass of
// the whole chain for A/B at matched loudness.
//
//   input ─┬─ slot 1 ─ slot 2 ─ … ─── wet ──┬─ output        slot: in ─┬─ plugin ─── wet ─┬─ out
//          └─ delay (chain latency) ── dry ─┘                          └─ delay ─── dry ──┘
//
// A bypassed plugin's dry path is delayed by the plugin's latency, so bypass never moves the timing
// (the session's compensation stays valid) and the crossfade between the two is seamless.

import type { LoadedPlugin, PluginLoader, PluginPlaceholder } from '../plugins/index.ts';
import type { PluginSlotDoc } from '../presets/index.ts';
import { Strip, UNITY } from './strip.ts';

/** Length of every bypass crossfade. */
export const CROSSFADE_SECONDS = 0.02;

/** A slot as loaded: the plugin (or the placeholder that keeps its URL and state) and its latency. */
export interface ChainSlot {
  doc: PluginSlotDoc;
  plugin: LoadedPlugin | PluginPlaceholder;
  latency: number;
}

/** Moves a gain to `value`: at once before playback starts, else in a linear crossfade. */
function fadeTo(param: AudioParam, value: number, context: BaseAudioContext, immediate: boolean): void {
  const now = context.currentTime;
  param.cancelScheduledValues(now);
  if (immediate) {
    param.value = value;
    return;
  }
  param.setValueAtTime(param.value, now);
  param.linearRampToValueAtTime(value, now + CROSSFADE_SECONDS);
}

/** The audio nodes around one plugin. */
class SlotGraph {
  readonly input: GainNode;
  readonly output: GainNode;
  private readonly wet: GainNode;
  private readonly dry: GainNode;

  private constructor(
    readonly slot: ChainSlot,
    private readonly context: BaseAudioContext,
    private readonly delay: Strip | null,
  ) {
    this.input = new GainNode(context);
    this.output = new GainNode(context);
    this.wet = new GainNode(context, { gain: slot.doc.bypass ? 0 : 1 });
    this.dry = new GainNode(context, { gain: slot.doc.bypass ? 1 : 0 });
    const processor = slot.plugin.kind === 'loaded' ? slot.plugin.node : null;
    // A placeholder passes audio straight through: the session keeps playing without it.
    if (processor) this.input.connect(processor).connect(this.wet);
    else this.input.connect(this.wet);
    if (delay) this.input.connect(delay.node).connect(this.dry);
    else this.input.connect(this.dry);
    this.wet.connect(this.output);
    this.dry.connect(this.output);
  }

  static async create(context: BaseAudioContext, slot: ChainSlot, loader: PluginLoader, stripUrl: string) {
    const delay =
      slot.latency > 0
        ? await Strip.load(context, loader, stripUrl, { ...UNITY, delay: slot.latency })
        : null;
    return new SlotGraph(slot, context, delay);
  }

  /** The plugin's audio node (undefined for a placeholder): where a sidechain connects (input 1). */
  get processor(): AudioNode | undefined {
    return this.slot.plugin.kind === 'loaded' ? this.slot.plugin.node : undefined;
  }

  setBypass(bypass: boolean, immediate: boolean): void {
    this.slot.doc = { ...this.slot.doc, bypass };
    fadeTo(this.wet.gain, bypass ? 0 : 1, this.context, immediate);
    fadeTo(this.dry.gain, bypass ? 1 : 0, this.context, immediate);
  }

  /** Takes the graph apart; the plugin is destroyed too unless it moves on to a rebuilt chain. */
  destroy(keepPlugin: boolean): void {
    for (const node of [this.input, this.output, this.wet, this.dry]) node.disconnect();
    this.delay?.destroy();
    if (this.slot.plugin.kind !== 'loaded') return;
    if (keepPlugin) this.slot.plugin.node.disconnect();
    else this.slot.plugin.destroy();
  }
}

export class InsertChain {
  readonly input: GainNode;
  readonly output: GainNode;
  private readonly wet: GainNode;
  private readonly dry: GainNode;
  private bypassed = false;
  private matchedGain = 1;

  private constructor(
    private readonly context: BaseAudioContext,
    private readonly slots: SlotGraph[],
    private readonly dryDelay: Strip | null,
  ) {
    this.input = new GainNode(context);
    this.output = new GainNode(context);
    this.wet = new GainNode(context);
    this.dry = new GainNode(context, { gain: 0 });
    let at: AudioNode = this.input;
    for (const slot of slots) {
      at.connect(slot.input);
      at = slot.output;
    }
    at.connect(this.wet).connect(this.output);
    (dryDelay ? this.input.connect(dryDelay.node) : this.input).connect(this.dry).connect(this.output);
  }

  /** Builds the chain for already loaded slots (the session loads plugins in parallel first). */
  static async create(
    context: BaseAudioContext,
    slots: readonly ChainSlot[],
    loader: PluginLoader,
    stripUrl: string,
  ): Promise<InsertChain> {
    const graphs = await Promise.all(slots.map((slot) => SlotGraph.create(context, slot, loader, stripUrl)));
    const latency = slots.reduce((sum, slot) => sum + slot.latency, 0);
    const dryDelay =
      latency > 0 ? await Strip.load(context, loader, stripUrl, { ...UNITY, delay: latency }) : null;
    return new InsertChain(context, graphs, dryDelay);
  }

  get length(): number {
    return this.slots.length;
  }

  slot(index: number): ChainSlot {
    return this.slots[index].slot;
  }

  /** Where slot `index`'s sidechain connects (input 1 of this node), if the plugin loaded. */
  sidechainInput(index: number): AudioNode | undefined {
    return this.slots[index].processor;
  }

  setSlotBypass(index: number, bypass: boolean, immediate = false): void {
    this.slots[index].setBypass(bypass, immediate);
  }

  get isBypassed(): boolean {
    return this.bypassed;
  }

  /**
   * Bypasses the whole chain: the output crossfades to the input, delayed by the chain's latency
   * and scaled by `matchedGainDb` (the loudness the chain adds), so A/B compares sound, not level.
   */
  setBypass(bypass: boolean, matchedGainDb = 0, immediate = false): void {
    this.bypassed = bypass;
    this.matchedGain = 10 ** (matchedGainDb / 20);
    fadeTo(this.wet.gain, bypass ? 0 : 1, this.context, immediate);
    fadeTo(this.dry.gain, bypass ? this.matchedGain : 0, this.context, immediate);
  }

  /** Takes the chain apart, destroying every plugin except those in `keep` (reused by a rebuilt chain). */
  destroy(keep: ReadonlySet<ChainSlot> = new Set()): void {
    for (const slot of this.slots) slot.destroy(keep.has(slot.slot));
    this.dryDelay?.destroy();
    for (const node of [this.input, this.output, this.wet, this.dry]) node.disconnect();
  }
}
