// The meter's kernel: audio passes through untouched while the loudness engine measures it.
import type { Kernel, KernelConfig, TelemetrySource } from '@lathe/plugin-kit';
import { createLoudnessReadings, LoudnessEngine } from './loudness/engine.ts';
import type { MeterParams } from './params.ts';
import { meterTelemetry } from './telemetry.ts';

/** Up to 5.1 (L R C LFE Ls Rs); further channels pass through unmeasured. */
export const METER_MAX_CHANNELS = 6;

export class MeterKernel implements Kernel<MeterParams>, TelemetrySource {
  readonly latencySamples = 0;
  private readonly engine: LoudnessEngine;
  private readonly readings = createLoudnessReadings();

  constructor({ sampleRate, maxChannels, params }: KernelConfig<MeterParams>) {
    this.engine = new LoudnessEngine(sampleRate, maxChannels);
    this.engine.dualMono = params.dualMono >= 0.5;
  }

  process(inputs: readonly Float32Array[], outputs: readonly Float32Array[], from: number, to: number): void {
    for (let c = 0; c < outputs.length; c++) {
      if (inputs[c] !== outputs[c]) outputs[c].set(inputs[c].subarray(from, to), from);
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
    const r = this.readings;
    this.engine.read(r);
    const i = meterTelemetry.index;
    frame[i.momentary] = r.momentary;
    frame[i.shortTerm] = r.shortTerm;
    frame[i.integrated] = r.integrated;
    frame[i.momentaryMax] = r.momentaryMax;
    frame[i.shortTermMax] = r.shortTermMax;
    frame[i.loudnessRange] = r.loudnessRange;
    frame[i.truePeak] = r.truePeak;
    frame[i.samplePeak] = r.samplePeak;
    frame[i.plr] = r.plr;
    frame[i.rms] = r.rms;
    frame[i.noiseFloor] = r.noiseFloor;
    frame[i.correlation] = r.correlation;
    frame[i.duration] = r.duration;
  }
}

export const createMeterKernel = (config: KernelConfig<MeterParams>) => new MeterKernel(config);
