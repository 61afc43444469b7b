// The delivered file's short-term loudness over time: LUFS up the side with grid lines, time along the
// bottom, the target's integrated loudness as a line inside its tolerance band, and the file's own
// integrated loudness dashed. Drawn in the meter GUI's style at device resolution.
import type { LoudnessHistory } from '@lathe/host';
import { useCanvas } from '@lathe/plugin-kit/gui';
import type { DeliveryTarget } from '@lathe/plugin-meter';
import { formatClock, formatReading, minus } from '../app/format.ts';

interface LoudnessGraphProps {
  history: LoudnessHistory;
  /** Seconds of programme (the x axis runs from 0 to here). */
  duration: number;
  /** The file's integrated loudness, LUFS. */
  integrated: number;
  target: DeliveryTarget;
}

/** Room for the axis labels, CSS pixels. */
const MARGIN = { left: 38, right: 10, top: 16, bottom: 20 };
/** The narrowest LUFS span shown, so a steady master does not look like a seismograph. */
const MIN_SPAN_LU = 18;
const FLOOR_LUFS = -70;
const TIME_STEPS_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200];
const MAX_TIME_TICKS = 8;

/** The LUFS range to show: what was measured and the target, with a little air, on a 6 LU grid. */
function loudnessRange(values: readonly number[], anchors: readonly number[]): { low: number; high: number } {
  const finite = [...values, ...anchors].filter(Number.isFinite);
  if (finite.length === 0) return { low: -36, high: 0 };
  const high = Math.min(0, Math.ceil((Math.max(...finite) + 2) / 6) * 6);
  let low = Math.max(FLOOR_LUFS, Math.floor((Math.min(...finite) - 2) / 6) * 6);
  if (high - low < MIN_SPAN_LU) low = high - MIN_SPAN_LU;
  return { low, high };
}

function timeStep(duration: number): number {
  return (
    TIME_STEPS_SECONDS.find((step) => duration / step <= MAX_TIME_TICKS) ?? TIME_STEPS_SECONDS.at(-1) ?? 60
  );
}

/** A colour from the app's CSS variables, so the graph follows the theme. */
function themeColor(element: HTMLCanvasElement, variable: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(variable).trim() || fallback;
}

