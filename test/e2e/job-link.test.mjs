// The demo's XOi Cloud tier end to end: the Vite dev server from vite.config.ts (a mock XOi
// Cloud, createXoiRoutes and createXoiNotifications mounted by demo/cloud-tier.ts), Debian's
// Chromium, real clicks inside <xoi-job-link>'s shadow root: list by label → pick → "complete?"
// → "link? cannot be undone" → linked; the report gets XOi's share link and the MobileTech
// notes, and the transcript note arrives after the mock XOi sends its change notification.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSuite, openDemo, textOf, waitForText } from './helpers.mjs';

const demo = demoSuite();

const jobLink = (ticket) => `.order[data-ticket="${ticket}"] xoi-job-link`;
const inJobLink = (ticket, part) => `${jobLink(ticket)} >>> [part~="${part}"]`;
const inState = (page, ticket, state) => page.waitForSelector(`${jobLink(ticket)}[state="${state}"]`);

async function eventLog(page) {
  return page.$$eval('#event-log .event', (items) =>
    items.map((li) => ({ type: li.dataset.type, detail: JSON.parse(li.querySelector('pre').textContent) })),
  );
}

/** The demo's Reset, server side (fresh XOi jobs, no links): each test starts from the same demo, whatever ran before. */
beforeEach(async () => {
  const response = await fetch(`${demo.origin}/demo-api/reset`, { method: 'POST' });
  assert.equal(response.status, 200);
});

