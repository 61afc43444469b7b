import { describe, expect, it } from 'vitest';
import { biquadMagnitude, processBiquad } from './biquad.ts';
import { kWeightingCoefficients } from './k-weighting.ts';

// ITU-R BS.1770-4 Table 1 and 2 (48 kHz), and the 44.1 kHz check values of the bilinear re-derivation.
const TABLE_48K = [
  [1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585],
  [1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621],
];
const SHELF_44K1 = [
  1.53084123005035, -2.65097999515473, 1.16907907992159, -1.66365511325602, 0.71259542807323,
];
const HIGHPASS_A_44K1 = [-1.9891696736298, 0.98919903578704];

function cascadeGainDb(frequency: number, sampleRate: number): number {
  const [shelf, highPass] = kWeightingCoefficients(sampleRate);
  return (
    20 *
    Math.log10(
      biquadMagnitude(shelf, frequency, sampleRate) * biquadMagnitude(highPass, frequency, sampleRate),
    )
  );
}

describe('kWeightingCoefficients', () => {
  it('reproduces the BS.1770 48 kHz table to 1e-12', () => {
    const stages = kWeightingCoefficients(48000);
    stages.forEach((stage, s) => {
      const got = [stage.b0, stage.b1, stage.b2, stage.a1, stage.a2];
      got.forEach((v, i) => {
        expect(Math.abs(v - TABLE_48K[s][i])).toBeLessThan(1e-12);
      });
    });
  });

  it('reproduces the 44.1 kHz check values', () => {
    const [shelf, highPass] = kWeightingCoefficients(44100);
    const got = [shelf.b0, shelf.b1, shelf.b2, shelf.a1, shelf.a2];
    got.forEach((v, i) => {
      expect(Math.abs(v - SHELF_44K1[i])).toBeLessThan(1e-12);
    });
    expect(Math.abs(highPass.a1 - HIGHPASS_A_44K1[0])).toBeLessThan(1e-12);
    expect(Math.abs(highPass.a2 - HIGHPASS_A_44K1[1])).toBeLessThan(1e-12);
    expect([highPass.b0, highPass.b1, highPass.b2]).toEqual([1, -2, 1]);
  });

  it('gains +0.691 dB at 997 Hz and +0.698 dB at 1 kHz (48 kHz)', () => {
    // BS.1770 calibration: a 0 dBFS 997 Hz sine reads −3.01 LUFS, i.e. the filter offsets the −0.691.
    expect(cascadeGainDb(997, 48000)).toBeCloseTo(0.691, 3);
    // Tech 3341 case 1: a −23 dBFS stereo 1 kHz tone reads −22.993 LUFS.
    expect(cascadeGainDb(1000, 48000)).toBeCloseTo(0.698, 3);
  });

  it('measures a full-scale 997 Hz sine as −3.01 LUFS when run sample by sample', () => {
    const fs = 48000;
    const n = fs * 2;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * 997 * i) / fs);
    const [shelf, highPass] = kWeightingCoefficients(fs);
    const state = new Float64Array(4);
    processBiquad(shelf, state, 0, x, x, 0, n);
    processBiquad(highPass, state, 2, x, x, 0, n);
    let sum = 0;
    // Skip the first second: filter settling.
    for (let i = fs; i < n; i++) sum += x[i] * x[i];
    expect(-0.691 + 10 * Math.log10(sum / fs)).toBeCloseTo(-3.01, 2);
  });

  it('is a high-pass below 38 Hz and a +4 dB shelf at high frequencies at every common rate', () => {
    for (const fs of [44100, 48000, 88200, 96000, 176400, 192000]) {
      expect(cascadeGainDb(10, fs)).toBeLessThan(-15);
      expect(cascadeGainDb(16000, fs)).toBeGreaterThan(3.5);
      expect(cascadeGainDb(16000, fs)).toBeLessThan(4.5);
    }
  });

  it('rejects nonsense sample rates', () => {
    expect(() => kWeightingCoefficients(0)).toThrow(RangeError);
    expect(() => kWeightingCoefficients(Number.NaN)).toThrow(RangeError);
  });
});
