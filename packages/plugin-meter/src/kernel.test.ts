import { describeKernelContract } from '@lathe/plugin-kit/testing';
import { describe, expect, it } from 'vitest';
import { createMeterKernel } from './kernel.ts';
import { meterParams } from './params.ts';
import { meterTelemetry } from './telemetry.ts';

describeKernelContract('meter', createMeterKernel, meterParams, { telemetrySize: meterTelemetry.size });

describe('meter kernel', () => {
  it('passes audio through untouched, NaN included (a meter never alters the signal)', () => {
    const kernel = createMeterKernel({
      sampleRate: 48_000,
      maxChannels: 2,
      params: { target: 0, dualMono: 0 },
    });
    const input = [Float32Array.of(0.5, Number.NaN, -1, 1e-40), Float32Array.of(0, 0.25, Infinity, -0.125)];
    const output = [new Float32Array(4), new Float32Array(4)];
    kernel.process(input, output, 0, 4);
    expect(output).toEqual(input);
  });
});
