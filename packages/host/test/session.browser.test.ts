// Sessions in real Chromium: a four-track session of Lathe plugins and a third-party plugin (the
// bare-SDK fixture, from another origin), rendered offline, saved, reloaded into a fresh context
// and rendered again; the same session of Lathe plugins rendered in Node; failures contained;
// bypass without clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePreset, type SessionDoc, serializePreset, sessionPreset } from '../src/index.ts';
import { renderInNode } from '../src/session/render-node.ts';
import { type HostPage, type HostWindow, openHostPage, SESSION_PAGE_GLOBALS } from './support/host-page.ts';
import { fourTrackSession, type PageRenderOptions, testSources } from './support/session-tools.ts';

interface SessionWindow extends HostWindow {
  sessionTools: typeof import('./support/session-tools.ts');
}

const SAMPLE_RATE = 48_000;
const SECONDS = 3;

let host: HostPage;
let base: string;
let options: PageRenderOptions;

beforeAll(async () => {
  host = await openHostPage({ globals: SESSION_PAGE_GLOBALS });
  base = `${host.app.origin}/plugins/`;
  options = { lathePlugins: { ...host.latheUrlsByIdentifier }, sampleRate: SAMPLE_RATE, seconds: SECONDS };
});
afterAll(async () => {
  await host?.close();
});

const toDb = (x: number) => 20 * Math.log10(x);

/** Largest difference between two renders, in dB relative to full scale. */
function differenceDb(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  let worst = 0;
  a.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) worst = Math.max(worst, Math.abs(channel[i] - b[c][i]));
  });
  return worst === 0 ? Number.NEGATIVE_INFINITY : toDb(worst);
}

const gainSlot = (url: string, gain: number) => ({
  identifier: 'com.example.fixture-gain',
  version: '1.0.0',
  url,
  state: { parameterValues: { gain: { id: 'gain', value: gain, normalized: false } } },
  bypass: false,
});

describe('sessions in Chromium', () => {
  it('renders a four-track session, saves it, reloads it into a fresh context and renders it identically', async () => {
    const doc = fourTrackSession(base, [gainSlot(host.fixtureUrl('gain'), 0.5)]);
    const first = await host.page.evaluate(
      ([doc, options]) => (window as unknown as SessionWindow).sessionTools.renderAndSave(doc, options),
      [doc, options] as const,
    );
    expect(first.placeholders).toEqual([]);
    // Through the preset format and back, as a file or link would carry it.
    const { preset } = parsePreset(serializePreset(sessionPreset('Four tracks', first.saved)));
    const again = await host.page.evaluate(
      ([doc, options]) => (window as unknown as SessionWindow).sessionTools.renderInPage(doc, options),
      [preset.session as SessionDoc, options] as const,
    );
    expect(again.latency).toBe(first.latency);
    expect(first.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.01);
    const difference = differenceDb(again.channels, first.channels);
    console.log(
      `[host] four-track session: latency ${first.latency} samples; re-rendered after save/load: ${difference} dB`,
    );
    expect(difference).toBeLessThan(-140);
  });

  it('renders the same as the Node render of the same session (Lathe plugins only) within −100 dB', async () => {
    const doc = fourTrackSession(base);
    const browser = await host.page.evaluate(
      ([doc, options]) => (window as unknown as SessionWindow).sessionTools.renderInPage(doc, options),
      [doc, options] as const,
    );
    const node = await renderInNode(doc, {
      sampleRate: SAMPLE_RATE,
      assets: testSources(SAMPLE_RATE, SECONDS),
    });
    expect(node.latency).toBe(browser.latency);
    const difference = differenceDb(browser.channels, node.channels);
    console.log(`[host] browser vs Node render: ${difference.toFixed(1)} dB`);
    expect(difference).toBeLessThan(-100);
  });
});