export function LoudnessGraph({ history, duration, integrated, target }: LoudnessGraphProps) {
  const { start, interval, values } = history;
  const { low, high } = loudnessRange(values, [target.integrated ?? Number.NaN, integrated]);
  const canvas = useCanvas(
    (g, width, height, ratio) => {
      const element = g.canvas as HTMLCanvasElement;
      const left = MARGIN.left * ratio;
      const right = width - MARGIN.right * ratio;
      const top = MARGIN.top * ratio;
      const bottom = height - MARGIN.bottom * ratio;
      const x = (seconds: number) => left + ((right - left) * seconds) / Math.max(duration, 1e-9);
      const y = (lufs: number) =>
        bottom - ((bottom - top) * (Math.max(low, Math.min(high, lufs)) - low)) / (high - low);

      g.fillStyle = '#101216';
      g.fillRect(0, 0, width, height);
      g.font = `${10 * ratio}px system-ui, sans-serif`;
      g.lineWidth = 1;

      // LUFS grid, labelled on the left.
      const step = high - low > 30 ? 6 : 3;
      g.textAlign = 'right';
      g.textBaseline = 'middle';
      for (let level = high; level >= low; level -= step) {
        g.strokeStyle = '#22262d';
        g.beginPath();
        g.moveTo(left, Math.round(y(level)) + 0.5);
        g.lineTo(right, Math.round(y(level)) + 0.5);
        g.stroke();
        g.fillStyle = '#7d8590';
        g.fillText(minus(String(level)), left - 6 * ratio, y(level));
      }
      g.textAlign = 'left';
      g.textBaseline = 'top';
      g.fillText('LUFS', 4 * ratio, 2 * ratio);
      // Time ticks along the bottom.
      g.textAlign = 'center';
      g.textBaseline = 'top';
      const every = timeStep(duration);
      for (let seconds = 0; seconds <= duration + 1e-9; seconds += every) {
        g.strokeStyle = '#1b1e24';
        g.beginPath();
        g.moveTo(Math.round(x(seconds)) + 0.5, top);
        g.lineTo(Math.round(x(seconds)) + 0.5, bottom);
        g.stroke();
        g.fillStyle = '#7d8590';
        g.fillText(formatClock(seconds).replace(/\.0$/, ''), x(seconds), bottom + 5 * ratio);
      }

      // The target: its integrated loudness as a line inside the tolerance band.
      const pass = themeColor(element, '--pass', '#5fd28a');
      if (target.integrated !== null) {
        const band = target.tolerance ?? 0;
        g.globalAlpha = 0.16;
        g.fillStyle = pass;
        g.fillRect(
          left,
          y(target.integrated + band),
          right - left,
          y(target.integrated - band) - y(target.integrated + band),
        );
        g.globalAlpha = 1;
        g.strokeStyle = pass;
        g.lineWidth = 1.5 * ratio;
        g.beginPath();
        g.moveTo(left, y(target.integrated));
        g.lineTo(right, y(target.integrated));
        g.stroke();
      }
      // The file's integrated loudness, dashed.
      if (Number.isFinite(integrated)) {
        g.strokeStyle = themeColor(element, '--accent', '#4ea1f3');
        g.lineWidth = 1 * ratio;
        g.setLineDash([4 * ratio, 3 * ratio]);
        g.beginPath();
        g.moveTo(left, y(integrated));
        g.lineTo(right, y(integrated));
        g.stroke();
        g.setLineDash([]);
      }

      // Short-term loudness; silence (−∞) breaks the line.
      const amber = themeColor(element, '--focus', '#ffb547');
      g.save();
      g.beginPath();
      g.rect(left, top, right - left, bottom - top);
      g.clip();
      g.strokeStyle = amber;
      g.lineWidth = 1.75 * ratio;
      g.lineJoin = 'round';
      g.beginPath();
      let drawing = false;
      values.forEach((value, i) => {
        if (!Number.isFinite(value)) {
          drawing = false;
          return;
        }
        const px = x(start + i * interval);
        if (drawing) g.lineTo(px, y(value));
        else g.moveTo(px, y(value));
        drawing = true;
      });
      g.stroke();
      g.restore();

      // The target's name on a dark plate, over the trace so it stays legible.
      if (target.integrated !== null) {
        const text = `${target.label} ${formatReading(target.integrated, 'LUFS', 0)}`;
        const pad = 4 * ratio;
        const textRight = right - 2 * pad;
        const baseline = y(target.integrated) - 4 * ratio;
        const textWidth = g.measureText(text).width;
        g.fillStyle = 'rgb(16 18 22 / 85%)';
        g.fillRect(textRight - textWidth - pad, baseline - 12 * ratio, textWidth + 2 * pad, 14 * ratio);
        g.fillStyle = pass;
        g.textAlign = 'right';
        g.textBaseline = 'bottom';
        g.fillText(text, textRight, baseline);
      }
    },
    [history, duration, integrated, target, low, high],
  );

  const finite = values.filter(Number.isFinite);
  const summary =
    finite.length > 0
      ? `from ${formatReading(Math.min(...finite), 'LUFS')} to ${formatReading(Math.max(...finite), 'LUFS')}`
      : 'silent throughout';
  return (
    <figure className="export-graph">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Short-term loudness over ${formatClock(duration)}, ${summary}; target ${target.label}${
          target.integrated !== null ? ` at ${formatReading(target.integrated, 'LUFS', 0)}` : ''
        }`}
      />
      <figcaption className="export-legend">
        <span className="short-term">Short-term loudness (3 s)</span>
        <span className="integrated">Integrated {formatReading(integrated, 'LUFS')}</span>
        {target.integrated !== null && (
          <span className="target">
            Target {formatReading(target.integrated, 'LUFS', 0)} ± {target.tolerance ?? 0} LU
          </span>
        )}
      </figcaption>
    </figure>
  );
}
