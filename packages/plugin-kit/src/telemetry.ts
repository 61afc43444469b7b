// Typed telemetry layouts: a plugin names its meter values once, and the processor (which writes
// a frame) and the GUI (which reads it) share the same indices.

export interface TelemetryLayout<N extends string> {
  readonly names: readonly N[];
  readonly size: number;
  readonly index: { readonly [K in N]: number };
}

export function defineTelemetry<const N extends string>(names: readonly N[]): TelemetryLayout<N> {
  const index = {} as { [K in N]: number };
  names.forEach((name, i) => {
    index[name] = i;
  });
  return { names, size: names.length, index };
}

/** Reads a frame into a plain object (main thread only: it allocates). */
export function readFrame<N extends string>(
  layout: TelemetryLayout<N>,
  frame: Float64Array,
): Record<N, number> {
  const values = {} as Record<N, number>;
  for (const name of layout.names) values[name] = frame[layout.index[name]];
  return values;
}

/** A kernel that reports meter values implements this; it must not allocate. */
export interface TelemetrySource {
  writeTelemetry(frame: Float64Array): void;
  /**
   * Work done only for a display (a live spectrum, say) may pause while nobody watches. Kernels
   * start unwatched; the kit's processor calls this as GUIs subscribe and leave, and offline tools
   * that read such telemetry call it themselves. Audio output must not depend on it.
   */
  setWatched?(watched: boolean): void;
}
