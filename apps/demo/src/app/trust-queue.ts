// Trust questions from the plugin loader, answered by the trust dialog one at a time.
import type { TrustQuestion } from '../engine/plugins.ts';

export interface PendingTrust {
  question: TrustQuestion;
  answer: (trust: boolean) => void;
}

export class TrustQueue {
  private readonly pending: PendingTrust[] = [];
  private listener: (() => void) | null = null;

  ask = (question: TrustQuestion): Promise<boolean> =>
    new Promise((resolve) => {
      this.pending.push({
        question,
        answer: (trust) => {
          this.pending.shift();
          resolve(trust);
          this.listener?.();
        },
      });
      this.listener?.();
    });

  get current(): PendingTrust | null {
    return this.pending[0] ?? null;
  }

  listen(listener: () => void): () => void {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
}
