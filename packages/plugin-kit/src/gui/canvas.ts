import { type DependencyList, type RefObject, useEffect, useRef } from 'react';

/** Draws into a 2D canvas at device resolution; sizes are in device pixels, `ratio` = pixels per CSS pixel. */
export type DrawFunction = (
  g: CanvasRenderingContext2D,
  width: number,
  height: number,
  ratio: number,
) => void;

/**
 * A canvas that redraws when `deps` change and whenever its box is resized (hosts resize plugin
 * GUIs freely), always at the device pixel ratio so lines stay sharp.
 */
export function useCanvas(draw: DrawFunction, deps: DependencyList): RefObject<HTMLCanvasElement | null> {
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(draw);
  latest.current = draw;

  const paint = useRef(() => {
    const element = canvas.current;
    const g = element?.getContext('2d');
    if (!element || !g) return;
    const ratio = globalThis.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(element.clientWidth * ratio));
    const height = Math.max(1, Math.round(element.clientHeight * ratio));
    if (element.width !== width || element.height !== height) {
      element.width = width;
      element.height = height;
    }
    latest.current(g, width, height, ratio);
  });

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const observer = new ResizeObserver(() => paint.current());
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to repaint
  useEffect(() => paint.current(), deps);
  return canvas;
}
