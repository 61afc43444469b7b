// Offline render in the browser: the session rebuilt in an OfflineAudioContext (every plugin cloned
// by loading it again with its saved state), rendered as fast as the machine allows, with progress,
// cancel, and the chain's latency trimmed so the result lines up with the sources.

import type { PluginLoader } from '../plugins/index.ts';
import type { PluginSlotDoc, SessionDoc } from '../presets/index.ts';
import { Session } from './session.ts';

/** Room for plugin latency at the end of the render (the session's latency is known only once loaded). */
const LATENCY_ROOM_SECONDS = 1;
/** How often progress is reported, in seconds of audio. */
const PROGRESS_STEP_SECONDS = 2;
/** Web Audio's render quantum: samples per call into each node, unless the context asks for more. */
const DEFAULT_RENDER_QUANTUM = 128;
/**
 * Samples per render call when every plugin in the session is one of Lathe's own. A call into an
 * AudioWorklet node costs about the same whatever its length, so longer calls render the same
 * audio faster (Lathe's four-plugin mastering chain in Chromium: about 1.5× faster than at 128,
 * BENCHMARKS.md; the gain levels off beyond 2048). Lathe's processors take any quantum with
 * identical output; plugins built on the WAM SDK's own processor process only the first 128
 * samples of a call, so a session with any other plugin renders at 128.
 */
export const LATHE_RENDER_QUANTUM = 2048;

export interface OfflineRenderOptions {
  loader: PluginLoader;
  stripUrl: string;
  assets: ReadonlyMap<string, AudioBuffer>;
  sampleRate: number;
  /** Seconds to render; default: the longest source. */
  duration?: number;
  /** Called with 0…1 as the render advances. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface SessionRender {
  channels: Float32Array[];
  sampleRate: number;
  /** The latency that was trimmed from the start, samples. */
  latency: number;
  /** Samples per render call the context used (larger when every plugin is Lathe's own). */
  renderQuantum: number;
  warnings: readonly string[];
}

export async function renderOffline(doc: SessionDoc, options: OfflineRenderOptions): Promise<SessionRender> {
  const { sampleRate, signal } = options;
  signal?.throwIfAborted();
  const duration = options.duration ?? longestSource(doc, options.assets);
  if (!(duration > 0))
    throw new RangeError('renderOffline: nothing to render (no source has audio, and no duration was given)');
  const frames = Math.round(duration * sampleRate);
  const onlyLathePlugins = slotsOf(doc).every((slot) => options.loader.loadsLatheCopy(slot));
  // renderSizeHint (Web Audio 1.1) is not in TypeScript's DOM types yet; browsers without it ignore it.
  const contextOptions = {
    numberOfChannels: 2,
    length: frames + Math.round(LATENCY_ROOM_SECONDS * sampleRate),
    sampleRate,
    renderSizeHint: onlyLathePlugins ? LATHE_RENDER_QUANTUM : DEFAULT_RENDER_QUANTUM,
  };
  const context = new OfflineAudioContext(contextOptions);
  const renderQuantum =
    (context as { renderQuantumSize?: number }).renderQuantumSize ?? DEFAULT_RENDER_QUANTUM;
  const session = await Session.create(context, doc, options);
  try {
    if (session.latency > LATENCY_ROOM_SECONDS * sampleRate) {
      throw new RangeError(
        `renderOffline: the session's latency (${session.latency} samples) exceeds ${LATENCY_ROOM_SECONDS} s`,
      );
    }
    signal?.throwIfAborted();
    session.play(0);
    const rendered = await renderWithProgress(context, duration, options.onProgress, signal);
    const channels = [0, 1].map((c) =>
      rendered.getChannelData(c).slice(session.latency, session.latency + frames),
    );
    options.onProgress?.(1);
    return { channels, sampleRate, latency: session.latency, renderQuantum, warnings: session.warnings };
  } finally {
    session.destroy();
  }
}

/** Renders, pausing every few seconds of audio to report progress and to honour `signal`. */
function renderWithProgress(
  context: OfflineAudioContext,
  duration: number,
  onProgress: ((fraction: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<AudioBuffer> {
  return new Promise((resolve, reject) => {
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      reject(signal?.reason ?? new DOMException('The render was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', cancel, { once: true });
    for (let time = PROGRESS_STEP_SECONDS; time < duration; time += PROGRESS_STEP_SECONDS) {
      const at = time;
      context
        .suspend(at)
        .then(() => {
          // A cancelled render stays suspended: nothing more is computed, the context is dropped.
          if (cancelled) return;
          onProgress?.(at / duration);
          return context.resume();
        })
        .catch(() => {});
    }
    context.startRendering().then(
      (buffer) => {
        signal?.removeEventListener('abort', cancel);
        if (!cancelled) resolve(buffer);
      },
      (error: unknown) => {
        if (!cancelled) reject(error);
      },
    );
  });
}

/** Every plugin slot of the session, bypassed or not. */
function slotsOf(doc: SessionDoc): PluginSlotDoc[] {
  return [...doc.tracks, ...doc.buses, doc.mix, doc.master].flatMap((owner) => owner.inserts);
}

function longestSource(doc: SessionDoc, assets: ReadonlyMap<string, AudioBuffer>): number {
  let longest = 0;
  for (const track of doc.tracks) {
    const buffer = track.source ? assets.get(track.source.asset) : undefined;
    if (buffer) longest = Math.max(longest, buffer.duration);
  }
  return longest;
}
