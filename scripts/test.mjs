#!/usr/bin/env node
/**
 * `npm test`: every check, in every engine, ending with one line `N passed, N failed`.
 *
 *   1. browsers  find Chromium, Firefox ESR, WebKitWebDriver + MiniBrowser (+ xvfb-run);
 *                install the missing Debian packages when root, otherwise say what to install
 *   2. tsc       scripts/typecheck.mjs's TSCONFIGS (`npm run typecheck`): the sources, the browser
 *                tests, the demo's page and Node side, src/server and mock/ (those two without the DOM lib)
 *   2b. lint     scripts/lint.mjs's LINTERS (eslint, lit-analyzer, prettier --check): each failing
 *                linter counts as one failure
 *   2c. build    `node scripts/build.mjs`: dist/ for test/bundles.test.ts and the package test
 *   3. browser   web-test-runner (`test/**\/*.test.ts` and `.tsx`), under `xvfb-run -a` for WebKit;
 *                extra arguments go to it: `npm test -- --files test/share.test.ts`
 *   4. node      `node --test test/node/**\/*.test.mjs`
 *   5. e2e       `node --test test/e2e/**\/*.test.mjs`, one file at a time
 *
 * Before the node and e2e tests, a throwaway PostgreSQL (≥ 15) cluster is started on a loopback
 * port (scripts/postgres.mjs; Debian's postgresql installed with apt when missing and we are root)
 * and stopped at the end; `DATABASE_URL` set in the environment is used instead.
 *
 * Phases 2–5 always all run, so one failure does not hide another; any failure (a type error
 * or a lint error counts as one) makes the exit code 1. BROWSERS=chromium,firefox narrows the engines.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findChromium,
  findFirefox,
  findMiniBrowser,
  findWebKitDriver,
  hasDisplay,
  missingFor,
  requestedEngines,
  versionOf,
  which,
} from './browsers.mjs';
import { binOf as sharedBinOf } from './bin-of.mjs';
import { LINTERS } from './lint.mjs';
import { findPostgresBin, installPostgres, startPostgres } from './postgres.mjs';
import { TSCONFIGS } from './typecheck.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENGINE_LABEL = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

function die(message) {
  console.error(`xoi-share-button: ${message}`);
  process.exit(1);
}

function heading(text) {
  console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 70 - text.length))}`);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal);
    process.exit(130); // the exit handler stops the throwaway PostgreSQL
  });
}

/** Runs a command with inherited output; resolves to its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    current.on('error', (e) => {
      console.error(`could not run ${command}: ${e.message}`);
      resolve(127);
    });
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function binOf(pkg, name) {
  try {
    return sharedBinOf(pkg, name);
  } catch (e) {
    die(e.message);
  }
}

function findTests(dir, suffix) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(suffix))
    .map((d) => relative(root, join(d.parentPath ?? d.path, d.name)))
    .sort();
}

// ── 1. browsers ────────────────────────────────────────────────────────────────────────────
let engines;
try {
  engines = requestedEngines();
} catch (e) {
  die(e.message);
}

function ensureBrowsers() {
  let { missing, packages } = missingFor(engines);
  if (missing.length === 0) return;
  const badOverride = missing.find((m) => m.env && process.env[m.env]);
  if (badOverride) die(`${badOverride.env}=${process.env[badOverride.env]} is not an executable file`);

  const canApt = process.getuid?.() === 0 && which('apt-get');
  if (!canApt) {
    const names = missing.map((m) => m.name).join(', ');
    if (which('apt-get')) die(`missing browsers (${names}) — run: sudo apt-get install ${packages.join(' ')}`);
    die(
      `missing browsers (${names}) — install the Debian/Ubuntu packages ${packages.join(' ')} or set ${missing
        .map((m) => m.env)
        .filter(Boolean)
        .join(', ')}`,
    );
  }
  console.log(`xoi-share-button: installing ${packages.join(' ')} (missing: ${missing.map((m) => m.name).join(', ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0)
      die(`\`apt-get ${args.join(' ')}\` failed — run: apt-get update && apt-get install -y ${packages.join(' ')}`);
  }
  ({ missing, packages } = missingFor(engines));
  if (missing.length)
    die(
      `still missing after install: ${missing.map((m) => m.name).join(', ')} — run: apt-get install -y ${packages.join(' ')}`,
    );
}

ensureBrowsers();
const useXvfb = engines.includes('webkit') && !hasDisplay();
const browserEnv = {
  BROWSERS: engines.join(','),
  // Tell the e2e suites (which launch browsers themselves) exactly what was found here.
  ...(engines.includes('chromium') && { CHROME_PATH: findChromium() }),
  ...(engines.includes('firefox') && { FIREFOX_PATH: findFirefox() }),
  ...(engines.includes('webkit') && { WEBKIT_WEBDRIVER: findWebKitDriver(), WEBKIT_MINIBROWSER: findMiniBrowser() }),
};
const versions = Object.fromEntries(engines.map((e) => [e, versionOf(e)]));
console.log(`xoi-share-button: testing in ${engines.map((e) => versions[e]).join('; ')}`);

const totals = { passed: 0, failed: 0 };
const summary = [];
const started = Date.now();

// ── 2. typecheck ───────────────────────────────────────────────────────────────────────────
{
  heading(`typecheck: tsc over ${TSCONFIGS.map((args) => args.at(-1)).join(', ')} (npm run typecheck)`);
  const t = Date.now();
  const tsc = binOf('typescript', 'tsc');
  const failed = [];
  for (const args of TSCONFIGS) {
    console.log(`$ tsc ${args.join(' ')}`);
    if ((await run(process.execPath, [tsc, ...args])) !== 0) failed.push(args.at(-1));
  }
  if (failed.length) totals.failed += 1;
  summary.push(`typecheck: ${failed.length ? `FAILED (${failed.join(', ')})` : 'ok'} (${seconds(t)})`);
}

// ── lint ───────────────────────────────────────────────────────────────────────────────────
{
  heading(`lint: ${LINTERS.map((l) => l.name).join(', ')} (npm run lint)`);
  const t = Date.now();
  const failed = [];
  for (const linter of LINTERS) {
    console.log(`$ ${linter.name} ${linter.args.join(' ')}`);
    if ((await run(process.execPath, [binOf(...linter.bin), ...linter.args])) !== 0) failed.push(linter.name);
  }
  totals.failed += failed.length;
  summary.push(`lint: ${failed.length ? `FAILED (${failed.join(', ')})` : 'ok'} (${seconds(t)})`);
}

// ── build (issue 5, distribution) ──────────────────────────────────────────────────────────
// test/bundles.test.ts loads the BUILT dist/cdn bundles and test/node/package.test.mjs packs
// dist/: build here so neither ever tests a stale build.
{
  heading('build: node scripts/build.mjs (dist/ for the bundle and package tests)');
  const t = Date.now();
  const code = await run(process.execPath, ['scripts/build.mjs']);
  if (code !== 0) totals.failed += 1;
  summary.push(`build: ${code === 0 ? 'ok' : 'FAILED'} (${seconds(t)})`);
}

// ── 3. browser tests ───────────────────────────────────────────────────────────────────────
{
  heading(`browser tests: web-test-runner in ${engines.map((e) => ENGINE_LABEL[e]).join(', ')}`);
  const t = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'xoi-wtr-'));
  const summaryFile = join(dir, 'summary.json');
  const wtr = [binOf('@web/test-runner', 'wtr'), '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)];
  const env = { ...browserEnv, WTR_SUMMARY_FILE: summaryFile };
  const code = useXvfb
    ? await run('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, ...wtr], env)
    : await run(process.execPath, wtr, env);
  const counted = { passed: 0, failed: 0 };
  try {
    const { engines: byEngine } = JSON.parse(readFileSync(summaryFile, 'utf8'));
    for (const [name, c] of Object.entries(byEngine)) {
      const engine = Object.keys(ENGINE_LABEL).find((k) => ENGINE_LABEL[k] === name);
      const skipped = c.skipped ? `, ${c.skipped} skipped` : '';
      const broken = c.brokenFiles.length
        ? ` — file errors: ${c.brokenFiles.map((f) => relative(root, f)).join(', ')}`
        : '';
      summary.push(
        `browser ${name.padEnd(8)} ${c.passed} passed, ${c.failed} failed${skipped} in ${c.files} files` +
          ` (${engine ? versions[engine] : name})${broken}`,
      );
      counted.passed += c.passed;
      counted.failed += c.failed;
    }
  } catch {
    summary.push('browser tests: no results (web-test-runner stopped before running tests)');
  }
  // A run that failed without a counted failure (bad config, browser would not start) still fails.
  if (code !== 0 && counted.failed === 0) counted.failed = 1;
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  summary.push(`browser tests: exit ${code} (${seconds(t)})`);
  rmSync(dir, { recursive: true, force: true });
}

// ── 4, 5. node tests ───────────────────────────────────────────────────────────────────────
async function nodeTests(label, dir, extraArgs, { xvfb = false } = {}) {
  const files = findTests(dir, '.test.mjs');
  if (files.length === 0) {
    summary.push(`${label}: no ${dir}/**/*.test.mjs files`);
    return;
  }
  heading(`${label}: node --test ${dir}`);
  const t = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'xoi-node-'));
  const tap = join(tmp, 'report.tap');
  const args = [
    '--test',
    ...extraArgs,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ];
  const code = xvfb
    ? await run('xvfb-run', ['-a', process.execPath, ...args], browserEnv)
    : await run(process.execPath, args, browserEnv);
  const count = (name) => {
    try {
      const m = readFileSync(tap, 'utf8').match(new RegExp(`^# ${name} (\\d+)$`, 'm'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  };
  const passed = count('pass') ?? 0;
  let failed = (count('fail') ?? 0) + (count('cancelled') ?? 0);
  if (code !== 0 && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  const notRun = ['skipped', 'todo'].map((n) => [n, count(n) ?? 0]).filter(([, c]) => c > 0);
  const extra = notRun.map(([n, c]) => `, ${c} ${n}`).join('');
  summary.push(`${label}: ${passed} passed, ${failed} failed${extra} in ${files.length} files (${seconds(t)})`);
  rmSync(tmp, { recursive: true, force: true });
}

