// createXoiRoutes: the host endpoints <xoi-job-link> calls, served over real HTTP through
// toNodeHandler, backed by the XOi client talking to the mock XOi Cloud. Every assertion is on
// what the browser gets (status, JSON body, headers) or what XOi ends up holding.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  createMemoryLinkStore,
  createXoiRoutes,
  isUnmatched,
  nodeRequestOf,
  toNodeHandler,
} from '../../dist/npm/server/index.js';
import { calls, clientFor, serve, startCloud, T0 } from './xoi-cloud-helpers.mjs';

const TECH = 'jane.tech@example.com';
const OTHER = 'sam.other@example.com';
const WORK_ORDERS = {
  'WO-10432': { workOrderNumber: 'WO-10432', customerName: 'ABC Corp', jobLocation: '1 Main St, Springfield' },
  'WO-10433': { workOrderNumber: 'WO-10433', customerName: 'Zeta LLC', jobLocation: '9 Elm Rd, Shelbyville' },
  'WO/slash': { workOrderNumber: 'WO-SL', customerName: 'Slash Inc', jobLocation: '2 Path Ave' },
  broken: { workOrderNumber: 'WO-X', customerName: '   ', jobLocation: 'Somewhere' },
};

let cloud;
let app;
let store;
let errors;
let sleeps;

/** The host: the signed-in technician comes from its own session (here a test header). */
function makeRoutes(options = {}) {
  const env = clientFor(cloud);
  sleeps = env.sleeps;
  store = createMemoryLinkStore();
  errors = [];
  return createXoiRoutes(env.client, store, {
    technician: (request) => request.headers.get('x-test-session') ?? undefined,
    workOrder: (id) => {
      if (id === 'explode') throw new Error('database down');
      return WORK_ORDERS[id];
    },
    now: () => T0,
    onError: (error, { status }) => errors.push([status, error.code ?? error.message]),
    ...options,
  });
}

let handler;
before(async () => {
  cloud = await startCloud();
  const node = toNodeHandler((request) => handler(request));
  app = await serve((req, res) => node(req, res));
});
after(async () => {
  await app.close();
  await cloud.close();
});
beforeEach(() => {
  cloud.cloud.reset();
  handler = makeRoutes();
});

