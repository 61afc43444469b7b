import { describe, expect, it } from 'vitest';
import { defineTelemetry, readFrame } from './telemetry.ts';

describe('telemetry layout', () => {
  it('gives every name a stable index and reads frames by name', () => {
    const layout = defineTelemetry(['input', 'output', 'reduction']);
    expect(layout.size).toBe(3);
    expect(layout.index).toEqual({ input: 0, output: 1, reduction: 2 });
    expect(readFrame(layout, Float64Array.of(-6, -3, 2.5))).toEqual({
      input: -6,
      output: -3,
      reduction: 2.5,
    });
  });
});
