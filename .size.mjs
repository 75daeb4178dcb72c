import { bundleEs, sizes } from './bench/vite-bundle.mjs';
const b = sizes(await bundleEs('src/index.ts'));
const d = sizes(await bundleEs('bench/data-floor.js'));
console.log(
  'bundle',
  b.brotli,
  'raw',
  b.raw,
  'data floor',
  d.brotli,
  'code',
  b.brotli - d.brotli,
  'over budget',
  b.brotli - 10240,
);
