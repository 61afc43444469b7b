// The user's own presets (plugin, chain and session), kept in IndexedDB as validated preset text.
import { type PresetEnvelope, type PresetKind, parsePreset, serializePreset } from '@lathe/host';
import { db } from './database.ts';

export interface UserPreset {
  id: string;
  kind: PresetKind;
  name: string;
  /** For plugin presets: which plugin it is for. */
  identifier: string | null;
  preset: PresetEnvelope;
  savedAt: number;
}

interface StoredPreset {
  id: string;
  text: string;
  savedAt: number;
}

function fromStored(stored: StoredPreset): UserPreset | null {
  try {
    const { preset } = parsePreset(stored.text);
    return {
      id: stored.id,
      kind: preset.kind,
      name: preset.name,
      identifier: preset.plugin?.identifier ?? null,
      preset,
      savedAt: stored.savedAt,
    };
  } catch {
    // A damaged record is skipped rather than taking the list down with it.
    return null;
  }
}

export async function listUserPresets(): Promise<UserPreset[]> {
  const stored = await db.all<StoredPreset>('presets');
  return stored
    .map(fromStored)
    .filter((preset): preset is UserPreset => preset !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function saveUserPreset(
  preset: PresetEnvelope,
  id: string = crypto.randomUUID(),
): Promise<string> {
  const stored: StoredPreset = { id, text: serializePreset(preset), savedAt: Date.now() };
  await db.put('presets', id, stored);
  return id;
}

export async function renameUserPreset(preset: UserPreset, name: string): Promise<void> {
  await saveUserPreset({ ...preset.preset, name }, preset.id);
}

export async function deleteUserPreset(id: string): Promise<void> {
  await db.delete('presets', id);
}
