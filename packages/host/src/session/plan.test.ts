import { describe, expect, it } from 'vitest';
import { parsePreset, type SessionDoc } from '../presets/index.ts';
import { MASTER_ID, planSession, type SlotAddress } from './plan.ts';

const slot = (identifier: string, extra: Record<string, unknown> = {}) => ({
  identifier,
  version: '1.0.0',
  url: `https://plugins.example/${identifier}/index.js`,
  ...extra,
});

/** A session through the real validator, so the plan sees what the host would. */
function session(doc: Record<string, unknown>): SessionDoc {
  const { preset } = parsePreset({
    format: 'lathe-preset',
    version: 1,
    kind: 'session',
    name: 'test',
    session: doc,
  });
  return preset.session!;
}

/** Latency by plugin identifier ("lat-<n>" adds n samples). */
const latencyByName = (s: SessionDoc) => (address: SlotAddress) => {
  const inserts =
    address.owner === 'mix'
      ? s.mix.inserts
      : address.owner === MASTER_ID
        ? s.master.inserts
        : [...s.tracks, ...s.buses].find((lane) => lane.id === address.owner)!.inserts;
  const match = /^lat-(\d+)$/.exec(inserts[address.index].identifier);
  return match ? Number(match[1]) : 0;
};

describe('planSession', () => {
  it('delays every path to the mix to the latest arrival (a limiter track and a dry track stay aligned)', () => {
    const s = session({
      tracks: [
        { id: 'dry', name: 'Dry' },
        { id: 'limited', name: 'Limited', inserts: [slot('lat-107')] },
        { id: 'bused', name: 'Bused', output: 'group' },
      ],
      buses: [{ id: 'group', name: 'Group', inserts: [slot('lat-30')] }],
      master: { inserts: [slot('lat-5'), slot('lat-7')] },
    });
    const plan = planSession(s, latencyByName(s));
    const lane = (id: string) => plan.lanes.find((l) => l.id === id)!;
    // Arrival at the mix: dry 0, limited 107, group 30 → everything lands at 107.
    expect(lane('dry').routes[0].strip.delay).toBe(107);
    expect(lane('limited').routes[0].strip.delay).toBe(0);
    expect(lane('bused').routes[0].strip.delay).toBe(0);
    expect(lane('group').inputLatency).toBe(0);
    expect(lane('group').routes[0].strip.delay).toBe(77);
    expect(plan.mix.inputLatency).toBe(107);
    expect(plan.latency).toBe(119);
    // Each path's total: own latency + compensation = the mix's input latency.
    for (const l of plan.lanes) {
      const main = l.routes[0];
      if (main.to === 'mix') expect(l.outputLatency + main.strip.delay).toBe(107);
    }
  });

  it('orders lanes after everything that feeds them: outputs, sends and sidechains', () => {
    const s = session({
      tracks: [
        { id: 'vocal', name: 'Vocal', output: 'vox', sends: [{ bus: 'verb', gainDb: -12 }] },
        { id: 'kick', name: 'Kick' },
        { id: 'bass', name: 'Bass', inserts: [slot('lat-0', { sidechain: 'kick' })] },
      ],
      buses: [
        { id: 'verb', name: 'Reverb', output: 'vox' },
        { id: 'vox', name: 'Vocals' },
      ],
    });
    const order = planSession(s, latencyByName(s)).lanes.map((lane) => lane.id);
    const expectBefore = (a: string, b: string) => expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    expectBefore('vocal', 'verb');
    expectBefore('verb', 'vox');
    expectBefore('vocal', 'vox');
    expectBefore('kick', 'bass');
  });

  it('sends: post-fader follows fader and pan, pre-fader only its level; both are compensated', () => {
    const s = session({
      tracks: [
        {
          id: 'a',
          name: 'A',
          gainDb: -6,
          pan: 0.5,
          inserts: [slot('lat-10')],
          sends: [
            { bus: 'fx', gainDb: -10 },
            { bus: 'fx', gainDb: -3, preFader: true },
          ],
        },
        { id: 'b', name: 'B', output: 'fx', inserts: [slot('lat-25')] },
      ],
      buses: [{ id: 'fx', name: 'FX' }],
    });
    const a = planSession(s, latencyByName(s)).lanes.find((l) => l.id === 'a')!;
    expect(a.routes.map((r) => [r.kind, r.to])).toEqual([
      ['main', 'mix'],
      ['send', 'fx'],
      ['send', 'fx'],
    ]);
    expect(a.routes[1].strip).toMatchObject({ gainDb: -16, pan: 0.5, delay: 15 });
    expect(a.routes[2].strip).toMatchObject({ gainDb: -3, pan: 0, delay: 15 });
  });

  it('solo in place: unsoloed tracks are muted, buses fed by soloed tracks stay open', () => {
    const s = session({
      tracks: [
        { id: 'lead', name: 'Lead', solo: true, sends: [{ bus: 'verb', gainDb: -12 }] },
        { id: 'pad', name: 'Pad' },
        { id: 'drums', name: 'Drums', output: 'kit' },
      ],
      buses: [
        { id: 'verb', name: 'Reverb' },
        { id: 'kit', name: 'Kit', solo: true },
      ],
    });
    const plan = planSession(s, () => 0);
    const muted = Object.fromEntries(plan.lanes.map((l) => [l.id, l.routes[0].strip.mute]));
    expect(muted).toEqual({ lead: false, pad: true, drums: false, verb: false, kit: false });
  });

  it('aligns a sidechain with the plugin input it feeds, and warns when it cannot', () => {
    const s = session({
      tracks: [
        { id: 'kick', name: 'Kick' },
        { id: 'slow', name: 'Slow key', inserts: [slot('lat-200')] },
        {
          id: 'bass',
          name: 'Bass',
          inserts: [
            slot('lat-50'),
            slot('lat-0', { sidechain: 'kick' }),
            slot('lat-0', { sidechain: 'slow' }),
          ],
        },
      ],
    });
    const plan = planSession(s, latencyByName(s));
    const bass = plan.lanes.find((l) => l.id === 'bass')!;
    expect(bass.inserts[1].sidechain).toEqual({ from: 'kick', delay: 50 });
    expect(bass.inserts[2].sidechain).toEqual({ from: 'slow', delay: 0 });
    expect(plan.warnings).toEqual([expect.stringContaining('arrives 150 samples late')]);
  });
});
