// Sessions in real Chromium: a four-track session of Lathe plugins and a third-party plugin (the
// bare-SDK fixture, from another origin), rendered offline, saved, reloaded into a fresh context
// and rendered again; the same session of Lathe plugins rendered in Node; failures contained;
// bypass without clicks.

import { measureLoudness } from '@lathe/plugin-meter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lathePluginSlot,
  parsePreset,
  type SessionDoc,
  serializePreset,
  sessionPreset,
} from '../src/index.ts';
import { renderInNode } from '../src/session/render-node.ts';
import { type HostPage, type HostWindow, openHostPage, SESSION_PAGE_GLOBALS } from './support/host-page.ts';
import {
  fourTrackSession,
  type LiveEdit,
  type PageRenderOptions,
  simpleSession,
  testSources,
  track,
} from './support/session-tools.ts';

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

type Tools = SessionWindow['sessionTools'];

/** Runs one of the session tools in the page (the document crosses as plain data). */
function inPage<K extends 'renderInPage' | 'renderAndSave'>(
  tool: K,
  doc: SessionDoc,
): Promise<Awaited<ReturnType<Tools[K]>>> {
  return host.page.evaluate(
    ({ tool, doc, options }) =>
      (window as unknown as SessionWindow).sessionTools[tool](doc as SessionDoc, options) as Promise<never>,
    { tool, doc: doc as unknown, options },
  );
}

/** renderWithEdits in the page, over sources given as arrays. */
function withEdits(
  doc: SessionDoc,
  sources: Record<string, Float32Array[]>,
  edits: LiveEdit[],
  seconds: number,
) {
  const plainSources = Object.fromEntries(
    Object.entries(sources).map(([id, channels]) => [id, channels.map((channel) => Array.from(channel))]),
  );
  return host.page.evaluate(
    ({ doc, sources, edits, options }) =>
      (window as unknown as SessionWindow).sessionTools.renderWithEdits(
        doc as SessionDoc,
        sources,
        edits as LiveEdit[],
        options,
      ),
    { doc: doc as unknown, sources: plainSources, edits: edits as unknown, options: { ...options, seconds } },
  );
}

/** Largest sample-to-sample step of channel 0 in [from, to). */
function largestStep(channel: readonly number[], from: number, to: number): number {
  let largest = 0;
  for (let i = Math.max(1, from); i < to; i++)
    largest = Math.max(largest, Math.abs(channel[i] - channel[i - 1]));
  return largest;
}

