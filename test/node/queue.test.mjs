// The durable queue (pg-boss 10 on the store's database), on PGlite and on PostgreSQL: work is
// done, failures are retried and then dead-lettered with their error, a dead letter can be retried,
// a job sent in a rolled-back transaction does not exist, a job whose worker died is retried.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createPostgresStore, createXoiQueue } from '../../dist/npm/server/index.js';
import { embedded, postgresUrl, uniqueSchema } from './database-helpers.mjs';

/** Polls `check` (async) until it returns a truthy value; fails after `ms` with `what`. */
async function eventually(check, what, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function queueSuite(label, connectionString) {
  const opened = [];
  after(async () => {
    for (const { queue, store } of opened.reverse()) {
      await queue.stop().catch(() => {});
      await store.database.query(`DROP SCHEMA IF EXISTS ${store.database.schema} CASCADE`).catch(() => {});
      await store.database.query(`DROP SCHEMA IF EXISTS ${store.database.schema}_queue CASCADE`).catch(() => {});
      await store.close();
    }
  });
  async function open(options = {}) {
    const store = await createPostgresStore({ connectionString, schema: uniqueSchema('q'), maxConnections: 4 });
    const queue = await createXoiQueue(store.database, { maintenanceIntervalMs: 1000, ...options });
    opened.push({ queue, store });
    return { queue, store };
  }

  describe(`${label}: queue`, () => {
    test('a job sent is worked once, with its data', async () => {
      const { queue } = await open();
      const seen = [];
      await queue.work({ name: 'echo', handler: async (data) => void seen.push(data) });
      await queue.send('echo', { jobId: 'job-1', text: 'Müller 🧯' });
      await eventually(() => seen.length === 1, 'the job to be worked');
      assert.deepEqual(seen, [{ jobId: 'job-1', text: 'Müller 🧯' }]);
      assert.deepEqual((await queue.counts()).echo, { waiting: 0, active: 0, dead: 0 });
    });

    test('a failing job is retried, then dead-lettered with its error; a retried dead letter runs again', async () => {
      const { queue } = await open();
      let attempts = 0;
      let healthy = false;
      await queue.work({
        name: 'flaky',
        retryLimit: 2,
        retryDelaySeconds: 0,
        handler: async () => {
          attempts += 1;
          if (!healthy) throw new Error('XOi is down (attempt)');
        },
      });
      await queue.send('flaky', { n: 1 });
      const [dead] = await eventually(
        async () => (await queue.deadLetters('flaky')).at(0) && queue.deadLetters('flaky'),
        'a dead letter',
      );
      assert.equal(attempts, 3, 'the first attempt and two retries');
      assert.equal(dead.queue, 'flaky');
      assert.deepEqual(dead.data, { n: 1 });
      assert.match(dead.error, /XOi is down/);
      assert.equal((await queue.counts()).flaky.dead, 1);

      healthy = true;
      assert.equal(await queue.retryDeadLetter(dead.id), true);
      await eventually(() => attempts === 4, 'the retried job to run');
      await eventually(async () => (await queue.deadLetters('flaky')).length === 0, 'the dead letter to be gone');
      assert.equal(await queue.retryDeadLetter(dead.id), false, 'a dead letter is retried once');
      assert.equal(await queue.retryDeadLetter('not-an-id'), false);
    });

    test("an error with retryAfterMs (XOi's Retry-After) holds the retry back at least that long", async () => {
      const { queue } = await open();
      const runs = [];
      await queue.work({
        name: 'patient',
        retryLimit: 3,
        retryDelaySeconds: 0,
        handler: async () => {
          runs.push(Date.now());
          // Twice: the second failure has retry_count 1, where pg-boss's back-off doubles.
          if (runs.length <= 2) throw Object.assign(new Error('XOi: slow down'), { retryAfterMs: 3000 });
        },
      });
      await queue.send('patient', { n: 1 });
      await eventually(() => runs.length === 3, 'the third run', 30_000);
      // pg-boss alone retries this queue after 1–2 s, then 2–4 s.
      assert.ok(runs[1] - runs[0] >= 3000, `first retry after ${runs[1] - runs[0]} ms`);
      assert.ok(runs[2] - runs[1] >= 3000, `second retry after ${runs[2] - runs[1]} ms`);
    });

    test('a job sent inside a transaction that rolls back never exists; one that commits is worked', async () => {
      const { queue, store } = await open();
      const seen = [];
      await queue.work({ name: 'tx', handler: async (data) => void seen.push(data.n) });
      await assert.rejects(
        store.database.transaction(async (tx) => {
          await queue.send('tx', { n: 1 }, { tx });
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      await store.database.transaction((tx) => queue.send('tx', { n: 2 }, { tx }));
      await queue.send('tx', { n: 3 });
      await eventually(() => seen.length === 2, 'the committed jobs to run');
      assert.deepEqual(seen.sort(), [2, 3]);
    });

    test("a job whose worker died is retried after it expires (the queue's maintenance)", async () => {
      const { queue, store } = await open();
      const runs = [];
      let release;
      const stuck = new Promise((resolve) => (release = resolve));
      await queue.work({
        name: 'crash',
        expireInSeconds: 1,
        retryDelaySeconds: 0,
        handler: async (data, job) => {
          runs.push(job.retryCount);
          // The first run never finishes, like a process killed mid-job.
          if (runs.length === 1) await stuck;
        },
      });
      await queue.send('crash', { n: 1 });
      await eventually(() => runs.length === 2, 'the expired job to be retried', 30_000);
      assert.deepEqual(runs, [0, 1]);
      release();
      assert.equal((await queue.deadLetters('crash')).length, 0, 'retried, not dead-lettered');
      assert.ok(store.database);
    });

    test('two queues on one database (two instances): each job is worked by exactly one of them', async () => {
      const a = await open();
      const b = await createXoiQueue(a.store.database, { maintenanceIntervalMs: 1000 });
      after(() => b.stop());
      const seen = [];
      for (const [who, queue] of [
        ['a', a.queue],
        ['b', b],
      ]) {
        await queue.work({ name: 'shared', concurrency: 2, handler: async (data) => void seen.push([who, data.n]) });
      }
      await Promise.all(Array.from({ length: 20 }, (_, n) => a.queue.send('shared', { n })));
      await eventually(() => seen.length >= 20, 'every job to run');
      // Nothing waiting or running is left that could still run a job a second time.
      await eventually(async () => {
        const { shared } = await a.queue.counts();
        return shared.waiting === 0 && shared.active === 0;
      }, 'the queue to be empty');
      assert.deepEqual(
        seen.map(([, n]) => n).sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, n) => n),
        'each job once',
      );
    });

    test('bad definitions are refused with a clear error', async () => {
      const { queue } = await open();
      await assert.rejects(queue.work({ name: 'Bad Name!', handler: async () => {} }), /queue name/);
      await assert.rejects(queue.work({ name: 'ok', retryLimit: -1, handler: async () => {} }), /retryLimit/);
      await queue.work({ name: 'twice', handler: async () => {} });
      await assert.rejects(queue.work({ name: 'twice', handler: async () => {} }), /already working/);
    });
  });
}

const db = await embedded();
queueSuite('PGlite', db.connectionString);
queueSuite('PostgreSQL', await postgresUrl());
