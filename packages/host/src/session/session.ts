// A session in Web Audio: every plugin loaded (failures become placeholders), the plan realised as
// nodes, sources played on demand. Edits keep the audio running: fader, pan, mute, solo and polarity
// move through the strips' ramps; bypass crossfades; inserting, removing or moving a plugin rebuilds
// that one chain behind a short fade, and the compensation delays follow the new latencies.

import type { LoadedPlugin, PluginLoader, PluginPlaceholder, PluginRequest } from '../plugins/index.ts';
import { MIX_ID, type PluginSlotDoc, type SessionDoc, type TrackDoc } from '../presets/index.ts';
import { type ChainSlot, CROSSFADE_SECONDS, InsertChain } from './chain.ts';
import {
  chainOwners,
  insertsOf,
  MASTER_ID,
  type PlannedSlot,
  planSession,
  type RenderPlan,
  type SlotAddress,
} from './plan.ts';
import { Strip, UNITY } from './strip.ts';

/** How long after a plugin's last parameter change its latency is asked for again. */
const LATENCY_CHECK_MS = 100;

export interface SessionOptions {
  loader: PluginLoader;
  /** URL of Lathe Strip's index.js (the fader and delay line of every route). */
  stripUrl: string;
  /** Decoded audio for each track's `source.asset`; a track without one is silent. */
  assets: ReadonlyMap<string, AudioBuffer>;
  /** Where the master chain plays. Default: the context's destination. */
  destination?: AudioNode;
}

/** Settings of a track or bus that change without reloading anything. */
export type LaneChanges = Partial<Pick<TrackDoc, 'gainDb' | 'pan' | 'mute' | 'solo' | 'invert'>>;

/** Loads every slot of a chain in parallel; a failure is a placeholder with latency 0. */
async function loadSlots(
  context: BaseAudioContext,
  loader: PluginLoader,
  docs: readonly PluginSlotDoc[],
): Promise<ChainSlot[]> {
  return Promise.all(
    docs.map(async (doc) => {
      const plugin = await loader.load(context, {
        url: doc.url,
        identifier: doc.identifier,
        version: doc.version,
        state: doc.state ?? undefined,
        integrity: doc.integrity,
      });
      const latency = plugin.kind === 'loaded' ? await plugin.latencySamples().catch(() => 0) : 0;
      return { doc, plugin, latency };
    }),
  );
}

interface LaneGraph {
  readonly id: string;
  /** Sources and routes arrive here. */
  readonly input: GainNode;
  chain: InsertChain;
  /** Between the chain and the routes: closes briefly while the chain is rebuilt. */
  readonly gate: GainNode;
  routes: Strip[];
  /** Delay lines feeding sidechains in this lane's chain. */
  sidechains: Strip[];
}

