/**
 * The technician's job list (issue 21): from the job index against XOi's live listing, in the same
 * run, against the mock XOi Cloud holding 100,000 organisation jobs with 150 ms per XOi call
 * (`latencyMs`). On PGlite and PostgreSQL 15: the list's p50/p95 and XOi calls per request,
 * whether any job is missing, a notification until the job is listed (durable delivery: recorded,
 * queued, a worker reads the job), the build, and the sweep's XOi calls per hour at steady state.
 * The live listing is measured once (it does not depend on the database) on fewer requests: each
 * takes seconds. Nothing here asserts a time.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createXoiCloud } from '../../dist/npm/mock/xoi-cloud.js';
import {
  createEmbeddedPostgres,
  createPostgresStore,
  createXoiClient,
  createXoiJobIndex,
  createXoiNotifications,
  createXoiQueue,
  createXoiRoutes,
  toNodeHandler,
} from '../../dist/npm/server/index.js';

export const title = 'Job index: the technician’s job list at 100,000 organisation jobs (issue 21)';

const JOBS = 100_000;
const TECHNICIANS = 200;
const LATENCY_MS = 150;
const DAY = 86_400_000;
const INDEX_REQUESTS = 200;
const LIVE_REQUESTS = 10;
const COMPLETE_REQUESTS = 3;
const NOTIFICATIONS = 20;
const SWEEPS = 5;
const HOOK_KEY = 'bench-notification-secret';

const techs = Array.from({ length: TECHNICIANS }, (_, i) => `tech${String(i).padStart(3, '0')}@org.example`);
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const p5095 = (values) => `${ms(quantile(values, 0.5))} / ${ms(quantile(values, 0.95))} ms`;

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The mock with 100,000 jobs of 200 technicians over 89 days, a third completed: seeded in process. */
async function organisation(log) {
  const now = Date.now();
  const cloud = createXoiCloud({ users: techs.map((email) => ({ email })) });
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) {
    const createdAt = now - 60_000 - (i * 89 * DAY) / JOBS;
    cloud.seedJob({
      technicianEmail: techs[i % TECHNICIANS],
      label: `${10000 + i} - ${i % 7 ? 'ABC Corp' : 'Café Nuñez'}`,
      createdAt: new Date(createdAt).toISOString(),
      // Completed a few hours after creation, as the week goes, not all at the moment of seeding.
      ...(i % 3 === 0 && { completed: new Date(Math.min(now - 30_000, createdAt + 3 * 3_600_000)).toISOString() }),
    });
  }
  log(`job-index: ${JOBS} jobs seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const mock = await listen((req, res) => cloud.middleware(req, res));
  return { cloud, mock, origin: `http://127.0.0.1:${mock.address().port}` };
}

const clientOf = (cloud, origin) => createXoiClient({ ...cloud.credentials, environment: cloud.hostsFor(origin) });

function routesOf(client, store, jobIndex, extra = {}) {
  return createXoiRoutes(client, store.links, {
    technician: (request) => request.headers.get('x-tech'),
    workOrder: () => ({ workOrderNumber: 'WO-1', customerName: 'ABC Corp', jobLocation: '1 Main St' }),
    ...(jobIndex && { jobIndex }),
    ...extra,
  });
}

