// The studio as React sees it: one Studio per page, its snapshot read with useSyncExternalStore.
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Studio, StudioSnapshot } from '../engine/studio.ts';

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio: no studio (render inside <StudioContext value={studio}>)');
  return studio;
}

export function useSnapshot(): StudioSnapshot {
  const studio = useStudio();
  return useSyncExternalStore(studio.subscribe, studio.getSnapshot);
}

/** Calls `frame` on every animation frame while mounted (meters, the playhead). */
export function useAnimationFrame(frame: () => void): void {
  const latest = useRef(frame);
  latest.current = frame;
  useEffect(() => {
    let id = requestAnimationFrame(function tick() {
      latest.current();
      id = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(id);
  }, []);
}
