import { descriptor as compDescriptor } from '@lathe/plugin-comp';
import { descriptor as eqDescriptor, eqParams } from '@lathe/plugin-eq';
import { descriptor as limiterDescriptor } from '@lathe/plugin-limiter';
import { descriptor as meterDescriptor, TARGETS } from '@lathe/plugin-meter';
import { describe, expect, it } from 'vitest';
import {
  chainPreset,
  defaultMasterChain,
  emptySession,
  FACTORY_CHAIN_PRESETS,
  lathePluginSlot,
  sessionPreset,
} from './factory.ts';
import { findLathePlugin, LATHE_PLUGINS, lathePluginUrl } from './lathe-plugins.ts';
import { parsePreset } from './parse.ts';
import { BASE_URL, presetError } from './test-support.ts';

type StateOf = { version: number; parameters: Record<string, number | boolean | string> };
const parametersOf = (state: unknown) => (state as StateOf).parameters;

// The delivery targets as loudness.md states them, independently of the meter's table:
// destination → [meter target, true-peak maximum in dB].
const DELIVERY: Record<string, [string, number]> = {
  streaming: ['spotify', -1],
  'apple-music': ['appleMusic', -1],
  podcast: ['applePodcasts', -1],
  'ebu-r128': ['ebuR128', -1],
  'acx-audiobook': ['acx', -3],
  club: ['spotify', -2], // Spotify: ≤ −2 dBTP when louder than −14 LUFS
};

describe('Lathe plugin table', () => {
  it('matches each plugin package: identifier, name, version, parameters', () => {
    const descriptors = [eqDescriptor, compDescriptor, limiterDescriptor, meterDescriptor];
    expect(Object.keys(LATHE_PLUGINS)).toEqual(descriptors.map((d) => d.identifier));
    for (const descriptor of descriptors) {
      const plugin = findLathePlugin(descriptor.identifier);
      expect(plugin).toMatchObject({ name: descriptor.name, version: descriptor.version });
    }
    expect(LATHE_PLUGINS['audio.lathe.eq'].params).toBe(eqParams);
    expect(findLathePlugin('com.example.reverb')).toBeUndefined();
    expect(findLathePlugin('toString')).toBeUndefined(); // own keys only
  });

  it('resolves default paths against a base folder', () => {
    expect(lathePluginUrl('audio.lathe.eq', 'https://x.example/plugins/')).toBe(
      'https://x.example/plugins/eq/index.js',
    );
    expect(lathePluginUrl('audio.lathe.meter', new URL('http://127.0.0.1:5173/plugins/'))).toBe(
      'http://127.0.0.1:5173/plugins/meter/index.js',
    );
  });
});

