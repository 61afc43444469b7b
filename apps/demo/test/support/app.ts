// The demo app as users get it: the built dist/ served on one origin (plugins under /plugins/),
// driven in Debian's Chromium at a laptop's screen size. Third-party fixture plugins (plain WAMs on
// the bare SDK, from packages/host's tests) are served from a second origin, as a stranger's would be.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionDoc } from '@lathe/host';
import {
  type Browser,
  launchChromium,
  type StaticServer,
  startStaticServer,
} from '@lathe/plugin-kit/testing';
import type { Page } from 'playwright-core';

const DEMO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(DEMO_ROOT, 'dist');
const FIXTURES = join(DEMO_ROOT, '../../packages/host/test/fixtures/third-party');
const SDK_DIST = dirname(createRequire(import.meta.url).resolve('@webaudiomodules/sdk'));
/** Kept after the run (CI artifacts): one PNG per view and dialog. */
export const SCREENSHOTS = join(DEMO_ROOT, 'test-results/screenshots');

/** A 13-inch laptop's browser window. */
export const LAPTOP = { width: 1280, height: 720 };

export interface DemoApp {
  page: Page;
  app: StaticServer;
  thirdParty: StaticServer;
  /** The app's address (with the trailing slash). */
  url: string;
  /** Opens the app in another tab of the same browser profile (same IndexedDB). */
  openTab(url?: string): Promise<Page>;
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/** Waits until the app has opened its session (the mixer or the master view is on screen). */
export async function waitForSession(page: Page): Promise<void> {
  await page.waitForSelector('main#view', { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('.loading') === null);
}

export async function openDemo(): Promise<DemoApp> {
  if (!existsSync(join(DIST, 'plugins/index.json')))
    throw new Error(`${DIST} is missing: run \`pnpm build\` first`);
  const app = await startStaticServer({ mounts: { '/': DIST } });
  app.put('/', await readFile(join(DIST, 'index.html'), 'utf8'), 'text/html');
  const thirdParty = await startStaticServer({ mounts: { '/gain/sdk/': SDK_DIST, '/': FIXTURES } });
  const browser: Browser = await launchChromium();
  const url = `${app.origin}/`;
  const openTab = async (address = url) => {
    const page = await browser.newPage();
    await page.setViewportSize(LAPTOP);
    await page.goto(address);
    await waitForSession(page);
    return page;
  };
  const page = await openTab();
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    page,
    app,
    thirdParty,
    url,
    openTab,
    async screenshot(name, target = page) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await target.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await Promise.all([app.close(), thirdParty.close()]);
    },
  };
}

/** The studio the page exposes as `window.lathe` (see src/main.tsx), for reading state in tests. */
export type StudioHandle = import('../../src/engine/studio.ts').Studio;

/** The session as the app would save it (every plugin's current state). */
export function sessionDoc(page: Page): Promise<SessionDoc> {
  return page.evaluate(() => (window as unknown as { lathe: StudioHandle }).lathe.currentDoc());
}

/** The transport's position, seconds. */
export function position(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { lathe: StudioHandle }).lathe.transport.position);
}

/** A reading of the master panel (Master view), e.g. 'short-term': the number shown, or NaN for "—". */
export async function masterReading(page: Page, name: string): Promise<number> {
  const text = (await page.locator(`[data-reading="${name}"]`).textContent()) ?? '';
  return Number.parseFloat(text.replace('−', '-'));
}
