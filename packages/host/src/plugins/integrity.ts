// SHA-256 pins of a plugin's index.js, written like Subresource Integrity: 'sha256-<base64>'.
//
// Limitation, by design of the platform: only index.js itself is pinned. The modules it imports,
// its worklet processor and GUI chunks are not, and the browser fetches index.js again for the
// import (usually from its HTTP cache, but a server that answers differently each time can swap
// it). A pin proves the file the application vetted is the one it was offered; it is no sandbox.

const PIN = /^sha256-([A-Za-z0-9+/]{43}=)$/;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The 'sha256-<base64>' pin of `bytes` (what a request's `integrity` should hold for that file). */
export async function integrityOf(bytes: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return `sha256-${toBase64(new Uint8Array(digest))}`;
}

/**
 * Checks that `integrity` is a well-formed SHA-256 pin; returns the problem, or null when it is one.
 * Other SRI algorithms (sha384, sha512) are refused rather than silently ignored.
 */
export function integrityProblem(integrity: unknown): string | null {
  if (typeof integrity !== 'string') return `"integrity" must be a string, got ${typeof integrity}`;
  if (!PIN.test(integrity)) {
    return `"integrity" must be "sha256-" followed by the 44-character base64 SHA-256 of index.js, got "${integrity.slice(0, 80)}"`;
  }
  return null;
}
