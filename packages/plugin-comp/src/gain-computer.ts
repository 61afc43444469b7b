// The static curve of the compressor (Giannoulis, Massberg, Reiss, JAES 2012, eq. 4): shared by
// the kernel and the GUI's transfer curve, so the picture is the sound.

/** Output level (dB) for input level `x` (dB), threshold `t`, ratio `r`, knee width `w` (dB). */
export function gainComputer(x: number, t: number, r: number, w: number): number {
  const over = x - t;
  if (2 * over < -w) return x;
  if (w > 0 && 2 * Math.abs(over) <= w) {
    const k = over + w / 2;
    return x + ((1 / r - 1) * k * k) / (2 * w);
  }
  return t + over / r;
}

/** The level auto makeup is referenced to: a full-scale peak comes out at full scale again. */
export const AUTO_MAKEUP_REFERENCE_DB = 0;

/** Gain (dB) that compensates the static reduction at the reference level. */
export function autoMakeupGain(t: number, r: number, w: number): number {
  return AUTO_MAKEUP_REFERENCE_DB - gainComputer(AUTO_MAKEUP_REFERENCE_DB, t, r, w);
}
