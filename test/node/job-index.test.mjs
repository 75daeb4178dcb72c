// The job index (issue 21) on the embedded database, against the mock XOi Cloud over HTTP: the
// technician's list served from the index with no XOi call, kept fresh by change notifications
// and by the sweep, the live listing as the fallback, linking still checked against XOi, a
// rebuild after data loss, and paging. Every assertion is on what the routes answer or what XOi
// was asked.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createXoiJobIndex,
  createXoiNotifications,
  createXoiRoutes,
  toNodeHandler,
} from '../../dist/npm/server/index.js';
import { embedded, opener } from './database-helpers.mjs';
import { clientFor, serve, startCloud, T0 } from './xoi-cloud-helpers.mjs';

const TECH = 'jane.tech@example.com';
const OTHER = 'other.tech@example.com';
const THIRD = 'third.tech@example.com';
const DAY = 86_400_000;
const WORK_ORDER = { workOrderNumber: 'WO-7', customerName: 'ABC Corp', jobLocation: '1 Main St' };

const db = await embedded();
const open = opener(db.connectionString);
let env;
let hook;
let onNotification;

before(async () => {
  env = await startCloud({ users: [{ email: TECH }, { email: OTHER }, { email: THIRD }] });
  const node = toNodeHandler((request) => onNotification(request));
  hook = await serve((req, res) => node(req, res));
});
after(async () => {
  await hook.close();
  await env.close();
});
beforeEach(() => {
  env.cloud.reset();
  env.cloud.setNotifyUrl(null);
});

/** A fresh schema with an index (manual sweeps), its notifications, and routes with and without it. */
async function fresh(options = {}) {
  const store = await open();
  const { client } = clientFor(env);
  const notifications = createXoiNotifications({ insecureNoAuth: true });
  const index = createXoiJobIndex({ client, store, notifications, now: () => T0, ...options.index });
  onNotification = notifications.handle;
  const routesOf = (jobIndex) =>
    createXoiRoutes(client, store.links, {
      technician: (request) => request.headers.get('x-tech') ?? undefined,
      workOrder: () => WORK_ORDER,
      now: () => T0,
      listLimit: options.listLimit ?? 50,
      ...(jobIndex && { jobIndex }),
    });
  const indexed = routesOf(index);
  const live = routesOf(null);
  return { store, index, client, indexed, live };
}

const request = (routes, tech, path, init = {}) =>
  routes(
    new Request(`http://fsm.example/xoi/work-orders/WO-7/${path}`, {
      ...init,
      headers: { 'x-tech': tech, ...(init.body && { 'content-type': 'application/json' }), ...init.headers },
    }),
  );

async function list(routes, tech, query = '') {
  const response = await request(routes, tech, `jobs${query}`);
  assert.equal(response.status, 200);
  return response.json();
}

/** Every page of a technician's list: the ids in order, the page sizes, the sources. */
async function allPages(routes, tech, label = '') {
  const ids = [];
  const sizes = [];
  const sources = new Set();
  let cursor = null;
  do {
    const params = new URLSearchParams({ ...(label && { label }), ...(cursor && { cursor }) });
    const body = await list(routes, tech, params.size ? `?${params}` : '');
    ids.push(...body.jobs.map((j) => j.id));
    sizes.push(body.jobs.length);
    sources.add(body.source);
    cursor = body.nextCursor;
  } while (cursor);
  return { ids, sizes, sources: [...sources] };
}

const ids = (body) => body.jobs.map((j) => j.id);
const created = (daysAgo, hour = 8) => new Date(T0 - daysAgo * DAY + hour * 3_600_000).toISOString();
const seed = (fields) => env.cloud.seedJob({ technicianEmail: TECH, ...fields });
const xoiCalls = (operation) => env.cloud.requests.filter((r) => !operation || r.operation === operation).length;

