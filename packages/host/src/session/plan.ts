// What a session does to its audio, decided once and used by both renderers (Web Audio and Node):
// the order lanes are processed in, each channel strip's settings (solo resolved into mutes), and
// the delays that keep every path aligned despite plugin latency.
//
//   track ─ inserts ─┬─ strip (fader, pan, delay) ───────────> its output (a bus or the mix)
//                    ├─ send strip (level, delay) ──────────> a bus
//                    └─ (sidechain tap: a plugin's second input anywhere, delayed to align)
//   bus   ─ inserts ─┬─ strip ───> its output …    mix ─ inserts ─ strip ─> master inserts ─> out
//
// Latency: a lane's output lags its input by the sum of its inserts' latencies (a bypassed plugin
// keeps its latency: its dry path is delayed to match, so bypass never shifts the timing). Every
// route into a bus or the mix is delayed up to the latest arrival there.
import { MIX_ID, type PluginSlotDoc, type SessionDoc, type SourceRef } from '../presets/index.ts';

/** The strip settings every route carries (Lathe Strip's parameters). */
export interface StripSettings {
  gainDb: number;
  pan: number;
  mute: boolean;
  invert: boolean;
  /** Compensation delay, samples. */
  delay: number;
}

export interface PlannedSlot {
  slot: PluginSlotDoc;
  /** The plugin's latency, samples (0 for a placeholder). */
  latency: number;
  /** When the slot has a sidechain: the lane feeding it and the delay that aligns it. */
  sidechain: { from: string; delay: number } | null;
}

export interface PlannedRoute {
  /** A bus id or MIX_ID. */
  to: string;
  kind: 'main' | 'send';
  strip: StripSettings;
}

export interface PlannedLane {
  kind: 'track' | 'bus';
  id: string;
  name: string;
  source: SourceRef | null;
  inserts: PlannedSlot[];
  /** Latency at the lane's input (buses: the latest route into it) and after its inserts. */
  inputLatency: number;
  outputLatency: number;
  /** The main output first, then the sends. */
  routes: PlannedRoute[];
}

export interface RenderPlan {
  /** Tracks and buses, each after everything that feeds it (routes and sidechains). */
  lanes: PlannedLane[];
  mix: { inserts: PlannedSlot[]; strip: StripSettings; inputLatency: number; outputLatency: number };
  master: { inserts: PlannedSlot[]; inputLatency: number; outputLatency: number };
  /** Samples the output lags the sources by: what an offline render trims from its start. */
  latency: number;
  warnings: string[];
}

/** Where a slot sits, for the latency lookup. */
export interface SlotAddress {
  /** A track or bus id, MIX_ID, or MASTER_ID. */
  owner: string;
  index: number;
}

export const MASTER_ID = 'master';

/** The insert list of a chain owner: a track or bus id, MIX_ID or MASTER_ID. */
export function insertsOf(session: SessionDoc, owner: string): PluginSlotDoc[] {
  if (owner === MIX_ID) return session.mix.inserts;
  if (owner === MASTER_ID) return session.master.inserts;
  const lane = session.tracks.find((t) => t.id === owner) ?? session.buses.find((b) => b.id === owner);
  if (!lane) throw new RangeError(`no track, bus or chain "${owner}"`);
  return lane.inserts;
}

/** Every chain owner of a session: tracks, buses, the mix and the master. */
export function chainOwners(session: SessionDoc): string[] {
  return [...session.tracks.map((t) => t.id), ...session.buses.map((b) => b.id), MIX_ID, MASTER_ID];
}

/** A route's strip before its compensation delay is known. */
type Pending = Omit<PlannedRoute, 'strip'> & { strip: Omit<StripSettings, 'delay'> };

/**
 * Plans a session (assumed valid: parsePreset checked ids, references and loops). `latencyOf`
 * answers each slot's latency in samples, as the loaded plugin reports it.
 */
