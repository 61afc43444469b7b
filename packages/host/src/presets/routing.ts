// Checks a session's references: unique ids, outputs, sends and sidechains that point at something
// that exists, and no routing loop (audio that would feed back into itself).
import { formatPath, type PathSegment, type PresetIssue } from './errors.ts';
import { MIX_ID, type PluginSlotDoc, type PresetEnvelope, type SendDoc, type SessionDoc } from './schema.ts';

/** Every plugin slot of a preset with its field path, in document order. */
export function slotsWithPaths(preset: PresetEnvelope): { slot: PluginSlotDoc; path: PathSegment[] }[] {
  const found: { slot: PluginSlotDoc; path: PathSegment[] }[] = [];
  const add = (slots: readonly PluginSlotDoc[], path: PathSegment[]) => {
    slots.forEach((slot, index) => {
      found.push({ slot, path: [...path, index] });
    });
  };
  if (preset.plugin) found.push({ slot: preset.plugin, path: ['plugin'] });
  if (preset.chain) add(preset.chain, ['chain']);
  const session = preset.session;
  if (session) {
    session.tracks.forEach((track, index) => {
      add(track.inserts, ['session', 'tracks', index, 'inserts']);
    });
    session.buses.forEach((bus, index) => {
      add(bus.inserts, ['session', 'buses', index, 'inserts']);
    });
    add(session.mix.inserts, ['session', 'mix', 'inserts']);
    add(session.master.inserts, ['session', 'master', 'inserts']);
  }
  return found;
}

// A signal path between two channels (tracks or buses), with the field that creates it.
interface Edge {
  to: string;
  path: string;
}

/** The problems with a session's references and routing; empty when there are none. */
export function checkSessionRouting(session: SessionDoc): PresetIssue[] {
  const issues: PresetIssue[] = [];
  const issue = (path: PathSegment[], message: string) => {
    issues.push({ path: formatPath(path), message });
  };

  const trackIds = new Set<string>();
  const busIds = new Set<string>();
  const firstUse = new Map<string, string>();
  const claim = (id: string, path: PathSegment[], ids: Set<string>) => {
    if (id === MIX_ID) issue(path, `"${MIX_ID}" is reserved for the main mix; choose another id`);
    else if (firstUse.has(id)) issue(path, `duplicate id "${id}" (already used by ${firstUse.get(id)})`);
    else {
      firstUse.set(id, formatPath(path.slice(0, -1)));
      ids.add(id);
    }
  };
  session.tracks.forEach((track, index) => {
    claim(track.id, ['session', 'tracks', index, 'id'], trackIds);
  });
  session.buses.forEach((bus, index) => {
    claim(bus.id, ['session', 'buses', index, 'id'], busIds);
  });

  const edges = new Map<string, Edge[]>([...firstUse.keys()].map((id) => [id, []]));
  const connect = (from: string, to: string, path: PathSegment[]) => {
    edges.get(from)?.push({ to, path: formatPath(path) });
  };

  const checkOutput = (from: string, output: string, path: PathSegment[]) => {
    if (output === MIX_ID) return;
    if (busIds.has(output)) connect(from, output, path);
    else if (trackIds.has(output)) issue(path, `"${output}" is a track; outputs go to "${MIX_ID}" or a bus`);
    else issue(path, `no bus has the id "${output}" (expected "${MIX_ID}" or a bus id)`);
  };
  const checkSends = (from: string, sends: readonly SendDoc[], path: PathSegment[]) => {
    sends.forEach((send, index) => {
      const sendPath = [...path, index, 'bus'];
      if (busIds.has(send.bus)) connect(from, send.bus, sendPath);
      else issue(sendPath, `no bus has the id "${send.bus}"`);
    });
  };
  // A sidechain carries its source's signal into the plugin's channel: an edge source → owner.
  const checkSidechains = (owner: string | null, inserts: readonly PluginSlotDoc[], path: PathSegment[]) => {
    inserts.forEach((slot, index) => {
      const source = slot.sidechain;
      if (source === undefined || source === null) return;
      const sidechainPath = [...path, index, 'sidechain'];
      if (!firstUse.has(source)) issue(sidechainPath, `no track or bus has the id "${source}"`);
      else if (owner !== null) connect(source, owner, sidechainPath);
    });
  };

  session.tracks.forEach((track, index) => {
    const path = ['session', 'tracks', index];
    checkOutput(track.id, track.output, [...path, 'output']);
    checkSends(track.id, track.sends, [...path, 'sends']);
    checkSidechains(track.id, track.inserts, [...path, 'inserts']);
  });
  session.buses.forEach((bus, index) => {
    const path = ['session', 'buses', index];
    checkOutput(bus.id, bus.output, [...path, 'output']);
    checkSends(bus.id, bus.sends, [...path, 'sends']);
    checkSidechains(bus.id, bus.inserts, [...path, 'inserts']);
  });
  // The mix and master are where every path ends, so sidechains into them cannot close a loop.
  checkSidechains(null, session.mix.inserts, ['session', 'mix', 'inserts']);
  checkSidechains(null, session.master.inserts, ['session', 'master', 'inserts']);

  const loop = findLoop(edges);
  if (loop) issues.push(loop);
  return issues;
}

// Depth-first search; the first edge back into the current path closes a loop, reported at that
// edge's field with the channels it runs through.
function findLoop(edges: ReadonlyMap<string, readonly Edge[]>): PresetIssue | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (id: string): PresetIssue | null => {
    onPath.push(id);
    for (const edge of edges.get(id) ?? []) {
      const start = onPath.indexOf(edge.to);
      if (start >= 0) {
        const channels = [...onPath.slice(start), edge.to].map((channel) => `"${channel}"`).join(' → ');
        return { path: edge.path, message: `routing loop ${channels}: audio would feed back into itself` };
      }
      if (!done.has(edge.to)) {
        const found = visit(edge.to);
        if (found) return found;
      }
    }
    onPath.pop();
    done.add(id);
    return null;
  };
  for (const id of edges.keys()) {
    if (done.has(id)) continue;
    const found = visit(id);
    if (found) return found;
  }
  return null;
}
