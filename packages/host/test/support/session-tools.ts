// Session test material, identical in Node and in the page (bundled there as `window.sessionTools`):
// seeded sources, a four-track session document, and renders that return plain arrays.
import { programme } from '@lathe/dsp/test-signals';
import {
  LoudnessMatch,
  lathePluginSlot,
  PluginLoader,
  type PluginSlotDoc,
  renderOffline,
  Session,
  type SessionDoc,
  type SessionRender,
} from '../../src/index.ts';

/** Asset id → channels: two stereo stems, a mono one, and a quiet stereo one, all seeded. */
export function testSources(sampleRate: number, seconds: number): Map<string, Float32Array[]> {
  return new Map([
    ['drums', programme(sampleRate, seconds, 11)],
    ['bass', [programme(sampleRate, seconds, 12)[0]]],
    ['pad', programme(sampleRate, seconds, 13, { maxLevel: -24 })],
    ['lead', programme(sampleRate, seconds, 14)],
  ]);
}

/**
 * Four tracks, a group bus with a send-fed effects bus, a sidechained compressor, every Lathe plugin
 * somewhere, and the default mastering chain. `extra` inserts go on the bass track (e.g. a
 * third-party plugin); `baseUrl` is where the Lathe plugin folders are served.
 */
export function fourTrackSession(
  baseUrl: string,
  extra: SessionDoc['tracks'][number]['inserts'] = [],
): SessionDoc {
  const slot = lathePluginSlot;
  return {
    tracks: [
      {
        id: 'drums',
        name: 'Drums',
        source: { asset: 'drums' },
        gainDb: -3,
        pan: 0,
        mute: false,
        solo: false,
        invert: false,
        output: 'group',
        sends: [{ bus: 'fx', gainDb: -12, preFader: false }],
        inserts: [slot('audio.lathe.comp', { threshold: -24, ratio: 3 }, baseUrl)],
      },
      {
        id: 'bass',
        name: 'Bass',
        source: { asset: 'bass' },
        gainDb: -2,
        pan: -0.3,
        mute: false,
        solo: false,
        invert: true,
        output: 'mix',
        sends: [],
        inserts: [
          slot('audio.lathe.eq', { band2Gain: 4 }, baseUrl),
          // Ducked by the drums: the compressor's external sidechain.
          slot('audio.lathe.comp', { sidechainSource: 'external', threshold: -30, ratio: 4 }, baseUrl, {
            sidechain: 'drums',
          }),
          ...extra,
        ],
      },
      {
        id: 'pad',
        name: 'Pad',
        source: { asset: 'pad' },
        gainDb: 0,
        pan: 0.4,
        mute: false,
        solo: false,
        invert: false,
        output: 'group',
        sends: [{ bus: 'fx', gainDb: -6, preFader: true }],
        inserts: [],
      },
      {
        id: 'lead',
        name: 'Lead',
        source: { asset: 'lead' },
        gainDb: -1,
        pan: 0.1,
        mute: false,
        solo: false,
        invert: false,
        output: 'mix',
        sends: [],
        inserts: [slot('audio.lathe.limiter', { lookahead: 5, inputGain: 6 }, baseUrl)],
      },
    ],
    buses: [
      {
        id: 'group',
        name: 'Group',
        gainDb: -1,
        pan: 0,
        mute: false,
        solo: false,
        output: 'mix',
        sends: [],
        inserts: [slot('audio.lathe.eq', { band7Gain: 2 }, baseUrl)],
      },
      {
        id: 'fx',
        name: 'FX',
        gainDb: -4,
        pan: 0,
        mute: false,
        solo: false,
        output: 'mix',
        sends: [],
        inserts: [slot('audio.lathe.limiter', { ceiling: -12, lookahead: 2 }, baseUrl)],
      },
    ],
    mix: { gainDb: -2, inserts: [] },
    master: {
      inserts: [
        slot('audio.lathe.eq', { band5Gain: -1 }, baseUrl),
        slot('audio.lathe.comp', {}, baseUrl),
        slot('audio.lathe.limiter', {}, baseUrl),
        slot('audio.lathe.meter', {}, baseUrl),
      ],
    },
  };
}

type TrackDoc = SessionDoc['tracks'][number];

