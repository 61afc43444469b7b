// Shared by the preset tests beside this file (not exported from the package): a realistic session
// preset and small helpers.
import { expect } from 'vitest';
import { PresetError } from './errors.ts';
import { defaultMasterChain, lathePluginSlot, sessionPreset } from './factory.ts';
import type { JsonValue, PluginSlotDoc, PresetEnvelope } from './schema.ts';

export const BASE_URL = 'https://lathe.example/plugins/';

/** A foreign (non-Lathe) plugin: its state is opaque JSON. */
export function foreignReverb(): PluginSlotDoc {
  return {
    identifier: 'com.example.reverb',
    version: '2.1.0',
    url: 'https://plugins.example.com/reverb/index.js',
    state: { mix: 0.3, room: { size: 'large', reflections: [0.1, 0.25, -0.5] }, presetName: null },
    bypass: false,
    integrity: 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
  };
}

/**
 * Kick and bass into a drum bus, vocals with a send to a reverb bus, the bass compressor keyed by
 * the kick, a mix insert and the streaming mastering chain on the master.
 */
export function sampleSessionPreset(): PresetEnvelope {
  return sessionPreset('Demo session', {
    sampleRate: 48_000,
    tracks: [
      {
        id: 'kick',
        name: 'Kick',
        source: { asset: 'asset-kick', name: 'kick.wav' },
        gainDb: -3,
        pan: 0,
        mute: false,
        solo: false,
        invert: false,
        output: 'drums',
        sends: [],
        inserts: [lathePluginSlot('audio.lathe.eq', { band2Gain: 2 }, BASE_URL)],
      },
      {
        id: 'bass',
        name: 'Bass',
        source: { asset: 'asset-bass' },
        gainDb: -6,
        pan: -0.1,
        mute: false,
        solo: false,
        invert: true,
        output: 'drums',
        sends: [],
        inserts: [
          lathePluginSlot('audio.lathe.comp', { sidechainSource: 'external', ratio: 4 }, BASE_URL, {
            sidechain: 'kick',
          }),
        ],
      },
      {
        id: 'vocal',
        name: 'Vocal',
        source: null,
        gainDb: 0,
        pan: 0.2,
        mute: false,
        solo: true,
        invert: false,
        output: 'mix',
        sends: [{ bus: 'verb', gainDb: -12, preFader: false }],
        inserts: [],
      },
    ],
    buses: [
      {
        id: 'drums',
        name: 'Drums',
        gainDb: -1.5,
        pan: 0,
        mute: false,
        solo: false,
        output: 'mix',
        sends: [{ bus: 'verb', gainDb: -20, preFader: true }],
        inserts: [],
      },
      {
        id: 'verb',
        name: 'Reverb',
        gainDb: -4,
        pan: 0,
        mute: false,
        solo: false,
        output: 'mix',
        sends: [],
        inserts: [foreignReverb()],
      },
    ],
    mix: { gainDb: -0.5, inserts: [lathePluginSlot('audio.lathe.eq', { band7Gain: 1 }, BASE_URL)] },
    master: { inserts: defaultMasterChain(BASE_URL) },
  });
}

/** A deep copy as plain JSON (what a file or link would carry). */
export function asJson(preset: PresetEnvelope): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(preset));
}

/** Runs `read` and returns the PresetError it must throw. */
export function presetError(read: () => unknown): PresetError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(PresetError);
    return error as PresetError;
  }
  throw new Error('expected a PresetError, but nothing was thrown');
}

/** Every object key anywhere in a value; throws if any object or array is not plain. */
export function walkKeys(value: unknown, keys: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return keys;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) {
    throw new Error(`not plain data: an object with prototype ${String(prototype)}`);
  }
  if (Array.isArray(value)) {
    for (const item of value) walkKeys(item, keys);
    return keys;
  }
  for (const key of Reflect.ownKeys(value)) {
    keys.push(String(key));
    walkKeys((value as Record<PropertyKey, unknown>)[key], keys);
  }
  return keys;
}
