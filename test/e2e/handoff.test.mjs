// The hand-off where a browser test cannot follow it: a real new tab (Chromium, puppeteer-core).
// Frames sandboxed with `allow-popups` but without `allow-forms`, by a parent they cannot see:
// the element opens the empty tab, the form is refused, and it must close that tab again, report
// `blocked` naming `allow-forms`, and post nothing. (web-test-runner's pages cannot host a real
// tab: the run loses its page to it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSuite, recordedPosts } from './helpers.mjs';

const demo = demoSuite();

/**
 * Opens `frameUrl` (or a srcdoc) in an iframe sandboxed with `sandbox`, in a page of the dev
 * server; the frame's element opens XOi at once and posts back what it fired. Returns that, and
 * the tabs opened and closed meanwhile.
 */
async function framedHandOff({ sandbox, frameUrl }) {
  const context = await demo.browser.createBrowserContext();
  const opened = [];
  const closed = [];
  context.on('targetcreated', (t) => t.type() === 'page' && opened.push(t));
  context.on('targetdestroyed', (t) => t.type() === 'page' && closed.push(t));
  try {
    const page = await context.newPage();
    // A page of the dev server (a blank page may not load from loopback) outside the demo.
    await page.goto(`${demo.origin}/LICENSE`);
    const { errors, state } = await page.evaluate(
      (sandbox, frameUrl) =>
        new Promise((resolve) => {
          addEventListener('message', (e) => resolve(e.data));
          const frame = document.createElement('iframe');
          frame.setAttribute('sandbox', sandbox);
          frame.src = frameUrl;
          document.body.append(frame);
        }),
      sandbox,
      frameUrl,
    );
    const popups = opened.filter((t) => t !== page.target());
    for (let i = 0; i < 50 && popups.some((t) => !closed.includes(t)); i++) await new Promise((r) => setTimeout(r, 20));
    return { errors, state, popups, stillOpen: popups.filter((t) => !closed.includes(t)) };
  } finally {
    await context.close();
  }
}

function assertBlockedForForms({ errors, state, popups, stillOpen }) {
  assert.deepEqual(
    errors.map((e) => e.code),
    ['blocked'],
  );
  assert.match(errors[0].message, /allow-forms/);
  assert.equal(state, 'idle');
  // One tab opened (the empty one for XOi), and it is gone again.
  assert.equal(popups.length, 1);
  assert.deepEqual(stillOpen, []);
}

/** The page test/fixtures/handoff-frame.html, as served by `host`, opening XOi for `shareId`. */
const handOffFrame = (host, shareId) =>
  `${host}/test/fixtures/handoff-frame.html?${new URLSearchParams({ 'share-id': shareId, 'base-url': demo.origin })}`;

test('a frame with an opaque origin (no allow-same-origin): the empty tab is closed once the form is refused; blocked, idle, nothing posted', async () => {
  const shareId = `handoff-${Date.now().toString(36)}-opaque-frame`;
  const frameUrl = handOffFrame(demo.origin, shareId);
  assertBlockedForForms(await framedHandOff({ sandbox: 'allow-scripts allow-popups', frameUrl }));
  assert.deepEqual(await recordedPosts(demo.origin, shareId), []);
});

test('a frame of another origin (allow-same-origin, its parent out of sight): the empty tab is closed once the form is refused; blocked, idle, nothing posted', async () => {
  const shareId = `handoff-${Date.now().toString(36)}-other-origin`;
  // The same server under another name: another origin, so the frame cannot see its parent.
  const frameUrl = handOffFrame(demo.origin.replace('127.0.0.1', 'localhost'), shareId);
  assertBlockedForForms(await framedHandOff({ sandbox: 'allow-scripts allow-same-origin allow-popups', frameUrl }));
  assert.deepEqual(await recordedPosts(demo.origin, shareId), []);
});
