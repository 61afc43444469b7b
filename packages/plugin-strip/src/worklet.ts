import { registerKernelProcessor } from '@lathe/plugin-kit/worklet';
import { descriptor } from './descriptor.ts';
import { createStripKernel, STRIP_MAX_CHANNELS } from './kernel.ts';
import { stripParams } from './params.ts';

registerKernelProcessor({
  moduleId: descriptor.identifier,
  params: stripParams,
  createKernel: createStripKernel,
  maxChannels: STRIP_MAX_CHANNELS,
});
