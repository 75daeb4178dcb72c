// Server rendering with your own tag (issue "Fidelity", item 5): a Next.js 16 app (App Router)
// built with `next build`, served by `next start`, loaded in Debian's Chromium.
//
// /own-tag renders `createXoiShareButton('acme-xoi-button')`, `createXoiJobLink('acme-job-link')`
// and, after them, the default `<XoiShareButton>` (so the class already has the page's name when
// the default renders); /default renders only the default wrappers. Both are dynamic: `next
// start` renders them per request in one process, whose custom element registry (Lit's Node shim)
// is shared by every page, as under `next dev`. /own-tag is requested first, so a registration it
// made on the server would show in /default's HTML.
//
// The app lives in a temp dir: node_modules links the repo's packages, and xoi-share-button is
// the files its tarball ships (package.json, dist/npm). One build for every test. Telemetry is
// off, the server listens on 127.0.0.1, and the browser may request nothing but that origin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/browsers.mjs';
import { ensureBuilt } from './built.mjs';

/* global document, customElements, requestAnimationFrame -- in the functions page.evaluate() runs in the page */

const root = fileURLToPath(new URL('../..', import.meta.url));
const NEXT = join(root, 'node_modules/next/dist/bin/next');
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const log = (text) => console.log(`# next: ${text}`);

const PROPS = `partnerId="ACME" customer="Café Nuñez" location="12 Rue de la Paix" storage="none"`;
const FILES = {
  'package.json': JSON.stringify({ name: 'xoi-next-ssr', private: true }),
  'app/layout.jsx': `
export default function Layout({ children }) {
  return (
    <html lang="en">
      <head><link rel="icon" href="data:," /></head>
      <body>{children}</body>
    </html>
  );
}`,
  'app/own-tag/page.jsx': `
import { Board } from './board.jsx';
export const dynamic = 'force-dynamic';
export default function Page() { return <main><Board /></main>; }`,
  'app/own-tag/board.jsx': `'use client';
import { XoiShareButton, createXoiShareButton } from 'xoi-share-button/react';
import { createXoiJobLink } from 'xoi-share-button/react-job-link';

const AcmeButton = createXoiShareButton('acme-xoi-button');
const AcmeJobLink = createXoiJobLink('acme-job-link');

export function Board() {
  return (
    <>
      <AcmeButton ${PROPS} serviceTicket="WO-1" />
      <AcmeJobLink filter="10432" />
      <XoiShareButton ${PROPS} serviceTicket="WO-2" />
    </>
  );
}`,
  'app/default/page.jsx': `
import { Board } from './board.jsx';
export const dynamic = 'force-dynamic';
export default function Page() { return <main><Board /></main>; }`,
  'app/default/board.jsx': `'use client';
import { XoiShareButton } from 'xoi-share-button/react';
import { XoiJobLink } from 'xoi-share-button/react-job-link';

export function Board() {
  return (
    <>
      <XoiShareButton ${PROPS} serviceTicket="WO-3" />
      <XoiJobLink filter="10433" />
    </>
  );
}`,
};

/** The deepest folder holding both paths: Turbopack compiles nothing outside its root. */
function commonRoot(a, b) {
  const x = a.split(sep);
  const y = b.split(sep);
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(sep) || parse(a).root;
}

function writeApp(app) {
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), text);
  }
  const turbopackRoot = commonRoot(app, root);
  writeFileSync(
    join(app, 'next.config.mjs'),
    `export default ${JSON.stringify({ turbopack: { root: turbopackRoot }, outputFileTracingRoot: turbopackRoot })};\n`,
  );
  const modules = join(app, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  const pkg = join(modules, 'xoi-share-button');
  mkdirSync(pkg);
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  cpSync(join(root, 'dist/npm'), join(pkg, 'dist/npm'), { recursive: true });
}

