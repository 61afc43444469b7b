import { defaultValues, type ParamValues } from '@lathe/plugin-kit';
import { describeKernelContract, runKernel } from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { CompressorKernel, createCompressorKernel } from './kernel.ts';
import { type CompParams, compParams } from './params.ts';
import { compTelemetry } from './telemetry.ts';

const FS = 48_000;
const db = (gain: number) => 20 * Math.log10(gain);
const amp = (decibels: number) => 10 ** (decibels / 20);

function kernel(params: Partial<ParamValues<CompParams>>, channels = 1, sampleRate = FS): CompressorKernel {
  return new CompressorKernel({
    sampleRate,
    maxChannels: channels,
    params: { ...defaultValues(compParams), ...params },
  });
}

/** The paper's static curve, written out independently of the kernel's gain computer. */
function expectedOutputLevel(x: number, t: number, r: number, w: number): number {
  if (x <= t - w / 2) return x;
  if (x >= t + w / 2) return t + (x - t) / r;
  return x + ((1 / r - 1) * (x - t + w / 2) ** 2) / (2 * w);
}

function sine(level: number, seconds: number, frequency = 1000, sampleRate = FS): Float32Array {
  const a = amp(level);
  return Float32Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, i) => a * Math.sin((2 * Math.PI * frequency * i) / sampleRate),
  );
}

function peakOf(x: Float32Array, from: number, to = x.length): number {
  let peak = 0;
  for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(x[i]));
  return peak;
}

function rmsOf(x: Float32Array, from: number, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (to - from));
}

describeKernelContract('compressor', createCompressorKernel, compParams, {
  params: {
    threshold: -30,
    ratio: 8,
    knee: 6,
    attack: 1,
    release: 60,
    makeup: 6,
    lookahead: 2,
    mix: 80,
    sidechainHighpass: 80,
  },
  telemetrySize: compTelemetry.size,
});

describe('static curve (steady 1 kHz sines, peak detector)', () => {
  const settings = [
    [-20, 4, 0],
    [-20, 4, 12],
    [-30, 2, 6],
    [-10, 10, 24],
    [-40, 100, 6],
    [-24, 1.5, 3],
  ] as const;
  it.each(settings)('threshold %i dB, ratio %f, knee %i dB: within 0.1 dB of the formula', (t, r, w) => {
    let worst = 0;
    for (const level of [-50, -40, -34, -28, -24, -20, -16, -12, -6, 0]) {
      // A long release makes the gain steady over a cycle; attack is fast so it settles quickly.
      const k = kernel({ threshold: t, ratio: r, knee: w, attack: 1, release: 1000 });
      const input = sine(level, 1.2);
      const [output] = runKernel(k, [input], [128]);
      const measured = db(peakOf(output, input.length - 4800)) - level;
      const expected = expectedOutputLevel(level, t, r, w) - level;
      worst = Math.max(worst, Math.abs(measured - expected));
    }
    expect(worst).toBeLessThanOrEqual(0.1);
  });

  it('matches the formula on the RMS level with the RMS detector', () => {
    const [t, r, w] = [-30, 4, 6];
    for (const level of [-40, -30, -20, -10]) {
      const k = kernel({ threshold: t, ratio: r, knee: w, attack: 1, release: 1000, detector: 1 });
      const input = sine(level, 1.2);
      const [output] = runKernel(k, [input], [128]);
      const tail = input.length - 4800;
      const inRms = db(rmsOf(input, tail));
      const measured = db(rmsOf(output, tail)) - inRms;
      expect(Math.abs(measured - (expectedOutputLevel(inRms, t, r, w) - inRms))).toBeLessThanOrEqual(0.1);
    }
  });
});

/** Gain reduction per sample (dB) for a DC level step: with DC the output/input ratio is the gain. */
function reductionAfterStep(
  params: Partial<ParamValues<CompParams>>,
  before: number,
  after: number,
  seconds: number,
) {
  const k = kernel({ threshold: -30, ratio: 4, knee: 0, ...params });
  const settle = Math.round(0.5 * FS);
  const input = new Float32Array(settle + Math.round(seconds * FS));
  input.fill(amp(before), 0, settle);
  input.fill(amp(after), settle);
  const [output] = runKernel(k, [input], [128]);
  return Array.from(output.subarray(settle), (y, i) => -db(y / input[settle + i]));
}