function call(path, { method = 'GET', user = TECH, body, type = 'application/json', headers = {} } = {}) {
  return fetch(app.origin + path, {
    method,
    headers: {
      ...(user && { 'x-test-session': user }),
      ...(body !== undefined && { 'content-type': type }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function answer(path, options) {
  const response = await call(path, options);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return { status: response.status, body: await response.json(), headers: response.headers };
}

function seed(fields) {
  return cloud.cloud.seedJob({ technicianEmail: TECH, ...fields });
}

describe('GET {base}/work-orders/{id}/jobs', () => {
  test("lists the technician's unlinked jobs, newest first, as LinkableJob", async () => {
    const older = seed({
      label: '12345 - ABC Corp',
      createdAt: '2025-03-10T08:00:00.000Z',
      completed: '2025-03-10T11:00:00.000Z',
    });
    const newer = seed({ label: 'Roof unit', customerName: 'Acme', createdAt: '2025-03-17T08:00:00.000Z' });
    seed({ technicianEmail: OTHER, label: 'not mine', createdAt: '2025-03-16T08:00:00.000Z' });
    const linked = seed({ label: 'already linked', createdAt: '2025-03-15T08:00:00.000Z' });
    const reservation = await store.reserve('WO-1', linked.id);
    await store.commit(reservation, {
      workOrderId: 'WO-1',
      jobId: linked.id,
      label: 'WO-1 - Someone',
      shareLink: 'x',
      deepLinks: {},
      linkedAt: '',
      linkedBy: TECH,
    });

    const { status, body } = await answer('/xoi/work-orders/WO-10432/jobs');
    assert.equal(status, 200);
    assert.deepEqual(body, {
      jobs: [
        {
          id: newer.id,
          label: 'Roof unit',
          customerName: 'Acme',
          jobLocation: '1 Main St, Springfield',
          workOrderNumber: newer.workOrderNumber,
          createdAt: '2025-03-17T08:00:00.000Z',
          completedAt: null,
        },
        {
          id: older.id,
          label: '12345 - ABC Corp',
          customerName: 'ABC Corp',
          jobLocation: '1 Main St, Springfield',
          workOrderNumber: older.workOrderNumber,
          createdAt: '2025-03-10T08:00:00.000Z',
          completedAt: '2025-03-10T11:00:00.000Z',
        },
      ],
      hasMore: false,
      nextCursor: null,
      truncated: false,
      source: 'live',
    });
  });

  test('label filter: case-insensitive substring of label, work order number or customer', async () => {
    const a = seed({ label: '12345 - ABC Corp', createdAt: '2025-03-10T08:00:00.000Z' });
    const b = seed({ label: 'Roof', customerName: 'abc holdings', createdAt: '2025-03-11T08:00:00.000Z' });
    const c = seed({ label: 'Boiler', workOrderNumber: 'T-ABC-9', createdAt: '2025-03-12T08:00:00.000Z' });
    seed({ label: 'Chiller', createdAt: '2025-03-13T08:00:00.000Z', customerName: 'Zeta' });
    const ids = async (q) => (await answer(`/xoi/work-orders/WO-10432/jobs?label=${q}`)).body.jobs.map((j) => j.id);
    assert.deepEqual(await ids('aBc'), [c.id, b.id, a.id]);
    assert.deepEqual(await ids('%20%2012345%20'), [a.id]);
    assert.deepEqual(await ids('nothing'), []);
    assert.equal((await ids('')).length, 4);
  });

  test('the technician email from the host session is trimmed and lowercased', async () => {
    const job = seed({});
    const { body } = await answer('/xoi/work-orders/WO-10432/jobs', { user: '  Jane.Tech@EXAMPLE.com ' });
    assert.deepEqual(
      body.jobs.map((j) => j.id),
      [job.id],
    );
  });

  test('only jobs created within lookbackDays (default 90) are read from XOi', async () => {
    seed({ createdAt: new Date(T0 - 91 * 86_400_000).toISOString() });
    const recent = seed({ createdAt: new Date(T0 - 89 * 86_400_000).toISOString() });
    const { body } = await answer('/xoi/work-orders/WO-10432/jobs');
    assert.deepEqual(
      body.jobs.map((j) => j.id),
      [recent.id],
    );
  });

  test('paging is bounded by pageSize × maxPages and says so (truncated)', async () => {
    handler = makeRoutes({ pageSize: 2, maxPages: 2 });
    for (let n = 1; n <= 5; n++) seed({ createdAt: `2025-03-1${n}T08:00:00.000Z` });
    const { body } = await answer('/xoi/work-orders/WO-10432/jobs');
    assert.equal(body.jobs.length, 4);
    assert.equal(body.truncated, true);
  });

  test('the label filter ignores accents and case: "cafe" finds "Café", "CAFÉ" finds "cafe"', async () => {
    const cafe = seed({ label: 'Café Nuñez - boiler', createdAt: '2025-03-10T08:00:00.000Z' });
    const plain = seed({ label: 'roof', customerName: 'cafe de flore', createdAt: '2025-03-11T08:00:00.000Z' });
    seed({ label: 'Chiller', customerName: 'Zeta', createdAt: '2025-03-12T08:00:00.000Z' });
    const ids = async (q) =>
      (await answer(`/xoi/work-orders/WO-10432/jobs?label=${encodeURIComponent(q)}`)).body.jobs.map((j) => j.id);
    assert.deepEqual(await ids('cafe'), [plain.id, cafe.id]);
    assert.deepEqual(await ids('CAFÉ'), [plain.id, cafe.id]);
    assert.deepEqual(await ids('nunez'), [cafe.id]);
  });

  test('listLimit pages the list: every job once, newest first, the cursor leads to the next page', async () => {
    handler = makeRoutes({ listLimit: 4 });
    const jobs = Array.from({ length: 10 }, (_, n) =>
      seed({ label: `Job ${n}`, createdAt: `2025-03-${String(n + 5).padStart(2, '0')}T08:00:00.000Z` }),
    );
    // Two created in the same millisecond: the id decides, on every page alike.
    jobs.push(seed({ label: 'Twin', createdAt: '2025-03-14T08:00:00.000Z' }));
    const seen = [];
    let cursor = null;
    const pages = [];
    do {
      const { body } = await answer(`/xoi/work-orders/WO-10432/jobs${cursor ? `?cursor=${cursor}` : ''}`);
      pages.push(body.jobs.length);
      assert.equal(body.hasMore, body.nextCursor !== null);
      assert.equal(body.source, 'live');
      seen.push(...body.jobs.map((j) => j.id));
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(pages, [4, 4, 3]);
    const expected = [...jobs]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1))
      .map((j) => j.id);
    assert.deepEqual(seen, expected);
  });

  test('400 for a cursor this server did not give; nothing asked of XOi', async () => {
    for (const cursor of ['not-base64!', Buffer.from('[1]').toString('base64url'), 'x'.repeat(2000)]) {
      const { status, body } = await answer(`/xoi/work-orders/WO-10432/jobs?cursor=${cursor}`);
      assert.equal(status, 400, cursor);
      assert.deepEqual(body, {
        error: { code: 'invalid-request', message: 'cursor is not one this server gave: ask for the list again.' },
      });
    }
    assert.deepEqual(calls(cloud.cloud, 'jobs'), []);
  });

  test('400 for a label filter over 200 characters', async () => {
    const { status, body } = await answer(`/xoi/work-orders/WO-10432/jobs?label=${'x'.repeat(201)}`);
    assert.equal(status, 400);
    assert.deepEqual(body, { error: { code: 'invalid-request', message: 'label must be at most 200 characters.' } });
  });

  test('502 when XOi fails after the retries', async () => {
    cloud.cloud.fault({ type: 'http', status: 503, service: 'jobs', times: 3 });
    const { status, body } = await answer('/xoi/work-orders/WO-10432/jobs');
    assert.equal(status, 502);
    assert.deepEqual(body, {
      error: {
        code: 'xoi-unavailable',
        message: 'XOi did not answer while trying to list your XOi jobs. Try again in a minute.',
      },
    });
    assert.deepEqual(sleeps, [750, 1500]);
    assert.deepEqual(errors, [[502, 'unavailable']]);
  });
});

test('XOi refusing our key or our request is a 500 (the server must fix it), not a 502 "try again"', async () => {
  const reported = [];
  const routes = createXoiRoutes(clientFor(cloud, { apiSecret: 'wrong-secret' }).client, createMemoryLinkStore(), {
    technician: () => TECH,
    workOrder: (id) => WORK_ORDERS[id],
    onError: (error, { status }) => reported.push([status, error.code]),
  });
  const response = await routes(new Request('http://fsm.example/xoi/work-orders/WO-10432/jobs'));
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), {
    error: { code: 'internal', message: 'Could not list your XOi jobs: unexpected error on the server.' },
  });

  const job = seed({});
  cloud.cloud.fault({ type: 'graphql-error', service: 'jobs', errorType: 'ValidationError' });
  const refused = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body: { jobId: job.id } });
  assert.deepEqual([refused.status, refused.body.error.code], [500, 'internal']);
  assert.deepEqual(reported, [[500, 'auth']]);
  assert.deepEqual(errors, [[500, 'rejected']]);
});