async function list(routes, tech, query = '') {
  const response = await routes(
    new Request(`http://fsm.example/xoi/work-orders/WO-1/jobs${query}`, { headers: { 'x-tech': tech } }),
  );
  if (response.status !== 200) throw new Error(`list answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Every page: the ids (from the index only when `source` says so). */
async function allIds(routes, tech, source) {
  const ids = [];
  let cursor = null;
  do {
    const body = await list(routes, tech, cursor ? `?cursor=${cursor}` : '');
    if (body.source !== source) throw new Error(`a page came from ${body.source}, not ${source}`);
    ids.push(...body.jobs.map((j) => j.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

/** `count` requests of `routes` for technicians in turn: times, XOi calls per request, the answers. */
async function timed(cloud, routes, count, query = '') {
  const times = [];
  const answers = [];
  const calls = cloud.requests.length;
  for (let i = 0; i < count; i++) {
    const tech = techs[(i * 37) % TECHNICIANS];
    const started = performance.now();
    answers.push({ tech, body: await list(routes, tech, query) });
    times.push(performance.now() - started);
  }
  return { times, answers, callsPerRequest: (cloud.requests.length - calls) / count };
}

/** A job completed in XOi → its notification → listed by the routes: ms each. */
async function notificationToListed(cloud, routes) {
  const times = [];
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const tech = techs[i];
    const job = cloud.seedJob({ technicianEmail: tech, label: `notified ${i}` });
    const started = performance.now();
    cloud.completeJob(job.id);
    for (;;) {
      const body = await list(routes, tech, '?label=notified');
      if (body.jobs.some((j) => j.id === job.id && j.completedAt)) break;
      if (performance.now() - started > 30_000) throw new Error('the notified job was never listed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.push(performance.now() - started);
  }
  return times;
}

/** Sweeps at steady state, a little new work between them (the organisation's pace, ~1 job a minute). */
async function steadySweeps(cloud, index) {
  const reports = [];
  for (let i = 0; i < SWEEPS; i++) {
    const job = cloud.seedJob({ technicianEmail: techs[i], label: `steady ${i}` });
    if (i % 2) cloud.completeJob(job.id);
    const started = performance.now();
    reports.push({ ...(await index.sweep()), ms: performance.now() - started });
  }
  return reports;
}

/** One database: its index built, the list timed, notifications timed, the sweep counted. */
async function onDatabase(name, database, { cloud, origin }, log) {
  const store = await createPostgresStore({ ...database, maxConnections: 8 });
  const queue = await createXoiQueue(store.database, { pollingIntervalMs: 500 });
  const client = clientOf(cloud, origin);
  try {
    const notifications = createXoiNotifications({ secret: HOOK_KEY, store, queue });
    // Sweeps by hand here, so that each is counted; in a server the queue runs them.
    const index = createXoiJobIndex({ client, store, notifications, maxPagesPerSweep: 1000 });
    await notifications.ready;
    const hook = await listen(toNodeHandler(notifications.handle));
    cloud.setNotifyUrl(`http://127.0.0.1:${hook.address().port}/?key=${HOOK_KEY}`);

    const calls = cloud.requests.length;
    let started = performance.now();
    const build = await index.sweep();
    const buildSeconds = (performance.now() - started) / 1000;
    log(`job-index: ${name}: built in ${buildSeconds.toFixed(1)} s, ${cloud.requests.length - calls} XOi calls`);
    const routes = routesOf(client, store, index);
    await list(routes, techs[0]); // the client's users directory, read once per usersCacheTtlMs
    const first = await timed(cloud, routes, INDEX_REQUESTS);
    const filtered = await timed(cloud, routes, INDEX_REQUESTS, '?label=cafe');
    if (first.answers.some((a) => a.body.source !== 'index')) throw new Error('a list did not come from the index');
    started = performance.now();
    const notified = await notificationToListed(cloud, routes);
    log(`job-index: ${name}: ${NOTIFICATIONS} notifications in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const sweeps = await steadySweeps(cloud, index);
    await new Promise((resolve) => hook.close(resolve));
    cloud.setNotifyUrl(null);
    return { name, store, client, index, routes, build, buildSeconds, first, filtered, notified, sweeps };
  } finally {
    await queue.stop().catch(() => {});
  }
}

/** The live listing as the routes do it without an index: the default bound, and complete. */
async function live(cloud, origin, store, log) {
  const client = clientOf(cloud, origin);
  const bounded = routesOf(client, store, null);
  await list(bounded, techs[0]);
  const started = performance.now();
  const capped = await timed(cloud, bounded, LIVE_REQUESTS);
  log(`job-index: live listing, ${LIVE_REQUESTS} requests in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const complete = routesOf(client, store, null, { pageSize: 1000, maxPages: 1000, listLimit: 1000 });
  const whole = await timed(cloud, complete, COMPLETE_REQUESTS);
  return { capped, whole };
}

export default async function run({ postgresUrl, log }) {
  const org = await organisation(log);
  // The mock's own work per full-window listJobs at 100,000 jobs, without latency (it adds to the live listing's time).
  const probe = clientOf(org.cloud, org.origin);
  await probe.listJobs({ limit: 1 });
  const own = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await probe.listJobs({ limit: 100, dateQuery: { type: 'CREATED_AT', gte: new Date(Date.now() - 90 * DAY) } });
    own.push(performance.now() - started);
  }
  org.cloud.setLatency(LATENCY_MS);

  const embedded = await createEmbeddedPostgres({ dataDir: 'memory://' });
  const schema = `bji_${process.pid}`; // short: pg-boss derives longer names from it
  const results = [];
  try {
    results.push(await onDatabase('PGlite', { connectionString: embedded.connectionString }, org, log));
    results.push(await onDatabase('PostgreSQL 15', { connectionString: postgresUrl, schema }, org, log));
    const pg = results[1];
    const { capped, whole } = await live(org.cloud, org.origin, pg.store, log);
    // No job missing: the index's every page against the complete live listing, per technician.
    const missing = [];
    // The live listing took minutes: a sweep first, so that the index is caught up (fresh) again.
    for (const r of results) await r.index.sweep();
    for (const { tech, body } of whole.answers) {
      const fromXoi = body.jobs.map((j) => j.id);
      for (const r of results) {
        const fromIndex = await allIds(r.routes, tech, 'index');
        missing.push({
          db: r.name,
          tech,
          index: fromIndex.length,
          xoi: fromXoi.length,
          same: fromIndex.join() === fromXoi.join(),
        });
      }
    }
    const cappedMissing = capped.answers.map(({ body }) => body.jobs.length);
    return table(results, capped, whole, missing, cappedMissing, own);
  } finally {
    for (const r of results) {
      if (r.name.startsWith('PostgreSQL'))
        await r.store.database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      if (r.name.startsWith('PostgreSQL'))
        await r.store.database.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`).catch(() => {});
      await r.store.close().catch(() => {});
    }
    await embedded.close().catch(() => {});
    org.mock.close();
  }
}

function table(results, capped, whole, missing, cappedShown, own) {
  const perTech = JOBS / TECHNICIANS;
  const [a, b] = results;
  const row = (label, f) => `| ${label} | ${f(a)} | ${f(b)} |`;
  const sweepCalls = (r) => r.sweeps.reduce((n, s) => n + s.calls, 0) / r.sweeps.length;
  const complete = missing.every((m) => m.same);
  return [
    `The mock XOi Cloud holds ${JOBS.toLocaleString('en')} jobs of ${TECHNICIANS} technicians (${perTech} each) over 89 days, ` +
      `a third completed, and waits ${LATENCY_MS} ms before every XOi call. Its own work per full-window listJobs ` +
      `is ${p5095(own)} (p50 / p95, without latency): it adds to each live call. Requests go to createXoiRoutes in process ` +
      `(no HTTP between browser and routes); each asks for one technician's first page (50 jobs).`,
    '',
    `| technician's list | ${a.name} | ${b.name} |`,
    '|---|---|---|',
    row(`from the index, p50 / p95 (${INDEX_REQUESTS} requests)`, (r) => p5095(r.first.times)),
    row(`from the index, label "cafe" (accents ignored), p50 / p95`, (r) => p5095(r.filtered.times)),
    row('XOi calls per request, from the index', (r) => r.first.callsPerRequest.toFixed(2)),
    row(`jobs missing, index (every page) vs the complete live listing (${COMPLETE_REQUESTS} technicians)`, (r) =>
      missing.filter((m) => m.db === r.name).every((m) => m.same) ? '0' : 'DIFFERENT',
    ),
    row(`notification → job listed, p50 / p95 (${NOTIFICATIONS}, durable delivery)`, (r) => p5095(r.notified)),
    row('build (first sweep): time, XOi calls', (r) => `${r.buildSeconds.toFixed(1)} s, ${r.build.calls}`),
    row(
      `steady sweep (${SWEEPS}, ~1 new job each): XOi calls per sweep, time`,
      (r) => `${sweepCalls(r).toFixed(1)}, ${p5095(r.sweeps.map((s) => s.ms))}`,
    ),
    row('sweep XOi calls per hour at the default 60 s interval', (r) => `${(sweepCalls(r) * 60).toFixed(0)}`),
    '',
    `| live listing (no index), same run | p50 / p95 | XOi calls per request | of the technician's ${perTech} jobs, listed |`,
    '|---|---|---|---|',
    `| default bound, pageSize 100 × maxPages 10 (${LIVE_REQUESTS} requests) | ${p5095(capped.times)} | ${capped.callsPerRequest.toFixed(0)} | ${Math.min(...cappedShown)}–${Math.max(...cappedShown)} (\`truncated\`: ${capped.answers.every((x) => x.body.truncated)}) |`,
    `| complete, pageSize 1000, every page (${COMPLETE_REQUESTS} requests) | ${p5095(whole.times)} | ${whole.callsPerRequest.toFixed(0)} | ${Math.min(...whole.answers.map((x) => x.body.jobs.length))} |`,
    '',
    complete
      ? 'Every technician checked lists the same jobs, in the same order, from the index as from the complete live listing.'
      : `Index and live listing differ: ${JSON.stringify(missing.filter((m) => !m.same))}`,
    'The steady sweep reads new jobs (CREATED_AT from its cursor), completions (COMPLETED_AT from its cursor) and ' +
      'one page of the recheck pass; at 1,000 jobs a page, that pass goes through the 100,000 jobs of the window ' +
      'in 100 sweeps (100 minutes at the default interval), then checks with getJob the jobs it did not see (none here). ' +
      'Each process also reads the users directory once per usersCacheTtlMs (10 minutes): 2 calls for 200 users, ' +
      'on whichever request comes first.',
  ].join('\n');
}
