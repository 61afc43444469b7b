import { describe, expect, it } from 'vitest';
import { autoMakeupGain, gainComputer } from './gain-computer.ts';

describe('gain computer (Giannoulis et al. 2012, eq. 4)', () => {
  it('is the identity below the knee and threshold + over/ratio above it', () => {
    expect(gainComputer(-40, -20, 4, 6)).toBe(-40);
    expect(gainComputer(-10, -20, 4, 6)).toBeCloseTo(-20 + 10 / 4, 12);
    expect(gainComputer(-10, -20, 4, 0)).toBeCloseTo(-17.5, 12);
  });

  it('meets both straight lines smoothly at the knee edges', () => {
    const [t, r, w] = [-20, 4, 12];
    expect(gainComputer(t - w / 2, t, r, w)).toBeCloseTo(t - w / 2, 12);
    expect(gainComputer(t + w / 2, t, r, w)).toBeCloseTo(t + w / 2 / r, 12);
    // At the threshold, the soft knee sits (1/r − 1)·w/8 dB below the hard-knee corner.
    expect(gainComputer(t, t, r, w)).toBeCloseTo(t + ((1 / r - 1) * w) / 8, 12);
  });

  it("auto makeup restores a 0 dBFS input to 0 dB (the paper's reference)", () => {
    // Hard knee: −(T − T/R); soft knee with |T| ≤ W/2: −(1/R − 1)(T − W/2)²/(2W) (dsp.md).
    expect(autoMakeupGain(-20, 4, 0)).toBeCloseTo(-(-20 - -20 / 4), 12);
    expect(autoMakeupGain(-3, 4, 12)).toBeCloseTo(-((1 / 4 - 1) * (-3 - 6) ** 2) / 24, 12);
    expect(autoMakeupGain(-20, 1, 6)).toBe(0);
  });
});
