import { defaultValues, type ParamValues } from '@lathe/plugin-kit';
import { describeKernelContract } from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { createStripKernel, STRIP_MAX_CHANNELS, type StripKernel, stripGains } from './kernel.ts';
import { STRIP_MAX_DELAY, type StripParams, stripParams } from './params.ts';
import { stripTelemetry } from './telemetry.ts';

const FS = 48_000;
/** 20 ms at 48 kHz: the length of every ramp and crossfade. */
const RAMP = 960;

function strip(params: Partial<ParamValues<StripParams>> = {}, sampleRate = FS): StripKernel {
  return createStripKernel({
    sampleRate,
    maxChannels: STRIP_MAX_CHANNELS,
    params: { ...defaultValues(stripParams), ...params },
  });
}

/** The law as the specification states it, written out independently of `stripGains`. */
function expectedGains(gainDb: number, pan: number, mute: boolean, invert: boolean): [number, number] {
  const g = gainDb <= -120 ? 0 : 10 ** (gainDb / 20);
  const theta = ((pan + 1) * Math.PI) / 4;
  const common = g * (mute ? 0 : 1) * (invert ? -1 : 1);
  return [
    common * Math.min(1, Math.SQRT2 * Math.cos(theta)),
    common * Math.min(1, Math.SQRT2 * Math.sin(theta)),
  ];
}

/** Seeded white noise in −amplitude…amplitude. */
function noise(length: number, seed: number, amplitude = 0.5): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return amplitude * ((s / 2 ** 32) * 2 - 1);
  });
}

function sine(length: number, frequency: number, amplitude: number, phase = 0): Float32Array {
  return Float32Array.from(
    { length },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / FS + phase),
  );
}

interface Change {
  at: number;
  id: keyof StripParams;
  value: number;
}

/** Renders in 128-sample blocks, applying each change before its sample (as the worklet does). */
function render(kernel: StripKernel, signal: readonly Float32Array[], changes: readonly Change[] = []) {
  const outputs = [new Float32Array(signal[0].length), new Float32Array(signal[0].length)];
  const pending = [...changes].sort((a, b) => a.at - b.at);
  for (let from = 0; from < signal[0].length; ) {
    while (pending.length > 0 && pending[0].at <= from) {
      const change = pending.shift()!;
      kernel.setParameter(change.id, change.value);
    }
    let to = Math.min(signal[0].length, from + 128);
    if (pending.length > 0) to = Math.min(to, pending[0].at);
    kernel.process(signal, outputs, from, to);
    from = to;
  }
  return outputs;
}

function largestStep(x: Float32Array, from = 1, to = x.length): number {
  let step = 0;
  for (let i = Math.max(1, from); i < to; i++) step = Math.max(step, Math.abs(x[i] - x[i - 1]));
  return step;
}

function telemetry(kernel: StripKernel): Record<'peakLeft' | 'peakRight', number> {
  const frame = new Float64Array(stripTelemetry.size);
  kernel.writeTelemetry(frame);
  return { peakLeft: frame[0], peakRight: frame[1] };
}

describeKernelContract('strip', createStripKernel, stripParams, {
  params: { gain: -6, pan: 0.3, invert: 1, delay: 300 },
  telemetrySize: stripTelemetry.size,
});
describeKernelContract('strip at unity (the copy path)', createStripKernel, stripParams, {
  telemetrySize: stripTelemetry.size,
});

