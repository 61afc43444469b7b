// Renders samples through a plugin loaded by URL in the foreign host's page, in an
// OfflineAudioContext, and brings the output back to Node for comparison with the kernel.
import { randomUUID } from 'node:crypto';
import type { ForeignHost } from './foreign-host.ts';

export interface OfflineRenderOptions {
  /** Plugin state passed to createInstance (as a host restoring a session would). */
  readonly state?: unknown;
  /** A signal for the plugin's second input (a compressor's external sidechain). */
  readonly sidechain?: readonly Float32Array[];
  /** Parameter values set through setParameterValues after creation (plain values). */
  readonly parameters?: Readonly<Record<string, number>>;
}

export interface OfflineRender {
  /** What came out of the plugin, one array per channel (length: the input's). */
  readonly output: Float32Array[];
  /** The plugin's telemetry frame after the render (empty when it reports none). */
  readonly frame: number[];
  /** getCompensationDelay() after creation, in samples. */
  readonly latency: number;
}

function toBytes(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export async function renderOffline(
  host: ForeignHost,
  pluginUrl: string,
  input: readonly Float32Array[],
  sampleRate: number,
  options: OfflineRenderOptions = {},
): Promise<OfflineRender> {
  const id = randomUUID();
  for (const [c, data] of input.entries()) host.hostServer.put(`/render/${id}/in/${c}.f32`, toBytes(data));
  for (const [c, data] of (options.sidechain ?? []).entries()) {
    host.hostServer.put(`/render/${id}/side/${c}.f32`, toBytes(data));
  }
  const result = await host.page.evaluate(
    async ({ pluginUrl, id, channels, sideChannels, sampleRate, state, parameters }) => {
      const w = window as unknown as {
        initializeWamHost(c: BaseAudioContext): Promise<[string]>;
        // biome-ignore lint/suspicious/noExplicitAny: the WAM class as a foreign host sees it
        loadWam(url: string): Promise<any>;
      };
      const fetchChannels = (kind: string, count: number) =>
        Promise.all(
          Array.from({ length: count }, async (_, c) => {
            const response = await fetch(`/render/${id}/${kind}/${c}.f32`);
            return new Float32Array(await response.arrayBuffer());
          }),
        );
      const toBuffer = (context: BaseAudioContext, data: Float32Array<ArrayBuffer>[]) => {
        const buffer = context.createBuffer(data.length, data[0].length, sampleRate);
        data.forEach((channel, c) => {
          buffer.copyToChannel(channel, c);
        });
        return buffer;
      };
      const inputs = await fetchChannels('in', channels);
      const length = inputs[0].length;
      const context = new OfflineAudioContext(channels, length, sampleRate);
      const [groupId] = await w.initializeWamHost(context);
      const Plugin = await w.loadWam(pluginUrl);
      const wam = await Plugin.createInstance(groupId, context, state);
      const node = wam.audioNode;
      if (parameters) {
        const map: Record<string, { id: string; value: number; normalized: boolean }> = {};
        for (const [key, value] of Object.entries(parameters))
          map[key] = { id: key, value, normalized: false };
        await node.setParameterValues(map);
      }
      const source = new AudioBufferSourceNode(context, { buffer: toBuffer(context, inputs) });
      source.connect(node).connect(context.destination);
      source.start();
      if (sideChannels > 0) {
        const side = new AudioBufferSourceNode(context, {
          buffer: toBuffer(context, await fetchChannels('side', sideChannels)),
        });
        side.connect(node, 0, 1);
        side.start();
      }
      const latency = await node.getCompensationDelay();
      const rendered = await context.startRendering();
      const frame = node.requestTelemetry ? Array.from(await node.requestTelemetry()) : [];
      // Back to Node as base64: far faster than numbers through JSON.
      const encode = (data: Float32Array) => {
        const bytes = new Uint8Array(data.buffer);
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000)
          text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      };
      const output = Array.from({ length: channels }, (_, c) => encode(rendered.getChannelData(c)));
      return { output, frame, latency };
    },
    {
      pluginUrl,
      id,
      channels: input.length,
      sideChannels: options.sidechain?.length ?? 0,
      sampleRate,
      state: options.state,
      parameters: options.parameters,
    },
  );
  const output = result.output.map((text) => {
    const bytes = Buffer.from(text, 'base64');
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
  });
  return { output, frame: result.frame as number[], latency: result.latency as number };
}

/** Difference between two signals relative to the reference's peak, in dB (−Infinity when identical). */
export function differenceDb(actual: readonly Float32Array[], reference: readonly Float32Array[]): number {
  let peak = 0;
  let difference = 0;
  reference.forEach((channel, c) => {
    for (let i = 0; i < channel.length; i++) {
      peak = Math.max(peak, Math.abs(channel[i]));
      difference = Math.max(difference, Math.abs(actual[c][i] - channel[i]));
    }
  });
  return 20 * Math.log10(difference / peak);
}