/** Links `ticket` to the technician's one job labelled `label` through the routes, as another session would. */
async function linkThroughRoutes(ticket, label) {
  const { jobs } = await (await fetch(`${demo.origin}/xoi/work-orders/${ticket}/jobs?label=${label}`)).json();
  assert.equal(jobs.length, 1);
  const response = await fetch(`${demo.origin}/xoi/work-orders/${ticket}/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jobId: jobs[0].id }),
  });
  assert.equal(response.status, 201);
}

const noteTitles = (page) =>
  page.$$eval('#xoi-notes .note', (items) =>
    items.map((li) => `${li.dataset.title}${li.classList.contains('pending') ? ' (pending)' : ''}`),
  );

test('link WO-10433 to the technician’s XOi job; the notes fill in, the transcript after XOi’s notification', async () => {
  const ticket = 'WO-10433';
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    await inState(page, ticket, 'ready');
    assert.equal(await textOf(page, inJobLink(ticket, 'start')), 'Link XOi job');
    await page.click(inJobLink(ticket, 'start'));
    await inState(page, ticket, 'choosing');

    // The list is filtered by the label the technician typed in XOi ("10433 - …").
    assert.equal(await page.$eval(inJobLink(ticket, 'input'), (input) => input.value), '10433');
    assert.equal(await textOf(page, inJobLink(ticket, 'count')), '1 XOi job to link');
    assert.equal(await textOf(page, inJobLink(ticket, 'job-label')), '10433 - Müller Kälte GmbH');
    assert.match(
      await textOf(page, inJobLink(ticket, 'job-meta')),
      /^Müller Kälte GmbH · TEMP-2 · created .+ · completed /,
    );

    await page.click(inJobLink(ticket, 'job'));
    await inState(page, ticket, 'confirming-complete');
    assert.equal(
      await textOf(page, `${jobLink(ticket)} >>> #question`),
      'Is the work on “10433 - Müller Kälte GmbH” complete in XOi?',
    );
    await page.click(inJobLink(ticket, 'yes'));
    await inState(page, ticket, 'confirming-link');
    assert.equal(
      await textOf(page, `${jobLink(ticket)} >>> #question`),
      'Link “10433 - Müller Kälte GmbH” to this work order?',
    );
    assert.equal(await textOf(page, inJobLink(ticket, 'warning')), 'Once linked, it cannot be unlinked.');
    await page.click(inJobLink(ticket, 'confirm'));
    await inState(page, ticket, 'linked');

    // The element's final view: XOi's public share link, and the job on XOi's web app.
    const shareLink = await page.$eval(inJobLink(ticket, 'link'), (a) => a.href);
    assert.match(shareLink, new RegExp(`^${demo.origin}/xoi-cloud/share/share-\\d+$`));
    assert.equal(
      await textOf(page, inJobLink(ticket, 'linked-title')),
      // The job as the link renamed it in XOi: "<work order> - <customer>".
      `Linked to XOi job “${ticket} - Müller Kälte GmbH”`,
    );
    assert.match(await page.$eval(inJobLink(ticket, 'open'), (a) => a.href), /\/xoi-cloud\/web\/jobs\/job-\d+$/);

    // The host heard it: the event log, and the link in the report's Problem area.
    const [linked] = await eventLog(page);
    assert.equal(linked.type, 'xoi-job-link-linked');
    assert.equal(linked.detail.workOrderId, ticket);
    assert.equal(linked.detail.shareLink, shareLink);
    assert.equal(linked.detail.linkedBy, 'ana.garcia@fieldline.example');
    assert.equal(linked.detail.existing, false);
    assert.match(linked.detail.jobId, /^job-\d+$/);
    assert.equal(await textOf(page, '#invoice-title'), `Service report · ${ticket}`);
    assert.equal(await textOf(page, '#invoice-share'), `Public share link: ${shareLink}`);
    assert.equal(await textOf(page, `.order[data-ticket="${ticket}"] .status`), 'Linked to XOi');
    assert.equal(await textOf(page, '#board-summary'), '5 work orders · 1 linked to XOi');

    // The MobileTech notes: three at once, the transcript still being processed by XOi.
    await page.waitForSelector('#xoi-notes');
    assert.deepEqual(await noteTitles(page), [
      'XOi Site History',
      'XOi Workflow',
      'XOi Resolution',
      'XOi Transcript (pending)',
    ]);
    assert.equal(await textOf(page, '#xoi-notes .note[data-title="XOi Resolution"] .note-text'), shareLink);
    assert.match(await textOf(page, '#xoi-notes .note[data-title="XOi Site History"]'), /xoi-vision:\/\/activity\//);

    // XOi finishes the transcript: its notification reaches the server, which rebuilds the notes.
    await page.click('#simulate-transcript');
    await page.waitForSelector('#xoi-notes .note[data-title="XOi Transcript"]:not(.pending)');
    assert.deepEqual(await noteTitles(page), ['XOi Site History', 'XOi Workflow', 'XOi Resolution', 'XOi Transcript']);
    assert.match(
      await textOf(page, '#xoi-notes .note[data-title="XOi Transcript"] .note-text'),
      /^Service call – Walkthrough video\s+Technician walkthrough at Müller Kälte GmbH\./,
    );
    const notification = (await eventLog(page)).find((e) => e.type.startsWith('XOi notification'));
    assert.deepEqual(notification, {
      type: 'XOi notification: job-updated',
      detail: { workOrderId: ticket, type: 'job-updated', traits: ['transcript', 'processed'] },
    });

    // The server holds the link; the XOi job now carries the work order; the share page opens.
    const stored = await (await fetch(`${demo.origin}/xoi/work-orders/${ticket}/link`)).json();
    assert.equal(stored.link.jobId, linked.detail.jobId);
    const share = await fetch(shareLink);
    assert.equal(share.status, 200);
    assert.match(await share.text(), /Your service visit — WO-10433[\s\S]*Müller Kälte GmbH/);
    // …and the linked job left the technician's list.
    const { jobs } = await (await fetch(`${demo.origin}/xoi/work-orders/WO-10432/jobs`)).json();
    assert.ok(!jobs.some((job) => job.id === linked.detail.jobId));

    // A reload (another session): linked at once, reported as existing; notes and transcript kept.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await inState(page, ticket, 'linked');
    await page.click(`.order[data-ticket="${ticket}"] .view-report`);
    await waitForText(page, '#invoice-share', shareLink);
    await page.waitForSelector('#xoi-notes .note[data-title="XOi Transcript"]:not(.pending)');
    const [again] = await eventLog(page);
    assert.deepEqual(again, { type: 'xoi-job-link-linked', detail: { ...linked.detail, existing: true } });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('"No, not complete" goes back to the list; Spanish follows the page', async () => {
  const ticket = 'WO-10435';
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    await inState(page, ticket, 'ready');
    await page.click(inJobLink(ticket, 'start'));
    await inState(page, ticket, 'choosing');
    await page.click(inJobLink(ticket, 'job'));
    await inState(page, ticket, 'confirming-complete');
    await page.click(inJobLink(ticket, 'no'));
    await inState(page, ticket, 'choosing');
    assert.match(await textOf(page, inJobLink(ticket, 'notice')), /^Finish the workflows and complete the job in XOi/);
    const posted = await (await fetch(`${demo.origin}/xoi/work-orders/${ticket}/link`)).json();
    assert.deepEqual(posted, { link: null });

    await page.select('#lang-select', 'es');
    await waitForText(page, inJobLink(ticket, 'count'), '1 trabajo de XOi por vincular');
    assert.equal(await textOf(page, inJobLink(ticket, 'search')), 'Buscar');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Reset demo: fresh XOi jobs and no links', async () => {
  // Its own link, not the first test's.
  await linkThroughRoutes('WO-10433', '10433');
  const { context, page, problems } = await openDemo(demo.browser, demo.origin);
  try {
    await inState(page, 'WO-10433', 'linked');
    await page.click('#reset-demo');
    await inState(page, 'WO-10433', 'ready');
    assert.deepEqual(await (await fetch(`${demo.origin}/xoi/work-orders/WO-10433/link`)).json(), { link: null });
    // Reset rebuilt the job index: the fresh jobs are listed from it, 10433's unlinked again.
    const list = await (await fetch(`${demo.origin}/xoi/work-orders/WO-10433/jobs?label=10433`)).json();
    assert.equal(list.source, 'index');
    assert.equal(list.jobs.length, 1);
    assert.match(await textOf(page, '#invoice-share'), /not linked yet/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
