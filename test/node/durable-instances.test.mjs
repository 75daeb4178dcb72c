// What matters to a vendor running the XOi Cloud tier on several servers that restart daily, with
// real processes (test/node/fixtures/instance.mjs) on one PostgreSQL database and a mock XOi Cloud:
// racing links across instances, one notification delivered to two instances and again later, an
// instance killed (-9) mid-link and mid-notification, an XOi outage, and bad input at every entry.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { createPostgresStore } from '../../dist/npm/server/index.js';
import { postgresUrl, uniqueSchema } from './database-helpers.mjs';
import { startCloud } from './xoi-cloud-helpers.mjs';

const INSTANCE = fileURLToPath(new URL('./fixtures/instance.mjs', import.meta.url));
const TECH = 'jane.tech@example.com';

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

/** XOi posts to the URL given to it, secret included (fixtures/instance.mjs). */
const NOTIFY = '/notify?key=instance-notification-secret';

function post(instance, path, body, headers = {}) {
  return fetch(instance.origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-tech': TECH, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function json(response) {
  return { status: response.status, body: await response.json() };
}

/** Polls until `check` resolves truthy (it is async or not). */
async function eventually(check, what, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The XOi calls the mock saw for one job: `[operation, status]`. */
const xoiCalls = (jobId, operation) =>
  env.cloud.requests.filter(
    (r) => r.operation === operation && JSON.stringify(r.variables ?? {}).includes(JSON.stringify(jobId)),
  );

/** A store on the test's side of the same database, to read what the instances did. */
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
  const rows = async (jobId, step) =>
    (
      await store.database.query(
        `SELECT instance, label FROM ${schema}.handled WHERE job_id = $1 AND step = $2 ORDER BY at`,
        [jobId, step],
      )
    ).rows;
  return { store, rows };
}

describe('two instances on one database', () => {
  test('10 concurrent link requests for one work order over two instances: one 201, nine 409, one updateJob, one share', async () => {
    const schema = uniqueSchema('mp');
    await observer(schema);
    const [a, b] = await Promise.all([start('a', schema), start('b', schema)]);
    after(() => Promise.all([stop(a), stop(b)]));
    const job = env.cloud.seedJob({ technicianEmail: TECH, label: '10432 - Race', completed: true });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(i % 2 ? b : a, '/xoi/work-orders/WO-RACE/link', { jobId: job.id }).then(json),
      ),
    );
    assert.deepEqual(responses.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((r) => r.status === 201).body.link;
    for (const r of responses.filter((x) => x.status === 409)) {
      assert.equal(r.body.error.code, 'already-linked');
      assert.ok(['work-order-linked', 'in-progress'].includes(r.body.error.reason), r.body.error.reason);
    }
    assert.equal(xoiCalls(job.id, 'UpdateJob').length, 1, 'one updateJob');
    assert.equal(xoiCalls(job.id, 'CreateJobShare').length, 1, 'one share');
    for (const instance of [a, b]) {
      const read = await json(
        await fetch(`${instance.origin}/xoi/work-orders/WO-RACE/link`, { headers: { 'x-test-tech': TECH } }),
      );
      assert.deepEqual(read.body.link, winner, `instance ${instance.name} reads the one link`);
    }
  });

  test('one notification delivered to both instances at once, and again later: recorded, queued and handled once', async () => {
    const schema = uniqueSchema('mp');
    const { store, rows } = await observer(schema);
    const [a, b] = await Promise.all([start('a', schema), start('b', schema)]);
    after(() => Promise.all([stop(a), stop(b)]));
    const job = env.cloud.seedJob({ technicianEmail: TECH, label: 'Transcript job', completed: true });
    const payload = env.cloud.notification('job_update', job.id, { traits: ['transcript', 'processed'] });

    const answers = await Promise.all([post(a, NOTIFY, payload).then(json), post(b, NOTIFY, payload).then(json)]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200],
    );
    assert.deepEqual(answers.map((r) => r.body.duplicate).sort(), [false, true]);
    await eventually(async () => (await rows(job.id, 'handled')).length === 1, 'the notification to be handled');
    const again = await json(await post(a, NOTIFY, payload));
    assert.deepEqual(again, { status: 200, body: { received: true, duplicate: true, type: 'job-updated' } });

    const queued = await store.database.query(
      `SELECT count(*)::int AS n FROM ${schema}_queue.job WHERE name = 'xoi-notification'`,
    );
    assert.equal(queued.rows[0].n, 1, 'queued once');
    const kept = await store.database.query(
      `SELECT extract(epoch FROM expires_at - received_at) AS seconds FROM ${schema}.notifications`,
    );
    assert.ok(kept.rows[0].seconds >= 3600, 'a re-delivery an hour later is still recognised');
    const handled = await rows(job.id, 'handled');
    assert.equal(handled.length, 1, 'handled once');
    assert.equal(handled[0].label, 'Transcript job', 'from the job as XOi has it');
  });

  test('kill -9 in the middle of a link: no half link, the reservation expires, the share made is used, one link', async () => {
    const schema = uniqueSchema('mp');
    await observer(schema);
    const env2 = { LINK_TTL_MS: '1500' };
    const doomed = await start('doomed', schema, { ...env2, CRASH_AFTER: 'share' });
    const b = await start('b', schema, env2);
    after(() => stop(b));
    const job = env.cloud.seedJob({ technicianEmail: TECH, label: 'Crash job', completed: true });

    await assert.rejects(
      post(doomed, '/xoi/work-orders/WO-CRASH/link', { jobId: job.id }),
      'the instance died mid-link',
    );
    assert.equal(await doomed.exited, 'SIGKILL');
    const [share] = xoiCalls(job.id, 'CreateJobShare');
    assert.ok(share, 'the dead instance had made the share');

    const read = await json(
      await fetch(`${b.origin}/xoi/work-orders/WO-CRASH/link`, { headers: { 'x-test-tech': TECH } }),
    );
    assert.deepEqual(read.body, { link: null }, 'no half link');
    const early = await json(await post(b, '/xoi/work-orders/WO-CRASH/link', { jobId: job.id }));
    assert.equal(early.status, 409);
    assert.equal(early.body.error.reason, 'in-progress', 'held until the reservation expires');

    const done = await eventually(async () => {
      const r = await json(await post(b, '/xoi/work-orders/WO-CRASH/link', { jobId: job.id }));
      return r.status === 201 ? r : null;
    }, 'the link after the reservation expired');
    assert.equal(xoiCalls(job.id, 'CreateJobShare').length, 1, 'the share made before the crash is the link’s');
    const page = await fetch(done.body.link.shareLink);
    assert.equal(page.status, 200, 'the link is the share XOi made before the crash');
    const again = await json(await post(b, '/xoi/work-orders/WO-CRASH/link', { jobId: job.id }));
    assert.equal(again.body.error.reason, 'work-order-linked');
  });

  test('kill -9 in the middle of handling a notification: another instance handles it, exactly once', async () => {
    const schema = uniqueSchema('mp');
    const { rows } = await observer(schema);
    const a = await start('a', schema, { LISTENER_DELAY_MS: '600000', JOB_EXPIRE_SECONDS: '2' });
    const job = env.cloud.seedJob({ technicianEmail: TECH, label: 'Dies while handling', completed: true });
    const payload = env.cloud.notification('job_update', job.id, { traits: ['transcript', 'processed'] });
    assert.equal((await json(await post(a, NOTIFY, payload))).status, 200);
    await eventually(async () => (await rows(job.id, 'started')).length === 1, 'instance a to start handling');
    a.child.kill('SIGKILL');
    await a.exited;

    const b = await start('b', schema, { JOB_EXPIRE_SECONDS: '2' });
    after(() => stop(b));
    await eventually(async () => (await rows(job.id, 'handled')).length === 1, 'instance b to handle it', 40_000);
    assert.deepEqual(await rows(job.id, 'handled'), [{ instance: 'b', label: 'Dies while handling' }]);
    assert.deepEqual(
      (await rows(job.id, 'started')).map((r) => r.instance),
      ['a', 'b'],
    );
  });

  test('XOi down for a while, then back: the backlog drains, nothing lost, nothing done twice', async () => {
    const schema = uniqueSchema('mp');
    const { store, rows } = await observer(schema);
    const [a, b] = await Promise.all([start('a', schema), start('b', schema)]);
    after(() => Promise.all([stop(a), stop(b)]));
    const jobs = Array.from({ length: 6 }, (_, i) =>
      env.cloud.seedJob({ technicianEmail: TECH, label: `Outage ${i}`, completed: true }),
    );
    env.cloud.fault({ type: 'http', status: 503, service: 'jobs', times: 100_000 });
    try {
      for (const [i, job] of jobs.entries()) {
        const payload = env.cloud.notification('job_update', job.id, { traits: ['transcript', 'processed'] });
        assert.equal((await post(i % 2 ? a : b, NOTIFY, payload)).status, 200, 'accepted while XOi is down');
      }
      // Each listener records "started" before it reads the job from XOi: two starts are a run that
      // met the outage and its retry.
      await eventually(
        async () => (await Promise.all(jobs.map((job) => rows(job.id, 'started')))).every((r) => r.length >= 2),
        'every listener to have met the outage and been retried',
        60_000,
      );
      assert.ok(env.cloud.requests.filter((r) => r.operation === 'GetJob' && r.status === 503).length >= 12);
      for (const job of jobs) assert.deepEqual(await rows(job.id, 'handled'), [], 'nothing handled while XOi is down');
    } finally {
      env.cloud.clearFaults();
    }
    await eventually(
      async () => (await Promise.all(jobs.map((job) => rows(job.id, 'handled')))).every((r) => r.length >= 1),
      'the backlog to drain',
      60_000,
    );
    for (const [i, job] of jobs.entries()) {
      assert.deepEqual(
        (await rows(job.id, 'handled')).map((r) => r.label),
        [`Outage ${i}`],
        `job ${i} handled once`,
      );
    }
    const dead = await store.database.query(
      `SELECT count(*)::int AS n FROM ${schema}_queue.job WHERE name = 'xoi-notification-dead'`,
    );
    assert.equal(dead.rows[0].n, 0, 'nothing dead-lettered');
  });

  test('bad input at every entry: a clear 4xx and nothing stored; odd but valid ids are stored as sent', async () => {
    const schema = uniqueSchema('mp');
    const { store } = await observer(schema);
    const a = await start('a', schema);
    after(() => stop(a));
    const count = async (table) =>
      (await store.database.query(`SELECT count(*)::int AS n FROM ${schema}.${table}`)).rows[0].n;
    const valid = env.cloud.notification('job_update', 'job-x', { traits: ['processed'] });
    const bad = [
      ['not JSON', '{"orgId": ', 400],
      ['an array', '[1, 2]', 400],
      ['missing jobId', { ...valid, jobId: undefined }, 400],
      ['a jobId with SQL in it', { ...valid, jobId: "job-1'; DROP TABLE links; --" }, 400],
      ['a control character', { ...valid, jobId: 'job-\u0000-1' }, 400],
      ['firedAt not a date', { ...valid, firedAt: "2020-13-45 99:99:99'; --" }, 400],
      ['traits not strings', { ...valid, traits: [{ $gt: '' }] }, 400],
      ['too large', { ...valid, padding: 'x'.repeat(70 * 1024) }, 413],
    ];
    for (const [what, body, status] of bad) {
      const r = await json(await post(a, NOTIFY, body));
      assert.equal(r.status, status, what);
      assert.equal(r.body.error.code, 'invalid-request', what);
      assert.ok(r.body.error.message.length > 10, what);
    }
    assert.equal(await count('notifications'), 0, 'no bad notification recorded');

    const links = [
      ['{}', 'a body without jobId'],
      ['{"jobId": "a b"}', 'a jobId with a space'],
      ['{"jobId": 12}', 'a jobId that is not a string'],
      [JSON.stringify({ jobId: 'x'.repeat(300) }), 'a jobId over 256 characters'],
    ];
    for (const [body, what] of links) {
      const r = await json(await post(a, '/xoi/work-orders/WO-BAD/link', body));
      assert.equal(r.status, 400, what);
      assert.equal(r.body.error.code, 'invalid-request', what);
    }
    const plain = await json(
      await fetch(`${a.origin}/xoi/work-orders/WO-BAD/link`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-test-tech': TECH },
        body: '{"jobId":"job-1"}',
      }),
    );
    assert.equal(plain.status, 400, 'not JSON content type');
    assert.equal(await count('links'), 0, 'no bad link recorded');

    // Odd but valid: quotes, SQL metacharacters without spaces, astral characters. Stored as sent.
    const oddJob = env.cloud.seedJob({ technicianEmail: TECH, label: "O'Brien 🧯 𝔘𝔫𝔦 --;", completed: true });
    const oddOrder = "WO-O'Brien;--🧯";
    const linked = await json(
      await post(a, `/xoi/work-orders/${encodeURIComponent(oddOrder)}/link`, { jobId: oddJob.id }),
    );
    assert.equal(linked.status, 201);
    assert.equal(linked.body.link.workOrderId, oddOrder);
    assert.equal(linked.body.link.label, `${oddOrder} - Café Nuñez`);
    assert.deepEqual((await store.links.get(oddOrder)).label, `${oddOrder} - Café Nuñez`);
    const oddNotification = { ...valid, jobId: "job-'🧯;--", orgId: 'org-"x"' };
    assert.equal((await post(a, NOTIFY, oddNotification)).status, 200);
    const stored = await store.database.query(`SELECT job_id FROM ${schema}.notifications`);
    assert.deepEqual(stored.rows, [{ job_id: "job-'🧯;--" }]);
  });
});
