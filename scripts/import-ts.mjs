/**
 * Imports a TypeScript module of this repository from plain Node ESM, with no build first: the
 * module and what it imports from the repository are bundled with esbuild, packages stay imports.
 * Used where Node loads our TypeScript directly: web-test-runner.config.mjs (the mock XOi
 * Vision) and test/fixtures/job-link-server.mjs (src/server, the mock XOi Cloud).
 *
 * Each file keeps its own `import.meta.url`, as Vite does when it bundles its config: the mock
 * XOi Cloud finds its schema files (mock/schema/) next to its source that way.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_META_URL = '__xoi_import_meta_url';

/** Gives every bundled file of ours a constant with its own URL, which `import.meta.url` becomes. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => {
      if (path.includes(`${join('node_modules', '')}`)) return undefined;
      const source = await readFile(path, 'utf8');
      const loader = extname(path).includes('t') ? 'ts' : 'js';
      return { contents: `const ${IMPORT_META_URL} = ${JSON.stringify(pathToFileURL(path).href)};\n${source}`, loader };
    });
  },
};

/**
 * The module at `entry` (a path from the repository root, e.g. `mock/xoi-cloud.ts`). The bundle is
 * written under node_modules/.cache (so its package imports resolve from the repository) and
 * removed once loaded.
 */
export async function importTs(entry) {
  const { outputFiles } = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define: { 'import.meta.url': IMPORT_META_URL },
    plugins: [ownImportMetaUrl],
    write: false,
    logLevel: 'error',
  });
  const dir = join(root, 'node_modules', '.cache', 'xoi-share-button');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${basename(entry, extname(entry))}-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, outputFiles[0].contents);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}
