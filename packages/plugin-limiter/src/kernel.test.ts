import { readFrame } from '@lathe/plugin-kit';
import { describeKernelContract } from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { bandLimitedNoise, toDb } from '../test/reference.ts';
import { type Change, largestStep, limiter, meterTruePeak, render, sine, withTail } from '../test/render.ts';
import { createLimiterKernel, type LimiterKernel } from './kernel.ts';
import { limiterParams } from './params.ts';
import { limiterTelemetry } from './telemetry.ts';

// Limiting hard, every parameter off its default.
const hard = {
  inputGain: 18,
  ceiling: -3,
  release: 30,
  autoRelease: 0,
  lookahead: 2.5,
  stereoLink: 50,
  truePeak: 1,
} as const;

describeKernelContract('limiter', createLimiterKernel, limiterParams, {
  params: hard,
  telemetrySize: limiterTelemetry.size,
});
describeKernelContract('limiter (mono, 192 kHz, auto release)', createLimiterKernel, limiterParams, {
  sampleRate: 192_000,
  channels: 1,
  params: { ...hard, autoRelease: 1, lookahead: 5 },
  telemetrySize: limiterTelemetry.size,
});

const dbfs = (db: number) => 10 ** (db / 20);

function telemetry(kernel: LimiterKernel) {
  const frame = new Float64Array(limiterTelemetry.size);
  kernel.writeTelemetry(frame);
  return readFrame(limiterTelemetry, frame);
}

/** The delay of an impulse played `at` samples after silence starts (first non-zero output after it). */
function impulseDelay(kernel: LimiterKernel, sampleRate: number, at = 1000): number {
  const impulse = new Float32Array(at + sampleRate / 50);
  impulse[at] = 0.5;
  const [out] = render(kernel, [impulse]);
  const first = out.findIndex((v, i) => i >= at && v !== 0);
  expect(out[first]).toBe(0.5); // an exact, unfiltered copy
  return first - at;
}

