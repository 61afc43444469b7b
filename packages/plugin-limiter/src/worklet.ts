import { registerKernelProcessor } from '@lathe/plugin-kit/worklet';
import { descriptor } from './descriptor.ts';
import { createLimiterKernel, LIMITER_MAX_CHANNELS } from './kernel.ts';
import { limiterParams } from './params.ts';

registerKernelProcessor({
  moduleId: descriptor.identifier,
  params: limiterParams,
  createKernel: createLimiterKernel,
  maxChannels: LIMITER_MAX_CHANNELS,
});
