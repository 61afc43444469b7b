/** Linear amplitude gain for a level in dB. */
export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/** Level in dB of a linear amplitude (its magnitude); 0 gives −Infinity. */
export function gainToDb(gain: number): number {
  return 20 * Math.log10(Math.abs(gain));
}

/** BS.1770 loudness (LUFS) of a channel-weighted, K-weighted mean square; 0 gives −Infinity. */
export function powerToLufs(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

/** Inverse of powerToLufs: the K-weighted mean square that reads `lufs`. */
export function lufsToPower(lufs: number): number {
  return 10 ** ((lufs + 0.691) / 10);
}
