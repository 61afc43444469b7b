// A minimal foreign WAM host for browser tests: a page on its own origin that knows nothing of
// Lathe. It has only the WAM SDK's initializeWamHost and dynamic import(url), like any host.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { type Browser, launchChromium } from './browser.ts';
import { type StaticServer, startStaticServer } from './static-server.ts';

const require = createRequire(import.meta.url);
const sdkDist = dirname(require.resolve('@webaudiomodules/sdk'));

const HOST_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Foreign WAM host</title><link rel="icon" href="data:,"></head>
<body style="margin:0;background:#0b0c0e">
<div id="gui"></div>
<script type="module">
  import { initializeWamHost } from '/sdk/index.js';
  window.initializeWamHost = initializeWamHost;
  // How a host loads a plugin: a dynamic import of its URL, default export = the WAM class.
  window.loadWam = async (url) => (await import(url)).default;
  window.hostReady = true;
</script>
</body></html>`;

export interface ForeignHost {
  readonly page: Page;
  /** Origin the plugins are served from (different from the host page's origin). */
  readonly pluginOrigin: string;
  readonly hostServer: StaticServer;
  /** URL of a plugin's index.js, given the mount name used in `plugins`. */
  pluginUrl(name: string): string;
  close(): Promise<void>;
}

/** Serves each plugin folder (name → dist path) on one origin and a host page on another. */
export async function openForeignHost(
  plugins: Readonly<Record<string, string>>,
  options: { isolated?: boolean } = {},
): Promise<ForeignHost> {
  const mounts: Record<string, string> = {};
  for (const [name, dist] of Object.entries(plugins)) mounts[`/${name}/`] = dist;
  const pluginServer = await startStaticServer({ mounts });
  const hostServer = await startStaticServer({ mounts: { '/sdk/': sdkDist }, isolated: options.isolated });
  hostServer.put('/', HOST_PAGE, 'text/html');
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${hostServer.origin}/`);
    await page.waitForFunction(() => (window as unknown as { hostReady?: boolean }).hostReady === true);
    const opened = browser;
    return {
      page,
      pluginOrigin: pluginServer.origin,
      hostServer,
      pluginUrl: (name) => `${pluginServer.origin}/${name}/index.js`,
      async close() {
        await opened.close();
        await Promise.all([pluginServer.close(), hostServer.close()]);
      },
    };
  } catch (error) {
    await browser?.close();
    await Promise.all([pluginServer.close(), hostServer.close()]);
    throw error;
  }
}
