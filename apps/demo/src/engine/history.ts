// Undo and redo over whole session documents. Documents are small (no audio), so every step keeps
// the document before it; undo hands back that document and the app makes the sound follow it.
// Steps that belong together (one fader drag, one knob turned through many values) merge.

import type { SessionDoc } from '@lathe/host';

/** Steps with the same key this close together become one undo step. */
export const MERGE_WINDOW_MS = 1500;
/** Oldest steps are forgotten beyond this many. */
export const HISTORY_LIMIT = 200;

interface Step {
  label: string;
  before: SessionDoc;
  after: SessionDoc;
  mergeKey: string | null;
  at: number;
}

export class History {
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];

  /**
   * Records that the document went from `before` to `after`. A step with the same `mergeKey` as
   * the previous one, within {@link MERGE_WINDOW_MS}, extends it instead of adding a new one.
   */
  record(
    label: string,
    before: SessionDoc,
    after: SessionDoc,
    mergeKey: string | null = null,
    now = Date.now(),
  ): void {
    this.redoStack.length = 0;
    const last = this.undoStack.at(-1);
    if (mergeKey !== null && last && last.mergeKey === mergeKey && now - last.at < MERGE_WINDOW_MS) {
      last.after = after;
      last.at = now;
      return;
    }
    this.undoStack.push({ label, before, after, mergeKey, at: now });
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
  }

  /** The document to return to, or null when there is nothing to undo. */
  undo(): { label: string; doc: SessionDoc } | null {
    const step = this.undoStack.pop();
    if (!step) return null;
    this.redoStack.push(step);
    return { label: step.label, doc: step.before };
  }

  redo(): { label: string; doc: SessionDoc } | null {
    const step = this.redoStack.pop();
    if (!step) return null;
    // A redone step never merges with what follows it.
    this.undoStack.push({ ...step, mergeKey: null });
    return { label: step.label, doc: step.after };
  }

  /** What undo and redo would do, for the buttons' labels. */
  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }
  get redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null;
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }
}
