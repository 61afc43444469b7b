// The contract every Lathe kernel keeps, as one test suite each plugin runs in one line:
//   describeKernelContract('meter', createMeterKernel, meterParams)
// It checks what the kit promises hosts: any block split gives identical output and telemetry,
// NaN/Inf/denormal input never leaves the kernel stuck, reset restores a fresh kernel, and
// `process` allocates nothing once constructed.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Kernel, KernelFactory } from '../kernel.ts';
import {
  defaultValues,
  fromNormalized,
  type ParamId,
  type ParamTable,
  type ParamValues,
  paramIds,
} from '../params.ts';
import type { TelemetrySource } from '../telemetry.ts';

export interface ContractOptions<T extends ParamTable> {
  readonly sampleRate?: number;
  readonly channels?: number;
  readonly params?: Partial<ParamValues<T>>;
  /** Telemetry frame size, when the kernel reports telemetry. */
  readonly telemetrySize?: number;
}

type AnyKernel<T extends ParamTable> = Kernel<T> & Partial<TelemetrySource>;

/** Seeded noise with level steps: enough movement to exercise dynamics and meters. */
function testSignal(channels: number, length: number, sampleRate: number): Float32Array[] {
  let seed = 0x1234567;
  return Array.from({ length: channels }, (_, c) => {
    const data = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const level = Math.floor((i / sampleRate) * 4) % 2 === 0 ? 0.5 : 0.05;
      data[i] =
        level * ((seed / 2 ** 32) * 2 - 1) + 0.2 * Math.sin((2 * Math.PI * (440 + c) * i) / sampleRate);
    }
    return data;
  });
}

/** Runs `signal` through a kernel in blocks whose sizes come from `blockSizes` (cycled). */
export function runKernel<T extends ParamTable>(
  kernel: AnyKernel<T>,
  signal: readonly Float32Array[],
  blockSizes: readonly number[],
): Float32Array[] {
  const outputs = signal.map((channel) => new Float32Array(channel.length));
  const length = signal[0].length;
  let from = 0;
  for (let b = 0; from < length; b++) {
    const to = Math.min(length, from + blockSizes[b % blockSizes.length]);
    kernel.process(signal, outputs, from, to);
    from = to;
  }
  return outputs;
}

function telemetryOf<T extends ParamTable>(kernel: AnyKernel<T>, size: number): number[] {
  const frame = new Float64Array(size);
  kernel.writeTelemetry?.(frame);
  return Array.from(frame);
}

let gc: (() => void) | undefined;
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

export interface AllocationMeasurement {
  /** Heap bytes allocated while `work` ran (valid only when no collection happened). */
  bytes: number;
  collections: number;
}

/** Bytes in the young generation, where every new JS object starts (code and old space excluded). */
function youngGenerationBytes(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
      bytes += space.space_used_size;
  }
  return bytes;
}

/**
 * Bytes of JS objects allocated by synchronous `work`. With no garbage collection in between, the
 * growth of the young generation is exactly what was allocated (JIT code lives elsewhere and is
 * not counted); a collection would hide allocations, so it is counted and reported too.
 */
export async function measureAllocation(work: () => void): Promise<AllocationMeasurement> {
  // Start from an empty young generation, so garbage left by earlier code cannot trigger a
  // collection during `work` (and so the count below is about `work` alone).
  collectGarbage();
  // Collections are reported later, with their start times: count those that started while `work`
  // ran, not the one just forced nor any the event loop runs while the reports are awaited.
  const starts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) starts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const from = performance.now();
  const before = youngGenerationBytes();
  work();
  const bytes = youngGenerationBytes() - before;
  const to = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { bytes, collections: starts.filter((start) => start >= from && start <= to).length };
}

