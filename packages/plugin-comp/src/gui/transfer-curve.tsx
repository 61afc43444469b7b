// The compressor's static curve, drawn with the kernel's own gain computer, with the live
// detector level as a dot riding on it.
import { useCanvas } from '@lathe/plugin-kit/gui';
import { autoMakeupGain, gainComputer } from '../gain-computer.ts';

const RANGE_DB = 60;

interface Props {
  threshold: number;
  ratio: number;
  knee: number;
  makeup: number;
  autoMakeup: boolean;
  /** The loudest detector level of the last frame, dB. */
  level: number;
}

export function TransferCurve({ threshold, ratio, knee, makeup, autoMakeup, level }: Props) {
  const totalMakeup = makeup + (autoMakeup ? autoMakeupGain(threshold, ratio, knee) : 0);
  const canvas = useCanvas(
    (g, width, height, ratioPx) => {
      const x = (db: number) => ((db + RANGE_DB) / RANGE_DB) * width;
      const y = (db: number) => height * (1 - (db + RANGE_DB) / RANGE_DB);
      g.fillStyle = '#101216';
      g.fillRect(0, 0, width, height);
      g.strokeStyle = '#22262d';
      g.lineWidth = 1;
      g.fillStyle = '#5c6470';
      g.font = `${10 * ratioPx}px system-ui, sans-serif`;
      for (let db = -48; db < 0; db += 12) {
        g.beginPath();
        g.moveTo(x(db), 0);
        g.lineTo(x(db), height);
        g.moveTo(0, y(db));
        g.lineTo(width, y(db));
        g.stroke();
        g.fillText(String(db), x(db) + 3 * ratioPx, height - 4 * ratioPx);
      }
      // Unity line, and the threshold.
      g.setLineDash([4 * ratioPx, 4 * ratioPx]);
      g.strokeStyle = '#3a404a';
      g.beginPath();
      g.moveTo(0, height);
      g.lineTo(width, 0);
      g.stroke();
      g.strokeStyle = 'rgba(255, 181, 71, 0.5)';
      g.beginPath();
      g.moveTo(x(threshold), 0);
      g.lineTo(x(threshold), height);
      g.stroke();
      g.setLineDash([]);
      // The curve, with makeup.
      g.strokeStyle = '#4ea1f3';
      g.lineWidth = 2 * ratioPx;
      g.beginPath();
      for (let px = 0; px <= width; px += ratioPx) {
        const input = (px / width) * RANGE_DB - RANGE_DB;
        const output = gainComputer(input, threshold, ratio, knee) + totalMakeup;
        if (px === 0) g.moveTo(px, y(output));
        else g.lineTo(px, y(output));
      }
      g.stroke();
      if (level > -RANGE_DB) {
        g.fillStyle = '#ffb547';
        g.beginPath();
        g.arc(
          x(level),
          y(gainComputer(level, threshold, ratio, knee) + totalMakeup),
          4 * ratioPx,
          0,
          2 * Math.PI,
        );
        g.fill();
      }
    },
    [threshold, ratio, knee, totalMakeup, level],
  );
  return (
    <canvas
      ref={canvas}
      className="transfer"
      role="img"
      aria-label={`Transfer curve: threshold ${threshold.toFixed(1)} dB, ratio ${ratio.toFixed(1)}:1, knee ${knee.toFixed(1)} dB`}
    />
  );
}
