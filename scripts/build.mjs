#!/usr/bin/env node
/**
 * `npm run build` (also `prepack`): everything that is published.
 *
 *   dist/cdn/xoi-share-button.js          one minified ES module, Lit and nanoid inside, for
 *                                         <script type="module">: no import map, no bundler
 *   dist/cdn/xoi-share-button.classic.js  the same as a classic script (IIFE); also sets
 *                                         window.XoiShareButton
 *   dist/cdn/xoi-job-link.js              <xoi-job-link> (the XOi Cloud tier's element) on its own, Lit
 *                                         inside: kept out of xoi-share-button.js and its size budget
 *   dist/npm/*.js, *.d.ts                 `tsc -p tsconfig.build.json`: one file per source,
 *                                         `lit`, `nanoid`, `@lit/react`, `react` stay imports
 *   dist/npm/server/*.js, *.d.ts          `tsc -p tsconfig.server.json`: the XOi Cloud tier for Node
 *                                         (`xoi-share-button/server`), compiled without the DOM lib,
 *                                         and the `xoi-job-index` bin (`server/job-index/cli.js`)
 *   dist/npm/mock/*.js, *.d.ts            `tsc -p tsconfig.mock.json`: the mock XOi Cloud
 *                                         (`xoi-share-button/mock`), its CLI (`dist/npm/mock/cli.js`,
 *                                         the `xoi-share-button` bin) and the mock XOi Vision, for Node
 *   dist/npm/mock/schema/*.graphql        the SDL the mock builds its GraphQL services from
 *   dist/npm/custom-elements.json         `cem analyze` (custom-elements-manifest.config.mjs)
 *
 * The bundles are built with Vite's JS API and scripts/vite-lib.mjs's settings (shared with
 * the bench's floors), `configFile: false`, so vite.config.ts (the demo's) never leaks in.
 *
 * Everything is built into a staging directory (`.dist-build-<pid>/`, same depth as dist/ so
 * source-map paths hold) and swapped into dist/ at the end: a test run reading dist/ while
 * another build runs in the same tree never sees it half-written or missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { binOf } from './bin-of.mjs';
import { viteLibConfig } from './vite-lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

function step(text) {
  console.log(`xoi-share-button build: ${text}`);
}

function run(label, pkg, bin, args) {
  step(label);
  const r = spawnSync(process.execPath, [binOf(pkg, bin), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`xoi-share-button build: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const staging = join(root, `.dist-build-${process.pid}`);
process.on('exit', () => rmSync(staging, { recursive: true, force: true }));

/** One Vite library build of `entry` into dist/cdn. */
async function bundle(entry, format, fileName) {
  step(`vite → dist/cdn/${fileName} (${format})`);
  await build(viteLibConfig({ entry, outDir: join(staging, 'cdn'), format, fileName }));
}

await bundle('src/index.ts', 'es', 'xoi-share-button.js');
await bundle('src/cdn-classic.ts', 'iife', 'xoi-share-button.classic.js');
await bundle('src/job-link.ts', 'es', 'xoi-job-link.js');

run('tsc -p tsconfig.build.json → dist/npm', 'typescript', 'tsc', [
  '-p',
  'tsconfig.build.json',
  '--outDir',
  relative(root, join(staging, 'npm')),
]);
// The server's contract with the browser (src/contract) is compiled by both: the same files.
run('tsc -p tsconfig.server.json → dist/npm/server, dist/npm/contract (Node, no DOM)', 'typescript', 'tsc', [
  '-p',
  'tsconfig.server.json',
  '--outDir',
  relative(root, join(staging, 'npm')),
]);
// The mock XOi Cloud (`xoi-share-button/mock`), its CLI (the `xoi-share-button` bin) and the mock XOi
// Vision, for Node without the DOM; the mock builds its GraphQL services from the SDL files at run
// time, so they ship beside it.
run('tsc -p tsconfig.mock.json → dist/npm/mock (Node, no DOM)', 'typescript', 'tsc', [
  '-p',
  'tsconfig.mock.json',
  '--outDir',
  relative(root, join(staging, 'npm', 'mock')),
]);
mkdirSync(join(staging, 'npm', 'mock', 'schema'), { recursive: true });
for (const file of readdirSync(join(root, 'mock', 'schema')).filter((f) => f.endsWith('.graphql'))) {
  copyFileSync(join(root, 'mock', 'schema', file), join(staging, 'npm', 'mock', 'schema', file));
}
// npm's bin shim runs the file itself: tsc keeps the #! line, the mode is ours to set.
chmodSync(join(staging, 'npm', 'mock', 'cli.js'), 0o755);
chmodSync(join(staging, 'npm', 'server', 'job-index', 'cli.js'), 0o755);
run('cem analyze --litelement → dist/npm/custom-elements.json', '@custom-elements-manifest/analyzer', 'cem', [
  'analyze',
  '--litelement',
  '--quiet',
  '--config',
  'custom-elements-manifest.config.mjs',
  '--outdir',
  relative(root, join(staging, 'npm')),
]);

// Swap each output directory in: two renames, so dist/x is missing only between them.
mkdirSync(join(root, 'dist'), { recursive: true });
for (const dir of ['cdn', 'npm']) {
  const target = join(root, 'dist', dir);
  const old = join(staging, `old-${dir}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(join(staging, dir), target);
}

// Sizes, so a change that bloats the script-tag bundles shows up in every build log.
for (const file of [
  'dist/cdn/xoi-share-button.js',
  'dist/cdn/xoi-share-button.classic.js',
  'dist/cdn/xoi-job-link.js',
]) {
  const bytes = readFileSync(join(root, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  step(`${relative(root, join(root, file))}: ${bytes.length} B, ${gzip} B gzip, ${brotli} B brotli`);
}
step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