/** Seconds until the reduction has covered 63 % of its change from `start` to `end`. */
function timeTo63(reduction: number[], start: number, end: number): number {
  const goal = start + 0.632 * (end - start);
  const index = reduction.findIndex((r) => (end > start ? r >= goal : r <= goal));
  return index / FS;
}

describe('time constants (level steps, the other constant at its minimum)', () => {
  const full = -10 - expectedOutputLevel(-10, -30, 4, 0); // 15 dB of reduction at −10 dBFS

  it.each([1, 10, 50, 200])(
    'attack %f ms: 63 percent of the change within 10 percent of the setting',
    (attack) => {
      const reduction = reductionAfterStep(
        { attack, release: compParams.release.min },
        -40,
        -10,
        (attack * 8) / 1000 + 0.05,
      );
      const measured = timeTo63(reduction, 0, full) * 1000;
      expect(Math.abs(measured - attack) / attack).toBeLessThanOrEqual(0.1);
    },
  );

  it.each([20, 150, 1000])(
    'release %f ms: 63 percent of the change within 10 percent of the setting',
    (release) => {
      const reduction = reductionAfterStep(
        { release, attack: compParams.attack.min },
        -10,
        -40,
        (release * 8) / 1000,
      );
      const measured = timeTo63(reduction, full, 0) * 1000;
      expect(Math.abs(measured - release) / release).toBeLessThanOrEqual(0.1);
    },
  );
});

describe('transparency, makeup, mix', () => {
  const noise = Float32Array.from({ length: FS }, (_, i) => Math.sin(i * 12.9898) * 0.9);

  it('is transparent at ratio 1 with makeup 0 (output equals input)', () => {
    const [output] = runKernel(kernel({ ratio: 1, makeup: 0, threshold: -60 }), [noise], [128]);
    expect(output).toEqual(noise);
  });

  it('auto makeup brings a 0 dBFS level back to 0 dB', () => {
    const input = new Float32Array(FS).fill(1);
    const [output] = runKernel(kernel({ threshold: -20, ratio: 4, knee: 6, autoMakeup: 1 }), [input], [128]);
    expect(Math.abs(db(output[FS - 1]))).toBeLessThanOrEqual(0.01);
  });

  it('mixes dry and wet sample-aligned: 50 % of a 12 dB reduction', () => {
    const input = new Float32Array(FS).fill(amp(-6));
    const k = kernel({ threshold: -30, ratio: 100, knee: 0, mix: 50, attack: 0.05, lookahead: 3 });
    const [output] = runKernel(k, [input], [128]);
    const wet = amp(-30 + 24 / 100 - -6);
    expect(output[FS - 1] / input[0]).toBeCloseTo(0.5 + 0.5 * wet, 5);
  });
});

describe('lookahead, link, sidechain', () => {
  it('delays the audio by exactly the reported latency', () => {
    for (const lookahead of [0, 1, 5.5, 10]) {
      const k = kernel({ lookahead, ratio: 1 });
      const impulse = new Float32Array(1024);
      impulse[10] = 1;
      const [output] = runKernel(k, [impulse], [128]);
      expect(output.indexOf(1)).toBe(10 + k.latencySamples);
      expect(k.latencySamples).toBe(Math.round((lookahead / 1000) * FS));
    }
  });

  it("applies the loudest channel's reduction to both channels when linked, and not when unlinked", () => {
    const loud = new Float32Array(FS).fill(amp(-6));
    const quiet = new Float32Array(FS).fill(amp(-40));
    const at = (link: number) => {
      const [l, r] = runKernel(
        kernel({ stereoLink: link, threshold: -20, ratio: 4, knee: 0 }, 2),
        [loud, quiet],
        [128],
      );
      return [db(l[FS - 1] / loud[0]), db(r[FS - 1] / quiet[0])];
    };
    const [linkedL, linkedR] = at(100);
    expect(linkedL).toBeCloseTo(-10.5, 3);
    expect(linkedR).toBeCloseTo(-10.5, 3);
    const [unlinkedL, unlinkedR] = at(0);
    expect(unlinkedL).toBeCloseTo(-10.5, 3);
    expect(unlinkedR).toBeCloseTo(0, 6);
  });

  it('is keyed by the external sidechain when selected, and by its own input otherwise', () => {
    const programme = new Float32Array(FS).fill(amp(-40));
    const key = new Float32Array(FS).fill(amp(-6));
    const gainWith = (source: number, sidechain?: Float32Array[]) => {
      const k = kernel({ sidechainSource: source, threshold: -20, ratio: 4, knee: 0 });
      const out = [new Float32Array(FS)];
      k.process([programme], out, 0, FS, sidechain);
      return db(out[0][FS - 1] / programme[0]);
    };
    expect(gainWith(1, [key])).toBeCloseTo(-10.5, 3);
    expect(gainWith(0, [key])).toBeCloseTo(0, 6);
    // External selected with nothing connected: falls back to the internal signal.
    expect(gainWith(1)).toBeCloseTo(0, 6);
  });

  it('ignores low frequencies in the detector with the sidechain high-pass', () => {
    const bass = sine(-6, 1, 40);
    const reductionAt = (sidechainHighpass: number) => {
      const [out] = runKernel(
        kernel({ threshold: -20, ratio: 4, knee: 0, release: 2500, sidechainHighpass }),
        [bass],
        [128],
      );
      return db(peakOf(bass, FS - 4800)) - db(peakOf(out, FS - 4800));
    };
    expect(Math.abs(reductionAt(10) - 10.5)).toBeLessThanOrEqual(0.1);
    expect(reductionAt(400)).toBeLessThan(0.5);
  });
});