describe('factory mastering chains', () => {
  it('cover every delivery target of the issue, each once', () => {
    expect(FACTORY_CHAIN_PRESETS.map((preset) => preset.id)).toEqual(Object.keys(DELIVERY));
  });

  for (const factory of FACTORY_CHAIN_PRESETS) {
    it(`${factory.id}: validates, runs EQ → compressor → limiter → meter, and meets its target`, () => {
      const { preset, warnings } = parsePreset(factory.preset(BASE_URL));
      expect(warnings).toEqual([]);
      expect(preset.kind).toBe('chain');
      expect(preset.name).toBe(factory.name);
      const chain = preset.chain!;
      expect(chain.map((slot) => slot.identifier)).toEqual([
        'audio.lathe.eq',
        'audio.lathe.comp',
        'audio.lathe.limiter',
        'audio.lathe.meter',
      ]);
      for (const slot of chain) {
        const plugin = findLathePlugin(slot.identifier)!;
        expect(slot.version).toBe(plugin.version);
        expect(slot.url).toBe(new URL(plugin.path, BASE_URL).href);
        expect(slot.bypass).toBe(false);
      }

      const [meterTarget, truePeakMax] = DELIVERY[factory.id];
      const limiter = parametersOf(chain[2].state);
      const meter = parametersOf(chain[3].state);
      expect(meter.target).toBe(meterTarget);
      expect(factory.target).toBe(meterTarget);
      expect(limiter.ceiling).toBe(truePeakMax);
      expect(factory.ceiling).toBe(truePeakMax);
      expect(limiter.truePeak).toBe(true);

      // The same ceiling from the meter's own target table.
      const target = TARGETS[factory.target];
      const loud =
        target.loudPeakRule !== null &&
        factory.loudness !== null &&
        factory.loudness > target.loudPeakRule.above;
      expect(limiter.ceiling).toBe(loud ? target.loudPeakRule?.ceiling : target.peakCeiling);
      if (target.integrated !== null && factory.id !== 'club')
        expect(factory.loudness).toBe(target.integrated);

      // Gentle: no EQ move over 2 dB, at most 3:1, no makeup gain hiding in the compressor.
      const eq = parametersOf(chain[0].state);
      for (let band = 1; band <= 8; band++)
        expect(Math.abs(eq[`band${band}Gain`] as number)).toBeLessThanOrEqual(2);
      const comp = parametersOf(chain[1].state);
      expect(comp.ratio).toBeLessThanOrEqual(3);
      expect(comp.makeup).toBe(0);
      expect(comp.mix).toBe(100);
    });
  }

  it('uses the streaming chain as the default master', () => {
    const streaming = FACTORY_CHAIN_PRESETS.find((preset) => preset.id === 'streaming')!;
    expect(defaultMasterChain(BASE_URL)).toEqual(streaming.chain(BASE_URL));
    const session = { ...emptySession(), master: { inserts: defaultMasterChain(BASE_URL) } };
    expect(parsePreset(sessionPreset('New', session)).warnings).toEqual([]);
  });
});

describe('builders', () => {
  it('builds an empty session that validates as it is', () => {
    const preset = sessionPreset('Empty', emptySession());
    expect(parsePreset(preset)).toEqual({ preset, warnings: [] });
  });

  it('builds a Lathe slot from a few readable settings over the defaults', () => {
    const slot = lathePluginSlot(
      'audio.lathe.comp',
      { ratio: 3, detector: 'rms', autoMakeup: true },
      BASE_URL,
      {
        sidechain: 'kick',
        bypass: true,
      },
    );
    expect(slot).toMatchObject({
      identifier: 'audio.lathe.comp',
      version: LATHE_PLUGINS['audio.lathe.comp'].version,
      url: `${BASE_URL}comp/index.js`,
      bypass: true,
      sidechain: 'kick',
    });
    const parameters = parametersOf(slot.state);
    expect(parameters).toMatchObject({ ratio: 3, detector: 'rms', autoMakeup: true, threshold: -18 });
    expect(parsePreset(chainPreset('One', [{ ...slot, sidechain: undefined }])).warnings).toEqual([]);
  });

  it('refuses settings out of range or of the wrong kind instead of clamping them', () => {
    const error = presetError(() => lathePluginSlot('audio.lathe.limiter', { ceiling: 3 }, BASE_URL));
    expect(error.message).toBe(
      'Settings for Lathe Limiter are not valid (a builder neither clamps nor ignores them):\n' +
        'state.parameters: Parameter "ceiling": 3 clamped to 0',
    );
    // The types refuse both of these; the run time does too, for callers without types.
    const unknownParameter = () =>
      // @ts-expect-error: the compressor has no parameter "drive"
      lathePluginSlot('audio.lathe.comp', { drive: 2 }, BASE_URL);
    expect(presetError(unknownParameter).issues[0].message).toBe('Unknown parameter "drive" ignored');
    const unknownChoice = () =>
      // @ts-expect-error: a choice takes one of its names
      lathePluginSlot('audio.lathe.meter', { target: 'vinyl' }, BASE_URL);
    expect(unknownChoice).toThrow(/not a valid choice/);
  });
});
