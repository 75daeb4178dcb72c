#!/usr/bin/env node
/**
 * `npm run mutation`: StrykerJS over `node --test` on the pure, DOM-free units, one Stryker run
 * per module (its source file, the node tests that exercise it, the tsc steps they import), so
 * each mutant runs only its module's tests and each module gets its own report. Not part of
 * `npm test`: it is slow (bench/MUTATION.md says how slow).
 *
 *   npm run mutation                         every module, then bench/MUTATION.md's table
 *   npm run mutation -- notes payload        those modules only (names: MODULES below)
 *   npm run mutation -- --concurrency=1      Stryker's worker processes (default 2)
 *   npm run mutation -- --no-table           leave bench/MUTATION.md alone
 *   npm run mutation -- --list               the modules, their sources and tests (and checks
 *                                            that those files exist: test/node/mutation-script.test.mjs)
 *
 * Stryker copies the tree (without dist/) into `.stryker-tmp/`, instruments the module's file,
 * runs `node scripts/mutation-build.mjs <steps>` there once, then runs each test file of the
 * module with `node --test-reporter=tap` and the mutant chosen by an environment variable (the
 * tap runner). Coverage per test file (`perTest`) skips the files that never reach a mutant and
 * reports the mutants no test reaches as "no coverage". Reports: `reports/mutation/<module>/`
 * (`index.html`, `mutation.json`; not committed); `scripts/mutation-table.mjs` turns the JSON
 * into bench/MUTATION.md's table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stryker } from '@stryker-mutator/core';
import { MODULES } from './mutation-modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const args = process.argv.slice(2);
const flags = new Map(
  args
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [key, value = 'true'] = a.slice(2).split('=');
      return [key, value];
    }),
);
const known = new Set(['concurrency', 'no-table', 'list']);
for (const key of flags.keys()) {
  if (!known.has(key)) die(`unknown option --${key} (known: ${[...known].map((k) => `--${k}`).join(', ')})`);
}
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names) {
  if (!(name in MODULES)) die(`unknown module ${name} (known: ${Object.keys(MODULES).join(', ')})`);
}
const concurrency = Number(flags.get('concurrency') ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) die('--concurrency must be a whole number ≥ 1');

function die(message) {
  console.error(`mutation: ${message}`);
  process.exit(2);
}

// A module whose files moved would otherwise fail deep inside Stryker, minutes in.
for (const [name, m] of Object.entries(MODULES)) {
  const files = [
    ...m.mutate,
    ...m.tests,
    ...(m.equivalent ?? []).map((e) => e.file),
    ...(m.focus ?? []).map((f) => f.file),
  ];
  for (const file of files) if (!existsSync(join(root, file))) die(`module ${name}: no file ${file}`);
  for (const file of [...(m.equivalent ?? []), ...(m.focus ?? [])].map((e) => e.file)) {
    if (!m.mutate.includes(file)) die(`module ${name}: ${file} is not among the files it mutates`);
  }
}

if (flags.has('list')) {
  for (const [name, m] of Object.entries(MODULES)) {
    console.log(`${name}: ${m.mutate.join(', ')} ← ${m.tests.join(', ')} (target ${m.target} %)`);
  }
  process.exit(0);
}

/** The Stryker options of one module. */
function optionsOf(name, module) {
  const dir = `reports/mutation/${name}`;
  return {
    mutate: module.mutate,
    testRunner: 'tap',
    tap: { testFiles: module.tests, nodeArgs: ['--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'] },
    coverageAnalysis: 'perTest',
    buildCommand: `node scripts/mutation-build.mjs ${module.build.join(' ')}`,
    // The sandbox builds its own dist/ from the instrumented sources: a stale one must not leak in.
    ignorePatterns: [
      '/dist',
      '/.dist-build-*',
      '/reports',
      '/coverage',
      '/test-results',
      '/.xoi-data',
      '/bench',
      '/demo',
      '/docs',
      '/test/e2e',
      '*.tgz',
    ],
    concurrency,
    // A busy two-core machine: an honest test run can take twice its dry-run time.
    timeoutMS: 10_000,
    timeoutFactor: 2,
    reporters: ['html', 'json', 'clear-text', 'progress'],
    htmlReporter: { fileName: `${dir}/index.html` },
    jsonReporter: { fileName: `${dir}/mutation.json` },
    clearTextReporter: { allowEmojis: false, logTests: false, reportMutants: true, reportScoreTable: true },
    thresholds: { high: 100, low: module.target, break: null },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    logLevel: 'info',
  };
}

const started = Date.now();
const timings = [];
for (const name of names.length ? names : Object.keys(MODULES)) {
  const module = MODULES[name];
  console.log(`\n── mutation: ${name} (${module.mutate.join(', ')}) ${'─'.repeat(20)}`);
  rmSync(join(root, 'reports', 'mutation', name), { recursive: true, force: true });
  const at = Date.now();
  await new Stryker(optionsOf(name, module)).runMutationTest();
  const seconds = Math.round((Date.now() - at) / 1000);
  timings.push(`${name} ${seconds} s`);
  const run = { date: new Date(at).toISOString(), seconds, concurrency };
  writeFileSync(join(root, 'reports', 'mutation', name, 'run.json'), JSON.stringify(run, null, 2));
}
console.log(`\nmutation: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);

if (!flags.has('no-table')) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'mutation-table.mjs')], { cwd: root, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
