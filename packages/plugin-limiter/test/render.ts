// Test support: run a kernel over whole signals, with parameter changes at exact samples.
import { TruePeakDetector } from '@lathe/dsp';
import { defaultValues, type ParamValues } from '@lathe/plugin-kit';
import { createLimiterKernel, type LimiterKernel } from '../src/kernel.ts';
import { type LimiterParams, limiterParams } from '../src/params.ts';

export interface Change {
  at: number;
  id: keyof LimiterParams;
  value: number;
}

export function limiter(
  sampleRate: number,
  channels: number,
  params: Partial<ParamValues<LimiterParams>> = {},
): LimiterKernel {
  return createLimiterKernel({
    sampleRate,
    maxChannels: channels,
    params: { ...defaultValues(limiterParams), ...params },
  });
}

/** Renders `signal` in blocks cycling through `blockSizes`, applying each change before its sample. */
export function render(
  kernel: LimiterKernel,
  signal: readonly Float32Array[],
  blockSizes: readonly number[] = [128],
  changes: readonly Change[] = [],
): Float32Array[] {
  const outputs = signal.map((channel) => new Float32Array(channel.length));
  const length = signal[0].length;
  const pending = [...changes].sort((a, b) => a.at - b.at);
  let from = 0;
  for (let b = 0; from < length; b++) {
    while (pending.length > 0 && pending[0].at <= from) {
      const change = pending.shift()!;
      kernel.setParameter(change.id, change.value);
    }
    let to = Math.min(length, from + blockSizes[b % blockSizes.length]);
    if (pending.length > 0) to = Math.min(to, pending[0].at);
    kernel.process(signal, outputs, from, to);
    from = to;
  }
  return outputs;
}

/** Copies each channel into a longer buffer, so the limiter's delay can play the end out. */
export function withTail(signal: readonly Float32Array[], tail: number, gain = 1): Float32Array[] {
  return signal.map((channel) => {
    const padded = new Float32Array(channel.length + tail);
    for (let i = 0; i < channel.length; i++) padded[i] = channel[i] * gain;
    return padded;
  });
}

/** True peak as the tests' 4× meter reads it: BS.1770 (libebur128-style) from @lathe/dsp. */
export function meterTruePeak(signal: readonly Float32Array[], sampleRate: number): number {
  const meter = new TruePeakDetector(sampleRate, signal.length);
  let peak = 0;
  signal.forEach((channel, c) => {
    peak = Math.max(peak, meter.process(c, channel, 0, channel.length));
  });
  return peak;
}

export function sine(
  length: number,
  sampleRate: number,
  frequency: number,
  amplitude: number,
  phase = 0,
): Float32Array {
  return Float32Array.from(
    { length },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase),
  );
}

/** Largest sample-to-sample step: a click shows up as a step far above a smooth signal's. */
export function largestStep(x: Float32Array, from = 1, to = x.length): number {
  let step = 0;
  for (let i = Math.max(1, from); i < to; i++) step = Math.max(step, Math.abs(x[i] - x[i - 1]));
  return step;
}
