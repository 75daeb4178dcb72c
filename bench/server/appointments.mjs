/**
 * Issue 20's benchmark: the appointment sync (createAppointmentSync) on PGlite and on a PostgreSQL
 * server, with the mock XOi Cloud adding 150 ms to every XOi call, against a naive sequential loop
 * (what a vendor writes without it: for each appointment, createJob, build the notes, deliver
 * them) measured in the same run.
 *
 * The naive loop makes 3 XOi calls per appointment (the connector's createJob, getJob,
 * getJobSummary); the sync makes 1 (a new job's notes come from createJob's answer), so its
 * speed-up is concurrency × fewer calls: at equal calls the ceiling would be 8×.
 *
 * - sync: 1,000 scheduled appointments upserted (16 upserts at a time, as a back office would
 *   push them), each synced: its XOi job created (public share on) and its notes delivered. Total
 *   time, throughput, per appointment from its first XOi call to its notes delivered (p50/p95; the
 *   time waiting in the queue is in the total), XOi requests per appointment, and a check that no
 *   appointment got two jobs (createJob requests and XOi jobs per externalId).
 * - notifications: 100 of those jobs complete in XOi with a transcript (silently), then their
 *   `job_update` notifications (traits transcript, processed) arrive at 20 per second: received →
 *   the new notes (with the XOi Transcript note) delivered, p50/p95.
 */
import http from 'node:http';
import os from 'node:os';
import { createXoiCloud } from '../../dist/npm/mock/xoi-cloud.js';
import {
  buildAppointmentNotes,
  createAppointmentSync,
  createEmbeddedPostgres,
  createPostgresStore,
  createXoiClient,
  createXoiNotifications,
  createXoiQueue,
} from '../../dist/npm/server/index.js';

export const title = 'Appointment sync: automatic jobs and notes (issue 20)';

const LATENCY_MS = 150;
/** `--appointments=N` for a quick look; the table in bench/RESULTS.md is the default's. */
let APPOINTMENTS = 1000;
const CONCURRENCY = 8;
const UPSERTS_AT_ONCE = 16;
const NOTIFICATIONS = 100;
const NOTIFICATIONS_PER_SECOND = 20;
const TECH = 'bench.tech@example.com';
const SECRET = 'bench-appointment-notification-secret';

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

let runs = 0;
const appointmentsFor = (prefix) =>
  Array.from({ length: APPOINTMENTS }, (_, i) => ({
    id: `${prefix}-${i}`,
    technicianEmail: TECH,
    workOrderNumber: `WO-${prefix}-${i}`,
    customerName: 'Bench Customer',
    jobLocation: `${i} Bench St`,
    scheduledStart: '2026-03-18T13:00:00.000Z',
    status: 'scheduled',
  }));

/** XOi requests about these appointments (by externalId, or by the jobs made for them). */
function xoiCheck(mock, appointments, callsBefore) {
  const ids = new Set(appointments.map((a) => a.id));
  const creates = new Map();
  for (const r of mock.cloud.requests.slice(callsBefore)) {
    const externalId = r.operation === 'CreateJob' ? r.variables?.input?.newJob?.externalId : undefined;
    if (ids.has(externalId)) creates.set(externalId, (creates.get(externalId) ?? 0) + 1);
  }
  const jobs = new Map();
  for (const job of mock.cloud.listJobs()) {
    if (ids.has(job.externalId)) jobs.set(job.externalId, (jobs.get(job.externalId) ?? 0) + 1);
  }
  const twice = [...ids].filter((id) => (creates.get(id) ?? 0) !== 1 || jobs.get(id) !== 1);
  if (twice.length) throw new Error(`appointments without exactly one createJob and one job: ${twice.slice(0, 5)}`);
  return (mock.cloud.requests.length - callsBefore) / appointments.length;
}

/**
 * What a vendor writes without the sync, after XOi's Dynamics connector: one appointment after the
 * other, createJob (public share on), then getJob + getJobSummary to build the note.
 */
