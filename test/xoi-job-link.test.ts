/**
 * <xoi-job-link> against the real host routes: web-test-runner's server mounts `createXoiRoutes`
 * over a real XOi client and a mock XOi Cloud (test/fixtures/job-link-server.mjs). Each test
 * signs in as a technician of its own (a cookie), so its jobs, links and faults are its own.
 * Nothing in the browser is stubbed.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/job-link.js';
import type { XoiJobLinkDetail, XoiJobLinkErrorDetail } from '../src/job-link/events.js';
import type { LinkableJob, WorkOrderLink } from '../src/contract/routes.js';
import { XoiJobLink, type XoiJobLinkState } from '../src/job-link/element.js';
import { hasPart, part, pasteFromClipboard, textOf, uid } from './helpers.js';
import type { MockJob as XoiJob, SeedJob } from '../mock/xoi-cloud.js';

const ENDPOINT = '/xoi-test';

let tech = '';

/** Signs in as a new technician (the routes read the cookie as the host's session). */
function signIn(email = `${uid('tech')}@example.com`): string {
  tech = email;
  document.cookie = `xoi-test-tech=${encodeURIComponent(tech)}; path=/`;
  return tech;
}
const signOut = () => (document.cookie = 'xoi-test-tech=; path=/; max-age=0');

async function admin<T>(path: string, body?: object): Promise<T> {
  const response = await fetch(
    `/__job-link/${path}`,
    body && { method: 'POST', body: JSON.stringify({ technician: tech, ...body }) },
  );
  return (await response.json()) as T;
}
const seed = (...jobs: SeedJob[]) => admin<XoiJob[]>('jobs', { jobs });
const fault = (spec: { type: string; service?: string; times?: number; status?: number; delayMs?: number }) =>
  admin('fault', { fault: spec });
type Logged = Array<{ method: string; path: string; contentType: string }>;
/** Every request the technician's page fetched so far, whatever its path (the routes, a wrong endpoint…). */
const requests = () => admin<Logged>(`requests?technician=${encodeURIComponent(tech)}`);
/**
 * Every request the page fetched, once a sentinel fetched now has been logged: a request the
 * element sent before it has been logged too, so an absence read after this means none came,
 * not "none yet" (CONTRIBUTING: sentinel).
 */
async function settledRequests(): Promise<Logged> {
  const id = uid('sentinel');
  await fetch(`/__job-link/sentinel?id=${id}`);
  const logged = await requests();
  if (!logged.some((r) => r.path.endsWith(`id=${id}`))) throw new Error('the sentinel request was not logged');
  return logged.filter((r) => !r.path.startsWith('/__job-link/sentinel'));
}
/** Resolves once the routes have received a request after the first `seen` (it is out, not queued in the browser). */
const received = (seen: number) =>
  waitUntil(async () => (await requests()).length > seen, 'the request never reached the routes', { timeout: 5000 });
const xoiJob = (id: string) =>
  admin<XoiJob>(`xoi-job?technician=${encodeURIComponent(tech)}&id=${encodeURIComponent(id)}`);