describe('gain law', () => {
  const settings = [
    [0, 0],
    [-6, -1],
    [-6, 1],
    [3.5, -0.5],
    [12, 0.25],
    [-40, 0.8],
    [-119.9, -0.1],
    [-120, 0.3],
  ] as const;
  it.each(settings)(
    'gain %f dB, pan %f: stripGains follows the formula (all mute/invert cases)',
    (gain, pan) => {
      for (const mute of [false, true]) {
        for (const invert of [false, true]) {
          const [left, right] = stripGains(gain, pan, mute, invert);
          const [expectedLeft, expectedRight] = expectedGains(gain, pan, mute, invert);
          expect(Math.abs(left - expectedLeft)).toBeLessThanOrEqual(1e-15 * 4);
          expect(Math.abs(right - expectedRight)).toBeLessThanOrEqual(1e-15 * 4);
        }
      }
    },
  );

  it('is exact where it must be: unity at the centre, silence at −120 dB and on the far side', () => {
    expect(Array.from(stripGains(0, 0, false, false))).toEqual([1, 1]);
    expect(Array.from(stripGains(0, -1, false, false))).toEqual([1, 0]);
    expect(Array.from(stripGains(0, 1, false, false))).toEqual([0, 1]);
    expect(Array.from(stripGains(0, 0, false, true))).toEqual([-1, -1]);
    expect(Array.from(stripGains(-120, 0, false, false))).toEqual([0, 0]);
    expect(stripGains(-119.9, 0, false, false)[0]).toBeGreaterThan(0);
    // Sine taper: halfway to the right, the left channel is √2·cos(3π/8) ≈ −5.33 dB.
    expect(20 * Math.log10(stripGains(0, 0.5, false, false)[0])).toBeCloseTo(-5.3329, 4);
    const into = new Float64Array(2);
    expect(stripGains(-6, 0, false, false, into)).toBe(into);
    expect(() => stripGains(Number.NaN, 0, false, false)).toThrow(/gainDb/);
    expect(() => stripGains(0, Number.NaN, false, false)).toThrow(/pan/);
  });

  it.each(settings)(
    'kernel at gain %f dB, pan %f: output = input × the formula, per channel',
    (gain, pan) => {
      const input = [noise(4800, 1), noise(4800, 2)];
      for (const [mute, invert] of [
        [0, 0],
        [0, 1],
        [1, 0],
      ] as const) {
        const out = render(strip({ gain, pan, mute, invert }), input);
        const gains = expectedGains(gain, pan, mute === 1, invert === 1);
        for (let c = 0; c < 2; c++) {
          for (let i = 0; i < input[c].length; i++) {
            const expected = input[c][i] * gains[c];
            // Float32 output: within one rounding of the product (and of the formula's cos(π/2) ≈ 6e-17).
            expect(Math.abs(out[c][i] - expected)).toBeLessThanOrEqual(Math.abs(expected) * 2 ** -24 + 1e-15);
          }
        }
      }
    },
  );

  it('plays a mono input on both channels, balanced', () => {
    const mono = noise(2000, 3);
    const kernel = strip({ gain: -3, pan: -0.4 });
    const outputs = [new Float32Array(2000), new Float32Array(2000)];
    kernel.process([mono], outputs, 0, 2000);
    const [left, right] = expectedGains(-3, -0.4, false, false);
    for (let i = 0; i < 2000; i++) {
      expect(outputs[0][i]).toBe(Math.fround(mono[i] * left));
      expect(outputs[1][i]).toBe(Math.fround(mono[i] * right));
    }
  });
});

describe('identity and delay', () => {
  it('passes the input through bit for bit at unity, and again once a ramp back to unity ends', () => {
    const input = [noise(FS, 4), noise(FS, 5)];
    const out = render(strip(), input);
    expect(out).toEqual(input);
    const back = render(strip(), input, [
      { at: 1000, id: 'gain', value: -6 },
      { at: 5000, id: 'gain', value: 0 },
    ]);
    for (let c = 0; c < 2; c++) expect(back[c].subarray(5000 + RAMP)).toEqual(input[c].subarray(5000 + RAMP));
  });

  it.each([1, 37, 480, STRIP_MAX_DELAY])(
    'delays by exactly %i samples (impulse and noise, bit-exact)',
    (delay) => {
      const length = STRIP_MAX_DELAY + 4000;
      const impulse = new Float32Array(length);
      impulse[100] = 0.75;
      const kernel = strip({ delay });
      const [out] = render(kernel, [impulse, impulse]);
      expect(out.indexOf(0.75)).toBe(100 + delay);
      expect(out.filter((x) => x !== 0)).toHaveLength(1);
      expect(kernel.latencySamples).toBe(0);

      const input = [noise(length, 6), noise(length, 7)];
      const delayed = render(strip({ delay }), input);
      for (let c = 0; c < 2; c++) {
        expect(delayed[c].subarray(0, delay).every((x) => x === 0)).toBe(true);
        expect(delayed[c].subarray(delay)).toEqual(input[c].subarray(0, length - delay));
      }
    },
  );

  it('crossfades a delay change linearly over 20 ms, then delays exactly; a change mid-fade waits its turn', () => {
    const input = [noise(30_000, 8), noise(30_000, 9)];
    const out = render(strip(), input, [
      { at: 10_000, id: 'delay', value: 480 },
      { at: 10_200, id: 'delay', value: 100 },
    ]);
    for (let c = 0; c < 2; c++) {
      const x = input[c];
      for (let k = 0; k < RAMP; k++) {
        const n = 10_000 + k;
        const fade = (k + 1) / RAMP;
        const expected = (1 - fade) * x[n] + fade * x[n - 480];
        expect(Math.abs(out[c][n] - expected)).toBeLessThanOrEqual(1e-7);
      }
      for (let k = 0; k < RAMP; k++) {
        const n = 10_000 + RAMP + k;
        const fade = (k + 1) / RAMP;
        const expected = (1 - fade) * x[n - 480] + fade * x[n - 100];
        expect(Math.abs(out[c][n] - expected)).toBeLessThanOrEqual(1e-7);
      }
      const settled = 10_000 + 2 * RAMP;
      expect(out[c].subarray(settled)).toEqual(x.subarray(settled - 100, x.length - 100));
    }
  });

  it('plays NaN and ±Inf input as silence and leaves the rest untouched', () => {
    for (const params of [{}, { gain: -6, delay: 10 }]) {
      const input = noise(1000, 10);
      input[200] = Number.NaN;
      input[201] = Number.POSITIVE_INFINITY;
      input[202] = Number.NEGATIVE_INFINITY;
      const delay = params.delay ?? 0;
      const gain = params.gain === undefined ? 1 : 10 ** (params.gain / 20);
      const [out] = render(strip(params), [input, input]);
      for (let i = delay; i < 1000; i++) {
        const x = i - delay >= 200 && i - delay <= 202 ? 0 : input[i - delay];
        expect(out[i]).toBe(Math.fround(x * gain));
      }
    }
  });
});