describe('parameter changes', () => {
  it("do not click: a threshold jump on a steady sine keeps every step within the steady signal's", () => {
    const input = sine(-6, 1, 200);
    const k = kernel({ threshold: -6, ratio: 8, knee: 0, attack: 0.05, release: 5 });
    const output = new Float32Array(input.length);
    const half = input.length / 2;
    k.process([input], [output], 0, half);
    k.setParameter('threshold', -40);
    k.process([input], [output], half, input.length);
    let steadyStep = 0;
    for (let i = 1; i < half; i++) steadyStep = Math.max(steadyStep, Math.abs(output[i] - output[i - 1]));
    let jumpStep = 0;
    for (let i = half; i < input.length; i++)
      jumpStep = Math.max(jumpStep, Math.abs(output[i] - output[i - 1]));
    expect(jumpStep).toBeLessThanOrEqual(steadyStep * 1.001);
  });

  it('change the lookahead without a click and report the new latency at once', () => {
    const input = sine(-12, 1, 100);
    const k = kernel({ ratio: 1, lookahead: 0 });
    const output = new Float32Array(input.length);
    k.process([input], [output], 0, 24_000);
    k.setParameter('lookahead', 10);
    expect(k.latencySamples).toBe(480);
    k.process([input], [output], 24_000, input.length);
    const maxStep = Math.max(
      ...Array.from({ length: input.length - 1 }, (_, i) => Math.abs(output[i + 1] - output[i])),
    );
    const sineStep = 2 * Math.PI * (100 / FS) * amp(-12);
    expect(maxStep).toBeLessThanOrEqual(sineStep * 1.05);
  });
});

describe('sample rates', () => {
  it.each([44_100, 88_200, 96_000, 176_400, 192_000])(
    'at %i Hz: static curve and attack time hold',
    (rate) => {
      const k = kernel({ threshold: -20, ratio: 4, knee: 6, attack: 1, release: 1000 }, 1, rate);
      const input = sine(-8, 1, 1000, rate);
      const [output] = runKernel(k, [input], [128]);
      const measured = db(peakOf(output, input.length - rate / 10)) + 8;
      expect(Math.abs(measured - (expectedOutputLevel(-8, -20, 4, 6) + 8))).toBeLessThanOrEqual(0.1);

      // A DC step from below to above the threshold: 63 % of the reduction after the attack time.
      const step = kernel({ threshold: -30, ratio: 4, knee: 0, attack: 10, release: 5 }, 1, rate);
      const dc = new Float32Array(rate).fill(amp(-10));
      dc.fill(amp(-40), 0, rate / 2);
      const [out] = runKernel(step, [dc], [128]);
      const reduction = Array.from(out.subarray(rate / 2), (y, i) => -db(y / dc[rate / 2 + i]));
      const full = reduction[reduction.length - 1];
      const at = reduction.findIndex((r) => r >= 0.632 * full) / rate;
      expect(Math.abs(at * 1000 - 10) / 10).toBeLessThanOrEqual(0.1);
    },
  );
});