export function planSession(session: SessionDoc, latencyOf: (address: SlotAddress) => number): RenderPlan {
  const warnings: string[] = [];
  const audible = resolveSolo(session);
  const order = processingOrder(session);
  const lanes = new Map<string, PlannedLane>();
  const pendingRoutes = new Map<string, Pending[]>();
  // The latest arrival at each bus and at the mix.
  const arrivals = new Map<string, number>();
  const plannedSlots = (owner: string, inserts: readonly PluginSlotDoc[]): PlannedSlot[] =>
    inserts.map((slot, index) => ({
      slot,
      latency: Math.max(0, Math.round(latencyOf({ owner, index }) || 0)),
      sidechain: slot.sidechain ? { from: slot.sidechain, delay: 0 } : null,
    }));
  const chainLatency = (slots: readonly PlannedSlot[]) => slots.reduce((sum, s) => sum + s.latency, 0);
  const arrive = (to: string, latency: number) => {
    arrivals.set(to, Math.max(arrivals.get(to) ?? 0, latency));
  };
  const inputLatencyOf = (id: string) => arrivals.get(id) ?? 0;

  for (const id of order) {
    const track = session.tracks.find((t) => t.id === id);
    const bus = track ? undefined : session.buses.find((b) => b.id === id);
    const lane = track ?? bus;
    if (!lane) continue;
    const inserts = plannedSlots(id, lane.inserts);
    const inputLatency = track ? 0 : inputLatencyOf(id);
    const outputLatency = inputLatency + chainLatency(inserts);
    const mute = lane.mute || !audible.has(id);
    const routes: Pending[] = [
      {
        to: lane.output,
        kind: 'main',
        strip: { gainDb: lane.gainDb, pan: lane.pan, mute, invert: track?.invert ?? false },
      },
      ...lane.sends.map(
        (send): Pending => ({
          to: send.bus,
          kind: 'send',
          // A post-fader send follows the fader and pan; pre-fader only its own level. Mute silences both.
          strip: send.preFader
            ? { gainDb: send.gainDb, pan: 0, mute, invert: false }
            : { gainDb: send.gainDb + lane.gainDb, pan: lane.pan, mute, invert: track?.invert ?? false },
        }),
      ),
    ];
    for (const route of routes) arrive(route.to, outputLatency);
    pendingRoutes.set(id, routes);
    lanes.set(id, {
      kind: track ? 'track' : 'bus',
      id,
      name: lane.name,
      source: track?.source ?? null,
      inserts,
      inputLatency,
      outputLatency,
      routes: [],
    });
  }

  // Every route is delayed up to the latest arrival at its destination.
  for (const [id, routes] of pendingRoutes) {
    const lane = lanes.get(id)!;
    lane.routes = routes.map((route) => ({
      ...route,
      strip: {
        ...route.strip,
        gainDb: clampGain(route.strip.gainDb),
        delay: inputLatencyOf(route.to) - lane.outputLatency,
      },
    }));
  }

  const mixInserts = plannedSlots(MIX_ID, session.mix.inserts);
  const mixInput = inputLatencyOf(MIX_ID);
  const mixOutput = mixInput + chainLatency(mixInserts);
  const masterInserts = plannedSlots(MASTER_ID, session.master.inserts);
  const masterOutput = mixOutput + chainLatency(masterInserts);

  // Sidechains: the feeding lane's insert output, delayed to the plugin's own input latency.
  const alignSidechains = (owner: string, slots: PlannedSlot[], inputLatency: number) => {
    let at = inputLatency;
    for (const planned of slots) {
      if (planned.sidechain) {
        const source = lanes.get(planned.sidechain.from);
        const lag = at - (source?.outputLatency ?? 0);
        if (lag < 0) {
          warnings.push(
            `${owner}: the sidechain from "${planned.sidechain.from}" arrives ${-lag} samples late (its plugins add more latency than this point has); it is not aligned`,
          );
        }
        planned.sidechain.delay = Math.max(0, lag);
      }
      at += planned.latency;
    }
  };
  for (const lane of lanes.values()) alignSidechains(lane.id, lane.inserts, lane.inputLatency);
  alignSidechains(MIX_ID, mixInserts, mixInput);
  alignSidechains(MASTER_ID, masterInserts, mixOutput);

  return {
    lanes: order.map((id) => lanes.get(id)).filter((lane): lane is PlannedLane => lane !== undefined),
    mix: {
      inserts: mixInserts,
      strip: { gainDb: clampGain(session.mix.gainDb), pan: 0, mute: false, invert: false, delay: 0 },
      inputLatency: mixInput,
      outputLatency: mixOutput,
    },
    master: { inserts: masterInserts, inputLatency: mixOutput, outputLatency: masterOutput },
    latency: masterOutput,
    warnings,
  };
}

/** The lowest gain is silence, as the strip treats it. */
const clampGain = (db: number) => Math.min(12, Math.max(-120, db));

/**
 * Lanes that may sound once solo is applied (solo in place). With nothing soloed, all. Otherwise a
 * track sounds when it is soloed or its main output reaches a soloed bus; a bus sounds when it is
 * soloed or a sounding track reaches it (by its output or a send), so effects returns stay audible.
 */
function resolveSolo(session: SessionDoc): Set<string> {
  const all = [...session.tracks, ...session.buses];
  if (!all.some((lane) => lane.solo)) return new Set(all.map((lane) => lane.id));
  const busById = new Map(session.buses.map((bus) => [bus.id, bus]));
  const audible = new Set<string>();
  const mainPath = (output: string) => {
    const path: string[] = [];
    for (let at = busById.get(output); at && !path.includes(at.id); at = busById.get(at.output))
      path.push(at.id);
    return path;
  };
  for (const track of session.tracks) {
    if (track.solo || mainPath(track.output).some((id) => busById.get(id)?.solo)) audible.add(track.id);
  }
  for (const bus of session.buses) if (bus.solo) audible.add(bus.id);
  // Buses downstream of anything audible (outputs and sends), to a fixed point.
  for (let changed = true; changed; ) {
    changed = false;
    for (const lane of all) {
      if (!audible.has(lane.id)) continue;
      for (const to of [lane.output, ...lane.sends.map((send) => send.bus)]) {
        if (busById.has(to) && !audible.has(to)) {
          audible.add(to);
          changed = true;
        }
      }
    }
  }
  return audible;
}

/** Tracks and buses ordered so that every lane comes after the lanes feeding it (Kahn's algorithm). */
function processingOrder(session: SessionDoc): string[] {
  const ids = [...session.tracks.map((t) => t.id), ...session.buses.map((b) => b.id)];
  const known = new Set(ids);
  const feeds = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  const link = (from: string | null | undefined, to: string) => {
    if (from && known.has(from) && known.has(to) && from !== to) feeds.get(from)!.add(to);
  };
  for (const lane of [...session.tracks, ...session.buses]) {
    link(lane.id, lane.output);
    for (const send of lane.sends) link(lane.id, send.bus);
    for (const slot of lane.inserts) link(slot.sidechain, lane.id);
  }
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const targets of feeds.values()) for (const to of targets) incoming.set(to, incoming.get(to)! + 1);
  const ready = ids.filter((id) => incoming.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const to of feeds.get(id)!) {
      incoming.set(to, incoming.get(to)! - 1);
      if (incoming.get(to) === 0) ready.push(to);
    }
  }
  if (order.length !== ids.length)
    throw new Error('planSession: the routing has a loop (validate the session with parsePreset first)');
  return order;
}
