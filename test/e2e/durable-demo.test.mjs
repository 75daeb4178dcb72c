// `npm start` keeps its state: the demo's XOi Cloud tier runs on the embedded PostgreSQL (PGlite in
// XOI_DEMO_DATA) with the durable queue, and the mock XOi saves what XOi would keep. A work order
// linked and given its transcript note before the dev server stops is still linked, with its
// notes and a customer link that opens, after it starts again on the same data.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { launchChromium, openDemo, startDemoServer, textOf } from './helpers.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'xoi-demo-restart-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const TICKET = 'WO-10434';

const noteTitles = (page) =>
  page.$$eval('#xoi-notes .note', (items) =>
    items.map((li) => `${li.dataset.title}${li.classList.contains('pending') ? ' (pending)' : ''}`),
  );

test('links and notes survive a restart of the dev server (PGlite and the mock XOi on disk)', async () => {
  let { server, origin } = await startDemoServer({ dataDir });
  let link;
  try {
    const { jobs } = await (await fetch(`${origin}/xoi/work-orders/${TICKET}/jobs?label=10434`)).json();
    assert.equal(jobs.length, 1);
    const linked = await fetch(`${origin}/xoi/work-orders/${TICKET}/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobId: jobs[0].id }),
    });
    assert.equal(linked.status, 201);
    ({ link } = await linked.json());
    // The transcript arrives by XOi's notification (recorded, queued, handled by the queue worker).
    assert.equal(
      (await fetch(`${origin}/demo-api/work-orders/${TICKET}/simulate-transcript`, { method: 'POST' })).status,
      200,
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { notes } = await (await fetch(`${origin}/demo-api/work-orders/${TICKET}/notes`)).json();
      if (notes?.notes.some((n) => n.title === 'XOi Transcript')) break;
      assert.ok(Date.now() < deadline, 'the transcript note arrives');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await server.close();
  }

  ({ server, origin } = await startDemoServer({ dataDir }));
  const browser = await launchChromium();
  try {
    const stored = await (await fetch(`${origin}/xoi/work-orders/${TICKET}/link`)).json();
    assert.deepEqual(stored.link, link, 'the link, as it was');
    const share = await fetch(link.shareLink.replace(/^http:\/\/[^/]+/, origin));
    assert.equal(share.status, 200, "the customer's share link still opens");

    const { context, page, problems } = await openDemo(browser, origin);
    try {
      await page.waitForSelector(`.order[data-ticket="${TICKET}"] xoi-job-link[state="linked"]`);
      assert.equal(await textOf(page, `.order[data-ticket="${TICKET}"] .status`), 'Linked to XOi');
      await page.click(`.order[data-ticket="${TICKET}"] .view-report`);
      await page.waitForSelector('#xoi-notes .note[data-title="XOi Transcript"]');
      assert.deepEqual(await noteTitles(page), [
        'XOi Site History',
        'XOi Workflow',
        'XOi Resolution',
        'XOi Transcript',
      ]);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
