// The contract every Lathe plugin's DSP fulfils. A kernel is plain TypeScript: no DOM, no Web
// Audio, so the same object runs in the AudioWorklet, in Node tests and benchmarks, and in the
// host's offline renderer.
import type { ParamId, ParamTable, ParamValues } from './params.ts';

export interface KernelConfig<T extends ParamTable> {
  readonly sampleRate: number;
  /** The most channels `process` will ever be given; everything is allocated for this many. */
  readonly maxChannels: number;
  /** Initial parameter values (already validated); applied without smoothing. */
  readonly params: ParamValues<T>;
}

export interface Kernel<T extends ParamTable> {
  /**
   * Processes samples [from, to) of each channel. `inputs.length` may be anything from 1 to
   * `maxChannels`; `outputs` has the same length. Must not allocate, must give the same result
   * for any split of a signal into blocks, and must smooth parameter changes itself.
   * `sidechain` is the plugin's second audio input (plugins defined with two inputs), or undefined
   * when nothing is connected to it.
   */
  process(
    inputs: readonly Float32Array[],
    outputs: readonly Float32Array[],
    from: number,
    to: number,
    sidechain?: readonly Float32Array[],
  ): void;
  /** Takes effect from the next processed sample (smoothed where the parameter affects audio). */
  setParameter(id: ParamId<T>, value: number): void;
  /** Delay the kernel adds to the audio, in samples, for the current parameters. */
  readonly latencySamples: number;
  /** Back to silence: clears filter state and measurements, keeps parameters. */
  reset(): void;
}

export type KernelFactory<T extends ParamTable, K extends Kernel<T> = Kernel<T>> = (
  config: KernelConfig<T>,
) => K;
