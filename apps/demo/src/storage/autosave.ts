// The session survives a reload and a crash: shortly after every edit the whole session (as a
// session preset, so reading it back goes through the same validation as any preset) is written
// to IndexedDB. Audio files are stored once, when imported (see engine/assets.ts).
import { parsePreset, type SessionDoc, serializePreset, sessionPreset } from '@lathe/host';
import type { View } from '../engine/studio.ts';
import { db } from './database.ts';

const KEY = 'current';
/** Edits closer together than this are written once. */
const DELAY_MS = 300;

interface AutosaveRecord {
  text: string;
  view: View;
  savedAt: number;
}

export interface Restored {
  name: string;
  doc: SessionDoc;
  view: View;
  warnings: readonly string[];
}

/** The autosaved session, or null when there is none. Throws a PresetError if it is damaged. */
export async function readAutosave(): Promise<Restored | null> {
  const record = await db.get<AutosaveRecord>('autosave', KEY);
  if (!record) return null;
  const { preset, warnings } = parsePreset(record.text);
  if (!preset.session) return null;
  return {
    name: preset.name,
    doc: preset.session,
    view: record.view === 'master' ? 'master' : 'mix',
    warnings,
  };
}

/** Writes the session a moment after each change; `flush` writes at once (before unload, in tests). */
export type SaveStatus = 'saving' | 'saved' | 'failed';

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Changes not written yet (a write that started before the latest change does not count). */
  private changes = 0;

  constructor(
    private readonly read: () => Promise<{ name: string; doc: SessionDoc; view: View }>,
    private readonly onStatus: (status: SaveStatus, error?: unknown) => void,
  ) {}

  schedule(): void {
    this.changes++;
    this.onStatus('saving');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DELAY_MS);
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.writing = this.writing.then(async () => {
      const covered = this.changes;
      try {
        const { name, doc, view } = await this.read();
        const record: AutosaveRecord = {
          text: serializePreset(sessionPreset(name, doc)),
          view,
          savedAt: Date.now(),
        };
        await db.put('autosave', KEY, record);
        if (this.changes === covered) this.onStatus('saved');
      } catch (error) {
        this.onStatus('failed', error);
      }
    });
    return this.writing;
  }
}
