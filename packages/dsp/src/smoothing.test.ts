import { describe, expect, it } from 'vitest';
import { LinearSmoother } from './smoothing.ts';

describe('LinearSmoother', () => {
  it('renders blocks exactly as it steps sample by sample, across any split', () => {
    const stepped = new LinearSmoother(5, 48000, -3);
    const rendered = new LinearSmoother(5, 48000, -3);
    stepped.setTarget(9);
    rendered.setTarget(9);
    const expected = Float64Array.from({ length: 400 }, () => stepped.next());
    const out = new Float64Array(400);
    const chunk = new Float64Array(128);
    for (let from = 0; from < 400; from += 77) {
      const count = Math.min(77, 400 - from);
      rendered.render(chunk, count);
      out.set(chunk.subarray(0, count), from);
    }
    expect(out).toEqual(expected);
    expect(rendered.value).toBe(9);
  });

  it('reaches the target exactly after its length, monotonically', () => {
    const s = new LinearSmoother(10, 48000, 0.3);
    expect(s.length).toBe(480);
    s.setTarget(0.7);
    let previous = s.value;
    for (let i = 0; i < 480; i++) {
      expect(s.isSmoothing).toBe(true);
      const v = s.next();
      expect(v).toBeGreaterThan(previous);
      previous = v;
    }
    expect(s.value).toBe(0.7);
    expect(s.isSmoothing).toBe(false);
    expect(s.next()).toBe(0.7);
  });

  it('ramps down monotonically too, and a new target mid-ramp continues without a jump', () => {
    const s = new LinearSmoother(1, 44100, 1);
    s.setTarget(-1);
    for (let i = 0; i < 20; i++) s.next();
    const mid = s.value;
    s.setTarget(0.2);
    expect(s.next() - mid).toBeLessThan(1.2 / s.length + 1e-12);
    let previous = s.value;
    while (s.isSmoothing) {
      const v = s.next();
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
    expect(s.value).toBe(0.2);
  });

  it('jumps at once for a zero time, and on reset', () => {
    const s = new LinearSmoother(0, 48000);
    s.setTarget(5);
    expect(s.value).toBe(5);
    expect(s.isSmoothing).toBe(false);
    const t = new LinearSmoother(50, 48000);
    t.setTarget(1);
    t.next();
    t.reset(-2);
    expect(t.value).toBe(-2);
    expect(t.target).toBe(-2);
    expect(t.isSmoothing).toBe(false);
  });

  it('ignores non-finite targets', () => {
    const s = new LinearSmoother(5, 48000, 0.5);
    s.setTarget(Number.NaN);
    s.setTarget(Number.POSITIVE_INFINITY);
    expect(s.next()).toBe(0.5);
    expect(s.isSmoothing).toBe(false);
  });
});