describe('POST {base}/work-orders/{id}/link', () => {
  test('links: updates the XOi job from the work order, shares it, stores and returns the link', async () => {
    const job = seed({
      label: '12345 - ABC',
      workOrderNumber: 'TEMP-1',
      completed: true,
      jobLocation: 'typed by tech',
    });
    const { status, body } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: job.id },
    });
    assert.equal(status, 201);
    // Read, update, share: the deep links come with updateJob's answer (jobLocationActivitySearch
    // already has the work order's location), no second read.
    assert.deepEqual(calls(cloud.cloud, 'jobs'), [
      ['GetJob', 200],
      ['UpdateJob', 200],
    ]);
    assert.deepEqual(calls(cloud.cloud, 'share'), [['CreateJobShare', 200]]);
    const payload = (value) => encodeURIComponent(JSON.stringify(value));
    const expected = {
      workOrderId: 'WO-10432',
      jobId: job.id,
      label: 'WO-10432 - ABC Corp',
      shareLink: body.link.shareLink,
      deepLinks: {
        visionWeb: { viewJob: `${cloud.origin}/xoi-cloud/web/jobs/${job.id}` },
        visionMobile: {
          viewJob: `xoi-vision://activity/view?payload=${payload({ jobId: job.id })}`,
          editJob: `xoi-vision://my-work/edit?payload=${payload({ jobId: job.id })}`,
          jobLocationActivitySearch: `xoi-vision://activity/search?payload=${payload({
            jobLocation: '1 Main St, Springfield',
          })}`,
          contributeToJob: `xoi-vision://my-work/contribute?jobId=${job.id}`,
        },
      },
      linkedAt: new Date(T0).toISOString(),
      linkedBy: TECH,
    };
    assert.deepEqual(body, { link: expected });
    assert.match(body.link.shareLink, new RegExp(`^${cloud.origin}/xoi-cloud/share/share-\\d+$`));
    assert.equal((await fetch(body.link.shareLink)).status, 200);

    const inXoi = cloud.cloud.getJob(job.id);
    assert.deepEqual(
      [inXoi.workOrderNumber, inXoi.customerName, inXoi.jobLocation, inXoi.label],
      ['WO-10432', 'ABC Corp', '1 Main St, Springfield', 'WO-10432 - ABC Corp'],
    );
    assert.deepEqual(await answer('/xoi/work-orders/WO-10432/link').then((r) => r.body), { link: expected });
    assert.deepEqual(
      (await answer('/xoi/work-orders/WO-10433/jobs')).body.jobs,
      [],
      'a linked job is no longer offered',
    );
  });

  test('an incomplete job links too; its link has only the deep links XOi gives before completion', async () => {
    const job = seed({});
    const { status, body } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: ` ${job.id} ` },
    });
    assert.equal(status, 201);
    assert.deepEqual(Object.keys(body.link.deepLinks), ['visionMobile']);
    assert.deepEqual(Object.keys(body.link.deepLinks.visionMobile), ['editJob', 'contributeToJob']);
  });

  test('an id with an encoded slash is one work order', async () => {
    const job = seed({});
    const { status, body } = await answer('/xoi/work-orders/WO%2Fslash/link', {
      method: 'POST',
      body: { jobId: job.id },
    });
    assert.equal(status, 201);
    assert.equal(body.link.workOrderId, 'WO/slash');
  });

  test('409 already-linked: the work order with its own link; the job taken elsewhere without that link', async () => {
    const first = seed({});
    const second = seed({});
    const { body: created } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: first.id },
    });
    const before = cloud.cloud.requests.length;

    const again = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body: { jobId: second.id } });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body, {
      error: {
        code: 'already-linked',
        message: 'This work order is already linked to an XOi job.',
        reason: 'work-order-linked',
        link: created.link,
      },
    });
    assert.equal(cloud.cloud.requests.length, before, 'refused before any XOi call');
    const elsewhere = await answer('/xoi/work-orders/WO-10433/link', { method: 'POST', body: { jobId: first.id } });
    assert.equal(elsewhere.status, 409);
    assert.deepEqual(
      elsewhere.body,
      {
        error: {
          code: 'already-linked',
          message: 'This XOi job is already linked to another work order.',
          reason: 'job-taken',
        },
      },
      "another work order's link (share link, deep links, linkedBy) is not revealed",
    );
    assert.deepEqual(calls(cloud.cloud, 'jobs').slice(-1), [['GetJob', 200]], 'only the assignment was read');
    assert.equal(cloud.cloud.getJob(second.id).label, second.label, 'the other job was not touched');
  });

  test('a job linked to another work order: a technician it is not assigned to gets 403 and nothing of the link', async () => {
    const job = seed({});
    const { body: created } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: job.id },
    });
    assert.ok(created.link.shareLink);

    const response = await call('/xoi/work-orders/WO-10433/link', {
      method: 'POST',
      user: OTHER,
      body: { jobId: job.id },
    });
    const text = await response.text();
    assert.equal(response.status, 403);
    assert.deepEqual(JSON.parse(text), {
      error: { code: 'forbidden', message: 'This XOi job is not assigned to you.' },
    });
    for (const secret of [created.link.shareLink, 'WO-10432', TECH]) {
      assert.ok(!text.includes(secret), `the answer does not contain ${secret}`);
    }
  });

  test('racing links of one work order: exactly one 201; the others 409, in progress or with the winner', async () => {
    const jobs = [seed({}), seed({}), seed({})];
    const results = await Promise.all(
      jobs.map((j) => answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body: { jobId: j.id } })),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409]);
    const winner = results.find((r) => r.status === 201).body.link;
    // The store decides: a loser that asked while the winner worked is told "in progress"; one that
    // asked after the commit gets the winner's link.
    for (const r of results.filter((x) => x.status === 409)) {
      if (r.body.error.reason === 'work-order-linked') assert.deepEqual(r.body.error.link, winner);
      else
        assert.deepEqual(r.body.error, {
          code: 'already-linked',
          message: r.body.error.message,
          reason: 'in-progress',
        });
    }
    assert.deepEqual(store.links(), [winner]);
    const updated = jobs.filter((j) => cloud.cloud.getJob(j.id).workOrderNumber === 'WO-10432');
    assert.deepEqual(
      updated.map((j) => j.id),
      [winner.jobId],
      'only the winning job was updated in XOi',
    );
  });

  test('a racing request that finds the job linked to its own work order gets that link, not "job taken"', async () => {
    const job = seed({});
    const { body: created } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: job.id },
    });
    // As a request that read "not linked" just before the winner committed: its first look at the
    // work order misses the link, its look at the job finds it.
    const racing = createMemoryLinkStore([created.link]);
    let first = true;
    const get = racing.get.bind(racing);
    racing.get = (id) => (first ? ((first = false), null) : get(id));
    const routes = createXoiRoutes(clientFor(cloud).client, racing, {
      technician: () => TECH,
      workOrder: (id) => WORK_ORDERS[id],
    });
    const response = await routes(
      new Request('http://fsm.example/xoi/work-orders/WO-10432/link', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jobId: job.id }),
      }),
    );
    assert.equal(response.status, 409);
    assert.deepEqual(await response.json(), {
      error: {
        code: 'already-linked',
        message: 'This work order is already linked to an XOi job.',
        reason: 'work-order-linked',
        link: created.link,
      },
    });
  });

  test('racing links of one job to two work orders: exactly one 201', async () => {
    const job = seed({});
    const results = await Promise.all(
      ['WO-10432', 'WO-10433'].map((wo) =>
        answer(`/xoi/work-orders/${wo}/link`, { method: 'POST', body: { jobId: job.id } }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
    assert.equal(store.links().length, 1);
  });

  test('two route handlers (two server processes) sharing one store: still exactly one 201', async () => {
    const job = seed({});
    const shared = createMemoryLinkStore();
    const opts = { technician: () => TECH, workOrder: (id) => WORK_ORDERS[id], now: () => T0 };
    const a = createXoiRoutes(clientFor(cloud).client, shared, opts);
    const b = createXoiRoutes(clientFor(cloud).client, shared, opts);
    const post = (h, wo) =>
      h(
        new Request(`http://fsm.example/xoi/work-orders/${wo}/link`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jobId: job.id }),
        }),
      );
    const responses = await Promise.all([post(a, 'WO-10432'), post(b, 'WO-10433')]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    assert.deepEqual(responses.map((r) => r.status).sort(), [201, 409]);
    const refused = bodies.find((body) => body.error);
    assert.equal(refused.error.code, 'already-linked');
    assert.equal(shared.links().length, 1);
  });

  test('403 when the job is assigned to another technician; nothing changes in XOi', async () => {
    const job = seed({ technicianEmail: OTHER });
    const { status, body } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: job.id },
    });
    assert.equal(status, 403);
    assert.deepEqual(body, { error: { code: 'forbidden', message: 'This XOi job is not assigned to you.' } });
    assert.equal(cloud.cloud.getJob(job.id).workOrderNumber, job.workOrderNumber);
    assert.deepEqual(store.links(), []);
  });

  test('404 for a job XOi does not know', async () => {
    const { status, body } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: 'job-9999' },
    });
    assert.equal(status, 404);
    assert.deepEqual(body, { error: { code: 'not-found', message: 'XOi does not know this job.' } });
  });

  const badBodies = [
    ['not JSON', '{"jobId":', 'application/json', 'The request body must be JSON: { "jobId": "…" }.'],
    ['no jobId', {}, 'application/json', 'jobId is required: { "jobId": "…" }.'],
    ['jobId not a string', { jobId: 42 }, 'application/json', 'jobId is required: { "jobId": "…" }.'],
    ['blank jobId', { jobId: '  ' }, 'application/json', 'jobId is required: { "jobId": "…" }.'],
    [
      'jobId with spaces',
      { jobId: 'job 1' },
      'application/json',
      'jobId must be at most 256 characters without spaces.',
    ],
    ['a JSON array', [], 'application/json', 'jobId is required: { "jobId": "…" }.'],
    [
      'text/plain (a cross-site form could send it)',
      { jobId: 'job-1' },
      'text/plain',
      'Send the body as application/json: { "jobId": "…" }.',
    ],
    [
      'too large',
      { jobId: 'job-1', pad: 'x'.repeat(5000) },
      'application/json',
      'The request body is larger than 4096 bytes.',
    ],
  ];
  for (const [name, body, type, message] of badBodies) {
    test(`400 invalid-request: ${name}; nothing stored, XOi not called`, async () => {
      const r = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body, type });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { error: { code: 'invalid-request', message } });
      assert.deepEqual(cloud.cloud.requests, []);
      assert.deepEqual(store.links(), []);
    });
  }

  test('502 when XOi fails mid-link: nothing stored, and a later attempt links', async () => {
    const job = seed({});
    cloud.cloud.fault({ type: 'empty-share-link', times: 3 });
    const failed = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body: { jobId: job.id } });
    assert.equal(failed.status, 502);
    assert.deepEqual(failed.body, {
      error: {
        code: 'xoi-unavailable',
        message: 'XOi did not answer while trying to link the XOi job. Try again in a minute.',
      },
    });
    assert.deepEqual((await answer('/xoi/work-orders/WO-10432/link')).body, { link: null });
    assert.deepEqual(store.links(), []);
    assert.deepEqual(errors, [[502, 'unavailable']]);

    const retried = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body: { jobId: job.id } });
    assert.equal(retried.status, 201);
  });

  test('a store that fails to save: 500, reservation released, nothing stored', async () => {
    const job = seed({});
    const failing = createMemoryLinkStore();
    failing.commit = () => {
      throw new Error('disk full');
    };
    const env = clientFor(cloud);
    const routes = createXoiRoutes(env.client, failing, {
      technician: () => TECH,
      workOrder: (id) => WORK_ORDERS[id],
      onError: (error) => errors.push(error.message),
    });
    const request = () =>
      new Request('http://fsm.example/xoi/work-orders/WO-10432/link', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jobId: job.id }),
      });
    const response = await routes(request());
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), {
      error: { code: 'internal', message: 'The server could not save the link.' },
    });
    assert.deepEqual(errors, ['disk full']);
    assert.equal(await failing.get('WO-10432'), null);
    assert.ok(await failing.reserve('WO-10432', job.id), 'the reservation was released');
  });
});