describe('limiter kernel', () => {
  it('skips the true-peak interpolation only where it changes nothing: output identical without the shortcut', () => {
    const fs = 48_000;
    // Quiet, loud, silent and nearly-at-the-ceiling passages, a ceiling change and a true-peak toggle.
    const sections = [-40, -3, -60, -14, 6, -30].map((db, k) =>
      bandLimitedNoise(fs / 2, fs, 10 + k).map((v) => v * dbfs(db)),
    );
    const left = new Float32Array(sections.reduce((n, s) => n + s.length + 4800, 0));
    for (let k = 0, at = 0; k < sections.length; at += sections[k].length + 4800, k++)
      left.set(sections[k], at);
    const signal = [left, left.map((v, i) => v * (i % 2 === 0 ? 0.5 : 0.7))];
    const changes: Change[] = [
      { at: 40_000, id: 'ceiling', value: -6 },
      { at: 90_000, id: 'truePeak', value: 0 },
      { at: 100_000, id: 'truePeak', value: 1 },
      { at: 130_000, id: 'ceiling', value: -0.5 },
    ];
    const blocks = [128, 7, 300, 1];
    const shortcut = limiter(fs, 2);
    // Count the samples the detector interpolates (priming included).
    const detector = (shortcut as unknown as { detector: { process: (...args: never[]) => void } }).detector;
    const process = detector.process.bind(detector);
    let interpolated = 0;
    detector.process = (...args: Parameters<typeof process>) => {
      interpolated += (args[3] as number) - (args[2] as number);
      process(...args);
    };
    const withShortcut = render(shortcut, signal, blocks, changes);
    expect(interpolated).toBeLessThan(0.6 * signal.length * left.length);
    const exhaustive = limiter(fs, 2);
    // Every input counts as loud: the detector runs on every sample.
    Object.defineProperty(exhaustive, 'quietLevel', { get: () => -1, set: () => {} });
    const reference = render(exhaustive, signal, blocks, changes);
    expect(withShortcut).toEqual(reference);
  });

  it('gives identical output for blocks of 1, 7, 128 and 4096 samples, parameter changes included', () => {
    const fs = 48_000;
    const signal = withTail([bandLimitedNoise(fs, fs, 3), bandLimitedNoise(fs, fs, 4)], 0, 0.2);
    // Every parameter moves while limiting, including two lookahead changes (the second while the
    // first one's crossfade is still running).
    const changes: Change[] = [
      { at: 4_000, id: 'inputGain', value: 16 },
      { at: 9_001, id: 'ceiling', value: -6 },
      { at: 12_345, id: 'lookahead', value: 4.2 },
      { at: 12_600, id: 'lookahead', value: 0.7 },
      { at: 20_000, id: 'stereoLink', value: 0 },
      { at: 24_007, id: 'autoRelease', value: 1 },
      { at: 30_000, id: 'release', value: 400 },
      { at: 36_000, id: 'truePeak', value: 0 },
    ];
    const reference = render(limiter(fs, 2, hard), signal, [fs], changes);
    for (const sizes of [[1], [7], [128], [4096], [7, 300, 1, 4096, 33]]) {
      const output = render(limiter(fs, 2, hard), signal, sizes, changes);
      expect(output[0]).toEqual(reference[0]);
      expect(output[1]).toEqual(reference[1]);
    }
  });

  it.each([44_100, 48_000, 88_200, 96_000, 176_400, 192_000])(
    'at %i Hz: delays by exactly its reported latency and keeps a hot signal under the ceiling',
    (fs) => {
      for (const lookahead of [0.5, 1.5, 5]) {
        const kernel = limiter(fs, 1, { lookahead });
        expect(kernel.latencySamples).toBe(Math.round((lookahead * fs) / 1000) + 35);
        expect(impulseDelay(kernel, fs)).toBe(kernel.latencySamples);
      }
      const kernel = limiter(fs, 2, { inputGain: 12, ceiling: -1 });
      const noise = withTail([bandLimitedNoise(fs / 4, fs, 5), bandLimitedNoise(fs / 4, fs, 6)], 1024, 0.25);
      const out = render(kernel, noise);
      expect(toDb(meterTruePeak(out, fs))).toBeLessThanOrEqual(-1 + 0.05);
    },
  );

  it('is transparent below the ceiling: the output is the input delayed, bit for bit', () => {
    const fs = 44_100;
    const kernel = limiter(fs, 2);
    const signal = withTail([bandLimitedNoise(fs, fs, 7), bandLimitedNoise(fs, fs, 8)], 0, 0.12);
    expect(toDb(meterTruePeak(signal, fs))).toBeLessThan(-1.5);
    const out = render(kernel, signal);
    const d = kernel.latencySamples;
    let difference = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = d; i < signal[c].length; i++)
        difference = Math.max(difference, Math.abs(out[c][i] - signal[c][i - d]));
    }
    expect(difference).toBe(0);
    expect(telemetry(kernel).gainReductionMax).toBe(0);
  });

  it('applies the input gain exactly when it does not need to limit', () => {
    const fs = 48_000;
    const kernel = limiter(fs, 1, { inputGain: 6, ceiling: 0 });
    const [signal] = withTail([bandLimitedNoise(fs / 2, fs, 9)], 0, 0.05);
    const [out] = render(kernel, [signal]);
    const d = kernel.latencySamples;
    const gain = 10 ** (6 / 20);
    let difference = 0;
    let reference = 0;
    for (let i = d; i < signal.length; i++) {
      difference = Math.max(difference, Math.abs(out[i] - Math.fround(signal[i - d] * gain)));
      reference = Math.max(reference, Math.abs(signal[i - d] * gain));
    }
    expect(toDb(difference / reference)).toBeLessThanOrEqual(-120);
  });

  it('reports a new lookahead at once, crossfades to it without a click, and then delays by it', () => {
    const fs = 48_000;
    const kernel = limiter(fs, 1, { lookahead: 0.5 });
    const before = kernel.latencySamples;
    const tone = sine(fs / 2, fs, 220, 0.5);
    const out = render(kernel, [tone], [128], [{ at: 6000, id: 'lookahead', value: 5 }]);
    expect(kernel.latencySamples).toBe(before + Math.round(0.0045 * fs));
    // Steady, the tone steps by at most 0.5·2π·220/48000 per sample; a click would step by ~0.5.
    const smooth = 0.5 * ((2 * Math.PI * 220) / fs);
    expect(largestStep(out[0], before + 1)).toBeLessThan(1.5 * smooth);
    expect(impulseDelay(kernel, fs, 2000)).toBe(kernel.latencySamples);
  });

  it('stays under the ceiling while a lookahead change crossfades between two delays', () => {
    const fs = 44_100;
    const kernel = limiter(fs, 2, { inputGain: 14, ceiling: -1, lookahead: 5 });
    const noise = withTail([bandLimitedNoise(fs / 2, fs, 10), bandLimitedNoise(fs / 2, fs, 11)], 1024, 0.25);
    const out = render(
      kernel,
      noise,
      [128],
      [
        { at: 5_000, id: 'lookahead', value: 0.5 },
        { at: 12_000, id: 'lookahead', value: 3 },
      ],
    );
    expect(toDb(meterTruePeak(out, fs))).toBeLessThanOrEqual(-1 + 0.05);
  });

  it.each([
    ['input gain', { inputGain: 0, ceiling: -1 }, { id: 'inputGain', value: 12 }, -20 + 12],
    ['ceiling (down)', { ceiling: -3 }, { id: 'ceiling', value: -12 }, -3],
    ['ceiling (up)', { ceiling: -12 }, { id: 'ceiling', value: -3 }, -3],
    ['stereo link', { ceiling: -12, stereoLink: 0 }, { id: 'stereoLink', value: 100 }, -6],
    ['true peak', { ceiling: -12, truePeak: 0 }, { id: 'truePeak', value: 1 }, -6],
  ] as const)('changes %s without a click', (_, params, change, loudestDb) => {
    const fs = 48_000;
    const kernel = limiter(fs, 2, params);
    // A 100 Hz tone, at −20 dBFS for the input gain case and −6 dBFS (limited) for the others.
    const level = change.id === 'inputGain' ? -20 : -6;
    const left = sine(fs / 2, fs, 100, dbfs(level));
    const right = sine(fs / 2, fs, 100, dbfs(level - 12), 1);
    const out = render(kernel, [left, right], [128], [{ at: 8000, ...change }]);
    // Steady, the loudest output steps by at most amplitude·2π·100/fs per sample; an unsmoothed
    // gain change would step by a good part of the amplitude.
    const smooth = dbfs(loudestDb) * ((2 * Math.PI * 100) / fs);
    const settled = kernel.latencySamples + 2000; // past the initial attack on the first peak
    expect(largestStep(out[0], settled)).toBeLessThan(1.5 * smooth);
  });

  it('releases with the set time constant, and auto release follows the programme', () => {
    const fs = 48_000;
    // A 20 ms burst 12 dB over the ceiling, then a quiet tone: gain reduction over time after it.
    const burst = (duration: number) => {
      const hot = sine(Math.round(duration * fs), fs, 1000, dbfs(11));
      const x = sine(1000 + hot.length + fs, fs, 1000, dbfs(-40));
      x.set(hot, 1000);
      return x;
    };
    const recovery = (params: object, duration: number) => {
      const kernel = limiter(fs, 1, { ceiling: -1, release: 100, ...params });
      const x = burst(duration);
      const curve: number[] = [];
      const out = [new Float32Array(x.length)];
      for (let from = 0; from < x.length; from += 48) {
        kernel.process([x], out, from, from + 48);
        curve.push(telemetry(kernel).gainReduction);
      }
      // Milliseconds from the end of the burst (as it leaves the limiter) until the reduction is below 1 dB.
      const end = (1000 + Math.round(duration * fs) + kernel.latencySamples) / 48;
      const back = curve.findIndex((gr, i) => i > end && gr < 1);
      return back - end;
    };
    // Manual: a one-pole from 12 dB of reduction (gain 0.25) to 1 dB takes τ·ln(0.75/0.109) ≈ 1.93 τ.
    const manual = recovery({ autoRelease: 0 }, 0.02);
    expect(manual).toBeGreaterThan(170);
    expect(manual).toBeLessThan(215);
    // Auto after a short transient: the release towards the (barely moved) sustained level runs at a
    // quarter of the release time.
    const autoShort = recovery({ autoRelease: 1 }, 0.02);
    expect(autoShort).toBeLessThan(manual / 2.5);
    // Auto after 3 s of sustained reduction: the sustained level holds the gain down longer.
    const autoLong = recovery({ autoRelease: 1 }, 3);
    expect(autoLong).toBeGreaterThan(manual);
  });

  it('limits each channel on its own without link, and all alike with full link', () => {
    const fs = 48_000;
    const loud = sine(fs / 4, fs, 997, dbfs(6));
    const quiet = sine(fs / 4, fs, 440, dbfs(-20));
    const quietPeak = (link: number) => {
      const kernel = limiter(fs, 2, { ceiling: -1, stereoLink: link });
      const out = render(kernel, [loud, quiet]);
      let peak = 0;
      for (let i = fs / 8; i < out[1].length; i++) peak = Math.max(peak, Math.abs(out[1][i]));
      return toDb(peak);
    };
    expect(quietPeak(0)).toBeCloseTo(-20, 3); // untouched
    expect(quietPeak(100)).toBeCloseTo(-20 - 7, 1); // the loud channel's 7 dB of reduction
    expect(quietPeak(50)).toBeGreaterThan(-27);
    expect(quietPeak(50)).toBeLessThan(-20.5);
  });

  it('limits sample peaks only when true peak is off (and then inter-sample peaks pass)', () => {
    const fs = 48_000;
    const kernel = limiter(fs, 1, { ceiling: -1, truePeak: 0 });
    // fs/4 at 45°: every sample sits 3 dB below the waveform's peak.
    const x = withTail([sine(fs / 4, fs, fs / 4, dbfs(3), Math.PI / 4)], 1024);
    const [out] = render(kernel, x);
    let samplePeak = 0;
    for (let i = fs / 16; i < out.length - 1024; i++) samplePeak = Math.max(samplePeak, Math.abs(out[i]));
    expect(toDb(samplePeak)).toBeCloseTo(-1, 2);
    expect(toDb(meterTruePeak([out], fs))).toBeGreaterThan(1.5);
  });

  it('reports input peak, output true peak, gain reduction and latency; reset clears the readings', () => {
    const fs = 48_000;
    const kernel = limiter(fs, 2, { inputGain: 10, ceiling: -2 });
    const noise = withTail([bandLimitedNoise(fs / 2, fs, 12), bandLimitedNoise(fs / 2, fs, 13)], 0, 0.2);
    const out = render(kernel, noise);
    const t = telemetry(kernel);
    expect(t.outputTruePeak).toBeCloseTo(toDb(meterTruePeak(out, fs)), 9);
    expect(t.outputTruePeak).toBeLessThanOrEqual(-2 + 0.05);
    expect(t.outputTruePeak).toBeGreaterThan(-2.3);
    expect(t.inputPeak).toBeGreaterThan(t.outputPeak + 5);
    expect(t.gainReductionMax).toBeGreaterThan(5);
    expect(t.gainReductionMax).toBeGreaterThanOrEqual(t.gainReduction);
    expect(t.latency).toBe(kernel.latencySamples);
    // Per-frame values restart with each frame; the running true peak only with reset.
    const next = telemetry(kernel);
    expect(next.inputPeak).toBe(-Infinity);
    expect(next.outputTruePeak).toBe(t.outputTruePeak);
    kernel.reset();
    expect(telemetry(kernel)).toMatchObject({
      outputTruePeak: -Infinity,
      gainReduction: 0,
      gainReductionMax: 0,
    });
  });

  it('starts a channel that reappears from silence, not from what it held', () => {
    const fs = 48_000;
    const kernel = limiter(fs, 2);
    const loud = sine(4096, fs, 1000, 0.5);
    const stereoOut = [new Float32Array(4096), new Float32Array(4096)];
    kernel.process([loud, loud], stereoOut, 0, 4096);
    kernel.process([loud], [new Float32Array(4096)], 0, 4096);
    const silent = new Float32Array(4096);
    kernel.process([loud, silent], stereoOut, 0, 4096);
    expect(stereoOut[1].every((v) => v === 0)).toBe(true);
  });
});