/** A track playing asset `id` straight to the mix, with `extra` on top. */
export const track = (id: string, extra: Partial<TrackDoc> = {}): TrackDoc => ({
  id,
  name: id,
  source: { asset: id },
  gainDb: 0,
  pan: 0,
  mute: false,
  solo: false,
  invert: false,
  output: 'mix',
  sends: [],
  inserts: [],
  ...extra,
});

/** Tracks and nothing else: no buses, no mix or master inserts. */
export const simpleSession = (tracks: TrackDoc[]): SessionDoc => ({
  tracks,
  buses: [],
  mix: { gainDb: 0, inserts: [] },
  master: { inserts: [] },
});

export interface PageRenderOptions {
  lathePlugins: Record<string, string>;
  sampleRate: number;
  seconds: number;
}

const loaderFor = (lathePlugins: Record<string, string>) =>
  new PluginLoader({ lathePlugins, approve: () => true, timeoutMs: 3000 });

function buffersFor(sampleRate: number, seconds: number): Map<string, AudioBuffer> {
  return buffersOf(Object.fromEntries(testSources(sampleRate, seconds)), sampleRate);
}

/** AudioBuffers from plain arrays (asset id → channels). */
function buffersOf(
  sources: Record<string, readonly ArrayLike<number>[]>,
  sampleRate: number,
): Map<string, AudioBuffer> {
  const assets = new Map<string, AudioBuffer>();
  for (const [id, channels] of Object.entries(sources)) {
    const buffer = new AudioBuffer({
      length: channels[0].length,
      numberOfChannels: channels.length,
      sampleRate,
    });
    channels.forEach((channel, c) => {
      buffer.copyToChannel(Float32Array.from(channel), c);
    });
    assets.set(id, buffer);
  }
  return assets;
}

/** Every slot that failed to load: its lane, URL and error code. */
function placeholdersOf(session: Session, saved: SessionDoc) {
  return [...saved.tracks, ...saved.buses].flatMap((lane) =>
    session
      .slots(lane.id)
      .flatMap((slot) =>
        slot.plugin.kind === 'placeholder'
          ? [{ lane: lane.id, url: slot.doc.url, code: slot.plugin.error.code }]
          : [],
      ),
  );
}

const plain = (render: SessionRender) => ({
  channels: render.channels.map((channel) => Array.from(channel)),
  latency: render.latency,
  renderQuantum: render.renderQuantum,
  warnings: [...render.warnings],
});

/** renderOffline of `doc` over the test sources, as plain arrays. */
export async function renderInPage(doc: SessionDoc, options: PageRenderOptions) {
  const { lathePlugins, sampleRate, seconds } = options;
  const render = await renderOffline(doc, {
    loader: loaderFor(lathePlugins),
    stripUrl: lathePlugins['audio.lathe.strip'],
    assets: buffersFor(sampleRate, seconds),
    sampleRate,
  });
  return plain(render);
}

/** Renders `doc` in an OfflineAudioContext by hand, and returns the render and what toDoc() saved. */
export async function renderAndSave(doc: SessionDoc, options: PageRenderOptions) {
  const { lathePlugins, sampleRate, seconds } = options;
  const frames = Math.round(sampleRate * seconds);
  const context = new OfflineAudioContext(2, frames + sampleRate, sampleRate);
  const session = await Session.create(context, doc, {
    loader: loaderFor(lathePlugins),
    stripUrl: lathePlugins['audio.lathe.strip'],
    assets: buffersFor(sampleRate, seconds),
  });
  session.play(0);
  const rendered = await context.startRendering();
  const saved = await session.toDoc();
  const channels = [0, 1].map((c) =>
    Array.from(rendered.getChannelData(c).slice(session.latency, session.latency + frames)),
  );
  const placeholders = placeholdersOf(session, saved);
  session.destroy();
  return { channels, latency: session.latency, saved, placeholders };
}

/** An edit made while the session plays, `at` seconds into the render. */
export type LiveEdit =
  | { at: number; kind: 'bypass'; owner: string; index: number; bypass: boolean }
  | { at: number; kind: 'insert'; owner: string; index: number; slot: PluginSlotDoc }
  | { at: number; kind: 'remove'; owner: string; index: number }
  | { at: number; kind: 'move'; owner: string; from: number; to: number }
  | { at: number; kind: 'parameter'; owner: string; index: number; id: string; value: number };

