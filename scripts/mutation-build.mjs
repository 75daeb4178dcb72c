#!/usr/bin/env node
/**
 * The build `npm run mutation` runs in Stryker's sandbox, once, after the sources were
 * instrumented: only the tsc steps the node tests of the mutated units import (no Vite bundles,
 * no manifest, no declarations), without type checking (`--noCheck`: Stryker marks the files it
 * instruments `@ts-nocheck`, and the sandbox's types are not what is being tested; `npm run
 * typecheck` is). Arguments: which of `browser` (tsconfig.build.json: share-button/, job-link/),
 * `server` (tsconfig.server.json) and `mock` (tsconfig.mock.json, the mock XOi Cloud the server
 * tests talk to) to build; all three when none is given.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binOf } from './bin-of.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const STEPS = {
  browser: ['tsconfig.build.json', 'dist/npm'],
  server: ['tsconfig.server.json', 'dist/npm'],
  mock: ['tsconfig.mock.json', 'dist/npm/mock'],
};
const FAST = ['--noCheck', '--declaration', 'false', '--sourceMap', 'false', '--inlineSources', 'false'];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in STEPS));
if (unknown.length) {
  console.error(`mutation-build: unknown step ${unknown.join(', ')} (known: ${Object.keys(STEPS).join(', ')})`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(STEPS)) {
  const [config, outDir] = STEPS[name];
  const r = spawnSync(process.execPath, [binOf('typescript', 'tsc'), '-p', config, '--outDir', outDir, ...FAST], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`mutation-build: tsc -p ${config} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  if (name === 'mock') {
    // The mock builds its GraphQL services from the SDL at run time (as scripts/build.mjs ships it).
    mkdirSync(join(root, outDir, 'schema'), { recursive: true });
    for (const file of readdirSync(join(root, 'mock', 'schema')).filter((f) => f.endsWith('.graphql'))) {
      copyFileSync(join(root, 'mock', 'schema', file), join(root, outDir, 'schema', file));
    }
  }
}
