#!/usr/bin/env node
/**
 * `npm run fuzz -- --runs 10000 [--seed 42]`: only the round-trip fuzz test
 * (test/fuzz.test.ts), with N generated work orders per engine instead of the 1,000 in `npm test`.
 *
 * The count reaches the browser through the dev server (XOI_FUZZ_CASES → GET /__hardening/config,
 * test/fixtures/hardening-server.mjs). `--seed` replays a run that failed (fast-check prints the
 * seed). BROWSERS=chromium narrows the engines, as for `npm test`. Runs under `xvfb-run -a` when
 * WebKit is asked for and there is no display.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hasDisplay, requestedEngines, which } from './browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.log('usage: npm run fuzz -- [--runs N] [--seed S]   (N work orders per engine, default 10000)');
  process.exit(0);
}
if (!/^[1-9]\d*$/.test(values.runs)) {
  console.error(`fuzz: --runs must be a positive integer, got "${values.runs}"`);
  process.exit(2);
}
if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) {
  console.error(`fuzz: --seed must be an integer, got "${values.seed}"`);
  process.exit(2);
}

process.env.XOI_FUZZ_CASES = values.runs;
if (values.seed !== undefined) process.env.XOI_FUZZ_SEED = values.seed;

// MiniBrowser has no headless mode: re-run this script inside a virtual display.
if (requestedEngines().includes('webkit') && !hasDisplay() && !process.env.XOI_FUZZ_IN_XVFB) {
  if (!which('xvfb-run')) {
    console.error(
      'fuzz: WebKit needs a display — install xvfb (apt-get install xvfb) or set BROWSERS=chromium,firefox',
    );
    process.exit(1);
  }
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, ...process.argv.slice(1)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, XOI_FUZZ_IN_XVFB: '1' },
  });
  process.exit(r.status ?? 1);
}

const { startTestRunner } = await import('@web/test-runner');
console.log(`fuzz: ${values.runs} work orders per engine${values.seed ? `, seed ${values.seed}` : ''}`);
process.chdir(root);
// The project's config as is (browsers, mock XOi, middleware), with only the file list and the
// overall time limit replaced; merging through startTestRunner would add to `files`, not replace it.
const { default: projectConfig } = await import(new URL('../web-test-runner.config.mjs', import.meta.url).href);
await startTestRunner({
  readCliArgs: false,
  readFileConfig: false,
  config: {
    ...projectConfig,
    files: ['test/fuzz.test.ts'],
    // About 40 ms per work order in the slowest engine seen, three engines side by side; the
    // test's own mocha timeout scales with the count the same way.
    testsFinishTimeout: Math.max(600_000, Number(values.runs) * 600),
  },
});