describe('GET {base}/work-orders/{id}/link', () => {
  test('null before linking', async () => {
    const { status, body } = await answer('/xoi/work-orders/WO-10432/link');
    assert.equal(status, 200);
    assert.deepEqual(body, { link: null });
  });
});

describe('errors every route shares', () => {
  test('401 without a signed-in technician; XOi not called', async () => {
    for (const path of ['/xoi/work-orders/WO-10432/jobs', '/xoi/work-orders/WO-10432/link']) {
      const { status, body } = await answer(path, { user: null });
      assert.equal(status, 401);
      assert.deepEqual(body, { error: { code: 'unauthenticated', message: 'Sign in to see and link XOi jobs.' } });
    }
    assert.deepEqual(cloud.cloud.requests, []);
  });

  test('403 when the host session has no valid email', async () => {
    const { status, body } = await answer('/xoi/work-orders/WO-10432/jobs', { user: 'jane' });
    assert.equal(status, 403);
    assert.equal(body.error.code, 'forbidden');
    assert.match(body.error.message, /no valid email address/);
    assert.deepEqual(cloud.cloud.requests, []);
  });

  test('404 for a work order the host does not know', async () => {
    const { status, body } = await answer('/xoi/work-orders/WO-0000/jobs');
    assert.equal(status, 404);
    assert.deepEqual(body, { error: { code: 'not-found', message: 'There is no such work order.' } });
  });

  test('404 for an unknown path inside the base path (answered, not passed on)', async () => {
    const response = await call('/xoi/work-orders/WO-10432/other');
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-xoi-unmatched'), null);
    assert.equal((await response.json()).error.code, 'not-found');
  });

  test('405 with Allow for a wrong method', async () => {
    for (const [path, method, allow] of [
      ['/xoi/work-orders/WO-10432/jobs', 'POST', 'GET'],
      ['/xoi/work-orders/WO-10432/link', 'DELETE', 'GET, POST'],
      ['/xoi/work-orders/WO-10432/link', 'PUT', 'GET, POST'],
    ]) {
      const { status, body, headers } = await answer(path, { method, body: method === 'POST' ? {} : undefined });
      assert.equal(status, 405, `${method} ${path}`);
      assert.equal(headers.get('allow'), allow);
      assert.equal(body.error.code, 'method-not-allowed');
    }
  });

  test('a host callback that throws is a 500 with a generic message, reported to onError', async () => {
    const { status, body } = await answer('/xoi/work-orders/explode/jobs');
    assert.equal(status, 500);
    assert.deepEqual(body, { error: { code: 'internal', message: 'The server could not read the work order.' } });
    assert.deepEqual(errors, [[500, 'database down']]);
  });

  test("a work order record without customer is a 500 (the host's data), XOi not touched", async () => {
    const job = seed({});
    const { status, body } = await answer('/xoi/work-orders/broken/link', { method: 'POST', body: { jobId: job.id } });
    assert.equal(status, 500);
    assert.equal(body.error.code, 'internal');
    assert.deepEqual(cloud.cloud.requests, []);
  });
});

