// The WAM entry: dist/index.js default-exports this class. Hosts load it by URL.
import { definePlugin, PROCESSOR_FILE } from '@lathe/plugin-kit/wam';
import { descriptor } from './descriptor.ts';
import { eqParams } from './params.ts';
import { eqTelemetry } from './telemetry.ts';

const LatheEq = definePlugin({
  descriptor,
  params: eqParams,
  processorUrl: () => new URL(PROCESSOR_FILE, import.meta.url),
  loadGui: () => import('./gui/gui.tsx'),
  telemetrySize: eqTelemetry.size,
});

export default LatheEq;