export class Session {
  private plan: RenderPlan;
  private readonly lanes = new Map<string, LaneGraph>();
  private sources: AudioBufferSourceNode[] = [];
  private mixStrip!: Strip;
  private readonly output: AudioNode;
  /**
   * Silence, stereo, forever, into every lane: a Web Audio node whose inputs have all finished gets
   * no channels at all, and a plugin then drops to mono output mid-tail. With this, every path stays
   * stereo and active, as the Node render assumes.
   */
  private readonly keepAlive: AudioBufferSourceNode;
  private destroyed = false;
  private readonly watched = new WeakSet<ChainSlot>();
  private latencyCheck: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    readonly context: BaseAudioContext,
    private doc: SessionDoc,
    private readonly options: SessionOptions,
  ) {
    this.output = options.destination ?? context.destination;
    this.plan = planSession(doc, () => 0);
    const silence = new AudioBuffer({ length: 128, numberOfChannels: 2, sampleRate: context.sampleRate });
    this.keepAlive = new AudioBufferSourceNode(context, { buffer: silence, loop: true });
    this.keepAlive.start();
  }

  /** Loads every plugin of `doc` into `context` and connects the whole session. */
  static async create(context: BaseAudioContext, doc: SessionDoc, options: SessionOptions): Promise<Session> {
    const session = new Session(context, structuredClone(doc), options);
    await session.build();
    return session;
  }

  /** Samples the output lags the sources by (every plugin's latency on the longest path). */
  get latency(): number {
    return this.plan.latency;
  }

  get warnings(): readonly string[] {
    return this.plan.warnings;
  }

  /** Each insert slot's loaded plugin or placeholder, by owner (track/bus id, MIX_ID, MASTER_ID). */
  slots(owner: string): ChainSlot[] {
    const chain = this.chainOf(owner);
    return Array.from({ length: chain.length }, (_, i) => chain.slot(i));
  }

  /** Starts every track's source at `when` (context time), `offset` seconds into the material. */
  play(when = this.context.currentTime, offset = 0): void {
    this.stop(when);
    for (const track of this.doc.tracks) {
      const buffer = track.source ? this.options.assets.get(track.source.asset) : undefined;
      const lane = this.lanes.get(track.id);
      if (!buffer || !lane || offset >= buffer.duration) continue;
      const source = new AudioBufferSourceNode(this.context, { buffer });
      source.connect(lane.input);
      source.start(when, offset);
      this.sources.push(source);
    }
  }

  /** Stops every source at `when` (context time; default now), e.g. exactly where a loop restarts. */
  stop(when = 0): void {
    for (const source of this.sources) {
      source.onended = () => source.disconnect();
      source.stop(when);
    }
    this.sources = [];
  }

  /** The session as a document, with every loaded plugin's current state (placeholders keep theirs). */
  async toDoc(): Promise<SessionDoc> {
    const doc = structuredClone(this.doc);
    const save = async (owner: string, inserts: PluginSlotDoc[]) => {
      const slots = this.slots(owner);
      await Promise.all(
        slots.map(async ({ doc: slotDoc, plugin }, index) => {
          const state = plugin.kind === 'loaded' ? await plugin.getState() : slotDoc.state;
          inserts[index] = { ...slotDoc, state: structuredClone(state) as PluginSlotDoc['state'] };
        }),
      );
    };
    await Promise.all([
      ...doc.tracks.map((track) => save(track.id, track.inserts)),
      ...doc.buses.map((bus) => save(bus.id, bus.inserts)),
      save(MIX_ID, doc.mix.inserts),
      save(MASTER_ID, doc.master.inserts),
    ]);
    return doc;
  }

  /**
   * Asks every plugin for its latency again; where one changed (a new lookahead, say), that chain is
   * rewired behind a short fade and every compensation delay follows. Runs by itself shortly after
   * any plugin reports a parameter change; call it directly when you need it settled now.
   * Resolves true when something changed.
   */
  async refreshLatencies(): Promise<boolean> {
    let changed = false;
    for (const owner of [...this.lanes.keys()]) {
      const slots = this.slots(owner);
      const latencies = await Promise.all(
        slots.map((slot) =>
          slot.plugin.kind === 'loaded' ? slot.plugin.latencySamples().catch(() => slot.latency) : 0,
        ),
      );
      if (latencies.every((latency, i) => latency === slots[i].latency)) continue;
      slots.forEach((slot, i) => {
        slot.latency = latencies[i];
      });
      await this.rewire(owner, slots);
      changed = true;
    }
    return changed;
  }

  /** Changes a track's or bus's fader, pan, mute, solo or polarity (ramped, no reload). */
  setLane(id: string, changes: LaneChanges): void {
    const lane = this.doc.tracks.find((t) => t.id === id) ?? this.doc.buses.find((b) => b.id === id);
    if (!lane) throw new RangeError(`setLane: no track or bus "${id}"`);
    Object.assign(lane, changes);
    this.replan();
  }

  setMixGain(gainDb: number): void {
    this.doc.mix.gainDb = gainDb;
    this.replan();
  }

  /** Bypasses one plugin (crossfaded; the timing does not move). */
  setBypass(owner: string, index: number, bypass: boolean): void {
    this.insertsOf(owner)[index].bypass = bypass;
    this.chainOf(owner).setSlotBypass(index, bypass);
  }

  /** Bypasses a whole chain, its dry signal raised by `matchedGainDb` (see LoudnessMatch). */
  setChainBypass(owner: string, bypass: boolean, matchedGainDb = 0): void {
    this.chainOf(owner).setBypass(bypass, matchedGainDb);
  }

  /** Loads a plugin into this session's context through its loader (e.g. a meter for LoudnessMatch). */
  loadPlugin(request: PluginRequest): Promise<LoadedPlugin | PluginPlaceholder> {
    return this.options.loader.load(this.context, request);
  }

  /** The chain's input and output nodes, for measuring it (e.g. with LoudnessMatch). */
  chainEnds(owner: string): { input: AudioNode; output: AudioNode } {
    const chain = this.chainOf(owner);
    return { input: chain.input, output: chain.output };
  }

  /**
   * Where a lane is heard, for meters: a track's or bus's main route (after its fader, pan, mute and
   * solo), the mix after its fader, the master after its chain. Stays valid while chains are rewired.
   */
  meterPoint(owner: string): AudioNode {
    if (owner === MIX_ID) return this.mixStrip.node;
    const lane = this.lanes.get(owner);
    if (!lane) throw new RangeError(`meterPoint: no track, bus or chain "${owner}"`);
    // The plan lists a lane's main route first, then its sends.
    return owner === MASTER_ID ? lane.gate : lane.routes[0].node;
  }

  /**
   * Inserts a plugin at `index` of a chain. Like removing and moving, this rewires the chain behind
   * a short fade of that one lane (the other plugins keep running, state and all).
   */
  async insertPlugin(owner: string, index: number, doc: PluginSlotDoc): Promise<ChainSlot> {
    const [loaded] = await loadSlots(this.context, this.options.loader, [doc]);
    const slots = this.slots(owner);
    slots.splice(index, 0, loaded);
    await this.rewire(owner, slots);
    return loaded;
  }

  async removePlugin(owner: string, index: number): Promise<void> {
    const slots = this.slots(owner);
    if (!(index >= 0 && index < slots.length))
      throw new RangeError(`removePlugin: ${owner} has no slot ${index}`);
    slots.splice(index, 1);
    await this.rewire(owner, slots);
  }

  async movePlugin(owner: string, from: number, to: number): Promise<void> {
    const slots = this.slots(owner);
    if (!(from >= 0 && from < slots.length && to >= 0 && to < slots.length)) {
      throw new RangeError(`movePlugin: ${owner} has ${slots.length} slots, cannot move ${from} to ${to}`);
    }
    const [moved] = slots.splice(from, 1);
    slots.splice(to, 0, moved);
    await this.rewire(owner, slots);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.latencyCheck);
    this.stop();
    this.keepAlive.stop();
    this.keepAlive.disconnect();
    for (const lane of this.lanes.values()) {
      lane.chain.destroy();
      for (const strip of [...lane.routes, ...lane.sidechains]) strip.destroy();
      lane.input.disconnect();
      lane.gate.disconnect();
    }
    this.mixStrip?.destroy();
  }

  // ---- building -------------------------------------------------------------------------------

  /** Latency may follow a parameter: check again once a burst of parameter changes has settled. */
  private watchLatency(slots: readonly ChainSlot[]): void {
    // Offline, time is the render's own: the caller refreshes at the moment it chooses.
    if (typeof OfflineAudioContext !== 'undefined' && this.context instanceof OfflineAudioContext) return;
    for (const slot of slots) {
      if (slot.plugin.kind !== 'loaded' || this.watched.has(slot)) continue;
      this.watched.add(slot);
      slot.plugin.node.addEventListener('wam-automation', () => {
        clearTimeout(this.latencyCheck);
        this.latencyCheck = setTimeout(() => {
          if (!this.destroyed) void this.refreshLatencies();
        }, LATENCY_CHECK_MS);
      });
    }
  }

  private async build(): Promise<void> {
    const { context, options, doc } = this;
    const loaded = new Map(
      await Promise.all(
        chainOwners(doc).map(
          async (owner) => [owner, await loadSlots(context, options.loader, insertsOf(doc, owner))] as const,
        ),
      ),
    );
    this.plan = planSession(doc, latencyFrom(loaded));
    const chains = new Map(
      await Promise.all(
        [...loaded].map(
          async ([owner, slots]) =>
            [owner, await InsertChain.create(context, slots, options.loader, options.stripUrl)] as const,
        ),
      ),
    );
    for (const slots of loaded.values()) this.watchLatency(slots);
    for (const [owner, chain] of chains) {
      const gate = new GainNode(context);
      const input = new GainNode(context);
      this.keepAlive.connect(input);
      input.connect(chain.input);
      chain.output.connect(gate);
      this.lanes.set(owner, { id: owner, input, chain, gate, routes: [], sidechains: [] });
    }
    // Lanes and the mix: routes into their destinations; the mix strip feeds the master chain.
    for (const lane of this.plan.lanes) {
      const graph = this.lanes.get(lane.id)!;
      graph.routes = await Promise.all(
        lane.routes.map((route) => Strip.load(context, options.loader, options.stripUrl, route.strip)),
      );
      graph.routes.forEach((strip, r) => {
        graph.gate.connect(strip.node).connect(this.lanes.get(lane.routes[r].to)!.input);
      });
    }
    const mix = this.lanes.get(MIX_ID)!;
    const master = this.lanes.get(MASTER_ID)!;
    this.mixStrip = await Strip.load(context, options.loader, options.stripUrl, this.plan.mix.strip);
    mix.gate.connect(this.mixStrip.node).connect(master.input);
    master.gate.connect(this.output);
    await this.connectSidechains();
  }

  /** Each sidechain: the feeding lane's chain output, through a delay line, into input 1. */
  private async connectSidechains(): Promise<void> {
    const planned: [string, PlannedSlot[]][] = [
      ...this.plan.lanes.map((lane) => [lane.id, lane.inserts] as [string, PlannedSlot[]]),
      [MIX_ID, this.plan.mix.inserts],
      [MASTER_ID, this.plan.master.inserts],
    ];
    for (const [owner, slots] of planned) {
      const lane = this.lanes.get(owner)!;
      for (const strip of lane.sidechains) strip.destroy();
      lane.sidechains = [];
      for (const [index, slot] of slots.entries()) {
        const target = lane.chain.sidechainInput(index);
        const source = slot.sidechain ? this.lanes.get(slot.sidechain.from) : undefined;
        if (!slot.sidechain || !target || !source || target.numberOfInputs < 2) continue;
        const delay = await Strip.load(this.context, this.options.loader, this.options.stripUrl, {
          ...UNITY,
          delay: slot.sidechain.delay,
        });
        source.chain.output.connect(delay.node).connect(target, 0, 1);
        lane.sidechains.push(delay);
      }
    }
  }

  /** Applies the current document to the strips (solo and compensation are global: all of them). */
  private replan(): void {
    const latencies = new Map([...this.lanes.keys()].map((owner) => [owner, this.slots(owner)]));
    this.plan = planSession(this.doc, latencyFrom(latencies));
    for (const lane of this.plan.lanes) {
      const graph = this.lanes.get(lane.id)!;
      lane.routes.forEach((route, r) => {
        graph.routes[r].set(route.strip);
      });
    }
    this.mixStrip.set(this.plan.mix.strip);
  }

  /** Rebuilds a lane's chain from `slots` (loaded plugins, reused or new) behind a fade of the lane. */
  private async rewire(owner: string, slots: ChainSlot[]): Promise<void> {
    const lane = this.lanes.get(owner);
    if (!lane) throw new RangeError(`no track, bus or chain "${owner}"`);
    // Close the gate, rewire while silent, open it again: a dip, never a click.
    const now = this.context.currentTime;
    const gain = lane.gate.gain;
    gain.cancelScheduledValues(now);
    gain.setValueAtTime(gain.value, now);
    gain.linearRampToValueAtTime(0, now + CROSSFADE_SECONDS);
    await waitFor(this.context, now + CROSSFADE_SECONDS);
    const old = lane.chain;
    lane.input.disconnect();
    old.output.disconnect();
    old.destroy(new Set(slots));
    const chain = await InsertChain.create(this.context, slots, this.options.loader, this.options.stripUrl);
    lane.input.connect(chain.input);
    chain.output.connect(lane.gate);
    lane.chain = chain;
    this.watchLatency(slots);
    this.insertsOf(owner).splice(0, Infinity, ...slots.map((slot) => slot.doc));
    this.replan();
    await this.connectSidechains();
    const later = this.context.currentTime;
    gain.cancelScheduledValues(later);
    gain.setValueAtTime(0, later);
    gain.linearRampToValueAtTime(1, later + CROSSFADE_SECONDS);
  }

  private insertsOf(owner: string): PluginSlotDoc[] {
    return insertsOf(this.doc, owner);
  }

  private chainOf(owner: string): InsertChain {
    const lane = this.lanes.get(owner);
    if (!lane) throw new RangeError(`no track, bus or chain "${owner}"`);
    return lane.chain;
  }
}

const latencyFrom =
  (slots: ReadonlyMap<string, readonly ChainSlot[]>) =>
  ({ owner, index }: SlotAddress) =>
    slots.get(owner)?.[index]?.latency ?? 0;

/**
 * Resolves once the context's clock has passed `time`. A realtime context is polled; an offline one
 * that is rendering (suspended by its caller, who resumes it after the edit) is run up to `time`
 * here; one that has not started yet has no audio to protect.
 */
async function waitFor(context: BaseAudioContext, time: number): Promise<void> {
  if (typeof OfflineAudioContext !== 'undefined' && context instanceof OfflineAudioContext) {
    if (context.currentTime === 0 || context.state !== 'suspended') return;
    const quantum = 128 / context.sampleRate;
    const reached = context.suspend(Math.ceil(time / quantum) * quantum);
    await context.resume();
    await reached;
    return;
  }
  while (context.currentTime < time && context.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