/** XOi's notification for the job, posted to the handler as XOi would (the listeners run before the answer). */
async function notify(event, jobId, extra) {
  env.cloud.setNotifyUrl(`${hook.origin}/notify`);
  const answer = await env.cloud.notify(`${hook.origin}/notify`, env.cloud.notification(event, jobId, extra));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

describe('the technician’s list from the index', () => {
  test('built by a sweep: every job of the technician in the window, no XOi call per request, equal to the live list', async () => {
    const { index, indexed, live } = await fresh({ listLimit: 20 });
    const techs = [TECH, OTHER, THIRD];
    for (let n = 0; n < 90; n++) {
      seed({
        technicianEmail: techs[n % 3],
        label: `Job ${n}`,
        createdAt: created(n % 80, n % 24),
        completed: n % 2 === 0,
      });
    }
    seed({ label: 'too old', createdAt: created(91) });
    const report = await index.sweep();
    assert.deepEqual([report.ran, report.built, report.caughtUp], [true, true, true]);

    await list(indexed, TECH); // the users directory, read once and cached by the client
    const before = xoiCalls();
    const fromIndex = await allPages(indexed, TECH);
    assert.equal(xoiCalls(), before, 'no XOi call while listing from the index');
    assert.deepEqual(fromIndex.sources, ['index']);
    assert.deepEqual(fromIndex.sizes, [20, 10]);
    const fromXoi = await allPages(live, TECH);
    assert.deepEqual(fromXoi.sources, ['live']);
    assert.deepEqual(fromIndex.ids, fromXoi.ids);
    const body = await list(indexed, TECH);
    assert.deepEqual(body.jobs, (await list(live, TECH)).jobs, 'the same fields, as XOi holds them');
    assert.equal(body.truncated, false);
  });

  test('the label filter ignores case and accents, on label, work order number and customer', async () => {
    const { index, indexed } = await fresh();
    const cafe = seed({ label: 'Café Nuñez - boiler', createdAt: created(3) });
    const upper = seed({ label: 'Roof', customerName: 'CAFE DE FLORE', createdAt: created(2) });
    const wo = seed({ label: 'Chiller', workOrderNumber: 'T-ÇA-9', createdAt: created(1) });
    const percent = seed({ label: 'Other 100%', createdAt: created(4) });
    await index.sweep();
    const found = async (q) => ids(await list(indexed, TECH, `?label=${encodeURIComponent(q)}`));
    assert.deepEqual(await found('cafe'), [upper.id, cafe.id]);
    assert.deepEqual(await found('  CAFÉ '), [upper.id, cafe.id]);
    assert.deepEqual(await found('nunez'), [cafe.id]);
    assert.deepEqual(await found('t-ca'), [wo.id]);
    assert.deepEqual(await found('%'), [percent.id]);
    assert.deepEqual(await found('_'), [], 'LIKE wildcards match themselves');
  });

  test('a linked job leaves the list at once; a job linked on any instance is never offered', async () => {
    const { index, indexed } = await fresh();
    const job = seed({ label: 'To link', createdAt: created(1), completed: true });
    const kept = seed({ label: 'Kept', createdAt: created(2), completed: true });
    await index.sweep();
    const linked = await request(indexed, TECH, 'link', { method: 'POST', body: JSON.stringify({ jobId: job.id }) });
    assert.equal(linked.status, 201);
    assert.deepEqual(ids(await list(indexed, TECH)), [kept.id]);
  });

  test('linked jobs are left out in the query itself: a page is full, not thinned out', async () => {
    const { store, index, indexed } = await fresh({ listLimit: 3 });
    const jobs = Array.from({ length: 6 }, (_, n) => seed({ label: `Job ${n}`, createdAt: created(n + 1) }));
    await index.sweep();
    // The three newest linked (as another instance would have), one of them only reserved so far.
    for (const [n, job] of jobs.slice(0, 3).entries()) {
      const reservation = await store.links.reserve(`WO-${n}`, job.id);
      if (n < 2) {
        await store.links.commit(reservation, {
          workOrderId: `WO-${n}`,
          jobId: job.id,
          label: 'x',
          shareLink: 'https://x.example/s',
          deepLinks: {},
          linkedAt: '',
          linkedBy: TECH,
        });
      }
    }
    const body = await list(indexed, TECH);
    assert.deepEqual(
      ids(body),
      jobs.slice(3).map((j) => j.id),
    );
    assert.equal(body.hasMore, false);
  });
});

describe('kept fresh', () => {
  test('a job completed in XOi is listed after its notification, without a sweep', async () => {
    const { index, indexed } = await fresh();
    await index.sweep();
    const job = seed({ label: 'Done today', createdAt: created(0, 1) });
    assert.deepEqual(ids(await list(indexed, TECH)), [], 'created after the sweep: not indexed yet');
    const listCalls = xoiCalls('ListJobs');
    env.cloud.setNotifyUrl(`${hook.origin}/notify`);
    env.cloud.completeJob(job.id);
    await env.cloud.flushNotifications();
    const body = await list(indexed, TECH);
    assert.equal(body.source, 'index');
    assert.deepEqual(ids(body), [job.id]);
    assert.equal(body.jobs[0].completedAt, env.cloud.getJob(job.id).completedAt);
    assert.equal(xoiCalls('ListJobs'), listCalls, 'no sweep ran');
  });

  test('without notifications, one sweep lists a new job and a completion, reading only what changed', async () => {
    const { index, indexed } = await fresh({ index: { recheckPagesPerSweep: 0 } });
    const open = seed({ label: 'Open', createdAt: created(5) });
    await index.sweep();
    const added = seed({ label: 'New', createdAt: created(0, 2) });
    env.cloud.completeJob(open.id); // no notify URL: XOi's notification is lost
    assert.equal((await list(indexed, TECH)).jobs[0].completedAt, null);

    const start = env.cloud.requests.length;
    const report = await index.sweep();
    const asked = env.cloud.requests.slice(start).filter((r) => r.operation === 'ListJobs');
    assert.equal(report.calls, 2);
    assert.deepEqual(
      asked.map((r) => r.variables.input.dateQuery.type),
      ['CREATED_AT', 'COMPLETED_AT'],
    );
    const createdFrom = Date.parse(asked[0].variables.input.dateQuery.gte);
    assert.equal(createdFrom, Date.parse(open.createdAt) - 600_000, 'from the cursor, less the overlap');
    const body = await list(indexed, TECH);
    assert.deepEqual(ids(body), [added.id, open.id]);
    assert.equal(body.jobs[1].completedAt, env.cloud.getJob(open.id).completedAt);
  });

  test('a reassigned job moves between the technicians’ lists: by its notification, or by the recheck pass', async () => {
    const { index, indexed, client } = await fresh({ index: { recheckPagesPerSweep: 10 } });
    const open = seed({ label: 'Open', createdAt: created(5) });
    const completed = seed({ label: 'Completed', createdAt: created(3), completed: true });
    const newest = seed({ label: 'Newest', createdAt: created(1) });
    await index.sweep();
    assert.deepEqual(ids(await list(indexed, TECH)), [newest.id, completed.id, open.id]);

    await client.updateJob(completed.id, { technicianEmail: OTHER });
    await notify('job_update', completed.id, { traits: ['edited'] });
    assert.deepEqual(ids(await list(indexed, TECH)), [newest.id, open.id]);
    assert.deepEqual(ids(await list(indexed, OTHER)), [completed.id]);

    // An open job's reassignment has no notification (docs/xoi-api-notes.md §6), and the job is
    // older than what the created pass reads again (its cursor, the newest job, less 10 minutes):
    // only the recheck pass reads it.
    await client.updateJob(open.id, { technicianEmail: OTHER });
    assert.deepEqual(ids(await list(indexed, TECH)), [newest.id, open.id], 'not seen yet');
    await index.sweep();
    assert.deepEqual(ids(await list(indexed, TECH)), [newest.id]);
    assert.deepEqual(ids(await list(indexed, OTHER)), [completed.id, open.id]);
  });

  test('a deleted job disappears: by its notification (checked with XOi), or when a recheck pass does not see it', async () => {
    const { index, indexed } = await fresh({ index: { recheckPagesPerSweep: 10 } });
    const [a, b, c] = [1, 2, 3].map((n) => seed({ label: `Job ${n}`, createdAt: created(n), completed: true }));
    await index.sweep();

    env.cloud.setNotifyUrl(`${hook.origin}/notify`);
    env.cloud.deleteJob(a.id);
    await env.cloud.flushNotifications();
    assert.deepEqual(ids(await list(indexed, TECH)), [b.id, c.id]);

    env.cloud.setNotifyUrl(null);
    env.cloud.deleteJob(c.id); // its notification lost
    const first = await index.sweep(); // the recheck pass reaches the window's end
    assert.equal(first.removed, 0);
    const second = await index.sweep(); // and checks what it did not see
    assert.equal(second.removed, 1);
    assert.deepEqual(ids(await list(indexed, TECH)), [b.id]);
  });

  test('a forged job_delete for a job XOi still has changes nothing: the handler asks XOi first (issue 23)', async () => {
    const { index, indexed } = await fresh();
    const [a, b] = [1, 2].map((n) => seed({ label: `Job ${n}`, createdAt: created(n), completed: true }));
    await index.sweep();
    const listed = await list(indexed, TECH);
    assert.deepEqual(ids(listed), [a.id, b.id]);
    const getJobs = xoiCalls('GetJob');

    await notify('job_delete', a.id);

    assert.equal(xoiCalls('GetJob'), getJobs + 1, 'XOi was asked about the job');
    const again = await list(indexed, TECH);
    assert.equal(again.source, 'index');
    assert.deepEqual(again.jobs, listed.jobs);
    assert.equal((await index.status()).jobs, 2);
  });

  test('a sweep and a notification racing on one job: the newer read wins, a deleted job stays deleted', async () => {
    const { store, index, indexed, client } = await fresh();
    const job = seed({ label: 'Racing', createdAt: created(1), completed: true });
    await index.sweep();
    const stale = await store.jobIndex.clock();
    const old = await client.getJob(job.id);
    await client.updateJob(job.id, { label: 'Renamed' });
    await notify('job_update', job.id, { traits: ['edited'] });
    const { indexRowOf } = await import('../../dist/npm/server/job-index/row.js');
    assert.equal(await store.jobIndex.upsert([indexRowOf(old)], stale), 0, 'a read begun earlier is not written');
    assert.equal((await list(indexed, TECH)).jobs[0].label, 'Renamed');
    env.cloud.deleteJob(job.id);
    await index.refresh(job.id);
    assert.equal(await store.jobIndex.upsert([indexRowOf(old)], stale), 0, 'nor does it bring a deleted job back');
    assert.deepEqual(ids(await list(indexed, TECH)), []);
  });
});

describe('the live listing as the fallback', () => {
  test('not built yet: listed from XOi and said so; built: from the index; stale: from XOi again', async () => {
    const { store, index, indexed } = await fresh();
    const job = seed({ label: 'Job', createdAt: created(1) });
    const unbuilt = await list(indexed, TECH);
    assert.equal(unbuilt.source, 'live');
    assert.deepEqual(ids(unbuilt), [job.id]);

    await index.sweep();
    assert.equal((await list(indexed, TECH)).source, 'index');
    // No caught-up sweep for longer than staleAfterMs (2 × the interval): XOi may have moved on.
    await store.database.query(
      `UPDATE ${store.database.schema}.job_index_state SET caught_up_at = now() - interval '121 seconds'`,
    );
    const stale = await list(indexed, TECH);
    assert.equal(stale.source, 'live');
    assert.deepEqual(ids(stale), [job.id]);
    assert.deepEqual((await index.status()).fresh, false);
    await index.sweep();
    assert.equal((await list(indexed, TECH)).source, 'index');
  });

  test('a sweep that fails (XOi down) leaves the index as it was and says why in the status', async () => {
    const { index } = await fresh();
    env.cloud.fault({ type: 'http', status: 503, service: 'jobs', times: 3 });
    await assert.rejects(index.sweep(), { code: 'unavailable' });
    const status = await index.status();
    assert.equal(status.built, false);
    assert.match(status.lastError.message, /503|unavailable|did not answer/i);
    const report = await index.sweep();
    assert.equal(report.built, true);
  });
});

describe('linking stays exact', () => {
  test('the index says Jane, XOi says Sam: 403, nothing linked, XOi untouched', async () => {
    const { index, indexed, client, store } = await fresh();
    const job = seed({ label: 'Moved', createdAt: created(1), completed: true });
    await index.sweep();
    await client.updateJob(job.id, { technicianEmail: OTHER }); // no notification, no sweep yet
    assert.deepEqual(ids(await list(indexed, TECH)), [job.id], 'the index has not seen it');
    const response = await request(indexed, TECH, 'link', { method: 'POST', body: JSON.stringify({ jobId: job.id }) });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), {
      error: { code: 'forbidden', message: 'This XOi job is not assigned to you.' },
    });
    assert.equal(await store.links.get('WO-7'), null);
    assert.equal(env.cloud.getJob(job.id).workOrderNumber, job.workOrderNumber);
  });

  test('a job deleted in XOi but still in the index: 404, nothing linked', async () => {
    const { index, indexed, store } = await fresh();
    const job = seed({ label: 'Gone', createdAt: created(1), completed: true });
    await index.sweep();
    env.cloud.deleteJob(job.id);
    const response = await request(indexed, TECH, 'link', { method: 'POST', body: JSON.stringify({ jobId: job.id }) });
    assert.equal(response.status, 404);
    assert.equal(await store.links.get('WO-7'), null);
  });
});

