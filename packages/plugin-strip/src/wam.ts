// The WAM entry: dist/index.js default-exports this class.
import { definePlugin, type LatheNode, PROCESSOR_FILE } from '@lathe/plugin-kit/wam';
import { descriptor } from './descriptor.ts';
import { type StripParams, stripParams } from './params.ts';
import { stripTelemetry } from './telemetry.ts';

const StripPlugin = definePlugin({
  descriptor,
  params: stripParams,
  processorUrl: () => new URL(PROCESSOR_FILE, import.meta.url),
  loadGui: () => import('./gui/gui.tsx'),
  telemetrySize: stripTelemetry.size,
});

/**
 * A strip is always stereo: its input is mixed to two channels by Web Audio's speaker rules (mono
 * plays on both sides, 5.1 is downmixed), so balance works on a mono source and the output is stereo.
 */
class LatheStrip extends StripPlugin {
  override async createAudioNode(initialState?: unknown): Promise<LatheNode<StripParams>> {
    const node = await super.createAudioNode(initialState);
    node.channelCount = 2;
    node.channelCountMode = 'explicit';
    node.channelInterpretation = 'speakers';
    return node;
  }
}

export default LatheStrip;
