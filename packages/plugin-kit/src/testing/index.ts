// Node-only test support shared by every package's browser tests.
export { CHROMIUM_PATH, launchChromium, type Browser } from './browser.ts';
export { type ForeignHost, openForeignHost } from './foreign-host.ts';
export { type StaticServer, startStaticServer } from './static-server.ts';