const sine = (seconds: number, frequency: number, amplitude: number) =>
  Float32Array.from(
    { length: seconds * SAMPLE_RATE },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE),
  );

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
    const first = await inPage('renderAndSave', doc);
    expect(first.placeholders).toEqual([]);
    // Through the preset format and back, as a file or link would carry it.
    const { preset } = parsePreset(serializePreset(sessionPreset('Four tracks', first.saved)));
    const again = await inPage('renderInPage', preset.session as SessionDoc);
    // The third-party plugin may take only 128 samples per call, as the WAM SDK's processor does.
    expect(again.renderQuantum).toBe(128);
    expect(again.latency).toBe(first.latency);
    expect(first.channels[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.01);
    const difference = differenceDb(again.channels, first.channels);
    console.log(
      `[host] four-track session: latency ${first.latency} samples; re-rendered after save/load: ${difference} dB`,
    );
    expect(difference).toBeLessThan(-140);
  });

  it('reports progress while rendering offline, and stops when cancelled', async () => {
    const result = await host.page.evaluate(
      ({ doc, options }) =>
        (window as unknown as SessionWindow).sessionTools.cancelledRender(doc as SessionDoc, options),
      { doc: fourTrackSession(base) as unknown, options: { ...options, seconds: 10 } },
    );
    expect(result).toEqual({ error: 'AbortError', progress: [0.2] });
  });

  it('renders the same as the Node render of the same session (Lathe plugins only) within −100 dB', async () => {
    const doc = fourTrackSession(base);
    const browser = await inPage('renderInPage', doc);
    // Only Lathe's plugins: rendered 2048 samples per call, against the Node render's 128.
    expect(browser.renderQuantum).toBe(2048);
    const node = await renderInNode(doc, {
      sampleRate: SAMPLE_RATE,
      assets: testSources(SAMPLE_RATE, SECONDS),
    });
    expect(node.latency).toBe(browser.latency);
    const difference = differenceDb(browser.channels, node.channels);
    console.log(`[host] browser vs Node render: ${difference.toFixed(1)} dB`);
    expect(difference).toBeLessThan(-100);
  });

  it('keeps a track through the limiter sample-aligned with a dry track', async () => {
    const impulse = new Float32Array(SAMPLE_RATE / 10);
    impulse[1000] = 0.1;
    const doc = simpleSession([
      track('dry'),
      track('limited', { inserts: [lathePluginSlot('audio.lathe.limiter', { lookahead: 5 }, base)] }),
    ]);
    const { channels, latencies } = await withEdits(doc, { dry: [impulse], limited: [impulse] }, [], 0.1);
    expect(latencies).toEqual([240 + 35]);
    // One sample of 0.2 (both impulses on top of each other) after the latency, nothing elsewhere.
    for (const channel of channels) {
      expect(channel[1000 + 275]).toBeCloseTo(0.2, 7);
      expect(channel.filter((v) => v !== 0)).toHaveLength(1);
    }
  });

  it('follows a plugin whose latency changes: paths stay aligned before and after', async () => {
    const impulses = new Float32Array(SAMPLE_RATE);
    impulses[0.25 * SAMPLE_RATE] = 0.1;
    impulses[0.75 * SAMPLE_RATE] = 0.1;
    const doc = simpleSession([
      track('dry'),
      track('limited', { inserts: [lathePluginSlot('audio.lathe.limiter', { lookahead: 1.5 }, base)] }),
    ]);
    const edit: LiveEdit = {
      at: 0.5,
      kind: 'parameter',
      owner: 'limited',
      index: 0,
      id: 'lookahead',
      value: 5,
    };
    const { channels, latencies } = await withEdits(doc, { dry: [impulses], limited: [impulses] }, [edit], 1);
    expect(latencies).toEqual([72 + 35, 240 + 35]);
    // Each impulse pair lands as one sample of 0.2, at its own time plus the latency then in force.
    const [left] = channels;
    const landed = left.flatMap((v, i) => (v !== 0 ? [[i, Number(v.toFixed(6))]] : []));
    expect(landed).toEqual([
      [0.25 * SAMPLE_RATE + 107, 0.2],
      [0.75 * SAMPLE_RATE + 275, 0.2],
    ]);
  });

  it('bypass, insert, move and remove while playing: no click, and the timing holds', async () => {
    // A 1 kHz tone through an EQ with a +12 dB bell on it: bypass drops it 12 dB, the edits rewire.
    const bell = lathePluginSlot('audio.lathe.eq', { band4Frequency: 1000, band4Gain: 12, band4Q: 1 }, base);
    const doc = simpleSession([track('tone', { inserts: [bell] })]);
    const edits: LiveEdit[] = [
      { at: 0.5, kind: 'bypass', owner: 'tone', index: 0, bypass: true },
      { at: 1.0, kind: 'bypass', owner: 'tone', index: 0, bypass: false },
      {
        at: 1.5,
        kind: 'insert',
        owner: 'tone',
        index: 1,
        slot: lathePluginSlot('audio.lathe.limiter', {}, base),
      },
      { at: 2.0, kind: 'move', owner: 'tone', from: 1, to: 0 },
      { at: 2.5, kind: 'remove', owner: 'tone', index: 0 },
    ];
    const { channels, latencies, saved } = await withEdits(doc, { tone: [sine(3, 1000, 0.1)] }, edits, 3);
    const [left] = channels;
    // The steady step of the loud (+12 dB) tone; every edit window stays within it.
    const steady = largestStep(left, 0.2 * SAMPLE_RATE, 0.45 * SAMPLE_RATE);
    for (const edit of edits) {
      const at = edit.at * SAMPLE_RATE;
      const step = largestStep(left, at - 256, at + 0.1 * SAMPLE_RATE);
      console.log(
        `[host] ${edit.kind} at ${edit.at} s: largest step ${(step / steady).toFixed(3)}× the steady one`,
      );
      expect(step).toBeLessThanOrEqual(steady * 1.01);
    }
    // The limiter's latency comes and goes with it; the chain ends as it began.
    expect(latencies).toEqual([0, 0, 0, 107, 107, 0]);
    expect(saved.tracks[0].inserts.map((slot) => slot.identifier)).toEqual(['audio.lathe.eq']);
  });

  it('contains failed plugins: the session plays on, and saving keeps their URL and state', async () => {
    const broken = [
      { ...gainSlot(`${host.app.origin}/plugins/missing/index.js`, 0.5), identifier: 'com.example.missing' },
      { ...gainSlot(host.fixtureUrl('not-a-wam'), 0.5), identifier: 'com.example.not-a-wam' },
      { ...gainSlot(host.fixtureUrl('create-throws'), 0.5), identifier: 'com.example.create-throws' },
    ];
    const tone = sine(1, 440, 0.25);
    const clean = await withEdits(simpleSession([track('a'), track('b')]), { a: [tone], b: [tone] }, [], 1);
    const withBroken = await withEdits(
      simpleSession([track('a', { inserts: broken }), track('b')]),
      { a: [tone], b: [tone] },
      [],
      1,
    );
    expect(withBroken.placeholders.map((p) => p.code)).toEqual(['not-found', 'not-a-wam', 'create-failed']);
    // Placeholders pass audio straight through: the same render as without them.
    expect(differenceDb(withBroken.channels, clean.channels)).toBe(Number.NEGATIVE_INFINITY);
    expect(withBroken.saved.tracks[0].inserts).toEqual(broken);
  });

  it('bypasses a chain at matched loudness: A and B read the same integrated loudness', async () => {
    // +6 dB of output gain and a bright shelf: clearly louder, not just a gain.
    const louder = lathePluginSlot('audio.lathe.eq', { outputGain: 6, band7Gain: 4 }, base);
    const doc = simpleSession([track('music', { inserts: [louder] })]);
    const music = testSources(SAMPLE_RATE, 6).get('drums')![0];
    const result = await host.page.evaluate(
      ({ doc, sources, options }) =>
        (window as unknown as SessionWindow).sessionTools.renderMatchedBypass(
          doc as SessionDoc,
          sources,
          'music',
          3,
          options,
        ),
      { doc: doc as unknown, sources: { music: [Array.from(music)] }, options: { ...options, seconds: 6 } },
    );
    expect(result.difference).toBeGreaterThan(6);
    // The same material through A (to 3 s) and B (from 3.1 s): the source's own change carries over,
    // the switch adds none.
    const segment = (channels: readonly ArrayLike<number>[], from: number, to: number) =>
      channels.map((channel) =>
        Float32Array.from(
          Array.prototype.slice.call(channel, from * SAMPLE_RATE, to * SAMPLE_RATE) as number[],
        ),
      );
    const loudness = (channels: readonly ArrayLike<number>[], from: number, to: number) =>
      measureLoudness(segment(channels, from, to), SAMPLE_RATE).integrated;
    const a = loudness(result.channels, 0, 3) - loudness([music], 0, 3);
    const b = loudness(result.channels, 3.1, 6) - loudness([music], 3.1, 6);
    console.log(
      `[host] matched bypass: the chain adds ${result.difference?.toFixed(2)} LU; A − source ${a.toFixed(2)}, B − source ${b.toFixed(2)} LU`,
    );
    expect(Math.abs(b - a)).toBeLessThan(0.5);
  });
});
