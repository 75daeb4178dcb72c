// The appointment sync's contract (createAppointmentSync), run unchanged on PGlite and on a
// PostgreSQL server by appointment-pglite.test.mjs and appointment-postgres.test.mjs: what a
// MobileTech-style vendor sees. Each test gets its own schema, queue and sync, against one mock
// XOi Cloud over HTTP; change notifications travel the real way (the mock POSTs them to a durable
// createXoiNotifications, which queues the sync's listener). Absences are read after a sentinel:
// both queues idle once the notification was answered (it is queued by then).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  createAppointmentSync,
  createPostgresStore,
  createXoiNotifications,
  createXoiQueue,
  toNodeHandler,
} from '../../dist/npm/server/index.js';
import { uniqueSchema } from './database-helpers.mjs';
import { clientFor, serve, startCloud } from './xoi-cloud-helpers.mjs';

const SECRET = 'appointment-test-notification-secret';
export const JANE = 'jane.tech@example.com';
export const OTHER = 'other.tech@example.com';

/** Polls `check` (async) until it returns a truthy value; fails after `ms` with `what`. */
export async function eventually(check, what, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let n = 0;
export const appointmentOf = (fields = {}) => ({
  id: `SA-${process.pid}-${Date.now().toString(36)}-${++n}`,
  technicianEmail: JANE,
  workOrderNumber: `WO-${n}`,
  customerName: 'Café Nuñez',
  jobLocation: '12 Rue de la Paix, Montréal',
  scheduledStart: '2026-03-18T13:00:00.000Z',
  status: 'scheduled',
  ...fields,
});

/** The mock's requests of one GraphQL operation whose variables mention `text` (an id). */
export const requestsOf = (cloud, operation, text) =>
  cloud.requests.filter((r) => r.operation === operation && JSON.stringify(r.variables ?? {}).includes(text));

/**
 * Everything a vendor wires, in a fresh schema of `connectionString`: store, queue, client of the
 * mock, durable notifications served on a port the mock posts to, and the sync, whose
 * `deliverNotes` records what it was given (or throws while `deliveryFault` is set).
 */
export async function openSync(connectionString, env, options = {}) {
  const schema = options.schema ?? uniqueSchema('ap');
  const store = await createPostgresStore({ connectionString, schema, maxConnections: 6 });
  const queue = await createXoiQueue(store.database, { maintenanceIntervalMs: 1000, pollingIntervalMs: 500 });
  const { client, clock } = clientFor(env, { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  const notifications = createXoiNotifications({
    secret: SECRET,
    store,
    queue,
    delivery: { retryDelaySeconds: 1 },
  });
  const hook = await serve(toNodeHandler(notifications.handle));
  env.cloud.setNotifyUrl(`${hook.origin}/notify?key=${SECRET}`);
  const deliveries = [];
  const errors = [];
  const state = { deliveryFault: null };
  const sync = createAppointmentSync({
    client: options.wrapClient ? options.wrapClient(client) : client,
    store,
    queue,
    notifications,
    retryDelaySeconds: 0,
    deliverNotes: async (appointmentId, notes, { idempotencyKey }) => {
      if (state.deliveryFault) throw new Error(state.deliveryFault);
      deliveries.push({ appointmentId, notes, idempotencyKey });
    },
    onError: (error, context) => errors.push({ error, ...context }),
    ...options.sync,
  });
  await Promise.all([sync.ready, notifications.ready]);
  let closing;
  const close = () => (closing ??= shut());
  const shut = async () => {
    await queue.stop().catch(() => {});
    await hook.close();
    if (!options.keep) {
      await store.database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await store.database.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`).catch(() => {});
    }
    await store.close();
  };
  after(close);
  /** Both queues idle: every notification answered so far has been handled, and its sync run. */
  const idle = () =>
    eventually(async () => {
      const counts = await queue.counts();
      return Object.values(counts).every((c) => c.waiting === 0 && c.active === 0);
    }, 'the queues to be idle');
  const settled = (id, states = ['synced']) =>
    eventually(
      async () => {
        const record = await sync.get(id);
        return record && states.includes(record.state) && record;
      },
      `appointment ${id} to be ${states.join(' or ')}`,
    );
  const delivered = (id) => deliveries.filter((d) => d.appointmentId === id);
  const hookUrl = `${hook.origin}/notify?key=${SECRET}`;
  return {
    schema,
    store,
    queue,
    client,
    clock,
    sync,
    deliveries,
    delivered,
    errors,
    state,
    idle,
    settled,
    close,
    hookUrl,
  };
}

const titles = (notes) => notes.notes.map((note) => note.title);

export function appointmentContract(label, connectionString) {
  const cloudReady = startCloud();
  let env;
  after(async () => (await cloudReady).close());
  const open = async (options) => {
    env ??= await cloudReady;
    return openSync(connectionString, env, options);
  };

  describe(`${label}: upsert`, () => {
    test('a scheduled appointment gets one XOi job with its fields, a public share and the notes', async () => {
      const s = await open();
      const a = appointmentOf();
      assert.deepEqual(await s.sync.upsert({ ...a, technicianEmail: ` ${JANE.toUpperCase()} ` }), {
        id: a.id,
        queued: true,
        state: 'waiting',
      });
      const record = await s.settled(a.id);
      const job = env.cloud.getJob(record.jobId);
      assert.equal(job.externalId, a.id);
      assert.deepEqual(job.assigneeIds, [env.cloud.listUsers().find((u) => u.email === JANE).id]);
      assert.deepEqual(
        [job.workOrderNumber, job.customerName, job.jobLocation, job.label],
        [a.workOrderNumber, a.customerName, a.jobLocation, `${a.workOrderNumber} - ${a.customerName}`],
      );
      const [create] = requestsOf(env.cloud, 'CreateJob', a.id);
      assert.deepEqual(create.variables.input.additionalActions, { createPublicShare: { enabled: true } });
      const [delivery] = s.delivered(a.id);
      assert.deepEqual(titles(delivery.notes), ['XOi Site History', 'XOi Workflow', 'XOi Resolution']);
      assert.equal(delivery.notes.invoiceLink, record.shareLink);
      assert.match(delivery.idempotencyKey, new RegExp(`^xoi-notes:${a.id}:[0-9a-f]{32}$`));
      assert.equal(s.delivered(a.id).length, 1);
      // One XOi call per new appointment: the job with its share (the users directory is cached).
      assert.deepEqual(
        env.cloud.requests.filter((r) => JSON.stringify(r.variables ?? {}).includes(a.id)).map((r) => r.operation),
        ['CreateJob'],
      );
    });

    test('20 concurrent upserts of one appointment (two versions): one createJob, one job, the last version in XOi', async () => {
      const s = await open();
      const a = appointmentOf();
      const versions = Array.from({ length: 20 }, (_, i) => ({
        ...a,
        jobLocation: i % 2 ? '1 Main St' : a.jobLocation,
      }));
      const results = await Promise.all(versions.map((v) => s.sync.upsert(v)));
      assert.ok(results.some((r) => r.queued));
      await s.idle();
      const record = await s.settled(a.id);
      assert.equal(requestsOf(env.cloud, 'CreateJob', a.id).length, 1, 'createJob once');
      assert.equal(env.cloud.listJobs().filter((j) => j.externalId === a.id).length, 1, 'one job');
      assert.equal(
        env.cloud.getJob(record.jobId).jobLocation,
        record.appointment.jobLocation,
        'XOi has the stored version',
      );
      assert.equal(s.delivered(a.id).length, 1, 'the notes once: the address is not in them');
    });

    test('an unchanged upsert queues nothing; a reassignment and a new address update the one job', async () => {
      const s = await open();
      const a = appointmentOf();
      await s.sync.upsert(a);
      const { jobId } = await s.settled(a.id);
      assert.deepEqual(await s.sync.upsert(a), { id: a.id, queued: false, state: 'synced' });

      await s.sync.upsert({ ...a, technicianEmail: OTHER });
      await s.idle();
      await s.settled(a.id);
      const other = env.cloud.listUsers().find((u) => u.email === OTHER).id;
      assert.deepEqual(env.cloud.getJob(jobId).assigneeIds, [other], 'reassigned to the XOi user id');
      const [reassign] = requestsOf(env.cloud, 'UpdateJob', jobId);
      assert.deepEqual(reassign.variables.input.fieldUpdates, { assigneeIds: [other] }, 'only the technician');

      await s.sync.upsert({ ...a, technicianEmail: OTHER, jobLocation: '99 Harbour Rd' });
      await s.idle();
      await s.settled(a.id);
      assert.equal(env.cloud.getJob(jobId).jobLocation, '99 Harbour Rd');
      assert.deepEqual(requestsOf(env.cloud, 'UpdateJob', jobId).at(-1).variables.input.fieldUpdates, {
        jobLocation: '99 Harbour Rd',
      });
      assert.equal(requestsOf(env.cloud, 'CreateJob', a.id).length, 1, 'no second job');
      assert.equal(s.delivered(a.id).length, 1, 'the notes did not change');
    });

    test('unscheduled or unassigned: no XOi call until it is scheduled and assigned', async () => {
      const s = await open();
      const a = appointmentOf({ status: 'unscheduled' });
      await s.sync.upsert(a);
      await s.settled(a.id, ['not-scheduled']);
      await s.sync.upsert({ ...a, status: 'scheduled', technicianEmail: null });
      await s.settled(a.id, ['not-scheduled']);
      assert.equal(requestsOf(env.cloud, 'CreateJob', a.id).length, 0);
      await s.sync.upsert({ ...a, status: 'completed' });
      await s.settled(a.id);
      assert.equal(requestsOf(env.cloud, 'CreateJob', a.id).length, 1, 'a completed one gets its job too');
    });

    test('cancelled: no further XOi call, what XOi holds stays, notifications for its job are ignored', async () => {
      const s = await open();
      const a = appointmentOf();
      await s.sync.upsert(a);
      const { jobId } = await s.settled(a.id);
      const fields = (job) => [job.workOrderNumber, job.customerName, job.jobLocation, job.label, job.assigneeIds];
      const before = fields(env.cloud.getJob(jobId));
      const calls = env.cloud.requests.length;
      await s.sync.upsert({ ...a, status: 'cancelled', jobLocation: 'moved' });
      await s.settled(a.id, ['cancelled']);
      env.cloud.completeJob(jobId);
      await env.cloud.flushNotifications();
      await s.idle();
      assert.deepEqual(
        env.cloud.requests.slice(calls).filter((r) => r.service !== 'token'),
        [],
        'no XOi call after the cancellation',
      );
      assert.deepEqual(fields(env.cloud.getJob(jobId)), before, 'the job as it was');
      assert.equal(s.delivered(a.id).length, 1);
      assert.equal((await s.sync.get(a.id)).state, 'cancelled');
    });

    test('a technician who is not an XOi user: recorded with a clear reason, no job; found after being added', async () => {
      const s = await open();
      const email = `new.hire.${n}@example.com`;
      const a = appointmentOf({ technicianEmail: email });
      await s.sync.upsert(a);
      const record = await s.settled(a.id, ['technician-not-in-xoi']);
      assert.match(record.reason, new RegExp(`^${email.replace(/\./g, '\\.')} is not an XOi Vision user`));
      assert.match(record.reason, /Add the technician in XOi .*then retry/);
      assert.equal(requestsOf(env.cloud, 'CreateJob', a.id).length, 0, 'no job');
      assert.equal(s.delivered(a.id).length, 0);
      const status = await s.sync.status();
      assert.equal(status.counts['technician-not-in-xoi'], 1);
      assert.deepEqual(
        status.attention.map((r) => [r.id, r.state]),
        [[a.id, 'technician-not-in-xoi']],
      );

      env.cloud.seedUser({ email });
      s.clock.now += 61_000; // the directory is read again on a miss at most once a minute
      assert.equal(await s.sync.retry(a.id), true);
      const synced = await s.settled(a.id);
      assert.ok(synced.jobId);
      assert.equal(await s.sync.retry(a.id), false, 'nothing to retry once synced');
      assert.equal(await s.sync.retry('SA-unknown'), false);
    });

    test('XOi down: the sync waits with the reason and retries; once XOi is back, one job', async () => {
      const s = await open({ sync: { retryDelaySeconds: 1 } });
      const a = appointmentOf();
      env.cloud.fault({ type: 'http', status: 503, service: 'jobs', times: 1000 });
      try {
        await s.sync.upsert(a);
        const waiting = await eventually(async () => {
          const r = await s.sync.get(a.id);
          return r.state === 'waiting' && r.reason && r;
        }, 'the failure to be recorded');
        assert.match(waiting.reason, /^Retrying: createJob failed after 2 attempts: HTTP 503/);
        assert.ok(
          s.errors.some((e) => e.error.code === 'unavailable' && e.appointmentId === a.id),
          'onError told',
        );
        const status = await s.sync.status();
        assert.deepEqual(
          status.attention.map((r) => [r.id, r.state]),
          [[a.id, 'waiting']],
        );
      } finally {
        env.cloud.clearFaults();
      }
      const record = await s.settled(a.id);
      assert.equal(env.cloud.listJobs().filter((j) => j.externalId === a.id).length, 1);
      assert.equal(record.reason, null);
      assert.equal(s.delivered(a.id).length, 1);
    });

    test("XOi keeps answering 429 with Retry-After: the queue's retry does not come sooner", async () => {
      const attempts = [];
      const s = await open({
        wrapClient: (client) => ({
          ...client,
          createJob: async (input) => {
            const started = Date.now();
            try {
              return await client.createJob(input);
            } finally {
              attempts.push({ started, ended: Date.now() });
            }
          },
        }),
      });
      const a = appointmentOf();
      // The client's whole call (createJob, its externalId lookup before the retry (two attempts), createJob)
      // is refused: it gives up with XoiError.retryAfterMs = 4,000. (pg-boss's own first retry comes
      // 1–2 s later: the wait is XOi's, not the queue's back-off.)
      env.cloud.fault({ type: 'http', status: 429, retryAfterSeconds: 4, service: 'jobs', times: 4 });
      await s.sync.upsert(a);
      await s.settled(a.id);
      assert.equal(attempts.length, 2, 'one failed createJob, one that worked');
      const waited = attempts[1].started - attempts[0].ended;
      assert.ok(waited >= 3950, `the retry came ${waited} ms after the refusal; XOi asked for 4,000`);
      assert.ok(
        s.errors.some((e) => e.error.retryAfterMs === 4000),
        'the error carries Retry-After',
      );
    });

    test('bad input: a TypeError naming the field, nothing stored, nothing queued', async () => {
      const s = await open();
      const a = appointmentOf();
      await assert.rejects(s.sync.upsert({ ...a, technicianEmail: 'not-an-email' }), {
        name: 'TypeError',
        message: /appointment\.technicianEmail must be an email address/,
      });
      await assert.rejects(s.sync.upsert({ ...a, status: 'booked' }), /appointment\.status must be one of/);
      await assert.rejects(s.sync.upsert({ ...a, customerName: '' }), /appointment\.customerName is required/);
      assert.equal(await s.sync.get(a.id), null);
      assert.equal((await s.sync.status()).counts.total, 0);
    });
  });

  describe(`${label}: notes`, () => {
    test('re-delivered only when they change: a finished workflow changes nothing, a completed job does', async () => {
      const s = await open();
      const a = appointmentOf();
      await s.sync.upsert(a);
      const { jobId } = await s.settled(a.id);
      const first = s.delivered(a.id)[0];

      env.cloud.finishWorkflow(jobId);
      await env.cloud.flushNotifications();
      await s.idle();
      assert.ok(requestsOf(env.cloud, 'GetJobSummary', jobId).length >= 1, 'the notes were built again from XOi');
      assert.equal(s.delivered(a.id).length, 1, 'same notes: not delivered again');

      env.cloud.completeJob(jobId);
      await env.cloud.flushNotifications();
      await eventually(() => s.delivered(a.id).length === 2, 'the changed notes');
      const second = s.delivered(a.id)[1];
      assert.notEqual(second.idempotencyKey, first.idempotencyKey);
      const siteHistory = second.notes.notes.find((note) => note.title === 'XOi Site History');
      assert.equal(
        siteHistory.url,
        (await s.client.getJob(jobId)).deepLinks.visionMobile.jobLocationActivitySearch.url,
      );
    });

    test('the transcript arrives hours later: its notification brings the XOi Transcript note', async () => {
      const s = await open();
      const a = appointmentOf();
      await s.sync.upsert(a);
      const { jobId } = await s.settled(a.id);
      env.cloud.completeJob(jobId);
      env.cloud.addTranscript(jobId, 'Compressor replaced; system holding 7 °C.', {
        pending: true,
        workflowName: 'Service call',
        stepName: 'Walkthrough',
      });
      await env.cloud.flushNotifications();
      await s.idle();
      assert.ok(
        s.delivered(a.id).every((d) => !titles(d.notes).includes('XOi Transcript')),
        'no transcript note while it is pending',
      );
      env.cloud.processPending(jobId);
      await env.cloud.flushNotifications();
      const delivery = await eventually(
        () => s.delivered(a.id).find((d) => titles(d.notes).includes('XOi Transcript')),
        'the transcript note',
      );
      assert.deepEqual(titles(delivery.notes), [
        'XOi Site History',
        'XOi Workflow',
        'XOi Resolution',
        'XOi Transcript',
      ]);
      assert.equal(
        delivery.notes.notes.at(-1).text,
        'Service call – Walkthrough\nCompressor replaced; system holding 7 °C.',
      );
      assert.equal((await s.sync.get(a.id)).notes.notes.length, 4, 'the record has the notes delivered');
    });

    test('deliverNotes failing: retried until it works, without asking XOi again', async () => {
      const s = await open({ sync: { retryDelaySeconds: 1 } });
      s.state.deliveryFault = 'the FSM database is busy';
      const a = appointmentOf();
      await s.sync.upsert(a);
      const failing = await eventually(async () => {
        const r = await s.sync.get(a.id);
        return r.reason && r;
      }, 'the delivery failure');
      assert.match(failing.reason, /^Retrying: the FSM database is busy/);
      const calls = env.cloud.requests.length;
      s.state.deliveryFault = null;
      await s.settled(a.id);
      assert.equal(s.delivered(a.id).length, 1);
      assert.equal(
        env.cloud.requests.slice(calls).filter((r) => JSON.stringify(r.variables ?? {}).includes(a.id)).length,
        0,
        'the retry delivers the recorded notes without asking XOi again',
      );
    });

    test('still failing after every retry: failed, dead-lettered, on the status; retrying the dead letter delivers', async () => {
      const s = await open({ sync: { retryLimit: 1 } });
      s.state.deliveryFault = 'FSM rejected the note';
      const a = appointmentOf();
      await s.sync.upsert(a);
      const record = await s.settled(a.id, ['failed']);
      assert.match(record.reason, /^Still failing after every retry: FSM rejected the note/);
      const [dead] = await eventually(async () => {
        const letters = (await s.sync.status()).deadLetters;
        return letters.length && letters;
      }, 'the dead letter');
      assert.deepEqual(dead.data, { appointmentId: a.id });
      assert.equal(dead.queue, 'xoi-appointment');
      s.state.deliveryFault = null;
      assert.equal(await s.sync.retryDeadLetter(dead.id), true);
      await s.settled(a.id);
      assert.equal(s.delivered(a.id).length, 1);
    });

    test('job-deleted: a forged notification changes nothing; a real deletion is confirmed, recorded and reported', async () => {
      const s = await open();
      const a = appointmentOf();
      await s.sync.upsert(a);
      const { jobId } = await s.settled(a.id);
      const forged = await env.cloud.notify(s.hookUrl, env.cloud.notification('job_delete', jobId));
      assert.equal(forged.status, 200);
      await s.idle();
      assert.ok(requestsOf(env.cloud, 'GetJob', jobId).length >= 1, 'asked XOi');
      assert.equal((await s.sync.get(a.id)).state, 'synced', 'XOi still has the job: nothing changes');
      // A later second: the real notification is not a re-delivery of the forged one (same firedAt).
      env.cloud.advanceTime(2000);
      env.cloud.deleteJob(jobId);
      await env.cloud.flushNotifications();
      const record = await s.settled(a.id, ['job-deleted']);
      assert.match(record.reason, new RegExp(`XOi deleted job ${jobId} \\(confirmed with XOi\\)`));
      const status = await s.sync.status();
      assert.deepEqual(
        status.attention.map((r) => [r.id, r.state]),
        [[a.id, 'job-deleted']],
      );
      const calls = env.cloud.requests.length;
      await s.sync.upsert({ ...a, jobLocation: 'moved' });
      await s.settled(a.id, ['job-deleted']);
      await s.idle();
      assert.equal(env.cloud.requests.length, calls, 'no XOi call for an appointment whose job XOi deleted');
    });
  });

  describe(`${label}: poll mode`, () => {
    test('each pass asks since the saved cursor; invalid appointments are reported, the cursor moves on', async () => {
      const s = await open({ sync: { cursorName: 'tenant-a' } });
      const a = appointmentOf();
      const b = appointmentOf();
      const asked = [];
      const passes = [
        { appointments: [a, { ...b, technicianEmail: 'nope' }], cursor: 'rowversion-17' },
        { appointments: [a, { ...a, jobLocation: '2 Side St' }], cursor: 'rowversion-18' },
      ];
      const fetchChanged = async (since) => {
        asked.push(since);
        return passes.shift();
      };
      const first = await s.sync.syncChanged(fetchChanged);
      assert.deepEqual(
        { ...first, invalid: first.invalid.map((i) => [i.index, i.id]) },
        {
          skipped: false,
          since: null,
          cursor: 'rowversion-17',
          fetched: 2,
          queued: 1,
          unchanged: 0,
          invalid: [[1, b.id]],
        },
      );
      assert.match(first.invalid[0].message, /appointment\.technicianEmail must be an email address/);
      assert.ok(
        s.errors.some((e) => e.appointmentId === b.id && e.error instanceof TypeError),
        'onError told',
      );
      assert.equal(await s.sync.get(b.id), null, 'nothing stored for the invalid one');
      const second = await s.sync.syncChanged(fetchChanged);
      assert.deepEqual(
        [second.since, second.cursor, second.queued, second.unchanged],
        ['rowversion-17', 'rowversion-18', 1, 1],
      );
      assert.deepEqual(asked, [null, 'rowversion-17']);
      const record = await s.settled(a.id);
      assert.equal(env.cloud.getJob(record.jobId).jobLocation, '2 Side St');
      assert.equal((await s.sync.status()).lastPoll.cursor, 'rowversion-18');
    });

    test('without a cursor of its own: the pass start minus the overlap, as ISO', async () => {
      const s = await open({ sync: { pollOverlapMs: 5_000 } });
      const before = Date.now();
      const result = await s.sync.syncChanged(async () => []);
      const at = Date.parse(result.cursor);
      assert.ok(at >= before - 5_000 && at <= Date.now() - 5_000 + 50, result.cursor);
      await assert.rejects(
        s.sync.syncChanged(async () => ({ appointments: 'x' })),
        /must resolve to an array/,
      );
    });

    test('the cursor survives a restart (a new store and sync on the same database)', async () => {
      const schema = uniqueSchema('ap');
      const first = await open({ schema, keep: true, sync: { cursorName: 'restart' } });
      await first.sync.syncChanged(async () => ({ appointments: [], cursor: 'after-restart-42' }));
      await first.close();
      const second = await open({ schema, sync: { cursorName: 'restart' } });
      const asked = [];
      await second.sync.syncChanged(async (since) => {
        asked.push(since);
        return { appointments: [], cursor: 'next' };
      });
      assert.deepEqual(asked, ['after-restart-42']);
    });

    test('startPolling: passes on a timer, stop() waits for the running one', async () => {
      const s = await open();
      const a = appointmentOf();
      let passes = 0;
      const poller = s.sync.startPolling(
        async () => {
          passes += 1;
          return passes === 1 ? [a] : [];
        },
        { intervalMs: 1000 },
      );
      await eventually(() => passes >= 2, 'a second pass');
      await poller.stop();
      await s.settled(a.id);
      assert.throws(() => s.sync.startPolling(async () => [], { intervalMs: 10 }), /intervalMs/);
    });
  });
}
