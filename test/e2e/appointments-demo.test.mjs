// The demo's back office (npm start, /back-office): MobileTech's automatic jobs. An appointment
// scheduled for a technician gets its XOi job in the mock without anyone linking, and XOi's notes
// appear on it; "XOi finishes the transcript" brings the transcript note by notification; an
// appointment for a technician XOi does not know shows the clear failure on the status page,
// which only the signed-in administrator may read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSuite, textOf, waitForText } from './helpers.mjs';

const suite = demoSuite();
const row = (id) => `tr[data-appointment="${id}"]`;

async function openBackOffice() {
  const context = await suite.browser.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await page.goto(`${suite.origin}/back-office`);
  await page.waitForSelector('html[data-ready="true"]');
  return { context, page, problems };
}

/** Schedules one appointment from the form; resolves to its id (the newest row). */
async function schedule(page, { technician, customer }) {
  await page.select('#technician', technician);
  await page.$eval('#customer', (input, value) => (input.value = value), customer);
  const before = await page.$$eval('#appointments tr', (rows) => rows.map((r) => r.dataset.appointment));
  await page.click('#schedule-button');
  const handle = await page.waitForFunction(
    (known) => [...document.querySelectorAll('#appointments tr')].find((r) => !known.includes(r.dataset.appointment)),
    {},
    before,
  );
  const id = await handle.evaluate((tr) => tr.dataset.appointment);
  await handle.dispose();
  return id;
}

const noteTitles = (page, id) => page.$$eval(`${row(id)} ul.notes li`, (items) => items.map((li) => li.dataset.title));

test('an appointment scheduled for an XOi technician: its job appears in XOi by itself, then its notes; the transcript arrives by notification', async () => {
  const { context, page, problems } = await openBackOffice();
  try {
    const tech = await page.$eval('#technician option', (o) => o.value);
    const id = await schedule(page, { technician: tech, customer: 'Panadería Sol' });
    await waitForText(page, `${row(id)} .state`, 'Synced to XOi');
    const jobId = await textOf(page, `${row(id)} .job`);

    const jobs = await (await fetch(`${suite.origin}/__xoi-cloud/jobs`)).json();
    const job = jobs.find((j) => j.externalId === id);
    assert.ok(job, 'the mock XOi holds a job for the appointment');
    assert.equal(job.id, jobId, 'the job shown is the one in XOi');
    assert.equal(job.customerName, 'Panadería Sol');
    assert.equal(jobs.filter((j) => j.externalId === id).length, 1);
    await page.waitForSelector(`${row(id)} ul.notes li[data-title="XOi Resolution"]`);
    assert.deepEqual(await noteTitles(page, id), ['XOi Site History', 'XOi Workflow', 'XOi Resolution']);

    await page.click(`${row(id)} .finish-transcript`);
    await page.waitForSelector(`${row(id)} ul.notes li[data-title="XOi Transcript"]`);
    assert.deepEqual(await noteTitles(page, id), [
      'XOi Site History',
      'XOi Workflow',
      'XOi Resolution',
      'XOi Transcript',
    ]);
    assert.match(
      await textOf(page, `${row(id)} ul.notes li[data-title="XOi Transcript"]`),
      /Walkthrough at Panadería Sol: unit inspected/,
    );
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an appointment for a technician unknown to XOi: no job, and the status page says why', async () => {
  const { context, page, problems } = await openBackOffice();
  try {
    const unknown = await page.$eval('#technician option:nth-child(2)', (o) => o.value);
    const id = await schedule(page, { technician: unknown, customer: 'Hotel Luna' });
    await waitForText(page, `${row(id)} .state`, 'Technician not in XOi');
    assert.match(await textOf(page, `${row(id)} .reason`), new RegExp(`${unknown} is not an XOi Vision user`));
    const jobs = await (await fetch(`${suite.origin}/__xoi-cloud/jobs`)).json();
    assert.equal(jobs.filter((j) => j.externalId === id).length, 0, 'no job in XOi');

    await Promise.all([page.waitForNavigation(), page.click('#status-link')]);
    assert.equal(await textOf(page, 'h1'), 'XOi Integration Setup');
    assert.match(await textOf(page, `tr[data-appointment="${id}"]`), /Technician not in XOi/);
    assert.match(
      await textOf(page, `tr[data-appointment="${id}"] .reason`),
      /is not an XOi Vision user .*Add the technician in XOi/,
    );
    assert.match(await textOf(page, '#for-xoi + dl'), /API token\s*Obtained now/);
    assert.match(await textOf(page, '#for-xoi + dl'), /notifications\?key=…cret/, 'the secret masked');
    assert.ok(!(await page.content()).includes('demo-hook-secret'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  // Without the administrator's session: refused.
  const anonymous = await fetch(`${suite.origin}/xoi/admin/status`);
  assert.equal(anonymous.status, 401);
});
