/**
 * One Vite library build with the SAME settings as `bundle()` in scripts/build.mjs (owned by the
 * distribution engineer; keep the two in step). Used by `npm run bench` and
 * test/node/size-budget.test.mjs to build the Lit floor (bench/lit-floor.js) into a temp dir.
 *
 * `sameAsShipped()` rebuilds src/index.ts with these settings and compares it byte for byte to
 * dist/cdn/xoi-share-button.js: if scripts/build.mjs changes, that comparison says so, instead
 * of the floor silently being built another way.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const SHIPPED = join(root, 'dist/cdn/xoi-share-button.js');

/** Builds `entry` (relative to the repo) as one ES module into a fresh temp dir; returns its bytes. */
export async function bundleEs(entry, { minify = true } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'xoi-bundle-'));
  const fileName = 'bundle.js';
  try {
    await build({
      configFile: false,
      root,
      mode: 'production',
      logLevel: 'silent',
      publicDir: false,
      envDir: false,
      resolve: { conditions: ['browser', 'module', 'import', 'production', 'default'] },
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2022',
        minify,
        sourcemap: false,
        reportCompressedSize: false,
        lib: { entry: join(root, entry), formats: ['es'], name: 'XoiShareButtonBundle', fileName: () => fileName },
        rolldownOptions: { output: { minify } },
      },
    });
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

/** True when these settings rebuild src/index.ts into exactly the shipped module bundle. */
export async function sameAsShipped() {
  return Buffer.compare(await bundleEs('src/index.ts'), readFileSync(SHIPPED)) === 0;
}