describe('rebuild', () => {
  test('after data loss the rebuilt index lists exactly what the live listing lists, every page and filter', async () => {
    const { store, index, indexed, live } = await fresh({ listLimit: 7 });
    const techs = [TECH, OTHER, THIRD];
    for (let n = 0; n < 60; n++) {
      seed({
        technicianEmail: techs[n % 3],
        label: n % 4 ? `Job ${n}` : `Café ${n}`,
        createdAt: created(n % 30, n % 5),
        completed: n % 3 === 0,
      });
    }
    await index.sweep();
    const gone = seed({ label: 'deleted while nobody listened', createdAt: created(0, 6) });
    await index.sweep();
    env.cloud.deleteJob(gone.id);
    // Data loss: the rows go, the cursors stay (a restore of an older backup looks alike).
    await store.database.query(`DELETE FROM ${store.database.schema}.job_index WHERE job_id <> $1`, [gone.id]);
    assert.ok((await allPages(indexed, TECH)).ids.length < 5);

    const report = await index.rebuild();
    assert.deepEqual([report.built, report.removed], [true, 1]);
    for (const tech of techs) {
      for (const label of ['', 'cafe']) {
        const fromIndex = await allPages(indexed, tech, label);
        const fromXoi = await allPages(live, tech, label);
        assert.deepEqual(fromIndex.sources, ['index']);
        assert.deepEqual(fromIndex.ids, fromXoi.ids, `${tech} ${label}`);
        assert.deepEqual(fromIndex.sizes, fromXoi.sizes);
      }
    }
  });

  test('a rebuild waits for a sweep in progress, then builds again; the routes list from XOi meanwhile', async () => {
    const { index, indexed, client, store } = await fresh();
    seed({ label: 'A', createdAt: created(1) });
    await index.sweep();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let entered;
    const inside = new Promise((resolve) => (entered = resolve));
    const slow = createXoiJobIndex({
      client: {
        listJobs: async (input) => {
          entered();
          await held;
          return client.listJobs(input);
        },
        getJob: (id) => client.getJob(id),
      },
      store,
      now: () => T0,
    });
    const rebuilding = slow.rebuild();
    await inside;
    assert.equal((await list(indexed, TECH)).source, 'live', 'not built while rebuilding');
    assert.equal((await index.sweep()).ran, false, 'one sweeper at a time');
    release();
    assert.equal((await rebuilding).built, true);
    assert.equal((await list(indexed, TECH)).source, 'index');
  });
});

