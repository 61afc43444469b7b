// Makes the delivery file off the main thread: resampling with libsamplerate (compiled to plain
// JavaScript), dither, encoding and measuring take seconds, and the dialog must stay responsive.
import { type DeliveryProgress, deliver } from '@lathe/host';
import type { DeliveryMessage, DeliveryRequest } from './delivery-protocol.ts';

/** Progress is posted when the stage changes or it advanced by this much (deliver reports per chunk). */
const PROGRESS_STEP = 0.01;

function post(message: DeliveryMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

async function run({ render, options }: DeliveryRequest): Promise<void> {
  let posted: DeliveryProgress | null = null;
  try {
    const delivery = await deliver(render, {
      ...options,
      onProgress: (progress) => {
        if (
          posted?.stage === progress.stage &&
          progress.fraction < 1 &&
          progress.fraction - posted.fraction < PROGRESS_STEP
        )
          return;
        posted = { ...progress };
        post({ kind: 'progress', progress: posted });
      },
    });
    post({ kind: 'done', delivery }, [delivery.bytes.buffer]);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    post({ kind: 'failed', name, message });
  }
}

self.addEventListener('message', (event: MessageEvent<DeliveryRequest>) => void run(event.data), {
  once: true,
});
