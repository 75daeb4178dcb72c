/**
 * Issue 19's benchmark: the durable tier's link requests and change notifications on PGlite and on
 * a PostgreSQL server, with the mock XOi Cloud adding 150 ms to every XOi call, against the same
 * work on the in-memory stores (one process, nothing durable) measured in the same run.
 *
 * - links: 48 work orders linked to 48 jobs, 8 requests at a time, through createXoiRoutes (each
 *   link reads the job, updates it and makes a share in XOi): links per second, request p50/p95.
 * - notifications: 100 `job_update` notifications at 20 per second; each listener reads the job
 *   from XOi (a hint, not the truth). Answer p50/p95 (what XOi waits for), and received → handler
 *   done p50/p95. In memory the answer waits for the listener; durable answers once recorded and
 *   queued, and a queue worker runs the listener.
 */
import http from 'node:http';
import os from 'node:os';
import { createXoiCloud } from '../../dist/npm/mock/xoi-cloud.js';
import {
  createEmbeddedPostgres,
  createMemoryLinkStore,
  createPostgresStore,
  createXoiClient,
  createXoiNotifications,
  createXoiQueue,
  createXoiRoutes,
} from '../../dist/npm/server/index.js';

export const title = 'Durable tier: links and notifications (issue 19)';

const LATENCY_MS = 150;
const LINKS = 48;
const LINK_CONCURRENCY = 8;
const NOTIFICATIONS = 100;
const NOTIFICATIONS_PER_SECOND = 20;
const TECH = 'bench.tech@example.com';
const SECRET = 'bench-notification-secret';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value) => `${Math.round(value)} ms`;
const sleep = (time) => new Promise((resolve) => setTimeout(resolve, time));

async function startMock() {
  const cloud = createXoiCloud({ latencyMs: LATENCY_MS, users: [{ email: TECH }] });
  const server = http.createServer((req, res) => cloud.middleware(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { cloud, hosts: cloud.hostsFor(origin), close: () => new Promise((r) => server.close(r)) };
}

/** One backend's pieces: the link store, and notifications with one listener reading the job. */
async function backend(kind, mock, postgresUrl) {
  const client = createXoiClient({ ...mock.cloud.credentials, environment: mock.hosts });
  const done = new Map();
  const listen = (notifications) =>
    notifications.on('job-updated', async (event) => {
      await client.getJob(event.jobId);
      done.set(event.jobId, performance.now());
    });
  if (kind === 'memory') {
    const notifications = createXoiNotifications({ secret: SECRET });
    listen(notifications);
    return { client, links: createMemoryLinkStore(), notifications, done, close: async () => {} };
  }
  const embedded = kind === 'PGlite' ? await createEmbeddedPostgres({ dataDir: 'memory://' }) : null;
  const store = await createPostgresStore({
    connectionString: embedded ? embedded.connectionString : postgresUrl,
    schema: `bench_${kind.toLowerCase()}_${Date.now().toString(36)}`,
  });
  const queue = await createXoiQueue(store.database, { pollingIntervalMs: 500 });
  const notifications = createXoiNotifications({ secret: SECRET, store, queue, delivery: { concurrency: 8 } });
  listen(notifications);
  await notifications.ready;
  return {
    client,
    links: store.links,
    notifications,
    done,
    async close() {
      await queue.stop();
      await store.database.query(`DROP SCHEMA ${store.database.schema} CASCADE`);
      await store.database.query(`DROP SCHEMA ${store.database.schema}_queue CASCADE`);
      await store.close();
      await embedded?.close();
    },
  };
}

async function linkRun(b, mock) {
  const routes = createXoiRoutes(b.client, b.links, {
    technician: () => TECH,
    workOrder: (id) => ({ workOrderNumber: id, customerName: 'Bench Customer', jobLocation: '1 Bench St' }),
    onError: (error) => console.error('bench: unexpected route error', error),
  });
  const jobs = Array.from({ length: LINKS }, () => mock.cloud.seedJob({ technicianEmail: TECH, completed: true }));
  // A first request warms the token and the user directory: every backend starts equal.
  await b.client.findUserByEmail(TECH);
  const times = [];
  const calls = mock.cloud.requests.length;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: LINK_CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const t0 = performance.now();
        const response = await routes(
          new Request(`https://fsm.example/xoi/work-orders/BENCH-${job.id}/link`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ jobId: job.id }),
          }),
        );
        if (response.status !== 201)
          throw new Error(`link ${job.id}: HTTP ${response.status} ${await response.text()}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: LINKS / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    calls: (mock.cloud.requests.length - calls) / LINKS,
  };
}

async function notificationRun(b, mock) {
  const jobs = Array.from({ length: NOTIFICATIONS }, () =>
    mock.cloud.seedJob({ technicianEmail: TECH, completed: true }),
  );
  const sent = new Map();
  const answers = [];
  const pending = [];
  for (const job of jobs) {
    const payload = mock.cloud.notification('job_update', job.id, { traits: ['transcript', 'processed'] });
    sent.set(job.id, performance.now());
    pending.push(
      b.notifications
        .handle(
          new Request(`https://fsm.example/xoi/notifications?key=${SECRET}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(payload),
          }),
        )
        .then((response) => {
          if (response.status !== 200) throw new Error(`notification: HTTP ${response.status}`);
          answers.push(performance.now() - sent.get(job.id));
        }),
    );
    await sleep(1000 / NOTIFICATIONS_PER_SECOND);
  }
  await Promise.all(pending);
  const deadline = Date.now() + 120_000;
  while (b.done.size < jobs.length && Date.now() < deadline) await sleep(50);
  if (b.done.size < jobs.length) throw new Error(`only ${b.done.size} of ${jobs.length} notifications handled`);
  const handled = jobs.map((job) => b.done.get(job.id) - sent.get(job.id));
  return {
    answerP50: percentile(answers, 50),
    answerP95: percentile(answers, 95),
    doneP50: percentile(handled, 50),
    doneP95: percentile(handled, 95),
  };
}

