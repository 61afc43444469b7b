import { registerKernelProcessor } from '@lathe/plugin-kit/worklet';
import { descriptor } from './descriptor.ts';
import { createMeterKernel, METER_MAX_CHANNELS } from './kernel.ts';
import { meterParams } from './params.ts';

registerKernelProcessor({
  moduleId: descriptor.identifier,
  params: meterParams,
  createKernel: createMeterKernel,
  maxChannels: METER_MAX_CHANNELS,
});