describe('basePath and chaining', () => {
  test('outside basePath: a 404 marked unmatched, which toNodeHandler passes to next()', async () => {
    const routes = makeRoutes({ basePath: '/api/xoi/' });
    const direct = await routes(new Request('http://fsm.example/other/path'));
    assert.equal(direct.status, 404);
    assert.equal(isUnmatched(direct), true);
    assert.equal(isUnmatched(await routes(new Request('http://fsm.example/api/xoi/nope'))), false);
    assert.equal(isUnmatched(await routes(new Request('http://fsm.example/api/xoia/work-orders/WO-10432/jobs'))), true);

    const middleware = toNodeHandler(routes);
    const chained = await serve((req, res) =>
      middleware(req, res, () => {
        res.writeHead(418, { 'content-type': 'text/plain' }).end('next handler');
      }),
    );
    try {
      const passed = await fetch(`${chained.origin}/somewhere/else`);
      assert.equal(passed.status, 418);
      assert.equal(await passed.text(), 'next handler');
      const served = await fetch(`${chained.origin}/api/xoi/work-orders/WO-10432/link`, {
        headers: { 'x-test-session': TECH },
      });
      assert.equal(served.status, 200);
      assert.deepEqual(await served.json(), { link: null });
    } finally {
      await chained.close();
    }
  });

  test('Express-style mounting: originalUrl, an already-parsed body and req.user (via nodeRequestOf) are used', async () => {
    const job = seed({});
    const routes = createXoiRoutes(clientFor(cloud).client, createMemoryLinkStore(), {
      technician: (request) => nodeRequestOf(request)?.user?.email,
      workOrder: (id) => WORK_ORDERS[id],
    });
    const middleware = toNodeHandler(routes);
    const mounted = await serve(async (req, res) => {
      // What express.json() and app.use('/xoi', …) leave behind.
      const chunks = [];
      for await (const c of req) chunks.push(c);
      req.body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      req.originalUrl = req.url;
      req.user = { email: req.headers['x-test-session'] };
      req.url = req.url.replace(/^\/xoi/, '');
      await middleware(req, res, () => res.writeHead(418).end());
    });
    try {
      const response = await fetch(`${mounted.origin}/xoi/work-orders/WO-10432/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-session': TECH },
        body: JSON.stringify({ jobId: job.id }),
      });
      assert.equal(response.status, 201);
      assert.equal((await response.json()).link.jobId, job.id);
    } finally {
      await mounted.close();
    }
  });
});

test('a body parser that skipped the body (Express 4 leaves req.body = {}) does not hide it', async () => {
  const job = seed({});
  const routes = createXoiRoutes(clientFor(cloud).client, createMemoryLinkStore(), {
    technician: () => TECH,
    workOrder: (id) => WORK_ORDERS[id],
  });
  const middleware = toNodeHandler(routes);
  const mounted = await serve((req, res) => {
    // What body-parser 1.x's urlencoded() does to a JSON request: req.body = {}, stream unread.
    req.body = {};
    return middleware(req, res, () => res.writeHead(418).end());
  });
  try {
    const response = await fetch(`${mounted.origin}/xoi/work-orders/WO-10432/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobId: job.id }),
    });
    assert.equal(response.status, 201);
    assert.equal((await response.json()).link.jobId, job.id);
  } finally {
    await mounted.close();
  }
});

