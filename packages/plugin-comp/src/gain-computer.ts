// The static curve of the compressor (Giannoulis, Massberg, Reiss, JAES 2012, eq. 4): shared by
// the kernel and the GUI's transfer curve, so the picture is the sound.

/** The curve's slope above the knee, in dB of reduction per dB over the threshold: 1 − 1/r. */
export const reductionSlope = (ratio: number) => 1 - 1 / ratio;

/** The knee's scale 1/(2w) for a knee w dB wide; 0 for a hard knee (which has no quadratic part). */
export const kneeScale = (knee: number) => (knee > 0 ? 0.5 / knee : 0);

/**
 * Gain reduction (dB; ≥ 0, as ratios are 1 or more) for a level `over` dB above the threshold:
 * none below the knee, slope·(over + w/2)²/(2w) inside it, slope·over above it (`halfKnee` = w/2;
 * slope and scale from `reductionSlope` and `kneeScale`). Written without branches, which the
 * kernel needs: a signal's level moves between the three regions from one sample to the next at
 * random, so a branch on the region mispredicts often and costs more than these few operations.
 * ramp(v) = (v + |v|)/2 is max(v, 0) exactly, and the knee's clamp(over + w/2, 0, w) is
 * ramp(over + w/2) − ramp(over − w/2).
 */
export function gainReduction(over: number, slope: number, halfKnee: number, scale: number): number {
  const lower = over + halfKnee;
  const upper = over - halfKnee;
  const rampLower = 0.5 * (lower + Math.abs(lower));
  const rampUpper = 0.5 * (upper + Math.abs(upper));
  const intoKnee = rampLower - rampUpper;
  return slope * (intoKnee * intoKnee * scale + rampUpper);
}

/** Output level (dB) for input level `x` (dB), threshold `t`, ratio `r`, knee width `w` (dB). */
export function gainComputer(x: number, t: number, r: number, w: number): number {
  return x - gainReduction(x - t, reductionSlope(r), w / 2, kneeScale(w));
}

/** The level auto makeup is referenced to: a full-scale peak comes out at full scale again. */
export const AUTO_MAKEUP_REFERENCE_DB = 0;

/** Gain (dB) that compensates the static reduction at the reference level. */
export function autoMakeupGain(t: number, r: number, w: number): number {
  return AUTO_MAKEUP_REFERENCE_DB - gainComputer(AUTO_MAKEUP_REFERENCE_DB, t, r, w);
}