/** Polls until the element is in `state` (requests go over real HTTP). */
async function until(el: XoiJobLink, state: XoiJobLinkState, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (el.state != state) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for state ${state}; still ${el.state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await el.updateComplete;
}

function record<T>(el: EventTarget, type: string): CustomEvent<T>[] {
  const events: CustomEvent<T>[] = [];
  el.addEventListener(type, (e) => events.push(e as CustomEvent<T>));
  return events;
}

/**
 * A new element for a new work order of the signed-in technician, after its first answer (it
 * left `idle` and `loading`): fails, naming the state it is stuck in, when none comes.
 */
async function mount(attrs: Record<string, string> = {}, { lang = 'en', style = '', wait = true } = {}) {
  const container = await fixture<HTMLDivElement>(html`<div lang=${lang} style=${style}></div>`);
  const el = document.createElement('xoi-job-link');
  const linked = record<XoiJobLinkDetail>(el, 'xoi-job-link-linked');
  const errors = record<XoiJobLinkErrorDetail>(el, 'xoi-job-link-error');
  for (const [name, value] of Object.entries({ endpoint: ENDPOINT, 'work-order': uid('WO'), ...attrs }))
    el.setAttribute(name, value);
  container.append(el);
  if (wait) {
    const end = Date.now() + 10_000;
    while (['idle', 'loading'].includes(el.state)) {
      if (Date.now() > end)
        throw new Error(`mount: <xoi-job-link> still ${el.state} after 10 s (${JSON.stringify(attrs)})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await el.updateComplete;
  }
  return { el, container, linked, errors, workOrder: el.getAttribute('work-order')! };
}

const jobTexts = (el: XoiJobLink) => [...el.shadowRoot!.querySelectorAll('[part~="job"]')].map((b) => textOf(b));
const jobButton = (el: XoiJobLink, id: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="job"][data-job="${id}"]`)!;
const activeInShadow = (el: XoiJobLink) => el.shadowRoot!.activeElement;

/** Start → list → pick `jobId` → Yes: the element asks the second question. */
async function toConfirmLink(el: XoiJobLink, jobId: string) {
  part(el, 'start').click();
  await until(el, 'choosing');
  jobButton(el, jobId).click();
  await el.updateComplete;
  part(el, 'yes').click();
  await el.updateComplete;
  expect(el.state).to.equal('confirming-link');
}

describe('<xoi-job-link>', () => {
  beforeEach(() => signIn());
  after(signOut);

  it('creates from document.createElement', () => {
    const el = document.createElement('xoi-job-link');
    expect(el).to.be.instanceOf(XoiJobLink);
    expect(el.localName).to.equal('xoi-job-link');
  });

  it('creates from new XoiJobLink()', () => {
    const el = new XoiJobLink();
    expect(el.localName).to.equal('xoi-job-link');
    expect(el.state).to.equal('idle');
    expect(el.filter).to.equal('');
    expect(el.link).to.equal(null);
  });

  it('define() is guarded and returns the registered name', () => {
    expect(XoiJobLink.define()).to.equal('xoi-job-link');
    expect(XoiJobLink.define('another-job-link')).to.equal('xoi-job-link');
  });

  it('sends no request before it has both endpoint and work-order', async () => {
    const { el, errors } = await mount({ endpoint: '' }, { wait: false });
    el.removeAttribute('endpoint');
    // A request is sent in the update that takes the attributes: after it, the sentinel.
    await el.updateComplete;
    expect(await settledRequests()).to.deep.equal([]);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.shadowRoot!.querySelector('[part]')).to.equal(null);
    el.removeAttribute('work-order');
    el.setAttribute('endpoint', ENDPOINT);
    await el.updateComplete;
    expect(await settledRequests()).to.deep.equal([]);
    expect(el.state).to.equal('idle');
    expect(errors).to.deep.equal([]);

    el.setAttribute('work-order', 'WO-1');
    await until(el, 'ready');
    expect(await settledRequests()).to.deep.equal([
      { method: 'GET', path: `${ENDPOINT}/work-orders/WO-1/link`, contentType: '' },
    ]);
  });

  it('the Jonas flow: list filtered by label → pick → work complete? → link? → linked, with the share link', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const [done, , second] = await seed(
      { label: '10432 - Café Nuñez', completed: true, createdAt: tenDaysAgo },
      { label: '55555 - Zeta LLC', completed: true },
      { label: '10432 - Café Nuñez (2nd visit)', createdAt: new Date().toISOString() },
    );
    const { el, linked, errors, workOrder } = await mount({ filter: '10432' });
    expect(el.state).to.equal('ready');
    expect(textOf(part(el, 'start'))).to.equal('Link XOi job');

    part(el, 'start').click();
    await until(el, 'choosing');
    expect(part<HTMLInputElement>(el, 'input').value).to.equal('10432');
    expect(textOf(part(el, 'count'))).to.equal('2 XOi jobs to link');
    // Newest first; the second visit is not complete in XOi.
    expect(el.jobs.map((j: LinkableJob) => j.id)).to.deep.equal([second.id, done.id]);
    const created = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(Date.parse(tenDaysAgo));
    expect(jobTexts(el)[1]).to.match(
      new RegExp(`^10432 - Café Nuñez ABC Corp · TEMP-\\d+ · created ${created} · completed `),
    );
    expect(jobTexts(el)[0]).to.match(/^10432 - Café Nuñez \(2nd visit\) .* · not completed in XOi$/);

    jobButton(el, done.id).click();
    await el.updateComplete;
    expect(el.state).to.equal('confirming-complete');
    expect(textOf(part(el, 'question'))).to.equal(
      'Is the work on “10432 - Café Nuñez” complete in XOi? Yes, it is complete No',
    );
    expect(hasPart(el, 'hint')).to.equal(false);

    part(el, 'yes').click();
    await el.updateComplete;
    expect(el.state).to.equal('confirming-link');
    expect(textOf(part(el, 'question'))).to.equal(
      'Link “10432 - Café Nuñez” to this work order? Once linked, it cannot be unlinked. Link job Cancel',
    );
    expect((await requests()).filter((r) => r.method == 'POST')).to.deep.equal([]);

    const event = oneEvent<CustomEvent<XoiJobLinkDetail>>(el, 'xoi-job-link-linked');
    part(el, 'confirm').click();
    await el.updateComplete;
    expect(el.state).to.equal('linking');
    expect(textOf(part(el, 'status'))).to.equal('Linking the XOi job…');
    const { detail, bubbles, composed } = await event;
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(el.getAttribute('state')).to.equal('linked');
    expect([bubbles, composed]).to.deep.equal([true, true]);
    expect(detail).to.include({
      workOrderId: workOrder,
      jobId: done.id,
      label: `${workOrder} - Café Nuñez`,
      linkedBy: tech,
      existing: false,
    });
    expect(detail.shareLink).to.match(/^http:\/\/127\.0\.0\.1:\d+\/t\/\d+\/xoi-cloud\/share\/share-\d+$/);
    expect(detail.deepLinks.visionWeb?.viewJob).to.match(new RegExp(`/web/jobs/${done.id}$`));
    expect(detail.deepLinks.visionMobile?.editJob).to.match(/^xoi-vision:\/\/my-work\/edit\?payload=/);
    expect(Date.now() - Date.parse(detail.linkedAt)).to.be.within(0, 60_000);
    expect(linked).to.have.length(1);
    expect(errors).to.have.length(0);
    const { existing: _, ...stored }: XoiJobLinkDetail = detail;
    expect(el.link).to.deep.equal(stored satisfies WorkOrderLink);

    // What the technician sees: the job as the link renamed it in XOi, and XOi's public share link.
    expect(textOf(part(el, 'linked-title'))).to.equal(`Linked to XOi job “${workOrder} - Café Nuñez”`);
    expect(textOf(part(el, 'linked-meta'))).to.match(new RegExp(`^Linked .+ by ${tech}$`));
    const link = part<HTMLAnchorElement>(el, 'link');
    expect(link.href).to.equal(detail.shareLink);
    expect(textOf(link)).to.equal(detail.shareLink);
    expect([link.target, link.rel]).to.deep.equal(['_blank', 'noopener']);
    expect(part<HTMLAnchorElement>(el, 'open').href).to.equal(detail.deepLinks.visionWeb!.viewJob);
    expect(textOf(part(el, 'copy'))).to.equal('Copy link');

    // What the routes were asked, and what XOi now holds.
    expect(await requests()).to.deep.equal([
      { method: 'GET', path: `${ENDPOINT}/work-orders/${workOrder}/link`, contentType: '' },
      { method: 'GET', path: `${ENDPOINT}/work-orders/${workOrder}/jobs?label=10432`, contentType: '' },
      { method: 'POST', path: `${ENDPOINT}/work-orders/${workOrder}/link`, contentType: 'application/json' },
    ]);
    const job = await xoiJob(done.id);
    expect(job).to.include({
      workOrderNumber: workOrder,
      customerName: 'Café Nuñez',
      label: `${workOrder} - Café Nuñez`,
    });

    // Another element (a reload) finds the link: linked at once, `existing: true`.
    const again = await mount({ 'work-order': workOrder, filter: '10432' });
    expect(again.el.state).to.equal('linked');
    expect(again.linked.map((e) => e.detail)).to.deep.equal([{ ...detail, existing: true }]);
    // It names the job by the label the link gave it in XOi, not by its id.
    expect(textOf(part(again.el, 'linked-title'))).to.equal(`Linked to XOi job “${workOrder} - Café Nuñez”`);
    // Found on load, not done by the technician: not announced (a board of 30 linked rows stays quiet).
    expect(textOf(again.el.shadowRoot!.querySelector('[role="status"]')!)).to.equal('');
  });

  it('searches by another label, says when nothing matches, and "Show all" clears the filter', async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const [a, b] = await seed(
      { label: '777 - Alpha Foods', createdAt: daysAgo(2) },
      { label: '888 - Beta Bakery', completed: true, createdAt: daysAgo(1) },
    );
    const { el } = await mount({ filter: '777' });
    el.choose();
    await until(el, 'choosing');
    expect(el.jobs.map((j) => j.id)).to.deep.equal([a.id]);

    const input = part<HTMLInputElement>(el, 'input');
    input.value = 'beta';
    part(el, 'search').click();
    await until(el, 'choosing');
    expect(el.jobs.map((j) => j.id)).to.deep.equal([b.id]);
    expect(textOf(part(el, 'count'))).to.equal('1 XOi job to link');

    part<HTMLInputElement>(el, 'input').value = '  nothing-like-this ';
    part(el, 'search').click();
    await until(el, 'choosing');
    expect(textOf(part(el, 'count'))).to.equal('No XOi job matches “nothing-like-this”.');
    expect(hasPart(el, 'list')).to.equal(false);
    part(el, 'show-all').click();
    await until(el, 'choosing');
    expect(part<HTMLInputElement>(el, 'input').value).to.equal('');
    expect(el.jobs.map((j) => j.id)).to.deep.equal([b.id, a.id]);
    expect(
      (await requests()).filter((r) => r.path.includes('/jobs')).map((r) => r.path.split('/jobs')[1]),
    ).to.deep.equal(['?label=777', '?label=beta', '?label=nothing-like-this', '']);
  });

  it('shows the list in pages: Show more appends the next page, focus on the first job added, none after the last', async () => {
    signIn(`paged.${uid('tech')}@example.com`);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const jobs = await seed(
      ...Array.from({ length: 7 }, (_, n) => ({ label: `6${n} - Paged`, createdAt: daysAgo(n + 1) })),
    );
    const ids = jobs.map((j) => j.id);
    const { el, errors } = await mount({ filter: 'paged' });
    el.choose();
    await until(el, 'choosing');
    expect(el.jobs.map((j) => j.id)).to.deep.equal(ids.slice(0, 3));
    expect(textOf(part(el, 'count'))).to.equal('Your 3 most recent XOi jobs to link');
    expect(textOf(part(el, 'more'))).to.equal('Show more');

    // The routes hold the page: the list stays, the button says it is reading.
    await admin('hold', {});
    const seen = (await requests()).length;
    part(el, 'more').click();
    await received(seen);
    await el.updateComplete;
    expect(el.state).to.equal('choosing');
    expect(textOf(part(el, 'more'))).to.equal('Loading more…');
    expect(part(el, 'more').getAttribute('aria-disabled')).to.equal('true');
    expect(el.jobs).to.have.length(3);
    await admin('release', {});
    await waitUntil(() => el.jobs.length == 6, 'the second page was not added');
    await el.updateComplete;
    expect(el.jobs.map((j) => j.id)).to.deep.equal(ids.slice(0, 6));
    expect(activeInShadow(el)).to.equal(jobButton(el, ids[3]));
    expect(textOf(part(el, 'count'))).to.equal('Your 6 most recent XOi jobs to link');

    part(el, 'more').click();
    await waitUntil(() => el.jobs.length == 7, 'the last page was not added');
    await el.updateComplete;
    expect(el.jobs.map((j) => j.id)).to.deep.equal(ids);
    expect(hasPart(el, 'more')).to.equal(false);
    expect(textOf(part(el, 'count'))).to.equal('7 XOi jobs to link');
    expect(errors).to.deep.equal([]);
    const pages = (await requests()).filter((r) => r.path.includes('/jobs')).map((r) => new URL(r.path, location.href));
    expect(pages.map((u) => u.searchParams.get('label'))).to.deep.equal(['paged', 'paged', 'paged']);
    expect(pages.map((u) => Boolean(u.searchParams.get('cursor')))).to.deep.equal([false, true, true]);

    // A picked job from a later page links like any other.
    jobButton(el, ids[6]).click();
    await el.updateComplete;
    expect(el.state).to.equal('confirming-complete');
  });

  it('a page that fails keeps the list, says so and reports it; Show more tries again', async () => {
    signIn(`paged.${uid('tech')}@example.com`);
    const jobs = await seed(
      ...Array.from({ length: 4 }, (_, n) => ({
        label: `7${n} - Paged`,
        createdAt: new Date(Date.now() - (n + 1) * 86_400_000).toISOString(),
      })),
    );
    const { el, errors } = await mount();
    el.choose();
    await until(el, 'choosing');
    await fault({ type: 'http', status: 503, service: 'jobs', times: 3 });
    part(el, 'more').click();
    await waitUntil(() => errors.length == 1, 'no xoi-job-link-error');
    await el.updateComplete;
    expect(errors[0].detail).to.include({ code: 'xoi-unavailable', status: 502 });
    expect(el.state).to.equal('choosing');
    expect(el.jobs).to.have.length(3);
    const notice = part(el, 'notice');
    expect(textOf(notice)).to.equal('More of your XOi jobs could not be loaded. Try again.');
    expect(notice.getAttribute('role')).to.equal('alert');
    part(el, 'more').click();
    await waitUntil(() => el.jobs.length == 4, 'the page was not added on the second try');
    await el.updateComplete;
    expect(hasPart(el, 'notice')).to.equal(false);
    expect(el.jobs.map((j) => j.id)).to.deep.equal(jobs.map((j) => j.id));
  });

  it('with no jobs at all, says how to get one', async () => {
    const { el } = await mount();
    el.choose();
    await until(el, 'choosing');
    expect(textOf(part(el, 'count'))).to.equal(
      'You have no XOi job to link. Create the job in XOi Vision, complete it, then come back.',
    );
    expect(hasPart(el, 'show-all')).to.equal(false);
  });

  it('"No, not complete" goes back to the list with advice, and links nothing', async () => {
    const [job] = await seed({ label: '10500 - Gamma' });
    const { el } = await mount({ filter: '10500' });
    part(el, 'start').click();
    await until(el, 'choosing');
    jobButton(el, job.id).click();
    await el.updateComplete;
    expect(textOf(part(el, 'hint'))).to.equal('XOi does not show this job as completed yet.');
    part(el, 'no').click();
    await el.updateComplete;
    expect(el.state).to.equal('choosing');
    expect(textOf(part(el, 'notice'))).to.equal(
      'Finish the workflows and complete the job in XOi Vision first, then link it.',
    );
    expect(activeInShadow(el)).to.equal(jobButton(el, job.id));

    // Cancel on the second question also goes back to the list; Cancel on the list, to the start.
    jobButton(el, job.id).click();
    await el.updateComplete;
    part(el, 'yes').click();
    await el.updateComplete;
    part(el, 'cancel').click();
    await el.updateComplete;
    expect(el.state).to.equal('choosing');
    expect(hasPart(el, 'notice')).to.equal(false);
    part(el, 'cancel').click();
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect((await requests()).filter((r) => r.method == 'POST')).to.deep.equal([]);
  });

  it('a second session links the same work order just after the first: it shows the link made, and says so', async () => {
    const [a, b] = await seed(
      { label: '20001 - Race', completed: true },
      { label: '20001 - Race bis', completed: true },
    );
    const one = await mount({ filter: '20001' });
    const two = await mount({ 'work-order': one.workOrder, filter: '20001' });
    await toConfirmLink(one.el, a.id);
    await toConfirmLink(two.el, b.id);
    part(one.el, 'confirm').click();
    await until(one.el, 'linked');
    part(two.el, 'confirm').click();
    await until(two.el, 'linked');

    expect(one.linked.map((e) => e.detail.existing)).to.deep.equal([false]);
    expect(two.linked.map((e) => e.detail)).to.deep.equal([{ ...one.linked[0].detail, existing: true }]);
    expect(two.el.link).to.deep.equal(one.el.link);
    expect(two.el.link!.jobId).to.equal(a.id);
    // Why it is not the job this session chose.
    expect(textOf(part(two.el, 'notice'))).to.equal(
      'This work order was linked in another session just before. This is its link.',
    );
    expect([...one.errors, ...two.errors]).to.have.length(0);
  });

  it('two sessions link one work order at once: one links, the other is told to wait, then shows that link', async () => {
    const [a, b] = await seed(
      { label: '20002 - Race', completed: true },
      { label: '20002 - Race bis', completed: true },
    );
    const one = await mount({ filter: '20002' });
    const two = await mount({ 'work-order': one.workOrder, filter: '20002' });
    await toConfirmLink(one.el, a.id);
    await toConfirmLink(two.el, b.id);
    // The first link is still making its share in XOi when the second arrives.
    await fault({ type: 'slow', service: 'share', delayMs: 1500 });
    part(one.el, 'confirm').click();
    // Reserved and updated in XOi (the job carries the work order now): it is inside the slow share.
    await waitUntil(
      async () => (await xoiJob(a.id)).workOrderNumber == one.workOrder,
      'the first link never reached XOi',
      { timeout: 5000 },
    );
    part(two.el, 'confirm').click();
    await until(two.el, 'error');
    expect(two.errors.map((e) => [e.detail.code, e.detail.status])).to.deep.equal([['already-linked', 409]]);
    expect(textOf(part(two.el, 'error'))).to.equal('This work order is being linked right now. Try again in a moment.');
    await until(one.el, 'linked');

    part(two.el, 'retry').click();
    await until(two.el, 'linked');
    expect(two.el.link).to.deep.equal(one.el.link);
    expect(one.linked.map((e) => e.detail.existing)).to.deep.equal([false]);
    expect(two.linked.map((e) => e.detail.existing)).to.deep.equal([true]);
  });

  it('a job linked meanwhile to another work order: 409, says so, and the list no longer has it', async () => {
    const [a, b] = await seed({ label: '30001 - Taken', completed: true }, { label: '30001 - Free', completed: true });
    const { el, errors, linked } = await mount({ filter: '30001' });
    await toConfirmLink(el, a.id);
    // The same technician links job A to another work order in another tab.
    const other = await fetch(`${ENDPOINT}/work-orders/WO-other-${uid()}/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobId: a.id }),
    });
    expect(other.status).to.equal(201);

    part(el, 'confirm').click();
    await until(el, 'error');
    expect(errors.map((e) => e.detail)).to.deep.equal([
      { code: 'already-linked', message: 'This XOi job is already linked to another work order.', status: 409 },
    ]);
    expect(el.error).to.deep.equal(errors[0].detail);
    expect(textOf(part(el, 'error'))).to.equal(
      'This XOi job has just been linked to another work order. Choose another job.',
    );
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    expect(hasPart(el, 'retry')).to.equal(false);
    expect(activeInShadow(el)).to.equal(part(el, 'back'));
    part(el, 'back').click();
    await until(el, 'choosing');
    expect(el.jobs.map((j) => j.id)).to.deep.equal([b.id]);
    expect(linked).to.have.length(0);
  });

  it('XOi down while linking: 502, nothing linked, "Try again" links', async () => {
    const [job] = await seed({ label: '40001 - Outage', completed: true });
    const { el, errors, linked } = await mount({ filter: '40001' });
    await toConfirmLink(el, job.id);
    // Every attempt of the client's share request fails.
    await fault({ type: 'http', status: 503, service: 'share', times: 3 });
    part(el, 'confirm').click();
    await until(el, 'error');
    expect(errors.map((e) => e.detail)).to.deep.equal([
      {
        code: 'xoi-unavailable',
        message: 'XOi did not answer while trying to link the XOi job. Try again in a minute.',
        status: 502,
      },
    ]);
    expect(textOf(part(el, 'error'))).to.equal(
      'XOi is not answering right now. Nothing was changed; try again in a minute.',
    );
    expect(hasPart(el, 'back')).to.equal(true);
    expect(activeInShadow(el)).to.equal(part(el, 'retry'));
    expect(await (await fetch(`${ENDPOINT}/work-orders/${el.workOrder}/link`)).json()).to.deep.equal({ link: null });

    part(el, 'retry').click();
    await until(el, 'linked');
    expect(linked.map((e) => e.detail.existing)).to.deep.equal([false]);
    expect(el.link!.jobId).to.equal(job.id);
  });

  it('XOi down while listing: 502 with "Try again"', async () => {
    await seed({ label: '40002 - Outage list' });
    const { el, errors } = await mount();
    await fault({ type: 'http', status: 500, service: 'jobs', times: 3 });
    el.choose();
    await until(el, 'error');
    expect(errors.map((e) => [e.detail.code, e.detail.status])).to.deep.equal([['xoi-unavailable', 502]]);
    expect(hasPart(el, 'back')).to.equal(false);
    part(el, 'retry').click();
    await until(el, 'choosing');
    expect(el.jobs).to.have.length(1);
  });

  it('signed out: 401, "sign in again", and "Try again" works once signed in', async () => {
    const email = tech;
    signOut();
    const { el, errors } = await mount();
    expect(el.state).to.equal('error');
    expect(errors.map((e) => e.detail)).to.deep.equal([
      { code: 'unauthenticated', message: 'Sign in to see and link XOi jobs.', status: 401 },
    ]);
    expect(textOf(part(el, 'error'))).to.equal('Your session has ended. Sign in again, then try again.');
    signIn(email);
    part(el, 'retry').click();
    await until(el, 'ready');
  });

  it('a session that ends before the link is made: 401 on the POST, then linked after signing in', async () => {
    const [job] = await seed({ label: '41001 - Session', completed: true });
    const email = tech;
    const { el, errors } = await mount({ filter: '41001' });
    await toConfirmLink(el, job.id);
    signOut();
    part(el, 'confirm').click();
    await until(el, 'error');
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['unauthenticated']);
    signIn(email);
    part(el, 'retry').click();
    await until(el, 'linked');
  });

  it('an unknown work order: 404 from the routes', async () => {
    const { el, errors } = await mount({ 'work-order': 'missing-1' });
    expect(el.state).to.equal('error');
    expect(errors.map((e) => e.detail)).to.deep.equal([
      { code: 'not-found', message: 'There is no such work order.', status: 404 },
    ]);
    expect(textOf(part(el, 'error'))).to.equal('This work order or XOi job no longer exists.');
  });

  it('an endpoint that is not the routes: bad-response; not http(s) or with a query: invalid-endpoint, and no request', async () => {
    const wrong = await mount({ endpoint: '/no-such-routes' });
    expect(wrong.el.state).to.equal('error');
    expect(wrong.errors.map((e) => [e.detail.code, e.detail.status])).to.deep.equal([['bad-response', 404]]);
    // The log sees a request to any path: this one went to the wrong endpoint.
    const asked = [{ method: 'GET', path: `/no-such-routes/work-orders/${wrong.workOrder}/link`, contentType: '' }];
    expect(await settledRequests()).to.deep.equal(asked);

    // Not http(s), or with a query or fragment: requested, these would reach this server.
    for (const endpoint of ['javascript:alert(1)//', `${ENDPOINT}?tenant=2`, `${location.origin}${ENDPOINT}#top`]) {
      const bad = await mount({ endpoint });
      expect(bad.el.state, endpoint).to.equal('error');
      expect(bad.errors.map((e) => e.detail.code)).to.deep.equal(['invalid-endpoint']);
      expect(textOf(part(bad.el, 'error'))).to.equal(
        'XOi job linking is not set up: the endpoint is not a valid address.',
      );
    }
    expect(await settledRequests()).to.deep.equal(asked);
  });

  it('a work-order the routes cannot take: invalid-work-order, naming it, and no request', async () => {
    for (const workOrder of ['..', '.', ' ', 'x'.repeat(257)]) {
      const { el, errors } = await mount({ 'work-order': workOrder });
      expect(el.state, workOrder).to.equal('error');
      expect(errors.map((e) => e.detail)).to.deep.equal([
        {
          code: 'invalid-work-order',
          message: `work-order ${JSON.stringify(workOrder)} is not a work order id the routes take: not blank, at most 256 characters, not "." or "..".`,
          status: 0,
        },
      ]);
      expect(textOf(part(el, 'error'))).to.equal('XOi job linking is not set up: the work order id is not valid.');
      expect(hasPart(el, 'retry')).to.equal(false);
    }
    expect(await settledRequests()).to.deep.equal([]);
  });

  it('a work-order with a lone surrogate is read as its well-formed id (U+FFFD)', async () => {
    const { el, errors } = await mount({ 'work-order': 'WO-\uD800' });
    expect(el.state).to.equal('ready');
    expect(errors).to.have.length(0);
    expect(await requests()).to.deep.equal([
      { method: 'GET', path: `${ENDPOINT}/work-orders/WO-%EF%BF%BD/link`, contentType: '' },
    ]);
  });

  it('another work-order: reads that work order instead (a reused board row)', async () => {
    const [job] = await seed({ label: '50001 - Reuse', completed: true });
    const { el, workOrder } = await mount({ filter: '50001' });
    await toConfirmLink(el, job.id);
    part(el, 'confirm').click();
    await until(el, 'linked');
    el.setAttribute('work-order', uid('WO'));
    await until(el, 'ready');
    expect(el.link).to.equal(null);
    el.setAttribute('work-order', workOrder);
    await until(el, 'linked');
    expect(el.link!.jobId).to.equal(job.id);
  });

  describe('Copy link', () => {
    const outcomes = ['Link copied', 'Could not copy: select the link and copy it'];

    async function linkedElement(label: string) {
      const [job] = await seed({ label, completed: true });
      const { el } = await mount({ filter: label.split(' ')[0] });
      await toConfirmLink(el, job.id);
      part(el, 'confirm').click();
      await until(el, 'linked');
      return { el, status: el.shadowRoot!.querySelector('[role="status"]')! };
    }

    it('puts the share link on the clipboard and says so', async () => {
      const { el, status } = await linkedElement('50002 - Copy');
      part(el, 'copy').focus();
      // A key press, as a technician copies: WebKit grants the clipboard to a user activation only.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => outcomes.includes(textOf(status)), 'no copy outcome announced');
      expect(textOf(status)).to.equal('Link copied');
      expect(textOf(part(el, 'copy'))).to.equal('Link copied');
      expect(await pasteFromClipboard()).to.equal(el.link!.shareLink);
    });

    it('where the clipboard is refused: says so and selects the link, for the technician to copy it', async () => {
      const { el, status } = await linkedElement('50007 - Refused');
      // Stubbed: a refused clipboard (a denied permission, an insecure context) cannot be provoked on demand here.
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
      try {
        getSelection()!.removeAllRanges();
        part(el, 'copy').click();
        await waitUntil(() => outcomes.includes(textOf(status)), 'no copy outcome announced');
        expect(textOf(status)).to.equal('Could not copy: select the link and copy it');
        expect(textOf(part(el, 'copy'))).to.equal('Copy link');
        expect(getSelection()!.toString()).to.equal(el.link!.shareLink);
      } finally {
        // The own property goes; the engine's own clipboard is back.
        delete (navigator as { clipboard?: unknown }).clipboard;
      }
    });
  });

  it('reload() while linking: the link made meanwhile is shown and fired, not lost', async () => {
    const [job] = await seed({ label: '50003 - Reload', completed: true });
    const { el, linked, errors, workOrder } = await mount({ filter: '50003' });
    await toConfirmLink(el, job.id);
    // XOi is slow to make the share: the reload's read comes back first, with no link yet.
    await fault({ type: 'slow', service: 'share', delayMs: 1500 });
    part(el, 'confirm').click();
    await el.updateComplete;
    expect(el.state).to.equal('linking');
    el.reload();
    await until(el, 'ready');
    await until(el, 'linked', 5000);
    expect(linked.map((e) => e.detail)).to.deep.equal([{ ...el.link!, existing: false }]);
    expect(el.link).to.include({ workOrderId: workOrder, jobId: job.id, label: `${workOrder} - Café Nuñez` });
    expect(textOf(part(el, 'linked-title'))).to.equal(`Linked to XOi job “${workOrder} - Café Nuñez”`);
    // The technician made this link: it is announced.
    expect(textOf(el.shadowRoot!.querySelector('[role="status"]')!)).to.equal(
      `Linked to XOi job “${workOrder} - Café Nuñez”`,
    );
    expect(errors).to.have.length(0);
  });

  it('another work-order while linking: the first is linked and fired, the element shows the second', async () => {
    const [job] = await seed({ label: '50004 - Moved', completed: true });
    const { el, linked, errors, workOrder } = await mount({ filter: '50004' });
    await toConfirmLink(el, job.id);
    await fault({ type: 'slow', service: 'share', delayMs: 1500 });
    part(el, 'confirm').click();
    await el.updateComplete;
    expect(el.state).to.equal('linking');
    const next = uid('WO');
    el.setAttribute('work-order', next);
    await until(el, 'ready');
    await waitUntil(() => linked.length > 0, 'no xoi-job-link-linked for the first work order', { timeout: 5000 });
    await el.updateComplete;
    expect(linked.map((e) => [e.detail.workOrderId, e.detail.jobId, e.detail.existing])).to.deep.equal([
      [workOrder, job.id, false],
    ]);
    // Still the second work order, unlinked, and nothing said about the first.
    expect(el.state).to.equal('ready');
    expect(el.link).to.equal(null);
    expect(textOf(el.shadowRoot!.querySelector('[role="status"]')!)).to.equal('');
    expect(errors).to.have.length(0);
    el.setAttribute('work-order', workOrder);
    await until(el, 'linked');
    const { existing: _, ...made } = linked[0].detail;
    expect(el.link).to.deep.equal(made);
    expect(linked.map((e) => e.detail.existing)).to.deep.equal([false, true]);
  });

  it('moved while the job list loads: the list read is made again and shown', async () => {
    const [job] = await seed({ label: '50005 - Move' });
    const { el, errors, workOrder } = await mount({ filter: '50005' });
    await fault({ type: 'slow', service: 'jobs', delayMs: 1000 });
    const seen = (await requests()).length;
    el.choose();
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    await received(seen);
    // A board re-sorting its rows: disconnected, then connected elsewhere.
    const elsewhere = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    elsewhere.append(el);
    await until(el, 'choosing');
    expect(el.jobs.map((j) => j.id)).to.deep.equal([job.id]);
    expect(errors).to.have.length(0);
    // The read in flight was dropped on disconnection and made again; the link was not re-read.
    expect((await requests()).map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `GET ${ENDPOINT}/work-orders/${workOrder}/link`,
      `GET ${ENDPOINT}/work-orders/${workOrder}/jobs?label=50005`,
      `GET ${ENDPOINT}/work-orders/${workOrder}/jobs?label=50005`,
    ]);
  });

  it('a link made while the element was away: reconnected, it stays linked (the list read it dropped is not made again)', async () => {
    const [job] = await seed({ label: '50006 - Away', completed: true });
    const { el, container, linked, workOrder } = await mount({ filter: '50006' });
    await toConfirmLink(el, job.id);
    await fault({ type: 'slow', service: 'share', delayMs: 1500 });
    part(el, 'confirm').click();
    await el.updateComplete;
    el.reload();
    await until(el, 'ready');
    await fault({ type: 'slow', service: 'jobs', delayMs: 3000 });
    const seen = (await requests()).length;
    el.choose();
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    await received(seen);
    el.remove();
    await waitUntil(() => linked.length > 0, 'no xoi-job-link-linked', { timeout: 5000 });
    // A read made again would be sent on reconnection: after it, the sentinel.
    container.append(el);
    await el.updateComplete;
    const made = await settledRequests();
    expect(el.state).to.equal('linked');
    expect(el.link).to.include({ workOrderId: workOrder, jobId: job.id });
    // The list before the question, and the one the move dropped: not made again.
    expect(made.filter((r) => r.path.includes('/jobs'))).to.have.length(2);
  });

  it('follows lang: Spanish and French, switched live', async () => {
    const { el, container } = await mount({}, { lang: 'es' });
    expect(textOf(part(el, 'start'))).to.equal('Vincular trabajo de XOi');
    container.lang = 'fr';
    await el.updateComplete;
    expect(textOf(part(el, 'start'))).to.equal('Lier une tâche XOi');
    el.choose();
    await until(el, 'choosing');
    expect(textOf(part(el, 'count'))).to.match(/^Vous n’avez aucune tâche XOi à lier/);
    expect(textOf(part(el, 'label'))).to.equal('Libellé de la tâche');
  });

  it('a keyboard-only technician links: Tab, Enter, Tab, Tab, Enter, Tab, Enter, Tab, Enter', async () => {
    const [job] = await seed({ label: '60001 - Keys', completed: true });
    const before = await fixture<HTMLButtonElement>(html`<button>Work order notes</button>`);
    const { el, workOrder } = await mount({ filter: '60001' });
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'start'));
    await sendKeys({ press: 'Enter' });
    await until(el, 'choosing');
    // Focus is in the filter, pre-filled; the list follows the Search button.
    expect(activeInShadow(el)).to.equal(part(el, 'input'));
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'search'));
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(jobButton(el, job.id));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.state).to.equal('confirming-complete');
    expect(textOf(activeInShadow(el) as HTMLElement)).to.equal('Is the work on “60001 - Keys” complete in XOi?');
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'yes'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textOf(activeInShadow(el) as HTMLElement)).to.equal('Link “60001 - Keys” to this work order?');
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'confirm'));
    await sendKeys({ press: 'Enter' });
    await until(el, 'linked');
    expect(activeInShadow(el)).to.equal(part(el, 'link'));
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(textOf(status)).to.equal(`Linked to XOi job “${workOrder} - Café Nuñez”`);
  });

  it('announces the list in a polite live region', async () => {
    await seed({ label: '61001 - Live' }, { label: '61001 - Live 2' });
    const { el } = await mount({ filter: '61001' });
    el.choose();
    await until(el, 'choosing');
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(textOf(status)).to.equal('2 XOi jobs to link');
  });

  it('themed by --xoi-share-* like the share button, and apart by --xoi-job-link-*; a visible focus ring', async () => {
    const shared = await mount({}, { style: '--xoi-share-accent: rgb(1, 2, 3); --xoi-share-radius: 0px' });
    const apart = await mount(
      {},
      { style: '--xoi-share-accent: rgb(1, 2, 3); --xoi-job-link-accent: rgb(4, 5, 6); --xoi-job-link-radius: 9px' },
    );
    const start = (el: XoiJobLink) => getComputedStyle(part(el, 'start'));
    expect([start(shared.el).backgroundColor, start(shared.el).borderTopLeftRadius]).to.deep.equal([
      'rgb(1, 2, 3)',
      '0px',
    ]);
    expect([start(apart.el).backgroundColor, start(apart.el).borderTopLeftRadius]).to.deep.equal([
      'rgb(4, 5, 6)',
      '9px',
    ]);
    expect(start(shared.el).cursor).to.equal('pointer');
    const before = document.createElement('button');
    before.textContent = 'Before';
    shared.container.before(before);
    before.focus();
    expect(start(shared.el).outlineStyle).to.equal('none');
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(shared.el)).to.equal(part(shared.el, 'start'));
    expect(start(shared.el).outlineStyle).to.equal('solid');
    expect(parseFloat(start(shared.el).outlineWidth)).to.be.at.least(2);
  });

  it('an engine without light-dark(): the light palette from the @supports fallback', async () => {
    const { el } = await mount();
    const root = el.shadowRoot!;
    const sheets = root.adoptedStyleSheets;
    const text = sheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');
    expect(text).to.contain('light-dark(');
    // What an older engine makes of the sheets: light-dark() is an unknown function there.
    const older = new CSSStyleSheet();
    older.replaceSync(text.replace(/light-dark\(/g, 'not-a-function(') + '\nbutton { transition: none !important; }');
    try {
      root.adoptedStyleSheets = [older];
      const start = getComputedStyle(part(el, 'start'));
      expect([start.backgroundColor, start.color]).to.deep.equal(['rgb(11, 92, 173)', 'rgb(255, 255, 255)']);
    } finally {
      root.adoptedStyleSheets = sheets;
    }
  });

  it('every control is at least 44×44 CSS px', async () => {
    const [job] = await seed({ label: '62001 - Size', completed: true });
    const { el } = await mount({ filter: '62001' });
    const check = (...names: string[]) => {
      for (const name of names) {
        const box = part(el, name).getBoundingClientRect();
        expect(box.width, name).to.be.at.least(44);
        expect(box.height, name).to.be.at.least(44);
      }
    };
    check('start');
    await toConfirmLink(el, job.id);
    check('confirm', 'cancel');
    part(el, 'cancel').click();
    await el.updateComplete;
    check('input', 'search', 'job', 'cancel');
    jobButton(el, job.id).click();
    await el.updateComplete;
    check('yes', 'no');
    part(el, 'yes').click();
    await el.updateComplete;
    part(el, 'confirm').click();
    await until(el, 'linked');
    check('link', 'copy', 'open');
  });

  describe('accessibility (axe) in every state', () => {
    for (const lang of ['en', 'es', 'fr']) {
      it(`has no violations: ${lang}`, async () => {
        const [job, open] = await seed({ label: '70001 - Axe', completed: true }, { label: '70001 - Axe open' });
        // The routes hold the link read: the element stays in loading while axe looks at it.
        await admin('hold', {});
        const { el } = await mount({ filter: '70001' }, { lang, wait: false });
        await el.updateComplete;
        expect(el.state).to.equal('loading');
        await expect(el).to.be.accessible();
        expect(el.state).to.equal('loading');
        await admin('release', {});
        await until(el, 'ready');
        await expect(el).to.be.accessible();
        // Slow XOi: the list and the link take long enough to check the busy states.
        await fault({ type: 'slow', service: 'jobs', delayMs: 1500 });
        el.choose();
        await el.updateComplete;
        expect(el.state).to.equal('loading');
        await expect(el).to.be.accessible();
        await until(el, 'choosing');
        await expect(el).to.be.accessible();
        jobButton(el, open.id).click();
        await el.updateComplete;
        expect(hasPart(el, 'hint')).to.equal(true);
        await expect(el).to.be.accessible(); // confirming-complete
        part(el, 'no').click();
        await el.updateComplete;
        await expect(el).to.be.accessible(); // choosing, with the notice
        jobButton(el, job.id).click();
        await el.updateComplete;
        part(el, 'yes').click();
        await el.updateComplete;
        await expect(el).to.be.accessible(); // confirming-link
        await fault({ type: 'http', status: 503, service: 'share', times: 3 });
        part(el, 'confirm').click();
        await until(el, 'error');
        await expect(el).to.be.accessible();
        await fault({ type: 'slow', service: 'share', delayMs: 1500 });
        part(el, 'retry').click();
        await el.updateComplete;
        expect(el.state).to.equal('linking');
        await expect(el).to.be.accessible();
        await until(el, 'linked');
        await expect(el).to.be.accessible();
      });
    }

    it('has no violations with Show more, while a page is read, and after a page failed', async () => {
      signIn(`paged.${uid('tech')}@example.com`);
      await seed(...Array.from({ length: 5 }, (_, n) => ({ label: `7100${n} - Axe paged` })));
      const { el } = await mount();
      el.choose();
      await until(el, 'choosing');
      await expect(el).to.be.accessible();
      await admin('hold', {});
      const seen = (await requests()).length;
      part(el, 'more').click();
      await received(seen);
      await el.updateComplete;
      expect(part(el, 'more').getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      await fault({ type: 'http', status: 503, service: 'jobs', times: 3 });
      await admin('release', {});
      await waitUntil(() => hasPart(el, 'notice'), 'the failed page was not said');
      await expect(el).to.be.accessible();
    });

    it('has no violations in the dark scheme', async () => {
      const [job] = await seed({ label: '70002 - Dark' });
      const { el } = await mount(
        { filter: '70002' },
        { style: 'color-scheme: dark; background: #0d1117; color: #e6edf3; padding: 8px' },
      );
      el.choose();
      await until(el, 'choosing');
      await expect(el).to.be.accessible();
      jobButton(el, job.id).click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      part(el, 'yes').click();
      await el.updateComplete;
      part(el, 'confirm').click();
      await until(el, 'linked');
      await expect(el).to.be.accessible();
    });
  });
});
