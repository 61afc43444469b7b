import { registerKernelProcessor } from '@lathe/plugin-kit/worklet';
import { descriptor } from './descriptor.ts';
import { COMP_MAX_CHANNELS, createCompressorKernel } from './kernel.ts';
import { compParams } from './params.ts';

registerKernelProcessor({
  moduleId: descriptor.identifier,
  params: compParams,
  createKernel: createCompressorKernel,
  maxChannels: COMP_MAX_CHANNELS,
});