async function naiveRun(mock) {
  const client = createXoiClient({ ...mock.cloud.credentials, environment: mock.hosts });
  await client.findUserByEmail(TECH); // token and directory warmed, as for the sync
  const appointments = appointmentsFor(`naive-${++runs}`);
  const delivered = new Map();
  const times = [];
  const calls = mock.cloud.requests.length;
  const started = performance.now();
  for (const a of appointments) {
    const t0 = performance.now();
    if (!(await client.findUserByEmail(a.technicianEmail))) throw new Error('unknown technician');
    const { job, shareLink } = await client.createJob({
      technicianEmail: a.technicianEmail,
      workOrderNumber: a.workOrderNumber,
      customerName: a.customerName,
      jobLocation: a.jobLocation,
      label: `${a.workOrderNumber} - ${a.customerName}`,
      externalId: a.id,
      createPublicShare: true,
    });
    // Notes as the Dynamics connector builds its note (docs/xoi-api-notes.md §9): the job and its summary.
    const read = await client.getJob(job.id);
    const summary = await client.getJobSummary(job.id);
    delivered.set(a.id, buildAppointmentNotes(read, summary, shareLink));
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    calls: xoiCheck(mock, appointments, calls),
  };
}

async function backend(kind, mock, postgresUrl) {
  const client = createXoiClient({ ...mock.cloud.credentials, environment: mock.hosts });
  const firstCall = new Map();
  const timed = {
    ...client,
    createJob: (input) => {
      if (!firstCall.has(input.externalId)) firstCall.set(input.externalId, performance.now());
      return client.createJob(input);
    },
  };
  const embedded = kind === 'PGlite' ? await createEmbeddedPostgres({ dataDir: 'memory://' }) : null;
  const store = await createPostgresStore({
    connectionString: embedded ? embedded.connectionString : postgresUrl,
    schema: `bench_ap_${kind.toLowerCase()}_${Date.now().toString(36)}`,
  });
  const queue = await createXoiQueue(store.database, { pollingIntervalMs: 500 });
  const notifications = createXoiNotifications({ secret: SECRET, store, queue, delivery: { concurrency: 8 } });
  const deliveries = new Map();
  const sync = createAppointmentSync({
    client: timed,
    store,
    queue,
    notifications,
    concurrency: CONCURRENCY,
    deliverNotes: (id, notes) => {
      const list = deliveries.get(id) ?? [];
      list.push({ at: performance.now(), titles: notes.notes.map((n) => n.title) });
      deliveries.set(id, list);
    },
    onError: (error, { appointmentId }) => console.error(`bench: sync error for ${appointmentId}:`, error.message),
  });
  await Promise.all([sync.ready, notifications.ready]);
  await client.findUserByEmail(TECH);
  return {
    kind,
    sync,
    notifications,
    deliveries,
    firstCall,
    async close() {
      await queue.stop();
      await store.database.query(`DROP SCHEMA ${store.database.schema} CASCADE`);
      await store.database.query(`DROP SCHEMA ${store.database.schema}_queue CASCADE`);
      await store.close();
      await embedded?.close();
    },
  };
}

async function syncRun(b, mock) {
  const appointments = appointmentsFor(`${b.kind}-${++runs}`);
  const calls = mock.cloud.requests.length;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: UPSERTS_AT_ONCE }, async () => {
      while (next < appointments.length) await b.sync.upsert(appointments[next++]);
    }),
  );
  const deadline = Date.now() + 600_000;
  const done = () => appointments.every((a) => b.deliveries.has(a.id));
  while (!done() && Date.now() < deadline) await sleep(20);
  if (!done()) throw new Error(`${b.kind}: not every appointment synced within 10 minutes`);
  const seconds = (performance.now() - started) / 1000;
  const times = appointments.map((a) => b.deliveries.get(a.id)[0].at - b.firstCall.get(a.id));
  // The last run records its end just after its delivery.
  const synced = async () => (await b.sync.status()).counts.synced;
  while ((await synced()) < APPOINTMENTS && Date.now() < deadline) await sleep(20);
  if ((await synced()) < APPOINTMENTS) throw new Error(`${b.kind}: ${await synced()} synced, expected ${APPOINTMENTS}`);
  return {
    appointments,
    seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    calls: xoiCheck(mock, appointments, calls),
  };
}

