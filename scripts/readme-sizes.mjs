#!/usr/bin/env node
/**
 * The script-tag files' sizes in README.md, between `<!-- sizes -->` and `<!-- /sizes -->`,
 * from the built dist/cdn: `node scripts/readme-sizes.mjs` rewrites the block (`npm run bench`
 * runs it after its build); test/node/size-budget.test.mjs checks it against dist/.
 *
 * Rounded to 0.1 kB (1,000 B), so the block changes when a file grows or shrinks by about
 * 50 B or more, not with every byte. `npm run build` prints the exact figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, sizes } from '../bench/vite-bundle.mjs';

export const FILES = [
  'dist/cdn/xoi-share-button.js',
  'dist/cdn/xoi-share-button.classic.js',
  'dist/cdn/xoi-job-link.js',
];
export const README = join(root, 'README.md');
const BLOCK = /(<!-- sizes -->\n)[\s\S]*?(<!-- \/sizes -->)/;

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** The block's table, from the files in dist/cdn as they are now. */
export function sizesTable() {
  const rows = FILES.map((file) => {
    const s = sizes(readFileSync(join(root, file)));
    return `| \`${file}\` | ${kB(s.raw)} | ${kB(s.gzip)} | ${kB(s.brotli)} |`;
  });
  return ['| file | minified | gzip -9 | brotli -q 11 |', '|---|--:|--:|--:|', ...rows, ''].join('\n');
}

/** The table README.md has now between the markers; throws when the markers are missing. */
export function readmeTable(text = readFileSync(README, 'utf8')) {
  const match = text.match(BLOCK);
  if (!match) throw new Error('README.md has no <!-- sizes --> … <!-- /sizes --> block');
  return match[0].slice(match[1].length, -match[2].length);
}

/** Rewrites the block; returns whether README.md changed. */
export function writeReadmeSizes() {
  const text = readFileSync(README, 'utf8');
  readmeTable(text);
  const next = text.replace(BLOCK, (_, open, close) => `${open}${sizesTable()}${close}`);
  if (next === text) return false;
  writeFileSync(README, next);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`readme-sizes: README.md ${writeReadmeSizes() ? 'updated' : 'already current'}`);
}
