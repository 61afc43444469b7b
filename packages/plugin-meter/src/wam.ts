// The WAM entry: dist/index.js default-exports this class. Hosts load it by URL.
import { definePlugin, PROCESSOR_FILE } from '@lathe/plugin-kit/wam';
import { descriptor } from './descriptor.ts';
import { meterParams } from './params.ts';
import { meterTelemetry } from './telemetry.ts';

const LatheLoudness = definePlugin({
  descriptor,
  params: meterParams,
  processorUrl: () => new URL(PROCESSOR_FILE, import.meta.url),
  loadGui: () => import('./gui/gui.tsx'),
  telemetrySize: meterTelemetry.size,
});

export default LatheLoudness;
