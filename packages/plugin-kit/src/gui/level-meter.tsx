// A bar meter in dB. 'level' fills from the bottom (green → amber → red near 0 dB); 'reduction'
// takes positive dB of reduction (its range e.g. 0…24) and hangs from the top in amber, as
// gain-reduction meters do.
export interface LevelMeterProps {
  label: string;
  /** dB; −Infinity reads as empty. */
  value: number;
  /** Held peak in dB, drawn as a line. */
  peak?: number;
  min?: number;
  max?: number;
  kind?: 'level' | 'reduction';
  unit?: string;
}

function position(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return value > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

function formatDb(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  const text = value.toFixed(1);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

export function LevelMeter({
  label,
  value,
  peak,
  min = -60,
  max = 0,
  kind = 'level',
  unit = 'dB',
}: LevelMeterProps) {
  const reduction = kind === 'reduction';
  const fill = position(value, min, max);
  const shownPeak = peak === undefined ? undefined : position(peak, min, max);
  return (
    <div className={`lathe-meter ${reduction ? 'reduction' : 'level'}`}>
      <span className="lathe-label">{label}</span>
      <div className="lathe-meter-track" aria-hidden="true">
        {/* Full-height colour scale, clipped to the level, so colours mark absolute levels. */}
        <div
          className="lathe-meter-fill"
          style={{
            clipPath: reduction ? `inset(0 0 ${(1 - fill) * 100}% 0)` : `inset(${(1 - fill) * 100}% 0 0 0)`,
          }}
        />
        {shownPeak !== undefined && (
          <div
            className="lathe-meter-peak"
            style={reduction ? { top: `${shownPeak * 100}%` } : { bottom: `${shownPeak * 100}%` }}
          />
        )}
      </div>
      <output className="lathe-meter-value" aria-label={`${label} ${formatDb(value)} ${unit}`}>
        {formatDb(value)}
      </output>
    </div>
  );
}