export function describeKernelContract<T extends ParamTable>(
  name: string,
  factory: KernelFactory<T>,
  table: T,
  options: ContractOptions<T> = {},
): void {
  const sampleRate = options.sampleRate ?? 48_000;
  const channels = options.channels ?? 2;
  const params = { ...defaultValues(table), ...options.params } as ParamValues<T>;
  const telemetrySize = options.telemetrySize ?? 0;
  // Watched, as under an open GUI: display-only work is part of every check.
  const create = () => {
    const kernel = factory({ sampleRate, maxChannels: channels, params }) as AnyKernel<T>;
    kernel.setWatched?.(true);
    return kernel;
  };
  const signal = testSignal(channels, sampleRate * 2, sampleRate);

  describe(`${name} kernel contract`, () => {
    it('gives identical output and telemetry for any block split', () => {
      const whole = create();
      const reference = runKernel(whole, signal, [signal[0].length]);
      // Read once: telemetry may be per frame (peaks since the last read).
      const referenceTelemetry = telemetryOf(whole, telemetrySize);
      for (const sizes of [[1], [7], [128], [4096], [7, 300, 1, 4096, 33]]) {
        const kernel = create();
        const output = runKernel(kernel, signal, sizes);
        for (let c = 0; c < channels; c++) expect(output[c]).toEqual(reference[c]);
        expect(telemetryOf(kernel, telemetrySize)).toEqual(referenceTelemetry);
      }
    });

    it('recovers from NaN, Inf and denormal input', () => {
      const kernel = create();
      const poisoned = signal.map((channel) => channel.slice());
      for (const channel of poisoned) {
        channel.fill(Number.NaN, 1000, 1010);
        channel[2000] = Number.POSITIVE_INFINITY;
        channel[2001] = Number.NEGATIVE_INFINITY;
        channel.fill(1e-40, 3000, 9000);
      }
      runKernel(kernel, poisoned, [128]);
      // After the bad input, a clean signal must come out clean.
      const after = runKernel(kernel, signal, [128]);
      for (const channel of after) expect(channel.every(Number.isFinite)).toBe(true);
      for (const value of telemetryOf(kernel, telemetrySize)) expect(Number.isNaN(value)).toBe(false);
    });

    it('is a fresh kernel again after reset', () => {
      const fresh = runKernel(create(), signal, [128]);
      const kernel = create();
      runKernel(kernel, signal, [128]);
      kernel.reset();
      const afterReset = runKernel(kernel, signal, [128]);
      for (let c = 0; c < channels; c++) expect(afterReset[c]).toEqual(fresh[c]);
    });

    it('allocates nothing in process once constructed, even while parameters move', async () => {
      const kernel = create();
      const outputs = signal.map(() => new Float32Array(signal[0].length));
      const frame = new Float64Array(telemetrySize);
      // Automation as hosts send it: every float parameter swings between two settings, so
      // smoothing and coefficient updates run during the measurement.
      const automated = paramIds(table).filter((id) => table[id].type === 'float') as ParamId<T>[];
      const settings = automated.map((id) => [
        fromNormalized(table[id], 0.3),
        fromNormalized(table[id], 0.7),
      ]);
      let calls = 0;
      const render = (quanta: number) => {
        for (let q = 0; q < quanta; q++) {
          const from = (q * 128) % (signal[0].length - 128);
          if (q % 16 === 0) {
            calls += automated.length;
            for (let p = 0; p < automated.length; p++)
              kernel.setParameter(automated[p], settings[p][(q >> 4) & 1]);
          }
          kernel.process(signal, outputs, from, from + 128);
          if (q % 50 === 0) kernel.writeTelemetry?.(frame);
        }
      };
      render(5000); // warm-up: let the JIT settle
      const quanta = 20_000; // ~53 s of audio
      // V8 may still compile this very loop (on-stack replacement) during a window, which
      // allocates once; an allocation per block would show in every window. So: the least of three.
      const windows = [];
      for (let w = 0; w < 3; w++) {
        calls = 0;
        windows.push(await measureAllocation(() => render(quanta)));
      }
      const { bytes, collections } = windows.reduce((least, next) =>
        next.bytes < least.bytes ? next : least,
      );
      expect(collections).toBe(0);
      // A number passed to a call V8 does not inline arrives boxed (16 bytes): that is the
      // caller's, once per setParameter. Any allocation per block would add ≥ 320 kB.
      expect(bytes).toBeLessThan(quanta + calls * 32);
    });
  });
}