describe('smoothing', () => {
  it('ramps the gain linearly to its target in 20 ms: mute fades out, a polarity flip passes through zero', () => {
    const dc = new Float32Array(6000).fill(0.5);
    const [muted] = render(strip(), [dc, dc], [{ at: 2000, id: 'mute', value: 1 }]);
    expect(muted[1999]).toBe(0.5);
    for (let k = 0; k < RAMP; k++) expect(muted[2000 + k]).toBeCloseTo(0.5 * (1 - (k + 1) / RAMP), 6);
    expect(muted.subarray(2000 + RAMP - 1).every((x) => x === 0)).toBe(true);

    const [flipped] = render(strip(), [dc, dc], [{ at: 2000, id: 'invert', value: 1 }]);
    for (let k = 0; k < RAMP; k++) expect(flipped[2000 + k]).toBeCloseTo(0.5 * (1 - (2 * (k + 1)) / RAMP), 6);
    expect(flipped[2000 + RAMP / 2 - 1]).toBeCloseTo(0, 6);
    expect(flipped.subarray(2000 + RAMP - 1).every((x) => x === -0.5)).toBe(true);
  });

  // A 100 Hz tone steps by at most amplitude·2π·100/fs per sample; an unsmoothed change would step by
  // a good part of the amplitude. Each change must keep every step within 1.5× the steady tone's
  // (taking the louder of the settings before and after).
  const changes: [string, Partial<ParamValues<StripParams>>, Change['id'], number][] = [
    ['mute', {}, 'mute', 1],
    ['unmute', { mute: 1 }, 'mute', 0],
    ['polarity', {}, 'invert', 1],
    ['pan hard left to hard right', { pan: -1 }, 'pan', 1],
    ['gain −∞ to +12 dB', { gain: -120 }, 'gain', 12],
    ['gain +12 to −30 dB', { gain: 12 }, 'gain', -30],
    ['delay 0 to 100 samples', {}, 'delay', 100],
    ['delay 2000 to 16384 samples', { delay: 2000 }, 'delay', STRIP_MAX_DELAY],
  ];
  it.each(changes)('changes %s without a click', (_, params, id, value) => {
    const amplitude = 0.25;
    const tone = [sine(FS, 100, amplitude), sine(FS, 100, amplitude, 1)];
    const at = 30_000;
    const out = render(strip(params), tone, [{ at, id, value }]);
    const steadyStep = amplitude * ((2 * Math.PI * 100) / FS);
    const settings = { gain: 0, pan: 0, ...params };
    const before = expectedGains(settings.gain, settings.pan, false, false);
    const after = expectedGains(
      id === 'gain' ? value : settings.gain,
      id === 'pan' ? value : settings.pan,
      false,
      false,
    );
    for (let c = 0; c < 2; c++) {
      const loudest = Math.max(Math.abs(before[c]), Math.abs(after[c]));
      expect(largestStep(out[c], at - 1000, at + 2 * RAMP)).toBeLessThanOrEqual(1.5 * steadyStep * loudest);
    }
  });

  it('keeps reporting zero latency, whatever the delay', () => {
    const kernel = strip({ delay: 1000 });
    expect(kernel.latencySamples).toBe(0);
    kernel.setParameter('delay', 5000);
    expect(kernel.latencySamples).toBe(0);
  });
});

describe('telemetry', () => {
  it('reports the sample peak of each output channel since the last frame, −∞ for silence', () => {
    const left = noise(4800, 11, 0.1);
    left[1234] = -0.4;
    const right = noise(4800, 12, 0.1);
    const kernel = strip({ gain: -6, pan: -1 });
    render(kernel, [left, right]);
    const frame = telemetry(kernel);
    expect(frame.peakLeft).toBeCloseTo(20 * Math.log10(Math.fround(0.4 * 10 ** (-6 / 20))), 6);
    expect(frame.peakRight).toBe(-Infinity);
    expect(telemetry(kernel)).toEqual({ peakLeft: -Infinity, peakRight: -Infinity });
  });
});
