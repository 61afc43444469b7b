// A real Chromium page running @lathe/host, for browser tests: the library bundled by Vite and
// served as the application's origin, with Lathe's four built plugins on that same (trusted)
// origin under /plugins/<name>/, and third-party fixture plugins on a second origin.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type Browser,
  launchChromium,
  type StaticServer,
  startStaticServer,
} from '@lathe/plugin-kit/testing';
import type { Page } from 'playwright-core';
import { bundleForPage, HOST_ROOT, type PageBundle } from './bundle.ts';

export const LATHE_PLUGIN_NAMES = ['eq', 'comp', 'limiter', 'meter', 'strip'] as const;
export type LathePluginName = (typeof LATHE_PLUGIN_NAMES)[number];

/** What the default page exposes on `window` (cast `window` to this inside `page.evaluate`). */
export interface HostWindow {
  lathe: typeof import('../../src/plugins/index.ts');
  pageTools: typeof import('./page-tools.ts');
}

/** Global name → module bundled into the page. The default: the plugin loader and the page tools. */
export const DEFAULT_PAGE_GLOBALS: Readonly<Record<string, string>> = {
  lathe: join(HOST_ROOT, 'src/plugins/index.ts'),
  pageTools: join(HOST_ROOT, 'test/support/page-tools.ts'),
};

/** The whole host and the session test helpers, for session tests. */
export const SESSION_PAGE_GLOBALS: Readonly<Record<string, string>> = {
  ...DEFAULT_PAGE_GLOBALS,
  lathe: join(HOST_ROOT, 'src/index.ts'),
  sessionTools: join(HOST_ROOT, 'test/support/session-tools.ts'),
};

export interface HostPageOptions {
  /** Modules to expose on `window` (global name → absolute path). Default {@link DEFAULT_PAGE_GLOBALS}. */
  readonly globals?: Readonly<Record<string, string>>;
  /** Serve the app with COOP/COEP, so the page is cross-origin isolated (SharedArrayBuffer). */
  readonly isolated?: boolean;
}

export interface LathePluginServed {
  readonly identifier: string;
  /** URL of its index.js on the app origin. */
  readonly url: string;
}

export interface HostPage {
  readonly page: Page;
  readonly browser: Browser;
  /** The application's origin: the page, the bundle, and /plugins/<name>/ (Lathe's plugins). */
  readonly app: StaticServer;
  /** Another origin: test/fixtures/third-party/ (the SDK at /gain/sdk/). `put()` adds more files. */
  readonly thirdParty: StaticServer;
  readonly lathePlugins: Readonly<Record<LathePluginName, LathePluginServed>>;
  /** Identifier → URL, as `PluginLoaderOptions.lathePlugins` takes it. */
  readonly latheUrlsByIdentifier: Readonly<Record<string, string>>;
  /** URL of a third-party fixture's index.js (`name` = its folder), with an optional query. */
  fixtureUrl(name: string, query?: string): string;
  /** Every URL the page requested since it was (re)loaded. */
  requestedUrls(): string[];
  /** Reloads the page: fresh globals and module map (an imported module runs again), cleared request log. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const PLUGIN_PACKAGES = join(HOST_ROOT, '..');
const FIXTURES = join(HOST_ROOT, 'test/fixtures/third-party');
const SDK_DIST = dirname(createRequire(import.meta.url).resolve('@webaudiomodules/sdk'));

function lathePluginFolders(): Record<LathePluginName, string> {
  const folders = {} as Record<LathePluginName, string>;
  for (const name of LATHE_PLUGIN_NAMES) {
    const dist = join(PLUGIN_PACKAGES, `plugin-${name}`, 'dist');
    if (!existsSync(join(dist, 'index.js'))) {
      throw new Error(`${dist} is missing: run \`pnpm --filter '@lathe/plugin-*' build\` first`);
    }
    folders[name] = dist;
  }
  return folders;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Lathe host test page</title></head>
<body><script type="module" src="/bundle/host.js"></script></body></html>`;

/** Bundles the host, starts both origins and Chromium, and opens the app page. */
export async function openHostPage(options: HostPageOptions = {}): Promise<HostPage> {
  const folders = lathePluginFolders();
  const bundle: PageBundle = await bundleForPage(options.globals ?? DEFAULT_PAGE_GLOBALS);
  const mounts: Record<string, string> = { '/bundle/': bundle.dir };
  for (const name of LATHE_PLUGIN_NAMES) mounts[`/plugins/${name}/`] = folders[name];
  const servers: StaticServer[] = [];
  let browser: Browser | undefined;
  try {
    const app = await startStaticServer({ mounts, isolated: options.isolated });
    servers.push(app);
    app.put('/', PAGE, 'text/html');
    app.put('/favicon.ico', '', 'image/x-icon');
    // The SDK first, so /gain/sdk/ is not looked up among the fixtures.
    const thirdParty = await startStaticServer({ mounts: { '/gain/sdk/': SDK_DIST, '/': FIXTURES } });
    servers.push(thirdParty);

    const lathePlugins = {} as Record<LathePluginName, LathePluginServed>;
    const latheUrlsByIdentifier: Record<string, string> = {};
    for (const name of LATHE_PLUGIN_NAMES) {
      const { identifier } = JSON.parse(readFileSync(join(folders[name], 'descriptor.json'), 'utf8')) as {
        identifier: string;
      };
      const url = `${app.origin}/plugins/${name}/index.js`;
      lathePlugins[name] = { identifier, url };
      latheUrlsByIdentifier[identifier] = url;
    }

    browser = await launchChromium();
    const page = await browser.newPage();
    let requests: string[] = [];
    page.on('request', (request) => {
      requests.push(request.url());
    });
    const open = async () => {
      requests = [];
      await page.goto(`${app.origin}/`);
      await page.waitForFunction(() => (window as unknown as { latheReady?: boolean }).latheReady === true);
    };
    await open();
    const opened = browser;
    return {
      page,
      browser: opened,
      app,
      thirdParty,
      lathePlugins,
      latheUrlsByIdentifier,
      fixtureUrl: (name, query) => `${thirdParty.origin}/${name}/index.js${query ? `?${query}` : ''}`,
      requestedUrls: () => [...requests],
      reload: open,
      async close() {
        await opened.close();
        await Promise.all(servers.map((server) => server.close()));
        await bundle.remove();
      },
    };
  } catch (error) {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    await bundle.remove();
    throw error;
  }
}