describe('the xoi-job-index bin', () => {
  const bin = fileURLToPath(new URL('../../dist/npm/server/job-index/cli.js', import.meta.url));
  const run = (args, extra = {}) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        env: {
          ...process.env,
          DATABASE_URL: db.connectionString,
          XOI_API_KEY: env.cloud.credentials.apiKey,
          XOI_API_SECRET: env.cloud.credentials.apiSecret,
          XOI_ENVIRONMENT: JSON.stringify(env.hosts),
          ...extra,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });

  test('rebuild from a shell: the index is built, the routes list from it; status says so', async () => {
    const { store, indexed } = await fresh();
    // The bin's window ends now (the routes' here ends at T0, before it): a job of yesterday is in both.
    const job = seed({ label: 'From the shell', createdAt: new Date(Date.now() - DAY).toISOString() });
    assert.equal((await list(indexed, TECH)).source, 'live');
    const rebuilt = await run(['rebuild', '--schema', store.database.schema, '--json']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    const report = JSON.parse(rebuilt.stdout);
    assert.deepEqual(
      [report.command, report.built, report.status.built, report.status.jobs],
      ['rebuild', true, true, 1],
    );
    const body = await list(indexed, TECH);
    assert.deepEqual([body.source, ids(body)], ['index', [job.id]]);
    const status = await run(['status', '--schema', store.database.schema]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^XOi job index\n {2}built: yes, fresh: yes, jobs: 1\n/);
  });

  test('bad arguments or a missing setting: exit 2 and one line saying what is wrong', async () => {
    const bad = [
      [['rebuild', 'now'], {}, /the command is rebuild, sweep or status/],
      [['--lookback-days', 'ninety', 'status'], {}, /--lookback-days must be a whole number/],
      [['sweep'], { XOI_API_SECRET: '' }, /set XOI_API_SECRET in the environment/],
      [['sweep'], { XOI_ENVIRONMENT: 'stage' }, /XOI_ENVIRONMENT must be staging, production or the hosts as JSON/],
    ];
    for (const [args, extra, message] of bad) {
      const r = await run(args, extra);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});

test('bad options are refused at creation', async () => {
  const store = await open();
  const { client } = clientFor(env);
  assert.throws(() => createXoiJobIndex({ client, store, sweepIntervalMs: 10 }), /sweepIntervalMs must be an integer/);
  assert.throws(() => createXoiJobIndex({ client: {}, store }), /client must be an XOi client/);
  assert.throws(() => createXoiJobIndex({ client, store: {} }), /store must be createPostgresStore's/);
  assert.throws(() => createXoiJobIndex({ client, store, lookbackDays: -1 }), /lookbackDays must be/);
  assert.throws(() => createXoiJobIndex({ client, store, onError: 1 }), /onError must be a function/);
});
