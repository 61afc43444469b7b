// The WAM entry: dist/index.js default-exports this class. Hosts load it by URL.
import { definePlugin, PROCESSOR_FILE } from '@lathe/plugin-kit/wam';
import { descriptor } from './descriptor.ts';
import { limiterParams } from './params.ts';
import { limiterTelemetry } from './telemetry.ts';

const LatheLimiter = definePlugin({
  descriptor,
  params: limiterParams,
  processorUrl: () => new URL(PROCESSOR_FILE, import.meta.url),
  loadGui: () => import('./gui/gui.tsx'),
  telemetrySize: limiterTelemetry.size,
});

export default LatheLimiter;
