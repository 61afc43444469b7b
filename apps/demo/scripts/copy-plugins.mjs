// Publishes each built Lathe plugin folder under dist/plugins/<name>/, so the demo loads them by
// URL exactly as any other WAM host would (and other hosts can load them from the demo's server),
// plus dist/plugins/index.json listing them: the mastering chain in order, then the channel strip.
import { cpSync, existsSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
/** Mastering order: tone, dynamics, peak control, then measurement; then the mixer's channel strip. */
const plugins = {
  eq: '../../packages/plugin-eq/dist',
  comp: '../../packages/plugin-comp/dist',
  limiter: '../../packages/plugin-limiter/dist',
  meter: '../../packages/plugin-meter/dist',
  strip: '../../packages/plugin-strip/dist',
};
const published = [];
for (const [name, from] of Object.entries(plugins)) {
  const source = new URL(`${from}/`, root);
  if (!existsSync(new URL('index.js', source))) throw new Error(`${name}: build ${from} first (pnpm build)`);
  cpSync(source, new URL(`dist/plugins/${name}/`, root), { recursive: true });
  published.push(name);
}
writeFileSync(new URL('dist/plugins/index.json', root), `${JSON.stringify(published)}\n`);
console.log(`Published plugins: ${published.join(', ')} → dist/plugins/`);
