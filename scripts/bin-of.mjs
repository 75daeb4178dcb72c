/**
 * Where an installed package's command lives, for `node <file>` (no npx, no .bin shims): used by
 * scripts/build.mjs (tsc, cem) and scripts/test.mjs (tsc, wtr).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The JS file of `pkg`'s `name` command; throws when `pkg` is not installed. */
export function binOf(pkg, name) {
  // Not require.resolve(`${pkg}/package.json`): some packages do not export it.
  const dir = require.resolve
    .paths(pkg)
    .map((p) => join(p, pkg))
    .find((d) => existsSync(join(d, 'package.json')));
  if (!dir) throw new Error(`${pkg} is not installed — run: npm ci`);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[name]);
}
