/**
 * One Vite library build with scripts/vite-lib.mjs, the settings scripts/build.mjs ships with.
 * Used by `npm run bench` and test/node/size-budget.test.mjs to build the Lit floor
 * (bench/lit-floor.js), the data floor (bench/data-floor.js) and the per-item floor
 * (bench/share-floor.js) into a temp dir.
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
  return (await bundleWithMap(entry, { minify, sourcemap: false })).bytes;
}

async function bundleWithMap(entry, { minify = true, sourcemap = true } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'xoi-bundle-'));
  const fileName = 'bundle.js';
  try {
    const config = viteLibConfig({ entry, outDir, fileName, minify, logLevel: 'silent' });
    config.build.sourcemap = sourcemap;
    await build(config);
    const bytes = readFileSync(join(outDir, fileName));
    return { bytes, map: sourcemap ? JSON.parse(readFileSync(join(outDir, `${fileName}.map`), 'utf8')) : undefined };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source index of every character of `code`, from a source map's mappings (-1: unmapped). */
function sourceOfEachChar(code, mappings) {
  const owner = new Int32Array(code.length).fill(-1);
  const lines = code.split('\n');
  let source = 0;
  let lineStart = 0;
  mappings.split(';').forEach((line, index) => {
    let column = 0;
    const segments = [];
    for (const segment of line ? line.split(',') : []) {
      // Base64 VLQ fields: generated column, then (if mapped) source index, line, column, name.
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    segments.forEach(([start, owned], k) =>
      owner.fill(owned, lineStart + start, lineStart + (segments[k + 1]?.[0] ?? lines[index].length)),
    );
    lineStart += lines[index].length + 1;
  });
  return owner;
}

/**
 * Where the bytes of the shipped bundle go: for each of our modules (and Lit, nanoid), the
 * minified bytes the source map gives it, and what removing them saves in brotli (each row on
 * its own, so the rows do not add up to the total exactly: brotli shares context between them).
 */
export async function moduleSizes(entry = 'src/index.ts') {
  const { bytes, map } = await bundleWithMap(entry);
  const code = bytes.toString('utf8');
  const owner = sourceOfEachChar(code, map.mappings);
  const groupOf = (source) =>
    /node_modules\/nanoid\//.test(source)
      ? 'nanoid'
      : /node_modules\//.test(source)
        ? 'lit'
        : source.replace(/^.*?\bsrc\//, 'src/');
  const groups = new Map();
  map.sources.forEach((source, index) => groups.set(groupOf(source), [...(groups.get(groupOf(source)) ?? []), index]));
  const total = sizes(bytes).brotli;
  const rows = [...groups].map(([module, indexes]) => {
    const own = new Set(indexes);
    let raw = 0;
    let rest = '';
    for (let i = 0; i < code.length; i++) {
      if (own.has(owner[i])) raw++;
      else rest += code[i];
    }
    return { module, raw, brotli: total - sizes(Buffer.from(rest)).brotli };
  });
  let unmapped = 0;
  for (const o of owner) if (o === -1) unmapped++;
  rows.push({ module: '(bundler glue, unmapped)', raw: unmapped, brotli: null });
  return rows.sort((a, b) => (b.brotli ?? -1) - (a.brotli ?? -1));
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
/** The per-item floor (bench/share-floor.js): an idle <xoi-share-button>'s shadow tree and style sheet, nothing else. */
export const shareFloor = (options) => bundleEs('bench/share-floor.js', options);

/** True when these settings rebuild src/index.ts into exactly the shipped module bundle. */
export async function sameAsShipped() {
  return Buffer.compare(await bundleEs('src/index.ts'), readFileSync(SHIPPED)) === 0;
}