test('toNodeHandler passes every header on, each Set-Cookie on its own', async () => {
  const middleware = toNodeHandler(
    async () =>
      new Response('ok', {
        headers: [
          ['set-cookie', 'a=1; Path=/'],
          ['set-cookie', 'b=2; Path=/'],
          ['x-many', '1'],
          ['x-many', '2'],
        ],
      }),
  );
  const server = await serve((req, res) => middleware(req, res));
  try {
    const response = await fetch(server.origin);
    assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/']);
    assert.equal(response.headers.get('x-many'), '1, 2');
    assert.equal(await response.text(), 'ok');
  } finally {
    await server.close();
  }
});

test('unusable options fail at start-up, not on the first request', () => {
  const { client } = clientFor(cloud);
  const base = { technician: () => TECH, workOrder: () => WORK_ORDERS['WO-10432'] };
  assert.throws(() => createXoiRoutes(client, undefined, { ...base, pageSize: 0 }), /pageSize must be an integer/);
  assert.throws(() => createXoiRoutes(client, undefined, { ...base, lookbackDays: -1 }), /lookbackDays must be/);
  assert.throws(() => createXoiRoutes(client, undefined, { ...base, basePath: 'xoi' }), /basePath must be a path/);
  assert.throws(() => createXoiRoutes(client, undefined, { technician: () => TECH }), /both callbacks are required/);
  assert.throws(
    () => createXoiRoutes(client, undefined, { ...base, shareEntireJob: 'yes' }),
    /^TypeError: createXoiRoutes: shareEntireJob must be true or false$/,
  );
  assert.throws(
    () => createXoiRoutes(client, undefined, { ...base, now: 1_700_000_000_000 }),
    /now must be a function/,
  );
  assert.throws(
    () => createXoiRoutes(client, undefined, { ...base, onError: 'console' }),
    /onError must be a function/,
  );
  assert.throws(() => createXoiRoutes(client, undefined, { ...base, listLimit: 0 }), /listLimit must be an integer/);
  assert.throws(() => createXoiRoutes(client, undefined, { ...base, jobIndex: {} }), /jobIndex must be what/);
  const index = { page: async () => null, lookbackDays: 30 };
  assert.throws(
    () => createXoiRoutes(client, undefined, { ...base, jobIndex: index }),
    /the job index keeps 30 days of jobs, the routes list 90/,
  );
  assert.throws(
    () => createXoiRoutes(client, undefined, { ...base, jobIndex: index, lookbackDays: 0 }),
    /the routes list all/,
  );
  assert.doesNotThrow(() => createXoiRoutes(client, undefined, { ...base, jobIndex: index, lookbackDays: 30 }));
});

