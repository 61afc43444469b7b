// Factory presets and builders: mastering chains (EQ → compressor → limiter → meter) for the
// delivery targets of the meter's target table, an empty session, and a typed way to build a slot
// for a Lathe plugin from a few parameter values.
import type { BooleanParamSpec, ChoiceParamSpec, ParamId } from '@lathe/plugin-kit';
import { encodeState, validateParamValues } from '@lathe/plugin-kit';
import { TARGETS, type TargetId } from '@lathe/plugin-meter';
import { PresetError } from './errors.ts';
import { LATHE_PLUGINS, type LatheIdentifier, type LatheParams, lathePluginUrl } from './lathe-plugins.ts';
import {
  FORMAT_ID,
  FORMAT_VERSION,
  type PluginSlotDoc,
  type PresetEnvelope,
  type SessionDoc,
} from './schema.ts';

/** A parameter value as people write it: numbers, booleans as booleans, choices by name. */
export type ReadableParamValue<S> =
  S extends ChoiceParamSpec<infer C> ? C : S extends BooleanParamSpec ? boolean : number;

/** Some of a Lathe plugin's parameters; the rest keep their defaults. */
export type LatheSettings<I extends LatheIdentifier> = {
  readonly [K in ParamId<LatheParams<I>>]?: ReadableParamValue<LatheParams<I>[K]>;
};

export interface LatheSlotOptions {
  bypass?: boolean;
  /** Id of the track or bus feeding the plugin's second input (the compressor's key). */
  sidechain?: string | null;
}

/**
 * A slot for a Lathe plugin at its installed version, its URL resolved against `baseUrl` (the
 * folder holding `eq/`, `comp/`, …) and a complete state: `settings` over the plugin's defaults.
 * @throws PresetError when a setting is out of range or not valid for its parameter (a
 *   programming error: builders do not clamp silently).
 */
export function lathePluginSlot<I extends LatheIdentifier>(
  identifier: I,
  settings: LatheSettings<I>,
  baseUrl: string | URL,
  options: LatheSlotOptions = {},
): PluginSlotDoc {
  const plugin = LATHE_PLUGINS[identifier];
  const { values, warnings } = validateParamValues(plugin.params, settings);
  if (warnings.length > 0) {
    throw new PresetError(
      'invalid',
      warnings.map((warning) => ({ path: 'state.parameters', message: warning })),
      `Settings for ${plugin.name} are not valid (a builder neither clamps nor ignores them):`,
    );
  }
  const { version, parameters } = encodeState(plugin.params, values);
  const slot: PluginSlotDoc = {
    identifier,
    version: plugin.version,
    url: lathePluginUrl(identifier, baseUrl),
    state: { version, parameters },
    bypass: options.bypass ?? false,
  };
  if (options.sidechain !== undefined) slot.sidechain = options.sidechain;
  return slot;
}

/** A preset holding one plugin. */
export function pluginPreset(name: string, plugin: PluginSlotDoc): PresetEnvelope {
  return { format: FORMAT_ID, version: FORMAT_VERSION, kind: 'plugin', name, plugin };
}

/** A preset holding a chain of plugins, first to last. */
export function chainPreset(name: string, chain: PluginSlotDoc[]): PresetEnvelope {
  return { format: FORMAT_ID, version: FORMAT_VERSION, kind: 'chain', name, chain };
}

/** A preset holding a whole session. */
export function sessionPreset(name: string, session: SessionDoc): PresetEnvelope {
  return { format: FORMAT_ID, version: FORMAT_VERSION, kind: 'session', name, session };
}

/** A session with no tracks, no buses, the mix at 0 dB and an empty master chain. */
export function emptySession(): SessionDoc {
  return { tracks: [], buses: [], mix: { gainDb: 0, inserts: [] }, master: { inserts: [] } };
}

export interface FactoryChainPreset {
  /** Stable id, e.g. `streaming`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The meter's delivery target (`TARGETS` of @lathe/plugin-meter). */
  readonly target: TargetId;
  /** The integrated loudness the chain is set up for, LUFS; null where the target measures RMS. */
  readonly loudness: number | null;
  /** The limiter's ceiling, dBTP: the target's peak maximum at that loudness. */
  readonly ceiling: number;
  /** The chain EQ → compressor → limiter → meter; URLs resolved against `baseUrl`. */
  chain(baseUrl: string | URL): PluginSlotDoc[];
  /** The chain as a chain preset named {@link name}. */
  preset(baseUrl: string | URL): PresetEnvelope;
}

// The target's peak maximum; Spotify asks −2 dBTP instead of −1 of masters louder than −14 LUFS.
// A true-peak ceiling also satisfies a sample-peak limit (ACX): a sample never exceeds the true peak.
function deliveryCeiling(target: TargetId, loudness: number | null): number {
  const { loudPeakRule, peakCeiling } = TARGETS[target];
  return loudPeakRule !== null && loudness !== null && loudness > loudPeakRule.above
    ? loudPeakRule.ceiling
    : peakCeiling;
}

interface ChainSettings {
  eq: LatheSettings<'audio.lathe.eq'>;
  comp: LatheSettings<'audio.lathe.comp'>;
  /** Drive into the limiter; the ceiling comes from the target. */
  limiterInputGain: number;
}

