// Size of the script-tag bundle, dist/cdn/xoi-share-button.js, brotli -q 11.
//
// Issue 14's budget is the whole bundle at most BUDGET bytes, with nothing dropped from the
// README's features. It is not met (bench/RESULTS.md has the bytes per module): the suite
// enforces CEILING, today's size plus a little, so the bundle cannot grow, and prints the gap.
//
// Reuses dist/ when it is newer than every input, otherwise runs `npm run build` first
// (test/node/built.mjs). Bytes, not time: no flakiness. `npm run bench` prints the same numbers
// with gzip and raw sizes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { SHIPPED, dataFloor, litFloor, moduleSizes, sizes } from '../../bench/vite-bundle.mjs';
import { ensureBuilt } from './built.mjs';

/** Issue 14: the whole module bundle, Lit and nanoid included. */
const BUDGET = 10240;
/** What the suite enforces meanwhile: lower it as the bundle shrinks; BUDGET once that holds. */
const CEILING = 12800;

let bundle;
let floor;

before(async () => {
  ensureBuilt((text) => console.log(`# size: ${text}`));
  bundle = sizes(readFileSync(SHIPPED));
  floor = sizes(await litFloor());
  const data = sizes(await dataFloor());
  console.log(
    `# size: dist/cdn/xoi-share-button.js ${bundle.raw} B raw, ${bundle.gzip} B gzip, ${bundle.brotli} B brotli`,
  );
  console.log(
    `# size: budget ${BUDGET} B: ${bundle.brotli <= BUDGET ? 'met' : `NOT met, ${bundle.brotli - BUDGET} B over`}; enforced ceiling ${CEILING} B`,
  );
  console.log(
    `# size: Lit floor ${floor.brotli} B; strings + style sheet (data floor) ${data.brotli - floor.brotli} B; code ${bundle.brotli - data.brotli} B`,
  );
  for (const { module, raw, brotli } of await moduleSizes()) {
    console.log(`# size:   ${module.padEnd(30)} ${String(raw).padStart(6)} B minified, ${brotli ?? '–'} B brotli`);
  }
});

test('the Lit floor is a real Lit bundle (so the difference measures our code)', () => {
  assert.ok(floor.brotli > 4000 && floor.brotli < 7000, `Lit floor is ${floor.brotli} B brotli; expected ~5 KB`);
});

test(`the module bundle does not grow past ${CEILING} B brotli`, () => {
  assert.ok(bundle.brotli <= CEILING, `bundle ${bundle.brotli} B brotli; ceiling ${CEILING} B (budget ${BUDGET} B)`);
});
