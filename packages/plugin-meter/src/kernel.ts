// The meter's kernel: audio passes through untouched while the loudness engine measures it.
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { LoudnessEngine } from './loudness/engine.ts';
import type { MeterParams } from './params.ts';

/** Up to 5.1 (L R C LFE Ls Rs); further channels pass through unmeasured. */
export const METER_MAX_CHANNELS = 6;

export class MeterKernel implements Kernel<MeterParams>, TelemetrySource {
  readonly latencySamples = 0;
  private readonly engine: LoudnessEngine;

  constructor({ sampleRate, maxChannels, params }: KernelConfig<MeterParams>) {
    this.engine = new LoudnessEngine(sampleRate, maxChannels);
    this.engine.dualMono = params.dualMono >= 0.5;
  }

  process(inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
    for (let c = 0; c < outputs.length; c++) {
      const input = inputs[c];
      const output = outputs[c];
      if (input === output) continue;
      // A whole quantum is copied at memory speed; part of one by a plain loop (subarray() would
      // allocate a view).
      if (from === 0 && to === input.length && to === output.length) output.set(input);
      else for (let i = from; i < to; i++) output[i] = input[i];
    }
    this.engine.process(inputs, from, to);
  }

  setParameter(id: keyof MeterParams, value: number): void {
    // The target only changes the verdict, which the GUI derives from the readings.
    if (id === 'dualMono') this.engine.dualMono = value >= 0.5;
  }

  reset(): void {
    this.engine.reset();
  }

  writeTelemetry(frame: Float64Array): void {
    this.engine.readInto(frame);
  }
}

export const createMeterKernel = (config: KernelConfig<MeterParams>) => new MeterKernel(config);