// Music: a 24 dB/oct cut under 25 Hz (subsonics only eat limiter headroom) and half a dB of air;
// 2:1 RMS glue with a wide knee and a 90 Hz sidechain filter so the bass does not pump.
const MUSIC_EQ: ChainSettings['eq'] = {
  band1Enabled: true,
  band1Type: 'lowCut',
  band1Frequency: 25,
  band1Slope: '24',
  band7Frequency: 12_000,
  band7Gain: 0.5,
};
const MUSIC_COMP: ChainSettings['comp'] = {
  threshold: -18,
  ratio: 2,
  knee: 6,
  attack: 30,
  release: 200,
  detector: 'rms',
  sidechainHighpass: 90,
};

// Speech: cut rumble and handling noise under the voice (80 Hz), a little less mud, a little more
// presence; 3:1 RMS levelling with a fast attack so words sit evenly.
const SPEECH_EQ: ChainSettings['eq'] = {
  band1Enabled: true,
  band1Type: 'lowCut',
  band1Frequency: 80,
  band1Slope: '24',
  band3Frequency: 250,
  band3Gain: -1.5,
  band5Frequency: 3000,
  band5Gain: 1.5,
};
const SPEECH_COMP: ChainSettings['comp'] = {
  threshold: -24,
  ratio: 3,
  knee: 6,
  attack: 5,
  release: 120,
  detector: 'rms',
  sidechainHighpass: 80,
};

// Broadcast keeps its dynamics: 1.5:1 with a 10 dB knee, the limiter only as a safety.
const BROADCAST_EQ: ChainSettings['eq'] = {
  band1Enabled: true,
  band1Type: 'lowCut',
  band1Frequency: 30,
  band1Slope: '24',
};
const BROADCAST_COMP: ChainSettings['comp'] = {
  threshold: -24,
  ratio: 1.5,
  knee: 10,
  attack: 20,
  release: 250,
  detector: 'rms',
  sidechainHighpass: 60,
};

function factoryChain(
  id: string,
  name: string,
  description: string,
  target: TargetId,
  loudness: number | null,
  settings: ChainSettings,
): FactoryChainPreset {
  const ceiling = deliveryCeiling(target, loudness);
  const chain = (baseUrl: string | URL): PluginSlotDoc[] => [
    lathePluginSlot('audio.lathe.eq', settings.eq, baseUrl),
    lathePluginSlot('audio.lathe.comp', settings.comp, baseUrl),
    lathePluginSlot(
      'audio.lathe.limiter',
      { inputGain: settings.limiterInputGain, ceiling, autoRelease: true, truePeak: true },
      baseUrl,
    ),
    lathePluginSlot('audio.lathe.meter', { target }, baseUrl),
  ];
  return {
    id,
    name,
    description,
    target,
    loudness,
    ceiling,
    chain,
    preset: (baseUrl) => chainPreset(name, chain(baseUrl)),
  };
}

const STREAMING = factoryChain(
  'streaming',
  'Streaming master (−14 LUFS, −1 dBTP)',
  'Spotify, YouTube, TIDAL and Amazon Music play at −14 LUFS; the limiter holds −1 dBTP.',
  'spotify',
  -14,
  { eq: MUSIC_EQ, comp: MUSIC_COMP, limiterInputGain: 4 },
);

/**
 * Mastering chains for the delivery targets in loudness.md. Settings are gentle starting points:
 * the limiter's input gain sets the loudness and depends on the programme, so adjust it while
 * watching the meter, which is already set to the target.
 */
export const FACTORY_CHAIN_PRESETS: readonly FactoryChainPreset[] = [
  STREAMING,
  factoryChain(
    'apple-music',
    'Apple Music master (−16 LUFS, −1 dBTP)',
    'Apple Music Sound Check plays at about −16 LUFS; keeps a little more dynamics than streaming.',
    'appleMusic',
    -16,
    { eq: MUSIC_EQ, comp: MUSIC_COMP, limiterInputGain: 2 },
  ),
  factoryChain(
    'podcast',
    'Podcast master (−16 LUFS, −1 dBTP)',
    'Apple Podcasts delivery: −16 LUFS ±1, true peak at most −1 dBTP; voice-focused EQ and levelling.',
    'applePodcasts',
    -16,
    { eq: SPEECH_EQ, comp: SPEECH_COMP, limiterInputGain: 3 },
  ),
  factoryChain(
    'ebu-r128',
    'Broadcast EBU R128 (−23 LUFS, −1 dBTP)',
    'EBU R128: −23 LUFS ±0.5, true peak at most −1 dBTP; light compression, the limiter as a safety.',
    'ebuR128',
    -23,
    { eq: BROADCAST_EQ, comp: BROADCAST_COMP, limiterInputGain: 0 },
  ),
  factoryChain(
    'acx-audiobook',
    'ACX audiobook (RMS −23 … −18 dB, −3 dB peak)',
    'ACX/Audible: RMS between −23 and −18 dBFS, peaks at most −3 dBFS, noise floor at most −60 dBFS.',
    'acx',
    null,
    { eq: SPEECH_EQ, comp: SPEECH_COMP, limiterInputGain: 0 },
  ),
  factoryChain(
    'club',
    'Club / loud master (≈ −8 LUFS, −2 dBTP)',
    'Loud masters (about −9 … −6 LUFS) for DJs and clubs; streaming turns them down, and Spotify asks ' +
      '−2 dBTP of masters louder than −14 LUFS, so the limiter holds −2 dBTP. Metered against Spotify.',
    'spotify',
    -8,
    { eq: MUSIC_EQ, comp: MUSIC_COMP, limiterInputGain: 8 },
  ),
];

/** The streaming mastering chain (−14 LUFS, −1 dBTP): what a new session's master starts with. */
export function defaultMasterChain(baseUrl: string | URL): PluginSlotDoc[] {
  return STREAMING.chain(baseUrl);
}
