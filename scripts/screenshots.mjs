#!/usr/bin/env node
/**
 * Screenshots of the demo's hand-off, one per state, and of its back office and status page,
 * into docs/demo-*.png (used by the README).
 * Same server and browser setup as the e2e tests: `node scripts/screenshots.mjs`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickForPopup,
  finishWorkflow,
  launchChromium,
  openDemo,
  root,
  sel,
  startDemoServer,
} from '../test/e2e/helpers.mjs';

const out = join(root, 'docs');
mkdirSync(out, { recursive: true });
const viewport = { width: 1280, height: 860, deviceScaleFactor: 1 };
const ticket = 'WO-10432';

// localhost:5173 as with `npm start` (the next free port if that one is taken), so the pictures match.
const { server, origin } = await startDemoServer({ host: 'localhost', port: 5173 });
const browser = await launchChromium();
const shot = async (page, name) => {
  const file = join(out, `demo-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
};

try {
  const { page } = await openDemo(browser, origin, { viewport });
  // No caret or hover noise in the pictures.
  await page.mouse.move(0, 0);
  await shot(page, '1-board');

  const popup = await clickForPopup(page, sel.button(ticket));
  await popup.setViewport(viewport);
  await shot(popup, '2-xoi-activity');
  await finishWorkflow(popup);
  await popup.close();

  await page.bringToFront();
  await page.waitForSelector(sel.prompt(ticket));
  await page.mouse.move(0, 0);
  await shot(page, '3-question');

  await page.click(sel.yes(ticket));
  await page.waitForSelector('#invoice-link');
  await page.mouse.move(0, 0);
  await shot(page, '4-linked');

  const customer = await clickForPopup(page, '#invoice-link');
  await customer.setViewport(viewport);
  await shot(customer, '5-customer-page');
  await customer.close();

  // The same board in Spanish, dark theme: the switcher sets `lang` on a container.
  await page.bringToFront();
  await page.select('#lang-select', 'es');
  await page.select('#theme-select', 'dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.mouse.move(0, 0);
  await shot(page, '6-dark-es');

  // The back office's automatic jobs: one appointment synced with its transcript, one for a
  // technician XOi does not know; then the status page as it prints.
  const office = await browser.newPage();
  await office.setViewport(viewport);
  await office.goto(`${origin}/back-office`);
  await office.waitForSelector('html[data-ready="true"]');
  const newest = () => office.$eval('#appointments tr', (tr) => tr.dataset.appointment);
  await office.click('#schedule-button');
  await office.waitForFunction(() => document.querySelector('#appointments tr ul.notes li'));
  const synced = await newest();
  await office.click(`tr[data-appointment="${synced}"] .finish-transcript`);
  await office.waitForSelector(`tr[data-appointment="${synced}"] li[data-title="XOi Transcript"]`);
  await office.select('#technician', await office.$eval('#technician option:nth-child(2)', (o) => o.value));
  await office.$eval('#customer', (input) => (input.value = 'Hotel Luna'));
  await office.click('#schedule-button');
  await office.waitForFunction(
    () => document.querySelector('#appointments tr .state')?.dataset.state === 'technician-not-in-xoi',
  );
  await office.mouse.move(0, 0);
  await shot(office, '7-back-office');
  await office.goto(`${origin}/xoi/admin/status.html`);
  await office.emulateMediaType('print');
  await office.setViewport({ width: 794, height: 1123, deviceScaleFactor: 1 }); // A4 at 96 dpi
  await shot(office, '8-status-page');
} finally {
  await browser.close();
  await server.close();
}