export default async function run({ postgresUrl, log }) {
  const mock = await startMock();
  const results = {};
  try {
    for (const kind of ['memory', 'PGlite', 'PostgreSQL']) {
      log(`durable: ${kind}`);
      const b = await backend(kind, mock, postgresUrl);
      try {
        results[kind] = { links: await linkRun(b, mock), notifications: await notificationRun(b, mock) };
      } finally {
        await b.close();
      }
    }
  } finally {
    await mock.close();
  }
  const base = results.memory;
  const rows = [];
  rows.push('| | memory (baseline, not durable) | PGlite (embedded) | PostgreSQL 15 |');
  rows.push('|---|--:|--:|--:|');
  const row = (label, pick, format, ratio = true) =>
    rows.push(
      `| ${label} | ${format(pick(base))} | ${['PGlite', 'PostgreSQL']
        .map((k) => `${format(pick(results[k]))}${ratio ? ` (${(pick(results[k]) / pick(base)).toFixed(2)}×)` : ''}`)
        .join(' | ')} |`,
    );
  row(
    'links per second (8 at a time)',
    (r) => r.links.perSecond,
    (v) => v.toFixed(1),
  );
  row('link request p50', (r) => r.links.p50, ms);
  row('link request p95', (r) => r.links.p95, ms);
  row(
    'XOi requests per link',
    (r) => r.links.calls,
    (v) => v.toFixed(1),
  );
  row('notification answered p50 (what XOi waits for)', (r) => r.notifications.answerP50, ms);
  row('notification answered p95', (r) => r.notifications.answerP95, ms);
  row('notification received → handler done p50', (r) => r.notifications.doneP50, ms);
  row('notification received → handler done p95', (r) => r.notifications.doneP95, ms);
  return [
    `With the mock XOi Cloud adding ${LATENCY_MS} ms to every XOi call: ${LINKS} links, ${LINK_CONCURRENCY} at a time, ` +
      `through \`createXoiRoutes\` (each reads the job, updates it, makes a share), and ${NOTIFICATIONS} ` +
      `\`job_update\` notifications at ${NOTIFICATIONS_PER_SECOND} per second whose listener reads the job from XOi. ` +
      'In memory the answer waits for the listener; durable answers once the notification is recorded and queued, ' +
      'and a queue worker (8 at a time) runs the listener. Ratios are against the memory row of the same run ' +
      `(1-minute load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores; ` +
      'the three backends share the machine with whatever else runs, so compare within one run).',
    '',
    ...rows,
  ].join('\n');
}