// ── the database the durable tier's tests run on ───────────────────────────────────────────
let postgres = null;
if (process.env.DATABASE_URL) {
  summary.push('postgres: DATABASE_URL from the environment');
} else {
  heading('postgres: a throwaway cluster for the database tests (scripts/postgres.mjs)');
  const bin = findPostgresBin() ?? installPostgres();
  if (!bin) {
    die(
      process.getuid?.() === 0
        ? 'PostgreSQL ≥ 15 is missing and apt-get could not install it — run: apt-get install -y postgresql, or set DATABASE_URL'
        : 'PostgreSQL ≥ 15 is missing — run: sudo apt-get install postgresql, or set DATABASE_URL to a server for the tests',
    );
  }
  try {
    postgres = await startPostgres({ bin, log: console.log });
  } catch (error) {
    die(`could not start a throwaway PostgreSQL: ${error.message.split('\n')[0]}`);
  }
  process.on('exit', () => postgres.stop());
  browserEnv.DATABASE_URL = postgres.url;
  summary.push(`postgres: ${postgres.version}, throwaway cluster`);
}

await nodeTests('node', 'test/node', []);
// e2e suites start their own servers and browsers: one file at a time on a 2-core machine.
await nodeTests('e2e', 'test/e2e', ['--test-concurrency=1'], { xvfb: useXvfb });

postgres?.stop();

heading(`summary (${seconds(started)})`);
for (const line of summary) console.log(line);
process.exitCode = totals.failed > 0 ? 1 : 0;
console.log(`${totals.passed} passed, ${totals.failed} failed`);
