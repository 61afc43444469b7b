#!/usr/bin/env node
// `pnpm bench [--seconds 180] [--runs 3]`: prints the table and writes bench-results.json at the
// repository root. The benchmark is TypeScript, loaded through Vite's module runner.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, runs: { type: 'string' } } });
const script = fileURLToPath(new URL('../src/bench.ts', import.meta.url));
const results = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));
const { module } = await runnerImport(script);
const started = performance.now();
const rows = await module.runBench({
  seconds: values.seconds === undefined ? undefined : Number(values.seconds),
  runs: values.runs === undefined ? undefined : Number(values.runs),
  log: (line) => console.error(`… ${line}`),
});
console.log(module.formatTable(rows));
writeFileSync(results, `${JSON.stringify(rows, null, 2)}\n`);
console.error(`\n${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s → ${results}`);
