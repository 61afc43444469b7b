// A stereo peak meter: two bars from −60 to +6 dBFS with a falling peak hold, red above 0 dBFS.
import { useRef } from 'react';
import { minus } from './format.ts';
import { useAnimationFrame } from './studio-context.ts';

const FLOOR_DB = -60;
const TOP_DB = 6;
/** dB per second the displayed level falls (the hold falls after a pause). */
const FALL_DB_PER_S = 30;
const HOLD_MS = 1200;

interface MeterProps {
  /** Current peaks, dBFS per channel. */
  read: () => [number, number];
  label: string;
}

export function Meter({ read, label }: MeterProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const state = useRef({ shown: [FLOOR_DB, FLOOR_DB], hold: [FLOOR_DB, FLOOR_DB], heldAt: [0, 0], last: 0 });
  const readout = useRef<HTMLSpanElement>(null);

  useAnimationFrame(() => {
    const element = canvas.current;
    if (!element) return;
    const now = performance.now();
    const s = state.current;
    const dt = s.last ? (now - s.last) / 1000 : 0;
    s.last = now;
    const peaks = read();
    const g = element.getContext('2d');
    if (!g) return;
    const { width, height } = element;
    g.fillStyle = '#0b0c0f';
    g.fillRect(0, 0, width, height);
    const y = (db: number) =>
      height * (1 - (Math.min(TOP_DB, Math.max(FLOOR_DB, db)) - FLOOR_DB) / (TOP_DB - FLOOR_DB));
    const barWidth = (width - 3) / 2;
    for (let c = 0; c < 2; c++) {
      const peak = Number.isFinite(peaks[c]) ? peaks[c] : FLOOR_DB;
      s.shown[c] = Math.max(peak, s.shown[c] - FALL_DB_PER_S * dt);
      if (peak >= s.hold[c] || now - s.heldAt[c] > HOLD_MS) {
        s.hold[c] = Math.max(peak, s.hold[c] - FALL_DB_PER_S * dt);
        if (peak >= s.hold[c]) s.heldAt[c] = now;
      }
      const x = 1 + c * (barWidth + 1);
      const gradient = g.createLinearGradient(0, height, 0, 0);
      gradient.addColorStop(0, '#2f9e5f');
      gradient.addColorStop((-12 - FLOOR_DB) / (TOP_DB - FLOOR_DB), '#5fd28a');
      gradient.addColorStop((-3 - FLOOR_DB) / (TOP_DB - FLOOR_DB), '#ffb547');
      gradient.addColorStop((0 - FLOOR_DB) / (TOP_DB - FLOOR_DB), '#ff6b6b');
      g.fillStyle = gradient;
      g.fillRect(x, y(s.shown[c]), barWidth, height - y(s.shown[c]));
      g.fillStyle = s.hold[c] > 0 ? '#ff6b6b' : '#e6e8eb';
      g.fillRect(x, y(s.hold[c]), barWidth, 1);
    }
    g.fillStyle = '#3a3f48';
    g.fillRect(0, y(0), width, 1);
    if (readout.current) {
      const hold = Math.max(s.hold[0], s.hold[1]);
      readout.current.textContent = hold <= FLOOR_DB ? '−∞' : minus(hold.toFixed(1));
      readout.current.classList.toggle('over', hold > 0);
    }
  });

  return (
    <div className="meter" role="img" aria-label={`${label} level meter`}>
      <canvas ref={canvas} width={22} height={160} />
      <span ref={readout} className="meter-readout" aria-hidden="true">
        −∞
      </span>
    </div>
  );
}
