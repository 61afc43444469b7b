// The WAM entry: dist/index.js default-exports this class. Input 2 is the external sidechain.
import { definePlugin, PROCESSOR_FILE } from '@lathe/plugin-kit/wam';
import { descriptor } from './descriptor.ts';
import { compParams } from './params.ts';
import { compTelemetry } from './telemetry.ts';

const LatheCompressor = definePlugin({
  descriptor,
  params: compParams,
  processorUrl: () => new URL(PROCESSOR_FILE, import.meta.url),
  loadGui: () => import('./gui/gui.tsx'),
  telemetrySize: compTelemetry.size,
  numberOfInputs: 2,
});

export default LatheCompressor;
