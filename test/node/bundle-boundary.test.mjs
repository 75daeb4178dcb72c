// The browser bundles hold nothing of the server module: no credential handling, no XOi host,
// no route code. Moved out of server-client.test.mjs so the client's tests need only the tsc
// output (npm run mutation builds no bundles). Reuses dist/ when it is newer than every input,
// otherwise runs `npm run build` first (test/node/built.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { ensureBuilt } from './built.mjs';

before(() => ensureBuilt((text) => console.log(`# bundles: ${text}`)));

test('no server code, credential handling or XOi host ends up in the browser bundles', () => {
  for (const file of ['dist/cdn/xoi-share-button.js', 'dist/cdn/xoi-share-button.classic.js']) {
    const code = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    for (const needle of ['api_secret', 'gql-jobs-external', 'createXoiRoutes', 'xoi-vision://']) {
      assert.ok(!code.includes(needle), `${file} contains ${needle}`);
    }
  }
  const entry = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(entry, /server/);
});