/** Runs `next …` in `cwd`; resolves with its output, rejects with it on a non-zero exit. */
function next(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT, ...args], { cwd, env: ENV });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`next ${args[0]}: exit ${code}\n${out}`)),
    );
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Waits until the server answers anything, on a path none of the pages renders. */
async function untilServing(origin, server) {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      await fetch(`${origin}/__ready`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('next start did not answer within 60 s');
}

let app;
let server;
let serverOutput = '';
let origin;
let browser;
/** The server HTML of each page, in the order requested. */
const html = {};

before(
  async () => {
    const t = Date.now();
    ensureBuilt(log);
    app = mkdtempSync(join(tmpdir(), 'xoi-next-'));
    writeApp(app);
    await next(['build'], app);
    log(`next build ${((Date.now() - t) / 1000).toFixed(1)} s`);
    origin = `http://127.0.0.1:${await freePort()}`;
    server = spawn(process.execPath, [NEXT, 'start', '-H', '127.0.0.1', '-p', new URL(origin).port], {
      cwd: app,
      env: ENV,
    });
    server.stdout.on('data', (d) => (serverOutput += d));
    server.stderr.on('data', (d) => (serverOutput += d));
    await untilServing(origin, server);
    for (const path of ['/own-tag', '/default']) {
      const response = await fetch(origin + path);
      assert.equal(response.status, 200, `${path}: ${response.status}\n${serverOutput}`);
      html[path] = await response.text();
    }
    browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    log(`ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill();
    await exited;
  }
  if (app) rmSync(app, { recursive: true, force: true });
});

/**
 * The custom elements' start tags in an HTML text, in order. The fixtures pass only properties
 * and on… props, which the browser sets: the server writes no attribute for them.
 */
const tagsIn = (text) => [...text.matchAll(/<((?:acme|xoi)-[^>]*)>/g)].map((m) => m[1]);

/**
 * Loads `path`, waits until React hydrated it (the wrappers set `partnerId` / `filter` as
 * properties in a layout effect, after hydration), then one more frame as a sentinel for late
 * console messages. Returns what the page logged as errors, what it asked of other origins, and
 * each custom element's state.
 */
async function load(path, tags) {
  const page = await browser.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url().startsWith(`${origin}/`)) return void request.continue();
    foreign.push(request.url());
    void request.abort();
  });
  try {
    await page.goto(origin + path, { waitUntil: 'load' });
    await page.waitForFunction(
      (tags) =>
        tags.every((tag) =>
          [...document.querySelectorAll(tag)].every((el) => el.partnerId === 'ACME' || /^1043/.test(el.filter ?? '')),
        ),
      { timeout: 30_000 },
      tags,
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const elements = await page.evaluate(
      (tags) =>
        tags.map((tag) => {
          const all = [...document.querySelectorAll(`main ${tag}`)];
          const ctor = customElements.get(tag);
          return {
            tag,
            count: all.length,
            upgraded: all.every((el) => ctor !== undefined && el instanceof ctor && el.shadowRoot !== null),
            button: all.map((el) => el.shadowRoot?.querySelector('[part~="button"]')?.textContent?.trim() ?? null),
          };
        }),
      tags,
    );
    return { problems, foreign, elements };
  } finally {
    await page.close();
  }
}

describe('Next.js 16: next build, next start, hydration in Chromium', () => {
  test('the server HTML has each wrapper’s own tag, also after another page used another tag', () => {
    assert.deepEqual(tagsIn(html['/own-tag']), ['acme-xoi-button', 'acme-job-link', 'xoi-share-button']);
    assert.deepEqual(tagsIn(html['/default']), ['xoi-share-button', 'xoi-job-link'], 'no tag leaked from /own-tag');
  });

  test('/own-tag hydrates without a mismatch: acme-xoi-button and acme-job-link upgraded, and the default tag beside them', async () => {
    const { problems, foreign, elements } = await load('/own-tag', [
      'acme-xoi-button',
      'acme-job-link',
      'xoi-share-button',
    ]);
    assert.deepEqual(problems, [], 'no hydration error (React #418) or other error in the console');
    assert.deepEqual(foreign, [], 'no request outside the app');
    assert.deepEqual(elements, [
      { tag: 'acme-xoi-button', count: 1, upgraded: true, button: ['Document in XOi'] },
      { tag: 'acme-job-link', count: 1, upgraded: true, button: [null] },
      { tag: 'xoi-share-button', count: 1, upgraded: true, button: ['Document in XOi'] },
    ]);
  });

  test('/default hydrates without a mismatch: its own xoi-share-button and xoi-job-link, upgraded', async () => {
    const { problems, foreign, elements } = await load('/default', ['xoi-share-button', 'xoi-job-link']);
    assert.deepEqual(problems, [], 'no hydration error (React #418) or other error in the console');
    assert.deepEqual(foreign, [], 'no request outside the app');
    assert.deepEqual(elements, [
      { tag: 'xoi-share-button', count: 1, upgraded: true, button: ['Document in XOi'] },
      { tag: 'xoi-job-link', count: 1, upgraded: true, button: [null] },
    ]);
  });
});
