// The appointment sync on two back-office servers (real processes, test/node/fixtures/
// appointment-instance.mjs) sharing one PostgreSQL database and one mock XOi Cloud: upserts of the
// same appointments arriving at both at once still make exactly one XOi job per appointment, and
// the back office receives its notes once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { createPostgresStore } from '../../dist/npm/server/index.js';
import { postgresUrl, uniqueSchema } from './database-helpers.mjs';
import { startCloud } from './xoi-cloud-helpers.mjs';

const INSTANCE = fileURLToPath(new URL('./fixtures/appointment-instance.mjs', import.meta.url));
const TECH = 'jane.tech@example.com';

// At the top level: a cluster this file starts lives until the file ends.
const url = await postgresUrl();
// XOi answers slowly enough that both instances' workers are mid-call together.
const env = await startCloud({ latencyMs: 40 });
const children = new Set();
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await env.close();
});

function start(name, schema) {
  const child = spawn(process.execPath, [INSTANCE], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      XOI_SCHEMA: schema,
      XOI_HOSTS: JSON.stringify(env.hosts),
      INSTANCE: name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
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

async function eventually(check, what, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const upsert = async (instance, appointment) => {
  const response = await fetch(`${instance.origin}/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(appointment),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
};

test('two instances, 12 appointments each upserted 6 times at once across both (two addresses): one createJob and one XOi job each, the stored address in XOi, the notes delivered once', async () => {
  const schema = uniqueSchema('apmp');
  const observer = await createPostgresStore({ connectionString: url, schema, maxConnections: 2 });
  after(async () => {
    await observer.database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await observer.database.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`).catch(() => {});
    await observer.close();
  });
  const instances = await Promise.all([start('a', schema), start('b', schema)]);
  after(async () => {
    for (const i of instances) i.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exited));
  });
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const appointments = Array.from({ length: 12 }, (_, i) => ({
    id: `SA-MP-${stamp}-${i}`,
    technicianEmail: TECH,
    workOrderNumber: `WO-MP-${i}`,
    customerName: 'Café Nuñez',
    jobLocation: '12 Rue de la Paix',
    status: 'scheduled',
  }));
  await Promise.all(
    appointments.flatMap((a) =>
      Array.from({ length: 6 }, (_, k) =>
        upsert(instances[k % 2], { ...a, jobLocation: k % 3 === 2 ? '1 Main St' : a.jobLocation }),
      ),
    ),
  );

  const records = await eventually(async () => {
    const all = await Promise.all(appointments.map((a) => observer.appointments.get(a.id)));
    return all.every((r) => r?.state === 'synced') && all;
  }, 'every appointment to be synced');
  // Synced is recorded after the delivery; a version still queued would have made it waiting again.
  await eventually(async () => {
    const { rows } = await observer.database.query(
      `SELECT count(*)::int AS n FROM ${schema}_queue.job WHERE state IN ('created', 'retry', 'active')`,
    );
    return rows[0].n === 0;
  }, 'the queue to be idle');

  for (const [i, a] of appointments.entries()) {
    const creates = env.cloud.requests.filter(
      (r) => r.operation === 'CreateJob' && JSON.stringify(r.variables ?? {}).includes(JSON.stringify(a.id)),
    );
    assert.equal(creates.length, 1, `createJob once for ${a.id}`);
    const jobs = env.cloud.listJobs().filter((j) => j.externalId === a.id);
    assert.equal(jobs.length, 1, `one XOi job for ${a.id}`);
    assert.equal(jobs[0].id, records[i].jobId);
    assert.equal(jobs[0].jobLocation, records[i].appointment.jobLocation, 'XOi has the stored version');
  }
  const { rows } = await observer.database.query(
    `SELECT appointment_id, count(*)::int AS n FROM ${schema}.delivered GROUP BY appointment_id ORDER BY 1`,
  );
  assert.deepEqual(
    rows.map((r) => [r.appointment_id, r.n]),
    appointments.map((a) => [a.id, 1]).sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    'the notes reached the back office once per appointment',
  );
});
