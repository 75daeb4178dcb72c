// dist/ for the node tests: reused when every output is newer than every input (`npm test`
// builds just before them), otherwise built with `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const OUTPUTS = [
  'dist/cdn/xoi-share-button.js',
  'dist/cdn/xoi-share-button.classic.js',
  'dist/cdn/xoi-job-link.js',
  'dist/npm/index.js',
  'dist/npm/index.d.ts',
  'dist/npm/custom-elements.json',
  'dist/npm/mock/xoi-cloud.js',
  'dist/npm/mock/xoi-cloud.d.ts',
];
const INPUTS = [
  'src',
  'mock',
  'tsconfig.mock.json',
  'tsconfig.server.json',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.mjs',
  'scripts/vite-lib.mjs',
  'custom-elements-manifest.config.mjs',
];

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function isFresh() {
  const outputs = OUTPUTS.map((f) => join(root, f));
  if (!outputs.every(existsSync)) return false;
  const oldestOutput = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return INPUTS.every((f) => newestMtime(join(root, f)) <= oldestOutput);
}

/** Makes sure dist/ is built from the current sources; `log` says which way. */
export function ensureBuilt(log) {
  if (isFresh()) {
    log('dist/ is newer than its sources: reusing it');
    return;
  }
  log('building: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
}
