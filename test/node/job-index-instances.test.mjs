// The job index shared by two instances of a vendor's server (real processes,
// test/node/fixtures/instance.mjs with JOB_INDEX=1) on one PostgreSQL database and a mock XOi
// Cloud: both serve the technician's list from the one index, a notification delivered to one is
// listed by the other, a link made on one leaves the other's list, and the organisation is swept
// once per interval however many instances ask.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { createPostgresStore } from '../../dist/npm/server/index.js';
import { postgresUrl, uniqueSchema } from './database-helpers.mjs';
import { startCloud } from './xoi-cloud-helpers.mjs';

const INSTANCE = fileURLToPath(new URL('./fixtures/instance.mjs', import.meta.url));
const TECH = 'jane.tech@example.com';
const NOTIFY = '/notify?key=instance-notification-secret';

// At the top level: a cluster this file starts lives until the file ends.
const url = await postgresUrl();
const env = await startCloud();
const children = new Set();

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await env.close();
});

/** Starts an instance; resolves once it serves. */
function start(name, schema, extra = {}) {
  const child = spawn(process.execPath, [INSTANCE], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      XOI_SCHEMA: schema,
      XOI_HOSTS: JSON.stringify(env.hosts),
      INSTANCE: name,
      JOB_INDEX: '1',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ name, origin: `http://127.0.0.1:${m[1]}`, child, exited });
    });
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}) before serving:\n${stderr}`)));
  });
}

async function stop(instance) {
  instance.child.kill('SIGTERM');
  await instance.exited;
}

async function jobs(instance) {
  const response = await fetch(`${instance.origin}/xoi/work-orders/WO-IDX/jobs`, { headers: { 'x-test-tech': TECH } });
  assert.equal(response.status, 200);
  return response.json();
}

/** Polls until `check` resolves truthy. */
async function eventually(check, what, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function observer(schema) {
  const store = await createPostgresStore({ connectionString: url, schema, maxConnections: 2 });
  after(async () => {
    await store.database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await store.database.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`).catch(() => {});
    await store.close();
  });
  await store.database.query(`CREATE TABLE IF NOT EXISTS ${schema}.handled (
    instance text NOT NULL, key text NOT NULL, job_id text NOT NULL, label text, step text NOT NULL,
    at timestamptz NOT NULL DEFAULT now())`);
  return store;
}

test('two instances, one index: the same list on both, a notification to one listed by the other, a link on one gone from both', async () => {
  const schema = uniqueSchema('ji');
  await observer(schema);
  const seeded = Array.from({ length: 5 }, (_, i) =>
    env.cloud.seedJob({ technicianEmail: TECH, label: `Indexed ${i}`, completed: i % 2 === 0 }),
  );
  // A long interval: after the first sweep (the build), only notifications change the index.
  const [a, b] = await Promise.all([start('a', schema), start('b', schema)]);
  after(() => Promise.all([stop(a), stop(b)]));
  const first = await eventually(async () => {
    const body = await jobs(a);
    return body.source === 'index' && body;
  }, 'the index to be built');
  const ids = (body) => body.jobs.map((j) => j.id);
  assert.deepEqual(new Set(ids(first)), new Set(seeded.map((j) => j.id)));
  const fromB = await jobs(b);
  assert.equal(fromB.source, 'index');
  assert.deepEqual(ids(fromB), ids(first));

  const listCalls = () => env.cloud.requests.filter((r) => r.operation === 'ListJobs').length;
  const before = listCalls();
  const job = env.cloud.seedJob({ technicianEmail: TECH, label: 'Completed just now' });
  env.cloud.completeJob(job.id);
  const payload = env.cloud.notification('job_update', job.id);
  const posted = await fetch(a.origin + NOTIFY, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  assert.equal(posted.status, 200);
  const listed = await eventually(async () => {
    const body = await jobs(b);
    return ids(body).includes(job.id) && body;
  }, 'instance b to list the job a was notified of');
  assert.equal(listed.source, 'index');
  assert.equal(listCalls(), before, 'by the notification: no sweep, no listing');

  const linked = await fetch(`${b.origin}/xoi/work-orders/WO-IDX/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-tech': TECH },
    body: JSON.stringify({ jobId: job.id }),
  });
  assert.equal(linked.status, 201);
  assert.ok(!ids(await jobs(a)).includes(job.id), 'linked on b: gone from a at once');
});

test('two instances asking every interval: the organisation is swept once per interval, never twice at once', async () => {
  const schema = uniqueSchema('ji');
  const store = await observer(schema);
  const interval = 1000;
  const a = await start('a', schema, { SWEEP_INTERVAL_MS: String(interval) });
  // Half an interval apart, so that their timers ask at different times (in step, the lease alone would do).
  await new Promise((resolve) => setTimeout(resolve, interval / 2));
  const b = await start('b', schema, { SWEEP_INTERVAL_MS: String(interval) });
  after(() => Promise.all([stop(a), stop(b)]));
  const sweeps = async () =>
    (
      await store.database.query(
        `SELECT instance, extract(epoch FROM at) * 1000 AS ms FROM ${schema}.handled WHERE step = 'sweep' ORDER BY at`,
      )
    ).rows;
  // Two instances ask twice per interval between them; the lease and the due check let one run.
  const done = await eventually(async () => {
    const rows = await sweeps();
    return rows.length >= 6 && rows;
  }, 'six sweeps');
  for (let i = 1; i < done.length; i++) {
    const gap = Number(done[i].ms) - Number(done[i - 1].ms);
    assert.ok(gap >= 0.75 * interval - 50, `sweeps ${i - 1} and ${i} started ${gap} ms apart`);
  }
  assert.equal((await jobs(a)).source, 'index');
  assert.equal((await jobs(b)).source, 'index');
});
