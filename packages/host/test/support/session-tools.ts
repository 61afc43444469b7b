// Session test material, identical in Node and in the page (bundled there as `window.sessionTools`):
// seeded sources, a four-track session document, and renders that return plain arrays.
import { programme } from '@lathe/dsp/test-signals';
import {
  lathePluginSlot,
  PluginLoader,
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

export interface PageRenderOptions {
  lathePlugins: Record<string, string>;
  sampleRate: number;
  seconds: number;
}

const loaderFor = (lathePlugins: Record<string, string>) =>
  new PluginLoader({ lathePlugins, approve: () => true, timeoutMs: 3000 });

function buffersFor(sampleRate: number, seconds: number): Map<string, AudioBuffer> {
  const buffers = new Map<string, AudioBuffer>();
  for (const [id, channels] of testSources(sampleRate, seconds)) {
    const buffer = new AudioBuffer({
      length: channels[0].length,
      numberOfChannels: channels.length,
      sampleRate,
    });
    channels.forEach((channel, c) => {
      buffer.copyToChannel(channel, c);
    });
    buffers.set(id, buffer);
  }
  return buffers;
}

const plain = (render: SessionRender) => ({
  channels: render.channels.map((channel) => Array.from(channel)),
  latency: render.latency,
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
  const placeholders = [...saved.tracks, ...saved.buses].flatMap((lane) =>
    session
      .slots(lane.id)
      .filter((slot) => slot.plugin.kind === 'placeholder')
      .map((slot) => ({
        lane: lane.id,
        url: slot.doc.url,
        code: slot.plugin.kind === 'placeholder' ? slot.plugin.error.code : '',
      })),
  );
  session.destroy();
  return { channels, latency: session.latency, saved, placeholders };
}
