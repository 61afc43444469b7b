// Lathe Strip instances as the session uses them: the fader of every route, and the delay line of
// every compensated path. Settings move through the strip's own ramps, so changes never click.
import type { LoadedPlugin, PluginLoader, PluginPlaceholder } from '../plugins/index.ts';
import type { StripSettings } from './plan.ts';

export const STRIP_IDENTIFIER = 'audio.lathe.strip';

/** The strip's state for these settings (its parameter ids: gain, pan, mute, invert, delay). */
export function stripState(settings: StripSettings) {
  return {
    version: 1,
    parameters: {
      gain: settings.gainDb,
      pan: settings.pan,
      mute: settings.mute,
      invert: settings.invert,
      delay: settings.delay,
    },
  };
}

export const UNITY: StripSettings = { gainDb: 0, pan: 0, mute: false, invert: false, delay: 0 };

export class Strip {
  private constructor(
    private readonly plugin: LoadedPlugin,
    private settings: StripSettings,
  ) {}

  static async load(
    context: BaseAudioContext,
    loader: PluginLoader,
    url: string,
    settings: StripSettings,
  ): Promise<Strip> {
    const loaded: LoadedPlugin | PluginPlaceholder = await loader.load(context, {
      url,
      identifier: STRIP_IDENTIFIER,
      state: stripState(settings),
    });
    // Without its strips a session cannot route audio at all: this one is not contained.
    if (loaded.kind !== 'loaded') throw loaded.error;
    return new Strip(loaded, { ...settings });
  }

  get node(): AudioNode {
    return this.plugin.node;
  }

  get current(): StripSettings {
    return this.settings;
  }

  /** Moves to new settings (ramped by the strip; a delay change crossfades). */
  set(settings: StripSettings): void {
    const before = this.settings;
    const changed: Record<string, { id: string; value: number; normalized: false }> = {};
    const put = (id: string, value: number) => {
      changed[id] = { id, value, normalized: false };
    };
    if (settings.gainDb !== before.gainDb) put('gain', settings.gainDb);
    if (settings.pan !== before.pan) put('pan', settings.pan);
    if (settings.mute !== before.mute) put('mute', settings.mute ? 1 : 0);
    if (settings.invert !== before.invert) put('invert', settings.invert ? 1 : 0);
    if (settings.delay !== before.delay) put('delay', settings.delay);
    this.settings = { ...settings };
    if (Object.keys(changed).length > 0) void this.plugin.node.setParameterValues(changed);
  }

  destroy(): void {
    this.plugin.destroy();
  }
}
