// The demo end to end, as an evaluator runs it: the Vite dev server from vite.config.ts (with the
// mock XOi Vision mounted on it), Debian's Chromium, real clicks inside the element's shadow root,
// XOi opening in a new tab, and the confirmed link landing in the work order's report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PARTNER_ID,
  activityPageValues,
  clickForPopup,
  demoSuite,
  finishWorkflow,
  openDemo,
  recordedPosts,
  sel,
  textOf,
  waitForText,
} from './helpers.mjs';

const demo = demoSuite();

const shareLinkOf = (shareId) => `${demo.origin}/partners/${PARTNER_ID}/share/${shareId}`;

test('the board lists the work orders, each with its XOi button pointed at the local mock', async () => {
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    const cards = await page.$$eval('.order', (els) =>
      els.map((el) => ({
        ticket: el.dataset.ticket,
        customer: el.querySelector('.customer').textContent,
        address: el.querySelector('.address').textContent,
        baseUrl: el.querySelector('xoi-share-button').getAttribute('base-url'),
        partnerId: el.querySelector('xoi-share-button').getAttribute('partner-id'),
        state: el.querySelector('xoi-share-button').getAttribute('state'),
      })),
    );
    assert.ok(cards.length >= 4 && cards.length <= 6, `${cards.length} work orders`);
    assert.deepEqual(
      cards.slice(0, 3).map((c) => c.customer),
      ['Café Nuñez', 'Müller Kälte GmbH', 'Zakład Mięsny „Świt” sp. z o.o.'],
    );
    assert.ok(cards.some((c) => c.address.includes('Łódź')));
    for (const card of cards) {
      assert.equal(card.baseUrl, demo.origin);
      assert.equal(card.partnerId, PARTNER_ID);
      assert.equal(card.state, 'idle');
      assert.equal(await textOf(page, sel.button(card.ticket)), 'Document in XOi');
    }
    assert.match(await textOf(page, '#mock-note'), /mocked locally.*remove the base-url attribute.*partner-id/);
    assert.equal(await textOf(page, '#mock-origin'), demo.origin);
    assert.match(await textOf(page, '#invoice-share'), /^Public share link: not linked yet/);
    // The page runs under a strict CSP (no inline script): nothing was blocked or failed.
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Yes: XOi opens on the exact work order, Finish, Yes, the link lands in the report and opens the customer page', async () => {
  const ticket = 'WO-10433';
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    const popup = await clickForPopup(page, sel.button(ticket));
    // The element opened the tab itself, then posted into it: XOi's page still has no handle on the FSM.
    assert.equal(await popup.evaluate(() => window.opener), null);
    const shown = await activityPageValues(popup);
    assert.equal(shown.title, 'XOi Vision activity');
    assert.equal(shown.serviceTicket, ticket);
    assert.equal(shown.customer, 'Müller Kälte GmbH');
    assert.equal(shown.location, 'Königstraße 27, 70173 Stuttgart');
    assert.deepEqual(shown.tags, ['walk-in cooler', 'refrigerant', 'R-448A']);
    assert.equal(shown.opens, 'Opened once');
    assert.deepEqual(shown.finishButton, ['Finish workflow']);
    const shareId = shown.shareId;
    assert.match(shareId, /^[A-Za-z0-9_-]{21}$/);

    // The body XOi received: urlencoded UTF-8, fields in the guide's order.
    const [post, ...more] = await recordedPosts(demo.origin, shareId);
    assert.equal(more.length, 0);
    assert.equal(post.partnerId, PARTNER_ID);
    assert.equal(post.contentType, 'application/x-www-form-urlencoded');
    assert.deepEqual(post.fields, [
      ['shareId', shareId],
      ['serviceTicket', ticket],
      ['customer', 'Müller Kälte GmbH'],
      ['location', 'Königstraße 27, 70173 Stuttgart'],
      ['tags', 'walk-in cooler'],
      ['tags', 'refrigerant'],
      ['tags', 'R-448A'],
    ]);
    assert.match(post.rawBody, /&customer=M%C3%BCller\+K%C3%A4lte\+GmbH&/);

    await finishWorkflow(popup);
    assert.equal(await textOf(popup, 'main h1'), 'Workflow finished — you can return to your FSM app');

    // Back in the FSM tab: the question, then Yes.
    await page.bringToFront();
    assert.match(await textOf(page, sel.prompt(ticket)), /Have you completed the workflow\?/);
    assert.equal(await textOf(page, sel.status(ticket)), 'In XOi — awaiting answer');
    await page.click(sel.yes(ticket));

    await page.waitForSelector('#invoice-link');
    assert.equal(await textOf(page, '#invoice-title'), `Service report · ${ticket}`);
    assert.equal(await textOf(page, '#invoice-share'), `Public share link: ${shareLinkOf(shareId)}`);
    assert.equal(await page.$eval('#invoice-link', (a) => a.href), shareLinkOf(shareId));
    assert.equal(await page.$eval(sel.link(ticket), (a) => a.href), shareLinkOf(shareId));
    assert.equal(await textOf(page, sel.status(ticket)), 'Linked to XOi');
    assert.equal(await textOf(page, sel.button(ticket)), 'Open in XOi');

    const log = await page.$$eval('#event-log .event', (items) =>
      items.map((li) => ({ type: li.dataset.type, detail: JSON.parse(li.querySelector('pre').textContent) })),
    );
    assert.deepEqual(
      log.map((e) => e.type),
      ['xoi-share-link', 'xoi-share-open'],
    );
    assert.deepEqual(log[0].detail, {
      partnerId: PARTNER_ID,
      shareId,
      serviceTicket: ticket,
      customer: 'Müller Kälte GmbH',
      location: 'Königstraße 27, 70173 Stuttgart',
      tags: ['walk-in cooler', 'refrigerant', 'R-448A'],
      shareLink: shareLinkOf(shareId),
    });

    // The customer follows the link on the invoice.
    const customerPage = await clickForPopup(page, '#invoice-link');
    assert.equal(customerPage.url(), shareLinkOf(shareId));
    assert.equal(await textOf(customerPage, 'main h1'), 'Photos and videos from your service visit');
    assert.equal(await textOf(customerPage, '[data-field="customer"]'), 'Müller Kälte GmbH');
    assert.equal(await textOf(customerPage, 'main [data-field="shareId"]'), shareId);
    assert.doesNotMatch(await textOf(customerPage, 'main'), /not finished/);

    // After a reload the FSM still has the link (read from the element's value).
    await page.bringToFront();
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.click(sel.viewReport(ticket));
    await waitForText(page, '#invoice-share', shareLinkOf(shareId));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('No: "Continue in XOi" posts the same shareId again; Yes afterwards links it', async () => {
  const ticket = 'WO-10434';
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    const first = await clickForPopup(page, sel.button(ticket));
    const shown = await activityPageValues(first);
    assert.equal(shown.customer, 'Zakład Mięsny „Świt” sp. z o.o.');
    assert.equal(shown.location, 'ul. Piotrkowska 104, 90-926 Łódź');
    assert.deepEqual(shown.tags, ['freezer', 'alarm']);
    const shareId = shown.shareId;
    await first.close();

    await page.bringToFront();
    await page.click(sel.no(ticket));
    await waitForText(page, sel.button(ticket), 'Continue in XOi');
    assert.equal(await page.$(sel.prompt(ticket)), null);
    assert.match(await textOf(page, '#invoice-share'), /^Public share link: not linked yet/);
    assert.equal(await page.$eval('#event-log .event', (li) => li.dataset.type), 'xoi-share-incomplete');
    assert.equal(await page.$eval('#event-log .event pre', (pre) => JSON.parse(pre.textContent).shareId), shareId);

    const second = await clickForPopup(page, sel.button(ticket));
    const again = await activityPageValues(second);
    assert.equal(again.shareId, shareId);
    assert.equal(again.opens, 'Opened 2 times');

    const posts = await recordedPosts(demo.origin, shareId);
    assert.equal(posts.length, 2);
    assert.deepEqual(posts[1].fields, posts[0].fields);
    assert.equal(posts[1].rawBody, posts[0].rawBody);
    assert.deepEqual(posts[0].fields.slice(0, 2), [
      ['shareId', shareId],
      ['serviceTicket', ticket],
    ]);

    await finishWorkflow(second);
    await page.bringToFront();
    await page.click(sel.yes(ticket));
    await waitForText(page, '#invoice-share', `Public share link: ${shareLinkOf(shareId)}`);
    assert.deepEqual(await page.$$eval('#event-log .event', (items) => items.map((li) => li.dataset.type)), [
      'xoi-share-link',
      'xoi-share-open',
      'xoi-share-incomplete',
      'xoi-share-open',
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the mock on the dev server: 400 page for a missing field, 404 for an unknown share link', async () => {
  const res = await fetch(`${demo.origin}/partners/${PARTNER_ID}/share`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      shareId: 'missing-fields-0001',
      serviceTicket: 'WO-1',
      customer: 'Café Nuñez',
    }).toString(),
  });
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /Missing fields/);
  assert.match(html, /<code>location<\/code>/);
  assert.doesNotMatch(html, /<code>customer<\/code>/);

  const unknown = await fetch(`${demo.origin}/partners/${PARTNER_ID}/share/no-such-share-id-here`);
  assert.equal(unknown.status, 404);
  assert.match(await unknown.text(), /There is no XOi Vision activity at this address/);
});

test('switching the language translates the board and the elements (lang on a container)', async () => {
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    await page.select('#lang-select', 'es');
    await waitForText(page, sel.button('WO-10432'), 'Documentar en XOi');
    assert.equal(await textOf(page, '#board-title'), 'Órdenes de trabajo de hoy');
    assert.equal(await page.$eval('#app', (el) => el.lang), 'es');
    await page.select('#lang-select', 'fr');
    await waitForText(page, sel.button('WO-10432'), 'Documenter dans XOi');
    assert.match(await textOf(page, '#invoice-share'), /^Lien public de partage :/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
