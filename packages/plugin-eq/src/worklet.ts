import { registerKernelProcessor } from '@lathe/plugin-kit/worklet';
import { descriptor } from './descriptor.ts';
import { createEqKernel, EQ_MAX_CHANNELS } from './kernel.ts';
import { eqParams } from './params.ts';

registerKernelProcessor({
  moduleId: descriptor.identifier,
  params: eqParams,
  createKernel: createEqKernel,
  maxChannels: EQ_MAX_CHANNELS,
});
