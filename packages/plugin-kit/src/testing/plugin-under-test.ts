// The preamble of every plugin's browser test: the built dist/ served on its own origin, a bare
// host page on another, Chromium open for the file's tests and closed after them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { type ForeignHost, openForeignHost } from './foreign-host.ts';

/**
 * Registers the hooks that open and close the foreign host for `dist` (a plugin's built folder);
 * `ready` receives the host and the plugin's URL before the first test runs.
 */
export function servePluginUnderTest(
  name: string,
  dist: URL,
  ready: (host: ForeignHost, url: string) => void,
): void {
  const folder = fileURLToPath(dist);
  let host: ForeignHost | undefined;
  beforeAll(async () => {
    if (!existsSync(join(folder, 'index.js')))
      throw new Error(`${folder} is missing: run \`pnpm build\` first`);
    host = await openForeignHost({ [name]: folder });
    ready(host, host.pluginUrl(name));
  });
  afterAll(async () => {
    await host?.close();
  });
}
