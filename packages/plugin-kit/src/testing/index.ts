// Node-only test support shared by every package's browser tests.
export { type Browser, CHROMIUM_PATH, launchChromium } from './browser.ts';
export { type ForeignHost, openForeignHost } from './foreign-host.ts';
export {
  type AllocationMeasurement,
  type ContractOptions,
  describeKernelContract,
  measureAllocation,
  runKernel,
} from './kernel-contract.ts';
export {
  differenceDb,
  type OfflineRender,
  type OfflineRenderOptions,
  renderOffline,
} from './offline-render.ts';
export { servePluginUnderTest } from './plugin-under-test.ts';
export { type ShowGuiOptions, showGui, shrinkGuiToMinimum } from './show-gui.ts';
export { type StaticServer, startStaticServer } from './static-server.ts';
