import { lathePluginSlot, MASTER_ID, type SessionDoc } from '@lathe/host';
import { describe, expect, it } from 'vitest';
import { canonicalJson, diffSessions } from './diff.ts';

const BASE = 'https://example.com/plugins/';
// Functions, so no two slots of a document are one object (structuredClone would keep them one).
const eq = () => lathePluginSlot('audio.lathe.eq', {}, BASE);
const comp = () => lathePluginSlot('audio.lathe.comp', {}, BASE);
const limiter = () => lathePluginSlot('audio.lathe.limiter', {}, BASE);

function session(): SessionDoc {
  return {
    tracks: [
      {
        id: 'vox',
        name: 'Vox',
        source: { asset: 'a' },
        gainDb: 0,
        pan: 0,
        mute: false,
        solo: false,
        invert: false,
        output: 'mix',
        sends: [],
        inserts: [eq(), comp()],
      },
    ],
    buses: [],
    mix: { gainDb: 0, inserts: [] },
    master: { inserts: [eq(), comp(), limiter()] },
  };
}

const edited = (recipe: (doc: SessionDoc) => void) => {
  const doc = structuredClone(session());
  recipe(doc);
  return diffSessions(session(), doc);
};

describe('diffSessions', () => {
  it('finds nothing to do for equal documents', () => {
    expect(diffSessions(session(), structuredClone(session()))).toEqual([]);
  });

  it('turns lane settings into ramped lane changes, not rebuilds', () => {
    expect(
      edited((doc) => {
        doc.tracks[0].gainDb = -3;
        doc.tracks[0].invert = true;
        doc.mix.gainDb = 1;
      }),
    ).toEqual([
      { kind: 'lane', id: 'vox', changes: { gainDb: -3, invert: true } },
      { kind: 'mixGain', gainDb: 1 },
    ]);
  });

  it('finds the single insert, removal or move in a chain', () => {
    expect(edited((doc) => doc.master.inserts.splice(1, 0, limiter()))).toEqual([
      { kind: 'insert', owner: MASTER_ID, index: 1, slot: limiter() },
    ]);
    expect(edited((doc) => doc.master.inserts.splice(0, 1))).toEqual([
      { kind: 'remove', owner: MASTER_ID, index: 0 },
    ]);
    expect(edited((doc) => doc.master.inserts.push(...doc.master.inserts.splice(0, 1)))).toEqual([
      { kind: 'move', owner: MASTER_ID, from: 0, to: 2 },
    ]);
  });

  it('empties and refills a chain changed beyond one step', () => {
    const changes = edited((doc) => {
      doc.master.inserts = [limiter(), eq(), limiter(), comp()];
    });
    expect(changes.filter((c) => c.kind === 'remove')).toHaveLength(3);
    expect(changes.filter((c) => c.kind === 'insert')).toHaveLength(4);
  });

  it('sends changed plugin states and bypasses to the slots they belong to', () => {
    const state = { version: 1, parameters: { ratio: 8 } };
    expect(
      edited((doc) => {
        doc.tracks[0].inserts[1].state = state;
        doc.tracks[0].inserts[0].bypass = true;
      }),
    ).toEqual([
      { kind: 'bypass', owner: 'vox', index: 0, bypass: true },
      { kind: 'state', owner: 'vox', index: 1, state },
    ]);
  });

  it('rebuilds when routing changes (a new track, an output, a sidechain)', () => {
    expect(edited((doc) => doc.tracks.push({ ...structuredClone(doc.tracks[0]), id: 'gtr' }))).toEqual([
      { kind: 'rebuild' },
    ]);
    expect(
      edited((doc) => {
        doc.tracks[0].inserts[1].sidechain = 'vox';
      }),
    ).toEqual([{ kind: 'rebuild' }]);
  });

  it('compares states whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
