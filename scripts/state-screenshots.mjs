#!/usr/bin/env node
/**
 * Screenshots of every element state, light and dark, into docs/states.png (README → Styling).
 * `node scripts/state-screenshots.mjs`; uses the demo's dev server and Debian's Chromium.
 */
import { join } from 'node:path';
import { launchChromium, root, startDemoServer } from '../test/e2e/helpers.mjs';

const { server, origin } = await startDemoServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 420, deviceScaleFactor: 1 });
  await page.goto(`${origin}/docs/states.html`, { waitUntil: 'networkidle0' });
  await page.evaluate(() => customElements.whenDefined('xoi-share-button'));
  await page.evaluate(() =>
    Promise.all([...document.querySelectorAll('xoi-share-button')].map((e) => e.updateComplete)),
  );
  const file = join(root, 'docs', 'states.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.close();
}
