// The contract suite itself is tested on the fixture kernel: a kernel that keeps the contract
// passes, and the allocation probe sees allocations when there are some.
import { describe, expect, it } from 'vitest';
import { describeKernelContract, measureAllocation } from '../src/testing/kernel-contract.ts';
import { FixtureKernel } from './fixture/src/kernel.ts';
import { fixtureParams } from './fixture/src/params.ts';

describeKernelContract('fixture', (config) => new FixtureKernel(config), fixtureParams, {
  params: { delay: 5, gain: 0.5 },
  telemetrySize: 1,
});

describe('measureAllocation', () => {
  it('sees a small allocation per call', async () => {
    const kept: Float32Array[] = [];
    const { bytes, collections } = await measureAllocation(() => {
      for (let i = 0; i < 10_000; i++) kept.push(new Float32Array(2));
    });
    expect(collections).toBe(0);
    expect(bytes / 10_000).toBeGreaterThan(16);
  });
});
