// Offline render in the browser: the session rebuilt in an OfflineAudioContext (every plugin cloned
// by loading it again with its saved state), rendered as fast as the machine allows, with progress,
// cancel, and the chain's latency trimmed so the result lines up with the sources.

import type { PluginLoader } from '../plugins/index.ts';
import type { SessionDoc } from '../presets/index.ts';
import { Session } from './session.ts';

/** Room for plugin latency at the end of the render (the session's latency is known only once loaded). */
const LATENCY_ROOM_SECONDS = 1;
/** How often progress is reported, in seconds of audio. */
const PROGRESS_STEP_SECONDS = 2;

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
  warnings: readonly string[];
}

export async function renderOffline(doc: SessionDoc, options: OfflineRenderOptions): Promise<SessionRender> {
  const { sampleRate, signal } = options;
  signal?.throwIfAborted();
  const duration = options.duration ?? longestSource(doc, options.assets);
  if (!(duration > 0))
    throw new RangeError('renderOffline: nothing to render (no source has audio, and no duration was given)');
  const frames = Math.round(duration * sampleRate);
  const context = new OfflineAudioContext(
    2,
    frames + Math.round(LATENCY_ROOM_SECONDS * sampleRate),
    sampleRate,
  );
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
    return { channels, sampleRate, latency: session.latency, warnings: session.warnings };
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

function longestSource(doc: SessionDoc, assets: ReadonlyMap<string, AudioBuffer>): number {
  let longest = 0;
  for (const track of doc.tracks) {
    const buffer = track.source ? assets.get(track.source.asset) : undefined;
    if (buffer) longest = Math.max(longest, buffer.duration);
  }
  return longest;
}