// What request.ts decides, as the browser gets it: which path is a route, which work order id
// and which link request body are taken, and the answer for each one that is not.
describe('the request: path and body', () => {
  test('a path inside the base path that names no route: 404 saying so, answered, before any session check', async () => {
    for (const path of [
      '/xoi',
      '/xoi/',
      '/xoi/work-orders/WO-10432',
      '/xoi/work-orders/WO-10432/other',
      '/xoi/work-orders/WO-10432/jobs/more',
      '/xoi/orders/WO-10432/jobs',
      '/xoi/work-orders//WO-10432/link',
    ]) {
      const response = await call(path, { user: null });
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get('x-xoi-unmatched'), null, path);
      assert.deepEqual(await response.json(), { error: { code: 'not-found', message: `No XOi route at ${path}.` } });
    }
  });

  test('a work order id that cannot be one: 400, the host never asked', async () => {
    for (const id of ['%E0%A4%A', '%20%20', 'x'.repeat(257)]) {
      const { status, body } = await answer(`/xoi/work-orders/${id}/jobs`);
      assert.equal(status, 400, id);
      assert.deepEqual(body, {
        error: { code: 'invalid-request', message: 'The work order id in the path is not valid.' },
      });
    }
    assert.equal((await answer(`/xoi/work-orders/${'x'.repeat(256)}/jobs`)).status, 404, '256 characters is an id');
  });

  test('application/json with a space before its parameters is JSON; a type that only mentions it is not', async () => {
    const job = seed({});
    const refused = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: job.id },
      type: 'text/plain; profile=application/json',
    });
    assert.deepEqual(refused.body, {
      error: { code: 'invalid-request', message: 'Send the body as application/json: { "jobId": "…" }.' },
    });
    const linked = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: job.id },
      type: 'application/json ; charset=utf-8',
    });
    assert.equal(linked.status, 201);
  });

  test('a body without a Content-Type is refused as not JSON; JSON that is not an object has no jobId', async () => {
    const job = seed({});
    const untyped = await fetch(`${app.origin}/xoi/work-orders/WO-10432/link`, {
      method: 'POST',
      headers: { 'x-test-session': TECH },
      body: new TextEncoder().encode(JSON.stringify({ jobId: job.id })),
    });
    assert.equal(untyped.headers.get('content-type')?.startsWith('application/json'), true);
    assert.deepEqual(
      [untyped.status, await untyped.json()],
      [400, { error: { code: 'invalid-request', message: 'Send the body as application/json: { "jobId": "…" }.' } }],
    );
    for (const body of [JSON.stringify(job.id), '7', 'true', JSON.stringify([job.id])]) {
      const refused = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body });
      assert.deepEqual(
        [refused.status, refused.body.error.message],
        [400, 'jobId is required: { "jobId": "…" }.'],
        body,
      );
    }
    assert.deepEqual(store.links(), []);
    assert.deepEqual(cloud.cloud.requests, []);
  });

  test('a body that is not UTF-8, or JSON null: 400 saying which, nothing stored', async () => {
    const notUtf8 = await fetch(`${app.origin}/xoi/work-orders/WO-10432/link`, {
      method: 'POST',
      headers: { 'x-test-session': TECH, 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    });
    assert.equal(notUtf8.status, 400);
    assert.deepEqual(await notUtf8.json(), {
      error: { code: 'invalid-request', message: 'The request body is not UTF-8 text.' },
    });
    const nothing = await answer('/xoi/work-orders/WO-10432/link', { method: 'POST', body: 'null' });
    assert.deepEqual([nothing.status, nothing.body.error.message], [400, 'jobId is required: { "jobId": "…" }.']);
    assert.deepEqual(store.links(), []);
    assert.deepEqual(cloud.cloud.requests, []);
  });

  test('a job id with spaces around it is the job id', async () => {
    const job = seed({});
    const { status, body } = await answer('/xoi/work-orders/WO-10432/link', {
      method: 'POST',
      body: { jobId: ` ${job.id}\n` },
    });
    assert.equal(status, 201);
    assert.equal(body.link.jobId, job.id);
    assert.deepEqual(
      store.links().map((l) => l.jobId),
      [job.id],
    );
  });
});
