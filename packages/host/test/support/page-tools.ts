// Helpers bundled into the test page (they run in the browser, next to the host library), so
// tests' page.evaluate callbacks stay short. Exposed as `window.pageTools`.
import type { LoadedPlugin, PluginDescriptor, PluginPlaceholder } from '../../src/plugins/index.ts';

/** A load result as plain data, to bring back to Node. */
export type LoadSummary =
  | {
      kind: 'loaded';
      url: string;
      identifier: string;
      version: string | undefined;
      integrity: string | undefined;
      descriptor: PluginDescriptor | null;
      warnings: string[];
    }
  | {
      kind: 'placeholder';
      url: string;
      identifier: string | undefined;
      version: string | undefined;
      integrity: string | undefined;
      state: unknown;
      error: { name: string; code: string; url: string; message: string };
    };

export function summarize(result: LoadedPlugin | PluginPlaceholder): LoadSummary {
  if (result.kind === 'loaded') {
    const { kind, url, identifier, version, integrity, descriptor, warnings } = result;
    return { kind, url, identifier, version, integrity, descriptor, warnings: [...warnings] };
  }
  const { kind, url, identifier, version, integrity, state, error } = result;
  return {
    kind,
    url,
    identifier,
    version,
    integrity,
    state,
    error: { name: error.name, code: error.code, url: error.url, message: error.message },
  };
}

/** A sine of `frequency` Hz at `amplitude`, `length` samples long. */
export function sine(length: number, sampleRate: number, frequency: number, amplitude: number): Float32Array {
  const samples = new Float32Array(length);
  for (let i = 0; i < length; i++)
    samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return samples;
}

/**
 * Plays `input` (one array per channel) through `chain` (connected in series) to the destination
 * of `context` and renders it; returns the destination's channels.
 */
export async function renderChain(
  context: OfflineAudioContext,
  input: readonly Float32Array[],
  chain: readonly AudioNode[],
): Promise<Float32Array[]> {
  const buffer = context.createBuffer(input.length, context.length, context.sampleRate);
  input.forEach((channel, c) => {
    buffer.copyToChannel(channel.slice(0, context.length), c);
  });
  const source = new AudioBufferSourceNode(context, { buffer });
  let last: AudioNode = source;
  for (const node of chain) last = last.connect(node);
  last.connect(context.destination);
  source.start();
  const rendered = await context.startRendering();
  return Array.from({ length: rendered.numberOfChannels }, (_, c) => rendered.getChannelData(c));
}

/** The largest |actual[i] − expected[i]| over all channels. */
export function maxDifference(actual: readonly Float32Array[], expected: readonly Float32Array[]): number {
  let worst = 0;
  expected.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) worst = Math.max(worst, Math.abs(actual[c][i] - channel[i]));
  });
  return worst;
}

/** The largest |sample| over all channels. */
export function peak(channels: readonly Float32Array[]): number {
  let largest = 0;
  for (const channel of channels) for (const sample of channel) largest = Math.max(largest, Math.abs(sample));
  return largest;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
