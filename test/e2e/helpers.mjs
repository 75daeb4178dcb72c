/**
 * Shared by the e2e tests and scripts/screenshots.mjs: start the demo's Vite dev server (with
 * the mock XOi from vite.config.ts) on a free loopback port, launch Debian's Chromium through
 * puppeteer-core, and drive the hand-off with real clicks, inside the element's shadow root.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium as findChromiumOrNull } from '../../scripts/browsers.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const PARTNER_ID = 'demo-fsm';

export { CHROMIUM_ARGS };

/** CHROME_PATH wins (scripts/test.mjs sets it); else chromium / chromium-browser on PATH. */
export function findChromium() {
  const path = findChromiumOrNull();
  if (!path) throw new Error('Chromium not found: install the Debian package `chromium` or set CHROME_PATH');
  return path;
}

/**
 * The demo dev server, exactly as `npm start` configures it, by default on 127.0.0.1 and a free
 * port (the element allows http: only on loopback, and the demo's base-url is its origin).
 */
export async function startDemoServer({ host = '127.0.0.1', port = 0, dataDir } = {}) {
  // The demo keeps its state (database, the mock XOi's) in XOI_DEMO_DATA: a fresh directory per
  // server unless a test restarts one on the same data; never the developer's .xoi-data.
  process.env.XOI_DEMO_DATA = dataDir ?? mkdtempSync(join(tmpdir(), 'xoi-demo-'));
  const server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    clearScreen: false,
    server: { host, port, strictPort: false, open: false, hmr: false, watch: null },
  });
  await server.listen();
  return { server, origin: `http://${host}:${server.httpServer.address().port}` };
}

/**
 * The set-up every e2e file shares: the demo server and one Chromium for the file's tests,
 * started before them and stopped after. Read `origin` and `browser` inside the tests.
 */
export function demoSuite() {
  const suite = { server: undefined, origin: '', browser: undefined };
  before(async () => {
    ({ server: suite.server, origin: suite.origin } = await startDemoServer());
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export async function launchChromium(options = {}) {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 1280, height: 900 },
    ...options,
  });
}

/** Selectors. `>>>` pierces shadow roots (puppeteer's deep combinator). */
export const sel = {
  card: (ticket) => `.order[data-ticket="${ticket}"]`,
  element: (ticket) => `.order[data-ticket="${ticket}"] xoi-share-button`,
  button: (ticket) => `.order[data-ticket="${ticket}"] xoi-share-button >>> [part~="button"]`,
  prompt: (ticket) => `.order[data-ticket="${ticket}"] xoi-share-button >>> [part~="prompt"]`,
  yes: (ticket) => `.order[data-ticket="${ticket}"] xoi-share-button >>> [part~="yes"]`,
  no: (ticket) => `.order[data-ticket="${ticket}"] xoi-share-button >>> [part~="no"]`,
  link: (ticket) => `.order[data-ticket="${ticket}"] xoi-share-button >>> [part~="link"]`,
  status: (ticket) => `.order[data-ticket="${ticket}"] .status`,
  viewReport: (ticket) => `.order[data-ticket="${ticket}"] .view-report`,
};

/** Opens the demo in a fresh browser context (its own localStorage) and waits until it is ready. */
export async function openDemo(browser, origin, { path = '/', viewport } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  if (viewport) await page.setViewport(viewport);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await page.goto(origin + path);
  await page.waitForSelector('html[data-ready="true"]');
  return { context, page, problems };
}

/** Text of an element, shadow roots pierced; '' when absent. */
export async function textOf(page, selector) {
  const handle = await page.$(selector);
  if (!handle) return '';
  const text = await handle.evaluate((el) => el.textContent.replace(/\s+/g, ' ').trim());
  await handle.dispose();
  return text;
}

/** Waits until the element matched by `selector` has text containing `expected`. */
export async function waitForText(page, selector, expected, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await textOf(page, selector);
    if (last.includes(expected)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `${selector}: waited ${timeout} ms for text containing ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`,
  );
}

/**
 * Clicks `selector` on `page` (a real mouse click) and returns the page it opens in a new
 * tab (the element's `target="_blank"` form POST, or a link), once that page has content.
 */
export async function clickForPopup(page, selector, readySelector = 'main h1') {
  const context = page.browserContext();
  const before = new Set(context.targets());
  const opened = context.waitForTarget((t) => t.type() === 'page' && !before.has(t) && t.url() !== 'about:blank', {
    timeout: 15_000,
  });
  await page.click(selector);
  const popup = await (await opened).page();
  await popup.waitForSelector(readySelector);
  return popup;
}

/** The mock's record of share POSTs for one shareId, read through the dev server. */
export async function recordedPosts(origin, shareId) {
  const res = await fetch(`${origin}/__xoi-mock/requests?shareId=${encodeURIComponent(shareId)}`);
  if (!res.ok) throw new Error(`/__xoi-mock/requests: HTTP ${res.status}`);
  return res.json();
}

/** What the mock's activity page shows. */
export async function activityPageValues(popup) {
  return popup.evaluate(() => {
    const field = (name) => document.querySelector(`[data-field="${name}"]`)?.textContent ?? null;
    return {
      title: document.querySelector('main h1')?.textContent ?? '',
      serviceTicket: field('serviceTicket'),
      customer: field('customer'),
      location: field('location'),
      shareId: field('shareId'),
      opens: field('opens'),
      tags: [...document.querySelectorAll('ul.tags li')].map((li) => li.textContent),
      finishButton: [...document.querySelectorAll('button')].map((b) => b.textContent.trim()),
    };
  });
}

/** Presses "Finish workflow" on the mock's activity page and waits for the confirmation page. */
export async function finishWorkflow(popup) {
  await Promise.all([popup.waitForNavigation(), popup.click('form[action$="/finish"] button[type="submit"]')]);
  await popup.waitForSelector('main h1');
}
