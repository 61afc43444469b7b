// A Chromium page running the default song module: src/song/index.ts bundled by Vite (as the app
// bundles it, Tone.js included) into a temporary folder, served from its own origin, and exposed
// to page.evaluate as `window.song` (and Tone.js as `window.Tone`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  launchChromium,
  type StaticServer,
  startStaticServer,
} from '@lathe/plugin-kit/testing';
import type { Page } from 'playwright-core';
import { build } from 'vite';

const DEMO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SONG_MODULE = join(DEMO_ROOT, 'src/song/index.ts');
/** The same Tone.js module the song imports, so tests can look at Tone's global context. */
const TONE_MODULE = createRequire(SONG_MODULE).resolve('tone');

/** What the page exposes on `window` (cast `window` to this inside `page.evaluate`). */
export interface SongWindow {
  song: typeof import('../../src/song/index.ts');
  Tone: typeof import('tone');
}

export interface SongPage {
  readonly page: Page;
  /** Reloads the page: a fresh module instance (and a fresh Tone.js), as in a new visit. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Default song test page</title></head>
<body><script type="module" src="/bundle/song.js"></script></body></html>`;

/** Bundles the song module into a temporary folder (never the app's dist/), serves it and opens it. */
export async function openSongPage(): Promise<SongPage> {
  const dir = await mkdtemp(join(tmpdir(), 'lathe-song-page-'));
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    const entry = join(dir, 'entry.js');
    await writeFile(
      entry,
      [
        `import * as song from ${JSON.stringify(SONG_MODULE)};`,
        `import * as Tone from ${JSON.stringify(TONE_MODULE)};`,
        'Object.assign(globalThis, { song, Tone, songReady: true });',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    await build({
      root: DEMO_ROOT,
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      resolve: { conditions: ['lathe-source'] },
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        // Readable stacks in test failures.
        minify: false,
        lib: { entry, formats: ['es'], fileName: () => 'song.js' },
      },
    });
    server = await startStaticServer({ mounts: { '/bundle/': out } });
    server.put('/', PAGE, 'text/html');
    server.put('/favicon.ico', '', 'image/x-icon');
    browser = await launchChromium();
    const page = await browser.newPage();
    const ready = () => page.waitForFunction(() => (window as unknown as { songReady?: boolean }).songReady);
    await page.goto(`${server.origin}/`);
    await ready();
    const opened = { browser, server };
    return {
      page,
      async reload() {
        await page.reload();
        await ready();
      },
      async close() {
        await opened.browser.close();
        await opened.server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
