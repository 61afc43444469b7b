#!/usr/bin/env node
// Builds the plugin package in the current directory into a self-contained WAM folder (dist/)
// and, when it has a library entry, a Node/browser library (lib/). The build itself is
// TypeScript, loaded through Vite's module runner.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const script = fileURLToPath(new URL('../src/build/build-plugin.ts', import.meta.url));
const { module } = await runnerImport(script);
try {
  await module.buildPlugin(process.cwd());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