/**
 * Renders `doc` over `sources` (asset id → channels) in an OfflineAudioContext, making `edits` as it
 * plays (the render is suspended at each edit's time, as a user's click would land mid-stream).
 * Returns the raw output (latency not trimmed: edits change it) and what toDoc() saved at the end.
 */
export async function renderWithEdits(
  doc: SessionDoc,
  sources: Record<string, number[][]>,
  edits: readonly LiveEdit[],
  options: PageRenderOptions,
) {
  const { lathePlugins, sampleRate, seconds } = options;
  const context = new OfflineAudioContext(2, Math.round(sampleRate * seconds), sampleRate);
  const assets = buffersOf(sources, sampleRate);
  const session = await Session.create(context, doc, {
    loader: loaderFor(lathePlugins),
    stripUrl: lathePlugins['audio.lathe.strip'],
    assets,
  });
  const latencies = [session.latency];
  for (const edit of edits) {
    void context.suspend(edit.at).then(async () => {
      if (edit.kind === 'bypass') session.setBypass(edit.owner, edit.index, edit.bypass);
      else if (edit.kind === 'insert') await session.insertPlugin(edit.owner, edit.index, edit.slot);
      else if (edit.kind === 'remove') await session.removePlugin(edit.owner, edit.index);
      else if (edit.kind === 'move') await session.movePlugin(edit.owner, edit.from, edit.to);
      else {
        const { plugin } = session.slots(edit.owner)[edit.index];
        if (plugin.kind !== 'loaded') throw new Error(`${edit.owner} slot ${edit.index} did not load`);
        await plugin.node.setParameterValues({
          [edit.id]: { id: edit.id, value: edit.value, normalized: false },
        });
        await session.refreshLatencies();
      }
      latencies.push(session.latency);
      await context.resume();
    });
  }
  session.play(0);
  const rendered = await context.startRendering();
  const saved = await session.toDoc();
  const placeholders = placeholdersOf(session, saved);
  session.destroy();
  return {
    channels: [0, 1].map((c) => Array.from(rendered.getChannelData(c))),
    latencies,
    saved,
    placeholders,
  };
}

/**
 * Plays `doc` with meters around `owner`'s chain; at `at` seconds reads the loudness the chain adds
 * and bypasses it matched by that much. Returns the output and the difference read.
 */
export async function renderMatchedBypass(
  doc: SessionDoc,
  sources: Record<string, number[][]>,
  owner: string,
  at: number,
  options: PageRenderOptions,
) {
  const { lathePlugins, sampleRate, seconds } = options;
  const context = new OfflineAudioContext(2, Math.round(sampleRate * seconds), sampleRate);
  const assets = buffersOf(sources, sampleRate);
  const session = await Session.create(context, doc, {
    loader: loaderFor(lathePlugins),
    stripUrl: lathePlugins['audio.lathe.strip'],
    assets,
  });
  const match = await LoudnessMatch.attach(session, owner, lathePlugins['audio.lathe.meter']);
  let difference = null as number | null;
  void context.suspend(at).then(async () => {
    difference = await match.difference();
    session.setChainBypass(owner, true, difference ?? 0);
    await context.resume();
  });
  session.play(0);
  const rendered = await context.startRendering();
  match.detach();
  session.destroy();
  return { channels: [0, 1].map((c) => Array.from(rendered.getChannelData(c))), difference };
}

/** Starts renderOffline of `doc` and cancels it at its first progress report. */
export async function cancelledRender(doc: SessionDoc, options: PageRenderOptions) {
  const { lathePlugins, sampleRate, seconds } = options;
  const controller = new AbortController();
  const progress: number[] = [];
  try {
    await renderOffline(doc, {
      loader: loaderFor(lathePlugins),
      stripUrl: lathePlugins['audio.lathe.strip'],
      assets: buffersFor(sampleRate, seconds),
      sampleRate,
      signal: controller.signal,
      onProgress: (fraction) => {
        progress.push(fraction);
        controller.abort();
      },
    });
    return { error: null, progress };
  } catch (error) {
    return { error: (error as Error).name, progress };
  }
}
