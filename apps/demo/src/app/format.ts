// How numbers read in the app: a real minus sign, −∞ for silence, tabular clock times.

/** A number's text with a real minus sign. */
export const minus = (text: string) => text.replace('-', '−');

/** "−3.5 dB", "+2.0 dB", "−∞ dB". */
export function formatDb(value: number, unit = 'dB', digits = 1): string {
  if (!Number.isFinite(value) || value <= -120) return `−∞ ${unit}`;
  const text = value.toFixed(digits);
  return `${value > 0 && Number(text) !== 0 ? '+' : ''}${minus(text)} ${unit}`;
}

/** Loudness and peaks as meters print them: "−14.2 LUFS", "—" before any reading. */
export function formatReading(value: number, unit: string, digits = 1): string {
  return Number.isFinite(value) ? `${minus(value.toFixed(digits))} ${unit}` : `— ${unit}`;
}

/** "1:05.3" */
export function formatClock(seconds: number): string {
  const safe = Math.max(0, seconds);
  const minutes = Math.floor(safe / 60);
  return `${minutes}:${(safe - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

/** "L 30", "C", "R 100" */
export function formatPan(pan: number): string {
  const amount = Math.round(Math.abs(pan) * 100);
  return amount === 0 ? 'C' : `${pan < 0 ? 'L' : 'R'} ${amount}`;
}
