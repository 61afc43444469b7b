// A scrolling history of one value (e.g. gain reduction), newest at the right.
import { useCanvas } from './canvas.ts';

/** A fixed-size ring of values, written by the GUI as telemetry arrives (main thread). */
export class HistoryRing {
  readonly values: Float32Array;
  count = 0;

  constructor(readonly capacity: number) {
    this.values = new Float32Array(capacity);
  }

  push(value: number): void {
    this.values[this.count % this.capacity] = value;
    this.count++;
  }

  clear(): void {
    this.count = 0;
  }

  /** The i-th value of the last `length` values, oldest first. */
  at(i: number, length: number): number {
    return this.values[(this.count - length + i) % this.capacity];
  }
}

export interface HistoryGraphProps {
  ring: HistoryRing;
  /** Changes whenever the ring gained values, so the graph repaints. */
  version: number;
  min: number;
  max: number;
  label: string;
  /** Draw from the top down (gain reduction), instead of from the bottom up. */
  fromTop?: boolean;
  color?: string;
  /** Horizontal grid lines at these values. */
  grid?: readonly number[];
}

export function HistoryGraph({
  ring,
  version,
  min,
  max,
  label,
  fromTop = false,
  color = '#ffb547',
  grid = [],
}: HistoryGraphProps) {
  const canvas = useCanvas(
    (g, width, height, ratio) => {
      g.fillStyle = '#101216';
      g.fillRect(0, 0, width, height);
      const y = (value: number) => {
        const t = Math.min(1, Math.max(0, (value - min) / (max - min)));
        return fromTop ? t * height : height * (1 - t);
      };
      g.strokeStyle = '#22262d';
      g.fillStyle = '#5c6470';
      g.font = `${10 * ratio}px system-ui, sans-serif`;
      g.lineWidth = 1;
      for (const value of grid) {
        g.beginPath();
        g.moveTo(0, y(value));
        g.lineTo(width, y(value));
        g.stroke();
        g.fillText(String(value), 4 * ratio, y(value) + (fromTop ? 11 : -2) * ratio);
      }
      const length = Math.min(ring.count, ring.capacity);
      if (length < 2) return;
      const x = (i: number) => width * (1 - (length - 1 - i) / (ring.capacity - 1));
      g.beginPath();
      g.moveTo(x(0), fromTop ? 0 : height);
      for (let i = 0; i < length; i++) g.lineTo(x(i), y(ring.at(i, length)));
      g.lineTo(x(length - 1), fromTop ? 0 : height);
      g.closePath();
      g.globalAlpha = 0.35;
      g.fillStyle = color;
      g.fill();
      g.globalAlpha = 1;
      g.beginPath();
      for (let i = 0; i < length; i++) g.lineTo(x(i), y(ring.at(i, length)));
      g.strokeStyle = color;
      g.lineWidth = 1.5 * ratio;
      g.stroke();
    },
    [ring, version, min, max, fromTop, color, grid],
  );
  return <canvas ref={canvas} className="lathe-history" role="img" aria-label={label} />;
}
