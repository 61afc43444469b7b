// One export, start to finish: the session rendered offline on the main thread (an OfflineAudioContext
// exists only there), then the delivery file made in a worker so the page never freezes. Progress runs
// across both stages as one fraction; the signal stops whichever stage is running.
import {
  type Delivery,
  type DeliveryProgress,
  type DeliverySampleRate,
  renderOffline,
  type SessionDoc,
  type TrackMetadata,
  type WavEncoding,
} from '@lathe/host';
import type { TargetId } from '@lathe/plugin-meter';
import { masterCeiling } from '../engine/master-settings.ts';
import { STRIP_URL } from '../engine/plugins.ts';
import type { Studio } from '../engine/studio.ts';
import type { DeliveryMessage, DeliveryRequest } from './delivery-protocol.ts';

/** Master: the whole session through the master chain. Mix: the same session without it. */
export type ExportSource = 'master' | 'mix';

export interface ExportSettings {
  source: ExportSource;
  encoding: WavEncoding;
  sampleRate: DeliverySampleRate;
  metadata: TrackMetadata;
  targetId: TargetId;
}

export type ExportStage = 'rendering' | DeliveryProgress['stage'];

export interface ExportProgress {
  stage: ExportStage;
  /** Of the whole export, 0…1. */
  fraction: number;
}

/** A delivery as it arrives from the worker: its bytes in the (transferred) ArrayBuffer. */
export type ReceivedDelivery = Omit<Delivery, 'bytes'> & { bytes: Uint8Array<ArrayBuffer> };

export interface ExportResult extends ReceivedDelivery {
  /** What the render noticed (a plugin that did not load and played through, …). */
  warnings: readonly string[];
}

/**
 * How long each stage took for the demo song (33 s, rendered at 48 kHz, delivered at 44.1 kHz) on a
 * 2-core machine, in seconds: the proportions of the one progress bar.
 */
const STAGE_SECONDS: Record<ExportStage, number> = {
  rendering: 5.3,
  resampling: 5.6,
  encoding: 0.6,
  measuring: 0.5,
};
const STAGE_ORDER: readonly ExportStage[] = ['rendering', 'resampling', 'encoding', 'measuring'];

/** Turns a stage's own fraction into the whole export's; without rate conversion resampling takes no time. */
function progressScale(resampling: boolean): (stage: ExportStage, fraction: number) => ExportProgress {
  const seconds = (stage: ExportStage) => (stage === 'resampling' && !resampling ? 0 : STAGE_SECONDS[stage]);
  const total = STAGE_ORDER.reduce((sum, stage) => sum + seconds(stage), 0);
  return (stage, fraction) => {
    const before = STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage)).reduce((sum, s) => sum + seconds(s), 0);
    return { stage, fraction: (before + seconds(stage) * Math.min(1, Math.max(0, fraction))) / total };
  };
}

/** The session has no audio to render: said in the user's words, not the renderer's. */
export class NothingToRenderError extends Error {
  override name = 'NothingToRenderError';
  constructor() {
    super(
      'This session has nothing to render: no track has audio. Add an audio file (drop it on the window) or open a session with audio, then export again.',
    );
  }
}

/** The delivery worker stopped without an answer (it failed to load or crashed). */
export class DeliveryWorkerError extends Error {
  override name = 'DeliveryWorkerError';
}

function sessionToRender(doc: SessionDoc, source: ExportSource): SessionDoc {
  return source === 'master' ? doc : { ...doc, master: { ...doc.master, inserts: [] } };
}

/**
 * Renders the studio's session and makes the delivery file.
 * @throws NothingToRenderError when no track has audio; the signal's reason when cancelled; the
 * renderer's or deliver()'s error (naming what was wrong) otherwise; DeliveryWorkerError on a crash.
 */
export async function runExport(
  studio: Studio,
  settings: ExportSettings,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<ExportResult> {
  const doc = sessionToRender(await studio.currentDoc(), settings.source);
  if (!doc.tracks.some((track) => track.source && studio.assets.has(track.source.asset))) {
    throw new NothingToRenderError();
  }
  signal.throwIfAborted();
  const resampling = studio.context.sampleRate !== settings.sampleRate;
  const overall = progressScale(resampling);
  onProgress(overall('rendering', 0));
  const render = await renderOffline(doc, {
    loader: studio.loader,
    stripUrl: STRIP_URL,
    assets: studio.assets,
    sampleRate: studio.context.sampleRate,
    onProgress: (fraction) => onProgress(overall('rendering', fraction)),
    signal,
  });
  // deliver() measures the render's peak before its first report: show the stage that comes next.
  onProgress(overall(resampling ? 'resampling' : 'encoding', 0));
  const ceilingDbtp = settings.source === 'master' ? masterCeiling(doc) : null;
  const delivery = await deliverInWorker(
    {
      render: { channels: render.channels, sampleRate: render.sampleRate },
      options: {
        sampleRate: settings.sampleRate,
        encoding: settings.encoding,
        metadata: settings.metadata,
        targetId: settings.targetId,
        ...(ceilingDbtp === null ? {} : { ceilingDbtp }),
      },
    },
    (progress) => onProgress(overall(progress.stage, progress.fraction)),
    signal,
  );
  return { ...delivery, warnings: render.warnings };
}

/** Runs deliver() in a fresh worker; aborting terminates it at once, wherever it is. */
function deliverInWorker(
  request: DeliveryRequest,
  onProgress: (progress: DeliveryProgress) => void,
  signal: AbortSignal,
): Promise<ReceivedDelivery> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL('./delivery.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      finish();
      reject(signal.reason);
    };
    signal.addEventListener('abort', cancel, { once: true });
    worker.addEventListener('message', (event: MessageEvent<DeliveryMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') {
        onProgress(message.progress);
        return;
      }
      finish();
      // Structured cloning turns any buffer that is not shared into an ArrayBuffer.
      if (message.kind === 'done')
        resolve({ ...message.delivery, bytes: message.delivery.bytes as Uint8Array<ArrayBuffer> });
      else reject(Object.assign(new Error(message.message), { name: message.name }));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish();
      reject(
        new DeliveryWorkerError(
          `The delivery worker stopped unexpectedly${event.message ? ` (${event.message})` : ''}. Nothing was lost: export again.`,
        ),
      );
    });
    worker.addEventListener('messageerror', () => {
      finish();
      reject(
        new DeliveryWorkerError('The delivery worker sent a message that could not be read. Export again.'),
      );
    });
    const transfer = request.render.channels.map((channel) => channel.buffer);
    worker.postMessage(request, transfer);
  });
}
