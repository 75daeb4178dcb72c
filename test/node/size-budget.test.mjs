// Size budget of the script-tag bundle: dist/cdn/xoi-share-button.js, brotli -q 11, may exceed
// the Lit floor (one empty LitElement, bench/lit-floor.js, built with the shipped settings,
// scripts/vite-lib.mjs, by bench/vite-bundle.mjs into a temp dir) by at most BUDGET bytes.
//
// Reuses dist/ when it is newer than every input, otherwise runs `npm run build` first
// (test/node/built.mjs). Bytes, not time: no flakiness. `npm run bench` prints the same numbers
// with gzip and raw sizes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { SHIPPED, dataFloor, litFloor, sizes } from '../../bench/vite-bundle.mjs';
import { ensureBuilt } from './built.mjs';

/** Issue 9: what our code (element, store, share, strings, styles, nanoid) may add on top of Lit. */
const BUDGET = 2560;
/**
 * The bundle is over BUDGET (see bench/RESULTS.md: the strings and the style sheet alone take
 * ~1.7 KB of it), and issue 9 is blocked on that. This ceiling is what the suite enforces
 * meanwhile, ~50 B above today's 6,208 B, so the bundle cannot grow. Lower it as the bundle
 * shrinks; replace it with BUDGET if that ever holds.
 */
const CEILING = 6260;

let bundle;
let floor;
let data;

before(async () => {
  ensureBuilt((text) => console.log(`# size: ${text}`));
  bundle = sizes(readFileSync(SHIPPED));
  floor = sizes(await litFloor());
  data = sizes(await dataFloor());
  console.log(
    `# size: dist/cdn/xoi-share-button.js ${bundle.raw} B raw, ${bundle.gzip} B gzip, ${bundle.brotli} B brotli`,
  );
  console.log(
    `# size: Lit floor (one empty LitElement) ${floor.raw} B raw, ${floor.gzip} B gzip, ${floor.brotli} B brotli`,
  );
  const delta = bundle.brotli - floor.brotli;
  console.log(
    `# size: difference ${delta} B brotli (budget ${BUDGET} B: ${delta <= BUDGET ? 'met' : `NOT met, ${delta - BUDGET} B over`}; enforced ceiling ${CEILING} B)`,
  );
  console.log(
    `# size: of the difference, strings + style sheet (bench/data-floor.js) ${data.brotli - floor.brotli} B, code ${bundle.brotli - data.brotli} B`,
  );
});

test('the Lit floor is a real Lit bundle (so the difference measures our code)', () => {
  assert.ok(floor.brotli > 4000 && floor.brotli < 7000, `Lit floor is ${floor.brotli} B brotli; expected ~5 KB`);
});

test(`the module bundle does not grow past Lit floor + ${CEILING} B brotli`, () => {
  const delta = bundle.brotli - floor.brotli;
  assert.ok(
    delta <= CEILING,
    `bundle ${bundle.brotli} B brotli is ${delta} B over the Lit floor (${floor.brotli} B); ceiling ${CEILING} B`,
  );
});
