// The session the app opens with: the generated song's five stems on tracks with a starting mix
// (a little compression on the drums and voice, the voice's low end cleaned up), and the streaming
// mastering chain (EQ → compressor → limiter → meter at −14 LUFS, −1 dBTP) on the master.
import {
  defaultMasterChain,
  lathePluginSlot,
  MIX_ID,
  type PluginSlotDoc,
  type SessionDoc,
  type TrackDoc,
} from '@lathe/host';
import { DEFAULT_SONG_STEMS } from '../song/index.ts';
import { songAssetId } from './assets.ts';
import { PLUGINS_BASE } from './plugins.ts';

type TrackSettings = Pick<TrackDoc, 'gainDb' | 'pan' | 'inserts'>;

function startingMix(stemId: string): TrackSettings {
  switch (stemId) {
    case 'drums':
      return {
        gainDb: 0.5,
        pan: 0,
        inserts: [
          lathePluginSlot(
            'audio.lathe.comp',
            { threshold: -20, ratio: 4, attack: 10, release: 120 },
            PLUGINS_BASE,
          ),
        ],
      };
    case 'bass':
      return { gainDb: -0.5, pan: 0, inserts: [] };
    case 'chords':
      return { gainDb: -2.5, pan: -0.15, inserts: [] };
    case 'lead':
      return { gainDb: -3.5, pan: 0.2, inserts: [] };
    case 'voice':
      return {
        gainDb: -0.5,
        pan: 0,
        inserts: [
          lathePluginSlot(
            'audio.lathe.eq',
            { band1Enabled: true, band1Type: 'lowCut', band1Frequency: 120, band1Slope: '24', band5Gain: 2 },
            PLUGINS_BASE,
          ),
          lathePluginSlot(
            'audio.lathe.comp',
            { threshold: -24, ratio: 3, attack: 5, release: 100 },
            PLUGINS_BASE,
          ),
        ],
      };
    default:
      return { gainDb: 0, pan: 0, inserts: [] };
  }
}

/**
 * The streaming chain (−14 LUFS), its limiter driven for this song and its ceiling at −1.5 dBTP:
 * delivered at 44.1 kHz, resampling raises true peaks by a few tenths of a dB, and the file must
 * still keep −1 dBTP. So the demo passes its target out of the box.
 */
function masterChain(): PluginSlotDoc[] {
  return defaultMasterChain(PLUGINS_BASE).map((slot) =>
    slot.identifier === 'audio.lathe.limiter'
      ? lathePluginSlot(
          'audio.lathe.limiter',
          { inputGain: 7, ceiling: -1.5, autoRelease: true, truePeak: true },
          PLUGINS_BASE,
        )
      : slot,
  );
}

export function defaultSession(): SessionDoc {
  return {
    tracks: DEFAULT_SONG_STEMS.map((stem) => ({
      id: stem.id,
      name: stem.name,
      source: { asset: songAssetId(stem.id), name: `${stem.name} (generated)` },
      mute: false,
      solo: false,
      invert: false,
      output: MIX_ID,
      sends: [],
      ...startingMix(stem.id),
    })),
    buses: [],
    mix: { gainDb: 0, inserts: [] },
    master: { inserts: masterChain() },
  };
}
