/**
 * One Vite library build with scripts/vite-lib.mjs, the settings scripts/build.mjs ships with.
 * Used by `npm run bench` and test/node/size-budget.test.mjs to build the Lit floor
 * (bench/lit-floor.js) and the data floor (bench/data-floor.js) into a temp dir.
 *
 * `sameAsShipped()` rebuilds src/index.ts and compares it byte for byte to
 * dist/cdn/xoi-share-button.js: a stale dist/ or a build step outside vite-lib.mjs shows there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { root, viteLibConfig } from '../scripts/vite-lib.mjs';

export { root };

export const SHIPPED = join(root, 'dist/cdn/xoi-share-button.js');

/** Builds `entry` (relative to the repo) as one ES module into a fresh temp dir; returns its bytes. */
export async function bundleEs(entry, { minify = true } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'xoi-bundle-'));
  const fileName = 'bundle.js';
  try {
    await build(viteLibConfig({ entry, outDir, fileName, minify, logLevel: 'silent' }));
    return readFileSync(join(outDir, fileName));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** raw / gzip -9 / brotli -q 11 byte counts, as scripts/build.mjs prints them. */
export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const litFloor = () => bundleEs('bench/lit-floor.js');
export const dataFloor = () => bundleEs('bench/data-floor.js');

/** True when these settings rebuild src/index.ts into exactly the shipped module bundle. */
export async function sameAsShipped() {
  return Buffer.compare(await bundleEs('src/index.ts'), readFileSync(SHIPPED)) === 0;
}