async function notificationRun(b, mock, appointments) {
  mock.cloud.setNotifyUrl(null);
  const jobs = [];
  for (const a of appointments.slice(0, NOTIFICATIONS)) {
    const jobId = (await b.sync.get(a.id)).jobId;
    mock.cloud.completeJob(jobId);
    mock.cloud.addTranscript(jobId, `Transcript for ${a.id}: compressor replaced.`);
    jobs.push({ id: a.id, jobId });
  }
  const sent = new Map();
  const answers = [];
  for (const { id, jobId } of jobs) {
    const payload = mock.cloud.notification('job_update', jobId, { traits: ['transcript', 'processed'] });
    sent.set(id, performance.now());
    answers.push(
      b.notifications.handle(
        new Request(`https://fsm.example/xoi/notifications?key=${SECRET}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        }),
      ),
    );
    await sleep(1000 / NOTIFICATIONS_PER_SECOND);
  }
  for (const response of await Promise.all(answers)) {
    if (response.status !== 200) throw new Error(`notification: HTTP ${response.status}`);
  }
  const transcript = (id) => b.deliveries.get(id).find((d) => d.titles.includes('XOi Transcript'));
  const deadline = Date.now() + 120_000;
  while (jobs.some((j) => !transcript(j.id)) && Date.now() < deadline) await sleep(20);
  if (jobs.some((j) => !transcript(j.id))) throw new Error(`${b.kind}: not every transcript note delivered`);
  const times = jobs.map((j) => transcript(j.id).at - sent.get(j.id));
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export default async function run({ postgresUrl, log, args = {} }) {
  APPOINTMENTS = Number(args.appointments ?? 1000);
  const mock = await startMock();
  const results = {};
  try {
    log(`appointments: naive sequential loop, ${APPOINTMENTS} appointments`);
    results.naive = await naiveRun(mock);
    for (const kind of ['PGlite', 'PostgreSQL']) {
      log(`appointments: ${kind}`);
      const b = await backend(kind, mock, postgresUrl);
      try {
        const sync = await syncRun(b, mock);
        results[kind] = { ...sync, notifications: await notificationRun(b, mock, sync.appointments) };
      } finally {
        await b.close();
      }
    }
  } finally {
    await mock.close();
  }
  const naive = results.naive;
  const rows = ['| | naive sequential loop (baseline) | PGlite (embedded) | PostgreSQL 15 |', '|---|--:|--:|--:|'];
  const row = (label, pick, format, ratio) =>
    rows.push(
      `| ${label} | ${pick(naive) === undefined ? '—' : format(pick(naive))} | ${['PGlite', 'PostgreSQL']
        .map((k) => `${format(pick(results[k]))}${ratio ? ` (${ratio(pick(naive), pick(results[k]))})` : ''}`)
        .join(' | ')} |`,
    );
  row(
    `${APPOINTMENTS.toLocaleString('en')} appointments synced (job + notes), total`,
    (r) => r.seconds,
    (v) => `${v.toFixed(1)} s`,
    (base, v) => `${(base / v).toFixed(1)}× faster`,
  );
  row(
    'appointments per second',
    (r) => APPOINTMENTS / r.seconds,
    (v) => v.toFixed(1),
  );
  row('per appointment, first XOi call → notes delivered, p50', (r) => r.p50, ms);
  row('per appointment, p95', (r) => r.p95, ms);
  row(
    'XOi requests per appointment',
    (r) => r.calls,
    (v) => v.toFixed(2),
  );
  row('appointments with two jobs', () => 0, String);
  row(
    `notification → new notes delivered p50 (${NOTIFICATIONS} at ${NOTIFICATIONS_PER_SECOND}/s)`,
    (r) => r.notifications?.p50,
    ms,
  );
  row('notification → new notes delivered p95', (r) => r.notifications?.p95, ms);
  return [
    `With the mock XOi Cloud adding ${LATENCY_MS} ms to every XOi call: ${APPOINTMENTS.toLocaleString('en')} scheduled ` +
      `appointments upserted ${UPSERTS_AT_ONCE} at a time into \`createAppointmentSync\` (concurrency ${CONCURRENCY}), ` +
      'each synced when its XOi job exists (public share on) and its notes were delivered, against a naive loop doing ' +
      "the same one appointment after the other as XOi's Dynamics connector does (createJob, then getJob + " +
      "getJobSummary to build the notes, deliver) in the same run. The sync builds a new job's notes from " +
      "createJob's answer (1 XOi request instead of 3): its speed-up is its concurrency times that; at equal " +
      'requests per appointment the ceiling would be 8×. "Per ' +
      'appointment" is the work on it, without its wait in the queue (that is in the total). Two jobs: checked ' +
      'per externalId (createJob requests and XOi jobs), the run fails otherwise. Then ' +
      `${NOTIFICATIONS} of those jobs complete with a transcript and their \`job_update\` notifications arrive at ` +
      `${NOTIFICATIONS_PER_SECOND} per second: received → the notes with the XOi Transcript note delivered ` +
      `(the naive loop has no notifications). 1-minute load average at the end: ${os.loadavg()[0].toFixed(1)} on ` +
      `${os.availableParallelism()} cores; compare within one run.`,
    '',
    ...rows,
  ].join('\n');
}
