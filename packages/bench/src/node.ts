// The kernels in Node, driven as the AudioWorklet drives them: one 128-sample quantum at a time,
// each stage reading the previous stage's quantum buffers.
import { performance } from 'node:perf_hooks';
import { type CompParams, compParams, createCompressorKernel } from '@lathe/plugin-comp';
import { createEqKernel, type EqParams, eqParams } from '@lathe/plugin-eq';
import { defaultValues, type Kernel, type ParamTable, type ParamValues } from '@lathe/plugin-kit';
import { measureAllocation } from '@lathe/plugin-kit/testing';
import { createLimiterKernel, type LimiterParams, limiterParams } from '@lathe/plugin-limiter';
import { createMeterKernel, type MeterParams, measureLoudness, meterParams } from '@lathe/plugin-meter';
import { CHANNELS, EQ_SETTINGS, QUANTUM, SAMPLE_RATE } from './settings.ts';

type AnyKernel = Kernel<ParamTable>;

function config<T extends ParamTable>(table: T, overrides: Record<string, number> = {}) {
  const params = { ...defaultValues(table), ...overrides } as ParamValues<T>;
  return { sampleRate: SAMPLE_RATE, maxChannels: CHANNELS, params };
}

/** A fresh kernel of each plugin, with the benchmark's settings (erased to one type for chaining). */
export const KERNELS = {
  eq: () => createEqKernel(config<EqParams>(eqParams, EQ_SETTINGS)) as unknown as AnyKernel,
  comp: () => createCompressorKernel(config<CompParams>(compParams)) as unknown as AnyKernel,
  limiter: () => createLimiterKernel(config<LimiterParams>(limiterParams)) as unknown as AnyKernel,
  meter: () => createMeterKernel(config<MeterParams>(meterParams)) as unknown as AnyKernel,
} as const;

export type PluginName = keyof typeof KERNELS;
export const PLUGINS = Object.keys(KERNELS) as PluginName[];

const quantumBuffers = () => Array.from({ length: CHANNELS }, () => new Float32Array(QUANTUM));

/**
 * A chain of kernels with the buffers the worklet would hand them, allocated up front. Returns one
 * quantum's work as a function, called once per quantum as the worklet's process() is: a long loop
 * inside one call would run unoptimised (boxing every sample) until on-stack replacement.
 */
function chain(kernels: readonly AnyKernel[], signal: readonly Float32Array[]) {
  const input = quantumBuffers();
  const outputs = kernels.map(quantumBuffers);
  // Imported constants read through locals: Vite's module runner turns an imported binding into
  // a getter on the module's namespace, which would cost more than the copy itself.
  const quantumLength = QUANTUM;
  const channels = CHANNELS;
  const length = signal[0].length - (signal[0].length % quantumLength);
  /** Renders quantum `q` of `signal` (wrapping around its end). */
  return (q: number) => {
    const offset = (q * quantumLength) % length;
    for (let c = 0; c < channels; c++) {
      const source = signal[c];
      const target = input[c];
      for (let i = 0; i < quantumLength; i++) target[i] = source[offset + i];
    }
    let from = input;
    for (let k = 0; k < kernels.length; k++) {
      kernels[k].process(from, outputs[k], 0, quantumLength);
      from = outputs[k];
    }
  };
}

function renderQuanta(quantum: (q: number) => void, first: number, count: number): void {
  for (let q = first; q < first + count; q++) quantum(q);
}

/** Real-time factor (audio seconds per wall second) of fresh kernels over the whole signal. */
export function kernelRtf(names: readonly PluginName[], signal: readonly Float32Array[]): number {
  const quantum = chain(
    names.map((name) => KERNELS[name]()),
    signal,
  );
  const quanta = Math.floor(signal[0].length / QUANTUM);
  const start = performance.now();
  renderQuanta(quantum, 0, quanta);
  const seconds = (performance.now() - start) / 1000;
  return (quanta * QUANTUM) / SAMPLE_RATE / seconds;
}

/** Real-time factor of the offline entry point, measureLoudness() over the whole programme. */
export function measureLoudnessRtf(signal: Float32Array[]): number {
  const start = performance.now();
  measureLoudness(signal, SAMPLE_RATE);
  return signal[0].length / SAMPLE_RATE / ((performance.now() - start) / 1000);
}

/**
 * Bytes allocated per quantum by a warmed-up kernel (and the quantum copy in front of it), over
 * 20 000 quanta (~53 s): the least of three windows, as in the kit's contract test (V8 compiling
 * the measuring loop itself allocates once in some window; an allocation per block would show in
 * every one). NaN when a garbage collection ran, which would hide allocations.
 */
export async function bytesPerQuantum(name: PluginName, signal: readonly Float32Array[]): Promise<number> {
  const quantum = chain([KERNELS[name]()], signal);
  const quanta = 20_000;
  // Warm up through the very call that is measured, so the JIT has settled on it.
  await measureAllocation(() => renderQuanta(quantum, 0, quanta));
  // The measurement itself allocates a little (V8's heap statistics): measured empty, subtracted.
  const overhead = await measureAllocation(() => {});
  let least = Number.POSITIVE_INFINITY;
  for (let window = 0; window < 3; window++) {
    const { bytes, collections } = await measureAllocation(() => renderQuanta(quantum, 0, quanta));
    if (collections > 0) return Number.NaN;
    least = Math.min(least, bytes);
  }
  return Math.max(0, least - overhead.bytes) / quanta;
}
