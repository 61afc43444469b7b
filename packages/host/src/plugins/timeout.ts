// Plugins are arbitrary code: any promise they hand back may never settle. Everything the loader
// awaits from a plugin goes through here, so a stuck plugin costs a bounded wait, not the session.

/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms` milliseconds, whichever comes first.
 * The timer is cleared as soon as `promise` settles.
 */
export function withTimeout<T>(promise: PromiseLike<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    Promise.resolve(promise).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
