// Publishes each built Lathe plugin folder under dist/plugins/<name>/, so the demo loads them by
// URL exactly as any other WAM host would (and other hosts can load them from the demo's server).
import { cpSync, existsSync } from 'node:fs';

const plugins = {
  meter: '../../packages/plugin-meter/dist',
  comp: '../../packages/plugin-comp/dist',
};
for (const [name, from] of Object.entries(plugins)) {
  const source = new URL(from, new URL('..', import.meta.url));
  if (!existsSync(new URL('index.js', `${source.href}/`))) throw new Error(`${name}: build ${from} first`);
  cpSync(source, new URL(`../dist/plugins/${name}/`, import.meta.url), { recursive: true });
}
console.log(`Published plugins: ${Object.keys(plugins).join(', ')} → dist/plugins/`);
