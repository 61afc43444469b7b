// The messages between the export dialog and the delivery worker. One worker makes one file: it gets
// one request, answers with progress and then the delivery or the failure; cancelling terminates it.
import type { Delivery, DeliveryOptions, DeliveryProgress, RenderedAudio } from '@lathe/host';

/** Main thread → worker: the render (channel buffers transferred) and what to make of it. */
export interface DeliveryRequest {
  render: RenderedAudio;
  options: Omit<DeliveryOptions, 'onProgress' | 'signal'>;
}

/** Worker → main thread. */
export type DeliveryMessage =
  | { kind: 'progress'; progress: DeliveryProgress }
  /** The WAV's bytes are transferred, not copied. */
  | { kind: 'done'; delivery: Delivery }
  /** deliver() rejected: its error's name and message (errors name the field that was wrong). */
  | { kind: 'failed'; name: string; message: string };
