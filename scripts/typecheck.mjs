#!/usr/bin/env node
/**
 * `npm run typecheck`: `tsc` over every tsconfig, each run even when one before it failed; exit 1
 * if any failed. scripts/test.mjs runs the same list (TSCONFIGS) as its typecheck phase.
 *
 *   tsconfig.json             the sources (src/, DOM)
 *   tsconfig.test.json        the sources with the browser tests
 *   demo/tsconfig.json        the demo's page
 *   demo/tsconfig.node.json   the demo's Node side: vite.config.ts, demo/cloud-tier.ts (no DOM)
 *   tsconfig.server.json      src/server and src/contract (Node, no DOM)
 *   tsconfig.mock.json        mock/: the mock XOi Cloud, its CLI, the mock XOi Vision (Node, no DOM)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { binOf } from './bin-of.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `tsc` arguments per tsconfig (the ones that set noEmit themselves need no --noEmit). */
export const TSCONFIGS = [
  ['--noEmit', '-p', 'tsconfig.json'],
  ['-p', 'tsconfig.test.json'],
  ['--noEmit', '-p', 'demo/tsconfig.json'],
  ['-p', 'demo/tsconfig.node.json'],
  ['--noEmit', '-p', 'tsconfig.server.json'],
  ['--noEmit', '-p', 'tsconfig.mock.json'],
];

/** Runs `tsc args` with inherited output; resolves to its exit code. */
export function runTsc(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binOf('typescript', 'tsc'), ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs every tsconfig; resolves to the tsconfigs that failed. */
export async function typecheckAll() {
  const failed = [];
  for (const args of TSCONFIGS) {
    console.log(`$ tsc ${args.join(' ')}`);
    if ((await runTsc(args)) !== 0) failed.push(args.at(-1));
  }
  return failed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = await typecheckAll();
  console.log(failed.length ? `\ntypecheck: FAILED (${failed.join(', ')})` : '\ntypecheck: ok');
  process.exitCode = failed.length ? 1 : 0;
}
