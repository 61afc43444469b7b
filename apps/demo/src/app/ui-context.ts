// Actions any view can ask of the app shell: the dialogs live there, one at a time.

import type { PresetKind } from '@lathe/host';
import { createContext, useContext } from 'react';

export interface PresetTarget {
  kind: PresetKind;
  /** Chain owner (for chain and plugin presets). */
  owner?: string;
  /** Slot index (plugin presets). */
  index?: number;
}

export interface UiActions {
  addPluginByUrl(owner: string): void;
  openPresets(target: PresetTarget): void;
}

export const UiContext = createContext<UiActions | null>(null);

export function useUi(): UiActions {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi: render inside <UiContext value={…}>');
  return ui;
}
