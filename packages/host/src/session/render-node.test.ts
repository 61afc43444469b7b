import { describe, expect, it } from 'vitest';
import { fourTrackSession, simpleSession, testSources, track } from '../../test/support/session-tools.ts';
import { lathePluginSlot } from '../presets/index.ts';
import { renderInNode } from './render-node.ts';

const BASE = 'https://app.example/plugins/';

describe('renderInNode', () => {
  it('keeps a track through the limiter sample-aligned with a dry track', async () => {
    const impulse = new Float32Array(4800);
    impulse[1000] = 0.1;
    const doc = simpleSession([
      track('dry'),
      track('limited', { inserts: [lathePluginSlot('audio.lathe.limiter', { lookahead: 5 }, BASE)] }),
    ]);
    const render = await renderInNode(doc, {
      sampleRate: 48_000,
      assets: new Map([
        ['dry', [impulse]],
        ['limited', [impulse]],
      ]),
    });
    expect(render.latency).toBe(240 + 35);
    // Both impulses land on sample 1000 exactly: one sample of 0.2, nothing elsewhere.
    for (const channel of render.channels) {
      expect(channel[1000]).toBeCloseTo(0.2, 7);
      expect(channel.reduce((n, v, i) => (i !== 1000 && v !== 0 ? n + 1 : n), 0)).toBe(0);
    }
  });

  it('applies fader, balance and polarity by the strip law, mono sources on both sides', async () => {
    const tone = Float32Array.from({ length: 960 }, (_, i) => Math.sin(i / 7));
    const doc = simpleSession([track('a', { gainDb: -6, pan: 0.5, invert: true })]);
    const render = await renderInNode(doc, { sampleRate: 48_000, assets: new Map([['a', [tone]]]) });
    const g = 10 ** (-6 / 20);
    const theta = ((0.5 + 1) * Math.PI) / 4;
    const left = -g * Math.min(1, Math.SQRT2 * Math.cos(theta));
    const right = -g * Math.min(1, Math.SQRT2 * Math.sin(theta));
    for (let i = 0; i < tone.length; i++) {
      expect(render.channels[0][i]).toBeCloseTo(left * tone[i], 6);
      expect(render.channels[1][i]).toBeCloseTo(right * tone[i], 6);
    }
  });

  it('refuses a foreign plugin by name, and renders the four-track session to the end', async () => {
    const foreign = simpleSession([
      track('x', {
        inserts: [
          {
            identifier: 'com.example.gain',
            version: '1',
            url: 'https://x.example/index.js',
            state: null,
            bypass: false,
          },
        ],
      }),
    ]);
    await expect(
      renderInNode(foreign, { sampleRate: 48_000, assets: new Map(), duration: 1 }),
    ).rejects.toThrow('"com.example.gain" is not a Lathe plugin; only Lathe plugins render in Node');
    const sources = testSources(48_000, 2);
    let progress = 0;
    const render = await renderInNode(fourTrackSession(BASE), {
      sampleRate: 48_000,
      assets: sources,
      onProgress: (fraction) => {
        progress = fraction;
      },
    });
    expect(progress).toBe(1);
    expect(render.channels[0].length).toBe(96_000);
    expect(
      render.channels.every((channel) => channel.some((v) => v !== 0) && channel.every(Number.isFinite)),
    ).toBe(true);
  });
});
