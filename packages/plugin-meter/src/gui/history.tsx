// The loudness history graph: momentary and short-term loudness over time against the target band.
import { useCanvas } from '@lathe/plugin-kit/gui';
import type { LoudnessReadings } from '../loudness/engine.ts';

/** Points per second kept in the history, and how much of it is shown. */
const POINTS_PER_SECOND = 10;
const WINDOW_SECONDS = 120;
/** The view starts at 30 s wide and grows with the programme up to the whole window. */
const MIN_VIEW_SECONDS = 30;
const CAPACITY = POINTS_PER_SECOND * WINDOW_SECONDS;
const FLOOR_LUFS = -60;
const CEIL_LUFS = 0;

export interface HistoryBuffer {
  momentary: Float32Array;
  shortTerm: Float32Array;
  /** Points written so far; the newest is at (count − 1) % CAPACITY. */
  count: number;
  lastDuration: number;
}

export function createHistoryBuffer(): HistoryBuffer {
  return {
    momentary: new Float32Array(CAPACITY),
    shortTerm: new Float32Array(CAPACITY),
    count: 0,
    lastDuration: 0,
  };
}

/** Records one point per 100 ms of measured audio (telemetry comes faster than that). */
export function pushHistory(history: HistoryBuffer, readings: LoudnessReadings): void {
  if (readings.duration < history.lastDuration) {
    history.count = 0; // the meter was reset
    history.lastDuration = 0;
  }
  while (readings.duration - history.lastDuration >= 1 / POINTS_PER_SECOND) {
    const slot = history.count % CAPACITY;
    history.momentary[slot] = readings.momentary;
    history.shortTerm[slot] = readings.shortTerm;
    history.count++;
    history.lastDuration += 1 / POINTS_PER_SECOND;
  }
}

interface Props {
  history: HistoryBuffer;
  /** Integrated target and tolerance, LUFS/LU; null for targets without one (ACX measures RMS). */
  target: number | null;
  tolerance: number | null;
}

/** `version` changes whenever the history gained points, so the graph repaints. */
export function LoudnessHistory({ history, version, target, tolerance }: Props & { version: number }) {
  const canvas = useCanvas(
    (g, width, height, ratio) => {
      const y = (lufs: number) =>
        height * (1 - (Math.max(FLOOR_LUFS, lufs) - FLOOR_LUFS) / (CEIL_LUFS - FLOOR_LUFS));
      g.fillStyle = '#101216';
      g.fillRect(0, 0, width, height);

      // Grid every 6 LU, or 12 when the graph is short, with labels.
      const step = height / ratio / ((CEIL_LUFS - FLOOR_LUFS) / 6) < 16 ? 12 : 6;
      g.font = `${10 * ratio}px system-ui, sans-serif`;
      g.fillStyle = '#5c6470';
      g.strokeStyle = '#22262d';
      g.lineWidth = 1;
      for (let level = CEIL_LUFS - step; level > FLOOR_LUFS; level -= step) {
        g.beginPath();
        g.moveTo(0, y(level));
        g.lineTo(width, y(level));
        g.stroke();
        g.fillText(`${level}`, 4 * ratio, y(level) - 2 * ratio);
      }
      if (target !== null) {
        const band = tolerance ?? 0;
        g.fillStyle = 'rgba(95, 210, 138, 0.12)';
        g.fillRect(0, y(target + band), width, y(target - band) - y(target + band));
        g.strokeStyle = 'rgba(95, 210, 138, 0.7)';
        g.beginPath();
        g.moveTo(0, y(target));
        g.lineTo(width, y(target));
        g.stroke();
      }

      const shown = Math.min(history.count, CAPACITY);
      const view = Math.max(MIN_VIEW_SECONDS * POINTS_PER_SECOND, shown);
      const trace = (values: Float32Array, color: string, lineWidth: number) => {
        g.strokeStyle = color;
        g.lineWidth = lineWidth * ratio;
        g.beginPath();
        let drawing = false;
        for (let i = 0; i < shown; i++) {
          const point = history.count - shown + i;
          const value = values[point % CAPACITY];
          const x = width * (1 - (shown - 1 - i) / (view - 1));
          if (!Number.isFinite(value)) {
            drawing = false;
            continue;
          }
          if (drawing) g.lineTo(x, y(value));
          else g.moveTo(x, y(value));
          drawing = true;
        }
        g.stroke();
      };
      trace(history.momentary, 'rgba(78, 161, 243, 0.55)', 1);
      trace(history.shortTerm, '#ffb547', 2);
    },
    [history, version, target, tolerance],
  );

  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={`Loudness history (up to the last ${WINDOW_SECONDS} seconds): momentary in blue, short-term in amber, target band in green`}
    />
  );
}
