// Bundles @lathe/host source for a real browser page with Vite (as the demo app would), exposing
// chosen modules as globals so `page.evaluate` can drive them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** packages/host */
export const HOST_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The fields of Vite's InlineConfig this bundle uses. */
interface ViteBuildConfig {
  root: string;
  configFile: false;
  logLevel: 'warn';
  mode: 'production';
  resolve: { conditions: string[] };
  define: Record<string, string>;
  build: {
    outDir: string;
    emptyOutDir: boolean;
    target: string;
    minify: boolean;
    sourcemap: boolean;
    lib: { entry: string; formats: ['es']; fileName: () => string };
  };
}

// Vite is a dependency of @lathe/plugin-kit, not of @lathe/host: resolve it from there rather
// than from this package (whose package.json this support must not change).
async function viteBuild(): Promise<(config: ViteBuildConfig) => Promise<unknown>> {
  const kitTesting = createRequire(import.meta.url).resolve('@lathe/plugin-kit/testing');
  const vite = createRequire(kitTesting).resolve('vite');
  const module = (await import(pathToFileURL(vite).href)) as {
    build(config: ViteBuildConfig): Promise<unknown>;
  };
  return module.build;
}

export interface PageBundle {
  /** Folder holding `host.js` and its chunks. */
  readonly dir: string;
  /** The entry file's name inside `dir`. */
  readonly entry: string;
  remove(): Promise<void>;
}

/**
 * Builds one ES module that imports each module of `globals` (global name → absolute path of a
 * .ts/.js module) and assigns its namespace to `globalThis[name]`, then sets
 * `globalThis.latheReady = true`.
 */
export async function bundleForPage(globals: Readonly<Record<string, string>>): Promise<PageBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'lathe-host-page-'));
  const source = join(dir, 'entry.js');
  const names = Object.keys(globals);
  const imports = names.map((name, i) => `import * as module${i} from ${JSON.stringify(globals[name])};`);
  const assignments = names.map((name, i) => `globalThis[${JSON.stringify(name)}] = module${i};`);
  await writeFile(source, [...imports, ...assignments, 'globalThis.latheReady = true;', ''].join('\n'));
  const build = await viteBuild();
  const out = join(dir, 'out');
  try {
    await build({
      root: HOST_ROOT,
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      // Workspace packages resolve to their TypeScript source, as in the plugin builds.
      resolve: { conditions: ['lathe-source'] },
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: out,
        emptyOutDir: true,
        target: 'es2022',
        // Readable stacks in test failures.
        minify: false,
        sourcemap: true,
        lib: { entry: source, formats: ['es'], fileName: () => 'host.js' },
      },
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir: out, entry: 'host.js', remove: () => rm(dir, { recursive: true, force: true }) };
}
