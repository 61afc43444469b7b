// Publishes each built Lathe plugin folder under dist/plugins/<name>/, so the demo loads them by
// URL exactly as any other WAM host would (and other hosts can load them from the demo's server),
// plus dist/plugins/index.json listing them in mastering-chain order.
import { cpSync, existsSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
/** Mastering order: tone, dynamics, peak control, then measurement. */
const plugins = {
  eq: '../../packages/plugin-eq/dist',
  comp: '../../packages/plugin-comp/dist',
  limiter: '../../packages/plugin-limiter/dist',
  meter: '../../packages/plugin-meter/dist',
};
const published = [];
for (const [name, from] of Object.entries(plugins)) {
  const source = new URL(`${from}/`, root);
  // A plugin that is not built yet is left out rather than failing the demo.
  if (!existsSync(new URL('index.js', source))) continue;
  cpSync(source, new URL(`dist/plugins/${name}/`, root), { recursive: true });
  published.push(name);
}
if (!published.includes('meter')) throw new Error('The meter plugin is not built: run `pnpm build`');
writeFileSync(new URL('dist/plugins/index.json', root), `${JSON.stringify(published)}\n`);
console.log(`Published plugins: ${published.join(', ')} → dist/plugins/`);
