/**
 * Browser tests in Chromium, Firefox and WebKit, all from Debian packages found at run time.
 * `BROWSERS=chromium,firefox` narrows the engines; `npm test` (scripts/test.mjs) installs missing
 * browsers and wraps the run in `xvfb-run` for WebKit. See CONTRIBUTING.md → Browsers.
 *
 * The dev server also serves a mock XOi Vision (mock/xoi-mock.ts): a test sets
 * `base-url` to `location.origin`, submits, then reads `/__xoi-mock/requests?shareId=…`.
 * The mock is shared by every engine running at once, so filter by a shareId unique to the test.
 */
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import {
  CHROMIUM_ARGS,
  findChromium,
  findFirefox,
  findMiniBrowser,
  findWebKitDriver,
  hasDisplay,
  requestedEngines,
} from './scripts/browsers.mjs';
import { WebKitLauncher } from './scripts/webkit-launcher.mjs';
import { importTs } from './scripts/import-ts.mjs';
import { reactPlugin } from './scripts/wtr-react.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
// Hardening tests (test/hardening/**): a CSP page, a windows-1252 page and the fuzz run count.
import { hardeningMiddleware } from './test/fixtures/hardening-server.mjs';
// <xoi-job-link>'s tests: the real createXoiRoutes over a mock XOi Cloud, one tenant per technician.
import { jobLinkMiddleware } from './test/fixtures/job-link-server.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

function need(path, what) {
  if (!path)
    throw new Error(
      `xoi-share-button: ${what} not found — run \`npm test\` (it installs browsers) or see CONTRIBUTING.md → Browsers`,
    );
  return path;
}

function launcher(engine) {
  switch (engine) {
    case 'chromium': {
      const l = chromeLauncher({
        launchOptions: {
          executablePath: need(findChromium(), 'chromium (or CHROME_PATH)'),
          args: CHROMIUM_ARGS,
        },
      });
      // Without a custom puppeteer the launcher calls itself "Chrome"; it is Debian's Chromium.
      l.name = 'Chromium';
      return l;
    }
    case 'firefox':
      // Same launcher, Firefox over WebDriver BiDi through puppeteer-core.
      return chromeLauncher({
        puppeteer,
        launchOptions: { browser: 'firefox', executablePath: need(findFirefox(), 'firefox-esr (or FIREFOX_PATH)') },
      });
    case 'webkit':
      if (!hasDisplay()) {
        throw new Error(
          'xoi-share-button: WebKit (MiniBrowser) needs a display — run under `xvfb-run -a`, or use `npm test`',
        );
      }
      return new WebKitLauncher({
        driver: need(findWebKitDriver(), 'WebKitWebDriver (or WEBKIT_WEBDRIVER)'),
        miniBrowser: need(findMiniBrowser(), 'MiniBrowser (or WEBKIT_MINIBROWSER)'),
      });
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

const engines = requestedEngines();
// TypeScript, bundled from source as this config loads (no build needed).
const { createXoiMock } = await importTs('mock/xoi-mock.ts');
const xoi = createXoiMock();

/** The mock is Connect-style (req, res, next); Koa needs to be told when it answered. */
async function xoiMockForKoa(ctx, next) {
  let passed = false;
  await xoi.middleware(ctx.req, ctx.res, () => {
    passed = true;
  });
  if (passed) return next();
  ctx.respond = false;
}

export default {
  rootDir,
  // .tsx: the React wrapper's test (test/react.test.tsx) renders it with JSX.
  files: ['test/**/*.test.ts', 'test/**/*.test.tsx', '!test/e2e/**', '!test/node/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    // React and react-dom are CommonJS: served as ES modules bundled on first use.
    reactPlugin({ rootDir }),
    esbuildPlugin({
      ts: true,
      tsx: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  middleware: [xoiMockForKoa, hardeningMiddleware, jobLinkMiddleware],
  browsers: engines.map(launcher),
  // Two cores: one test file at a time per engine, engines side by side. One file at a time
  // also makes WebKit run each file in its own top-level page rather than an iframe, so focus,
  // user activation and navigation behave as they do for a user.
  concurrency: 1,
  concurrentBrowsers: 3,
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  // A whole test file; a page that navigated away in Chromium is only noticed at this limit.
  // The fuzz file takes 60–110 s per engine with three side by side on 2 cores: room for a
  // busier machine, paid only by a run that is failing anyway.
  testsFinishTimeout: 360_000,
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), summaryReporter()],
  // CI logs: print results once instead of redrawing a progress bar.
  staticLogging: !process.stdout.isTTY,
};
