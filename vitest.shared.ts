// One Vitest setup for every package: source-level imports of workspace packages, and a JSON
// report per package that scripts/run-tests.mjs sums into the closing "N passed, N failed" line.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['lathe-source'] },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
