import { describe, expect, it } from 'vitest';
import { TruePeakDetector } from './true-peak.ts';
import { TruePeakEnvelope } from './true-peak-envelope.ts';

const toDb = (x: number) => 20 * Math.log10(x);

function read(envelope: TruePeakEnvelope, x: Float64Array, channel = 0): Float64Array {
  const out = new Float64Array(x.length);
  envelope.process(channel, x, 0, x.length, out, 0);
  return out;
}

function sine(n: number, cyclesPerSample: number, phase: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(2 * Math.PI * cyclesPerSample * i + phase));
}

describe('TruePeakEnvelope', () => {
  it('reads each sample `delay` samples late, covering the interpolated signal from one sample before it to one after', () => {
    const envelope = new TruePeakEnvelope(1);
    const x = new Float64Array(200);
    x[100] = 1;
    const out = read(envelope, x);
    const d = envelope.delay;
    expect(d).toBe(34);
    // A lone impulse: samples 100 and 101 see it; sample 99 sees its interpolation up to 99⅞.
    expect(out[100 + d]).toBe(1);
    expect(out[101 + d]).toBe(1);
    expect(out[99 + d]).toBeGreaterThan(0.97);
    expect(out[99 + d]).toBeLessThan(1);
    expect(out[102 + d]).toBeLessThan(0.25);
  });

  it('reads steady sines up to 20 kHz at 44.1 kHz at their amplitude, at any phase', () => {
    for (const f of [0.05, 0.25, 0.3, 0.4, 20_000 / 44_100]) {
      for (const phase of [0, 0.3, 0.77, 1.2]) {
        const out = read(new TruePeakEnvelope(1), sine(2000, f, phase));
        let high = 0;
        for (let i = 500; i < 1900; i++) high = Math.max(high, out[i]);
        // Never low; high by at most what the BS.1770 4× filter over-reads (0.044 dB, at 0.3 fs).
        expect(toDb(high)).toBeGreaterThan(-0.001);
        expect(toDb(high)).toBeLessThan(0.05);
        if (f < 0.25) continue;
        // Every sample's reading at ≥ fs/4 (a peak within ±1 sample) is the amplitude too.
        let low = Infinity;
        for (let i = 500; i < 1900; i++) low = Math.min(low, out[i]);
        expect(toDb(low)).toBeGreaterThan(-0.01);
      }
    }
  });

  it('never reads below a BS.1770 4× meter on the same samples', () => {
    let s = 7;
    const x = Float64Array.from({ length: 20_000 }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return 2 * (s / 2 ** 32) - 1;
    });
    const out = read(new TruePeakEnvelope(1), x);
    const meter = new TruePeakDetector(48_000, 1);
    const x32 = Float32Array.from(x);
    let envelopeMax = 0;
    for (const v of out) envelopeMax = Math.max(envelopeMax, v);
    expect(envelopeMax).toBeGreaterThanOrEqual(Math.fround(meter.process(0, x32, 0, x32.length)) - 1e-6);
  });

  it('gives identical readings for any block split; channels are independent; NaN reads as silence', () => {
    const x = sine(3000, 0.23, 0.4);
    x[1500] = Number.NaN;
    x[1700] = Number.POSITIVE_INFINITY;
    const whole = read(new TruePeakEnvelope(2), x, 1);
    expect(whole.every(Number.isFinite)).toBe(true);
    for (const block of [1, 7, 128]) {
      const envelope = new TruePeakEnvelope(2);
      const out = new Float64Array(x.length);
      for (let from = 0; from < x.length; from += block) {
        const to = Math.min(x.length, from + block);
        envelope.process(1, x, from, to, out, from);
        envelope.process(0, new Float64Array(block), 0, to - from, new Float64Array(block), 0);
      }
      expect(out).toEqual(whole);
    }
  });

  it('never reads above gainBound × the loudest input within `memory` samples (worst-case alternating input too)', () => {
    const envelope = new TruePeakEnvelope(1);
    const m = envelope.memory;
    // Chirped noise at two levels, then the pattern that maximises an interpolated midpoint q + ½:
    // signs alternating away from q and q + 1, which carry the same sign (as the sinc's taps do).
    const x = Float64Array.from(
      { length: 20_000 },
      (_, i) => Math.sin(i * i * 0.37) * (i % 4000 < 2000 ? 1 : 0.01),
    );
    const q = 12_032;
    for (let i = q - 40; i <= q + 41; i++) x[i] = (i <= q ? q - i : i - q - 1) % 2 === 0 ? 1 : -1;
    const out = read(envelope, x);
    let worst = 0;
    for (let n = m; n < x.length; n++) {
      let loudest = 0;
      for (let k = n - m; k <= n; k++) loudest = Math.max(loudest, Math.abs(x[k]));
      worst = Math.max(worst, out[n] / loudest);
    }
    expect(worst).toBeGreaterThan(1);
    expect(worst).toBeLessThanOrEqual(envelope.gainBound);
  });

  it('continues exactly after a reset when fed its last `memory` inputs again', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i * i * 0.011) * 0.9);
    const reference = read(new TruePeakEnvelope(1), x);
    const envelope = new TruePeakEnvelope(1);
    const out = new Float64Array(x.length);
    envelope.process(0, x, 0, 2000, out, 0);
    envelope.reset(0);
    envelope.process(0, x, 2000 - envelope.memory, 2000, new Float64Array(envelope.memory), 0);
    envelope.process(0, x, 2000, x.length, out, 2000);
    expect(out).toEqual(reference);
  });

  it('forgets one channel or all on reset', () => {
    const envelope = new TruePeakEnvelope(2);
    const x = sine(500, 0.1, 0);
    read(envelope, x, 0);
    read(envelope, x, 1);
    envelope.reset(0);
    const silence = new Float64Array(100);
    expect(read(envelope, silence, 0).every((v) => v === 0)).toBe(true);
    expect(read(envelope, silence, 1)[0]).toBeGreaterThan(0.5);
    envelope.reset();
    expect(read(envelope, silence, 1).every((v) => v === 0)).toBe(true);
  });
});
