#!/usr/bin/env node
// The whole test suite, as CI and the README run it: one formatter/linter for the repository,
// type-checking, then every package's node and browser tests (turbo builds what they need).
// Ends with the line CI reads: "N passed, N failed" — every test case, plus lint and typecheck
// counted as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label}`);
  return ok;
}

const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')))
    .map((entry) => join(root, group, entry.name)),
);
const tested = workspaces.filter(
  (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.test,
);
for (const dir of tested) rmSync(join(dir, 'test-results'), { recursive: true, force: true });

const checks = [
  run('lint + format (biome)', 'pnpm', ['exec', 'biome', 'check', '.']),
  run('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck']),
];
// Browser tests and audio renders are CPU-heavy: one package at a time on small machines.
const testsOk = run('tests', 'pnpm', ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=1']);

let passed = checks.filter(Boolean).length;
let failed = checks.length - passed;
console.log('\nTests per package:');
for (const dir of tested) {
  const name = dir.slice(root.length);
  const report = join(dir, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    console.log(`  ${name}: no results (the test run crashed before reporting) — counted as 1 failed`);
    failed += 1;
    continue;
  }
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(report, 'utf8'),
  );
  const skipped = (numPendingTests ?? 0) + (numTodoTests ?? 0);
  console.log(
    `  ${name}: ${numPassedTests} passed, ${numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  passed += numPassedTests;
  failed += numFailedTests;
}
if (!testsOk && failed === 0) failed += 1; // turbo failed without a failing test: still a failure
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
