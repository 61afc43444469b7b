import { SPECTRUM_BANDS, SPECTRUM_FLOOR_DB } from '../spectrum.ts';
import { TELEMETRY_POST, TELEMETRY_PRE } from '../telemetry.ts';

// Analyser ballistics per telemetry frame (~30 Hz): rise quickly, fall slowly.
const RISE = 0.6;
const FALL = 0.12;

/** The spectrum as the GUI draws it: the kernel's frames, smoothed over time. */
export class SpectrumView {
  readonly pre = new Float64Array(SPECTRUM_BANDS).fill(SPECTRUM_FLOOR_DB);
  readonly post = new Float64Array(SPECTRUM_BANDS).fill(SPECTRUM_FLOOR_DB);

  update(frame: Float64Array): void {
    for (let i = 0; i < SPECTRUM_BANDS; i++) {
      this.pre[i] = follow(this.pre[i], frame[TELEMETRY_PRE + i]);
      this.post[i] = follow(this.post[i], frame[TELEMETRY_POST + i]);
    }
  }
}

function follow(shown: number, next: number): number {
  return shown + (next > shown ? RISE : FALL) * (next - shown);
}
