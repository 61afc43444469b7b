// The build every Lathe plugin shares. Conventions (per plugin package):
//   src/descriptor.ts  exports `descriptor` (and `thumbnailGlyph`, an SVG path for the thumbnail)
//   src/wam.ts         default-exports the WebAudioModule      → dist/index.js (+ lazy GUI chunk)
//   src/worklet.ts     registers the AudioWorklet processor    → dist/processor.js (one file)
//   src/index.ts       the pure library, if package.json exports one → lib/index.js
// dist/ also gets descriptor.json and the thumbnail, so the folder is a complete WAM that can be
// served from any origin: everything is loaded relative to dist/index.js.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type InlineConfig, runnerImport } from 'vite';
import { PROCESSOR_FILE } from '../files.ts';
import { thumbnailSvg } from './thumbnail.ts';

interface DescriptorModule {
  descriptor: { identifier: string; name: string; thumbnail: string };
  thumbnailGlyph: string;
}

function baseConfig(root: string): InlineConfig {
  return {
    root,
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    resolve: { conditions: ['lathe-source'] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: false } },
  };
}

export async function buildPlugin(root: string): Promise<void> {
  const dist = join(root, 'dist');
  const started = performance.now();

  // The WebAudioModule and its lazily loaded GUI chunk.
  await build({
    ...baseConfig(root),
    build: {
      outDir: dist,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, 'src/wam.ts'), formats: ['es'], fileName: () => 'index.js' },
    },
  });

  // The processor: one self-contained module, as audioWorklet.addModule wants it.
  await build({
    ...baseConfig(root),
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, 'src/worklet.ts'), formats: ['es'], fileName: () => PROCESSOR_FILE },
      rollupOptions: { output: { codeSplitting: false } },
    },
  });

  const { module } = await runnerImport<DescriptorModule>(join(root, 'src/descriptor.ts'));
  const { descriptor, thumbnailGlyph } = module;
  await writeFile(join(dist, 'descriptor.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
  await writeFile(join(dist, descriptor.thumbnail), thumbnailSvg(descriptor.name, thumbnailGlyph));

  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const libEntry = join(root, 'src/index.ts');
  if (existsSync(libEntry) && pkg.exports?.['.']) {
    await mkdir(join(root, 'lib'), { recursive: true });
    await build({
      ...baseConfig(root),
      build: {
        outDir: join(root, 'lib'),
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        lib: { entry: libEntry, formats: ['es'], fileName: () => 'index.js' },
      },
    });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${descriptor.name} (${descriptor.identifier}) built in ${seconds} s → dist/index.js`);
}
