#!/usr/bin/env node
/**
 * `npm run lint`: every linter, each run even when one before it failed; exit 1 if any failed.
 * scripts/test.mjs runs the same list (LINTERS) as its lint phase.
 *
 *   eslint        eslint.config.mjs: the whole repo, type-aware for TypeScript
 *   lit-analyzer  the element's templates and bindings, strict rules, warnings fail
 *   prettier      --check: every file formatted as `npm run format` would (prettier.config.mjs)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { binOf } from './bin-of.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export const LINTERS = [
  { name: 'eslint', bin: ['eslint', 'eslint'], args: ['.'] },
  // Over src/ only: lit-analyzer cannot read attributes declared with `static properties` and
  // `declare` fields, so in tests it would call every attribute of <xoi-share-button> unknown.
  { name: 'lit-analyzer', bin: ['lit-analyzer', 'lit-analyzer'], args: ['--strict', '--maxWarnings', '0', 'src'] },
  { name: 'prettier', bin: ['prettier', 'prettier'], args: ['--check', '.'] },
];

/** Runs one linter with inherited output; resolves to its exit code. */
export function runLinter({ bin, args }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binOf(...bin), ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs every linter; resolves to `{ name: exitCode }`. */
export async function lintAll() {
  const results = {};
  for (const linter of LINTERS) {
    console.log(`\n$ ${linter.name} ${linter.args.join(' ')}`);
    results[linter.name] = await runLinter(linter);
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await lintAll();
  const failed = Object.entries(results).filter(([, code]) => code !== 0);
  console.log(failed.length ? `\nlint: FAILED (${failed.map(([name]) => name).join(', ')})` : '\nlint: ok');
  process.exitCode = failed.length ? 1 : 0;
}
