// Why a plugin did not load. Every failure of `PluginLoader.load` becomes one of these codes, carried
// by a placeholder, so a session can say what went wrong without losing the slot.

/** What stopped a plugin from loading. */
export type PluginLoadErrorCode =
  /** Foreign code that was not approved (no `approve`, a refusal, or a URL that cannot be approved). */
  | 'not-approved'
  /** index.js does not match the request's SHA-256 pin, or the pin is malformed. */
  | 'integrity'
  /** The URL answers 404/410, or is not a URL at all. */
  | 'not-found'
  /** Any other HTTP status, or no answer (refused connection, CORS, offline). */
  | 'network'
  /** The module loaded but is not a WAM 2.0 plugin (no WAM default export, or it threw while running). */
  | 'not-a-wam'
  /** createInstance threw or rejected, or the plugin refused the state it was given. */
  | 'create-failed'
  /** The import, createInstance or a call on the node did not settle within `timeoutMs`. */
  | 'timeout';

export class PluginLoadError extends Error {
  override name = 'PluginLoadError';

  constructor(
    readonly code: PluginLoadErrorCode,
    /** The URL the failure concerns (the trusted local copy when the request was redirected to it). */
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A thrown value as text, for error messages (plugins throw anything). */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  try {
    return String(thrown);
  } catch {
    return 'an unprintable value';
  }
}
