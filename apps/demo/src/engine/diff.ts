// What changed between two session documents, as the session operations that make the sound
// follow: ramped lane settings, bypasses and plugin states where possible, one insert, removal
// or move per chain where that is the change, and a rebuild only when the routing itself changed.
import {
  type BusDoc,
  type LaneChanges,
  MASTER_ID,
  MIX_ID,
  type PluginSlotDoc,
  type SessionDoc,
  type TrackDoc,
} from '@lathe/host';

export type SessionChange =
  | { kind: 'rebuild' }
  | { kind: 'lane'; id: string; changes: LaneChanges }
  | { kind: 'mixGain'; gainDb: number }
  | { kind: 'insert'; owner: string; index: number; slot: PluginSlotDoc }
  | { kind: 'remove'; owner: string; index: number }
  | { kind: 'move'; owner: string; from: number; to: number }
  | { kind: 'bypass'; owner: string; index: number; bypass: boolean }
  | { kind: 'state'; owner: string; index: number; state: PluginSlotDoc['state'] };

/** The settings of a track or bus that change without a rebuild (a bus has no polarity switch). */
function laneSettings(lane: TrackDoc | BusDoc): LaneChanges {
  const { gainDb, pan, mute, solo } = lane;
  const { invert } = lane;
  return typeof invert === 'boolean' ? { gainDb, pan, mute, solo, invert } : { gainDb, pan, mute, solo };
}

/** JSON with object keys sorted, so two equal states compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Everything that needs the graph rebuilt: which lanes exist, what they play, where they go, and
 * which sidechains feed them. Plain inserts are not routing: a chain rewires itself.
 */
function routing(doc: SessionDoc): string {
  const chainRouting = (inserts: readonly PluginSlotDoc[]) =>
    inserts.flatMap((slot, index) => (slot.sidechain ? [[index, slot.sidechain]] : []));
  return canonicalJson({
    tracks: doc.tracks.map((t) => [
      t.id,
      t.source?.asset ?? null,
      t.output,
      t.sends,
      chainRouting(t.inserts),
    ]),
    buses: doc.buses.map((b) => [b.id, b.output, b.sends, chainRouting(b.inserts)]),
    mix: chainRouting(doc.mix.inserts),
    master: chainRouting(doc.master.inserts),
    sampleRate: doc.sampleRate ?? null,
  });
}

const slotKey = (slot: PluginSlotDoc) => `${slot.identifier}\n${slot.url}`;

/** The single insert, removal or move that turns `before` into `after`, if there is one. */
function chainEdit(
  owner: string,
  before: readonly PluginSlotDoc[],
  after: readonly PluginSlotDoc[],
): { change: SessionChange; aligned: PluginSlotDoc[] } | null {
  const keys = before.map(slotKey);
  const nextKeys = after.map(slotKey);
  const same = (list: string[]) => list.length === nextKeys.length && list.every((k, i) => k === nextKeys[i]);
  if (after.length === before.length + 1) {
    for (let index = 0; index < after.length; index++) {
      if (same(keys.toSpliced(index, 0, nextKeys[index]))) {
        return {
          change: { kind: 'insert', owner, index, slot: after[index] },
          aligned: before.toSpliced(index, 0, after[index]),
        };
      }
    }
  } else if (after.length === before.length - 1) {
    for (let index = 0; index < before.length; index++) {
      if (same(keys.toSpliced(index, 1))) {
        return { change: { kind: 'remove', owner, index }, aligned: before.toSpliced(index, 1) };
      }
    }
  } else if (after.length === before.length) {
    for (let from = 0; from < before.length; from++) {
      for (let to = 0; to < before.length; to++) {
        if (from === to) continue;
        const moved = before.toSpliced(from, 1).toSpliced(to, 0, before[from]);
        if (same(moved.map(slotKey))) return { change: { kind: 'move', owner, from, to }, aligned: moved };
      }
    }
  }
  return null;
}

function chainChanges(
  owner: string,
  before: readonly PluginSlotDoc[],
  after: readonly PluginSlotDoc[],
): SessionChange[] {
  const changes: SessionChange[] = [];
  let aligned: readonly PluginSlotDoc[] = before;
  const sameSlots =
    before.length === after.length && before.every((slot, i) => slotKey(slot) === slotKey(after[i]));
  if (!sameSlots) {
    const edit = chainEdit(owner, before, after);
    if (edit) {
      changes.push(edit.change);
      aligned = edit.aligned;
    } else {
      // Anything else (a whole chain preset loaded, say): empty the chain and fill it again.
      for (let index = before.length - 1; index >= 0; index--) changes.push({ kind: 'remove', owner, index });
      for (const [index, slot] of after.entries()) changes.push({ kind: 'insert', owner, index, slot });
      return changes;
    }
  }
  after.forEach((slot, index) => {
    const old = aligned[index];
    if (old === slot) return;
    if (old.bypass !== slot.bypass) changes.push({ kind: 'bypass', owner, index, bypass: slot.bypass });
    if (canonicalJson(old.state) !== canonicalJson(slot.state)) {
      changes.push({ kind: 'state', owner, index, state: slot.state });
    }
  });
  return changes;
}

/** The operations that take a session playing `before` to `after`, in order. */
export function diffSessions(before: SessionDoc, after: SessionDoc): SessionChange[] {
  if (routing(before) !== routing(after)) return [{ kind: 'rebuild' }];
  const changes: SessionChange[] = [];
  const lanes = [...after.tracks, ...after.buses];
  const previous = new Map([...before.tracks, ...before.buses].map((lane) => [lane.id, lane]));
  for (const lane of lanes) {
    const old = previous.get(lane.id);
    if (!old) continue;
    const was = laneSettings(old);
    const changed = Object.fromEntries(
      Object.entries(laneSettings(lane)).filter(
        ([field, value]) => was[field as keyof LaneChanges] !== value,
      ),
    ) as LaneChanges;
    if (Object.keys(changed).length > 0) changes.push({ kind: 'lane', id: lane.id, changes: changed });
    changes.push(...chainChanges(lane.id, old.inserts, lane.inserts));
  }
  if (before.mix.gainDb !== after.mix.gainDb) changes.push({ kind: 'mixGain', gainDb: after.mix.gainDb });
  changes.push(...chainChanges(MIX_ID, before.mix.inserts, after.mix.inserts));
  changes.push(...chainChanges(MASTER_ID, before.master.inserts, after.master.inserts));
  return changes;
}
