import type { SessionDoc } from '@lathe/host';
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, History, MERGE_WINDOW_MS } from './history.ts';

const doc = (gainDb: number): SessionDoc => ({
  tracks: [],
  buses: [],
  mix: { gainDb, inserts: [] },
  master: { inserts: [] },
});

describe('History', () => {
  it('undoes and redoes steps in order, with their labels', () => {
    const history = new History();
    history.record('A', doc(0), doc(1));
    history.record('B', doc(1), doc(2));
    expect(history.undoLabel).toBe('B');
    expect(history.undo()).toEqual({ label: 'B', doc: doc(1) });
    expect(history.undo()).toEqual({ label: 'A', doc: doc(0) });
    expect(history.undo()).toBeNull();
    expect(history.redo()).toEqual({ label: 'A', doc: doc(1) });
    expect(history.redoLabel).toBe('B');
  });

  it('merges steps of one gesture (same key, close in time) and not others', () => {
    const history = new History();
    history.record('Fader', doc(0), doc(1), 'fader', 1000);
    history.record('Fader', doc(1), doc(2), 'fader', 1000 + MERGE_WINDOW_MS - 1);
    history.record('Fader', doc(2), doc(3), 'fader', 1000 + 3 * MERGE_WINDOW_MS);
    expect(history.undo()?.doc).toEqual(doc(2));
    expect(history.undo()?.doc).toEqual(doc(0));
    expect(history.undo()).toBeNull();
  });

  it('forgets what could be redone once a new edit is made, and the oldest steps past the limit', () => {
    const history = new History();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history.record(`step ${i}`, doc(i), doc(i + 1));
    history.undo();
    history.record('new', doc(0), doc(-1));
    expect(history.redo()).toBeNull();
    let steps = 0;
    while (history.undo()) steps++;
    expect(steps).toBe(HISTORY_LIMIT);
  });
});
