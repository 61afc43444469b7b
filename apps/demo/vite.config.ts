import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { conditions: ['lathe-source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { target: 'es2022' },
  // Plugins under /plugins/ are loadable by URL from other WAM hosts too.
  preview: { cors: true },
});
