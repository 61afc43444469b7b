// Mounts a plugin's GUI in the foreign host's page with audio playing through it, as a host
// would show it: a running AudioContext, a looping signal, the GUI element in the page.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { ForeignHost } from './foreign-host.ts';

export interface ShowGuiOptions {
  /** State for createInstance. */
  readonly state?: unknown;
  /** What plays through the plugin, looped (one array per channel). */
  readonly signal: readonly Float32Array[];
  readonly sampleRate: number;
}

/**
 * After this resolves the page shows the GUI in #gui and `window.wam` is the plugin instance
 * (for tests that call its API from the page).
 */
export async function showGui(host: ForeignHost, pluginUrl: string, options: ShowGuiOptions): Promise<void> {
  const id = randomUUID();
  for (const [c, data] of options.signal.entries()) {
    host.hostServer.put(`/gui/${id}/${c}.f32`, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  await host.page.evaluate(
    async ({ pluginUrl, id, channels, sampleRate, state }) => {
      const w = window as unknown as {
        initializeWamHost(c: BaseAudioContext): Promise<[string]>;
        // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
        loadWam(url: string): Promise<any>;
        wam: unknown;
      };
      const context = new AudioContext({ sampleRate });
      await context.resume();
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const wam = await Plugin.createInstance(groupId, context, state);
      const data = await Promise.all(
        Array.from({ length: channels }, async (_, c) => {
          const response = await fetch(`/gui/${id}/${c}.f32`);
          return new Float32Array(await response.arrayBuffer());
        }),
      );
      const buffer = context.createBuffer(channels, data[0].length, sampleRate);
      for (const [c, channel] of data.entries()) buffer.copyToChannel(channel, c);
      const source = new AudioBufferSourceNode(context, { buffer, loop: true });
      source.connect(wam.audioNode).connect(context.destination);
      source.start();
      document.getElementById('gui')!.replaceChildren(await wam.createGui());
      w.wam = wam;
    },
    { pluginUrl, id, channels: options.signal.length, sampleRate: options.sampleRate, state: options.state },
  );
}

/**
 * Shrinks the GUI on the page to its declared minimum size, as a host may, and returns how far its
 * content overflows and how many elements reach outside it (clipped ones included): all 0 when it fits.
 */
export async function shrinkGuiToMinimum(
  page: Page,
): Promise<{ width: number; height: number; spilled: number }> {
  const gui = page.locator('[data-lathe-gui]');
  await gui.evaluate((element: HTMLElement) => {
    element.style.width = element.style.minWidth;
    element.style.height = element.style.minHeight;
  });
  // Let layout and the canvases' resize observers settle.
  await page.waitForTimeout(300);
  return gui.evaluate((element) => {
    const root = element.shadowRoot!.querySelector('.lathe-root')!;
    const outer = root.getBoundingClientRect();
    const spilled = Array.from(root.querySelectorAll('*')).filter((child) => {
      const box = child.getBoundingClientRect();
      return box.right > outer.right + 0.5 || box.bottom > outer.bottom + 0.5;
    }).length;
    return {
      width: root.scrollWidth - root.clientWidth,
      height: root.scrollHeight - root.clientHeight,
      spilled,
    };
  });
}
