// Long offline jobs run in slices so a page stays responsive, shows progress and can be cancelled.

/** How long a job may run before it gives the event loop a turn, ms. */
const SLICE_MS = 25;

/**
 * Returns a function to call between pieces of work: it throws the signal's reason once aborted, and
 * every ~25 ms of work it waits one macrotask (setTimeout exists in Node, browsers and workers).
 */
export function createYielder(signal: AbortSignal | undefined): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    signal?.throwIfAborted();
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
    sliceStart = performance.now();
  };
}

/** Checks that an optional `signal` option really is an AbortSignal. */
export function checkSignal(signal: unknown, field: string): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (!(signal instanceof AbortSignal)) throw new TypeError(`${field}: expected an AbortSignal`);
  return signal;
}

/** Checks that an optional callback option really is a function. */
export function checkCallback<T extends (...args: never[]) => void>(
  callback: T | undefined,
  field: string,
): T | undefined {
  if (callback !== undefined && typeof callback !== 'function') {
    throw new TypeError(`${field}: expected a function`);
  }
  return callback;
}
