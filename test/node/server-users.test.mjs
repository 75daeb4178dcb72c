// Technicians as XOi knows them (issue "Fidelity", item 4): XOi assigns jobs to user ids, which look
// like emails today and will not always. The client finds a technician's user id through XOi's
// users service (cached), assigns jobs to it, and the routes match a job's assignees on it,
// falling back to the email. Every test runs on both id shapes the mock can give.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createMemoryLinkStore, createXoiRoutes } from '../../dist/npm/server/index.js';
import { clientFor, rejection, startCloud, T0 } from './xoi-cloud-helpers.mjs';

const JANE = 'jane.tech@example.com';
const SAM = 'sam.other@example.com';
const WORK_ORDER = { workOrderNumber: 'WO-77', customerName: 'Müller Kälte GmbH', jobLocation: 'Hauptstr. 1' };

const listUsersCalls = (env) => env.cloud.requests.filter((r) => r.operation === 'ListUsers').length;

for (const userIds of ['email', 'uuid']) {
  describe(`XOi user ids shaped like ${userIds === 'email' ? 'emails (XOi today)' : 'UUIDs (XOi later)'}`, () => {
    let env;
    before(async () => {
      env = await startCloud({
        userIds,
        users: [{ email: JANE, given_name: 'Jane', family_name: 'Tech' }, { email: SAM }],
      });
    });
    after(() => env.close());
    const idOf = (email) => env.cloud.listUsers().find((u) => u.email === email).id;

    test('findUserByEmail: trimmed and case-blind; null for an email XOi does not know; getUser by id', async () => {
      const { client } = clientFor(env);
      const jane = await client.findUserByEmail('  Jane.Tech@Example.COM ');
      assert.equal(jane.email, JANE);
      assert.equal(jane.id, idOf(JANE));
      if (userIds === 'uuid') assert.match(jane.id, /^[0-9a-f-]{36}$/);
      else assert.equal(jane.id, JANE);
      assert.equal(await client.findUserByEmail('nobody@example.com'), null);
      assert.deepEqual(await client.getUser(jane.id), jane);
      const missing = await rejection(client.getUser('no-such-user'));
      assert.equal(missing.code, 'not-found');
    });

    test('createJob assigns the technician by XOi user id; an email XOi does not know is refused before createJob', async () => {
      const { client } = clientFor(env);
      const { job } = await client.createJob({
        technicianEmail: 'JANE.TECH@example.com',
        customerName: 'Acme',
        jobLocation: '1 Main St',
        workOrderNumber: 'WO-1',
      });
      assert.deepEqual(job.assigneeIds, [idOf(JANE)]);
      assert.deepEqual(env.cloud.getJob(job.id).assigneeIds, [idOf(JANE)], 'as XOi holds it');
      const before = env.cloud.requests.filter((r) => r.operation === 'CreateJob').length;
      const error = await rejection(
        client.createJob({
          technicianEmail: 'new.hire@example.com',
          customerName: 'A',
          jobLocation: 'B',
          workOrderNumber: 'C',
        }),
      );
      assert.equal(error.code, 'not-found');
      assert.equal(error.field, 'technicianEmail');
      assert.match(error.message, /XOi has no user with the email new\.hire@example\.com/);
      assert.equal(env.cloud.requests.filter((r) => r.operation === 'CreateJob').length, before, 'no createJob sent');

      const moved = await client.updateJob(job.id, { technicianEmail: SAM });
      assert.deepEqual(moved.assigneeIds, [idOf(SAM)]);
    });

    test('the directory is read once and kept; a miss reads it again, at most once a minute', async () => {
      const { client, clock } = clientFor(env);
      const start = listUsersCalls(env);
      await client.findUserByEmail(JANE);
      await client.findUserByEmail(SAM);
      assert.equal(listUsersCalls(env) - start, 1, 'one read for both');
      env.cloud.seedUser({ email: 'new.hire@example.com' });
      assert.equal(await client.findUserByEmail('new.hire@example.com'), null, 'read less than a minute ago');
      clock.now += 61_000;
      assert.equal((await client.findUserByEmail('new.hire@example.com')).email, 'new.hire@example.com');
      assert.equal(listUsersCalls(env) - start, 2);
      clock.now += 11 * 60_000;
      await client.findUserByEmail(JANE);
      assert.equal(listUsersCalls(env) - start, 3, 'read again after usersCacheTtlMs');
    });

    test('the directory is read page by page: a technician on the third page is found', async () => {
      for (let i = 0; i < 230; i++) env.cloud.seedUser({ email: `tech${i}@paged.example` });
      const { client } = clientFor(env);
      const found = await client.findUserByEmail('tech229@paged.example');
      assert.equal(found.email, 'tech229@paged.example');
    });

    test("assigneeIds: 'email' sends the email itself and never reads the directory", async () => {
      const { client } = clientFor(env, { assigneeIds: 'email' });
      const start = listUsersCalls(env);
      if (userIds === 'email') {
        const { job } = await client.createJob({
          technicianEmail: JANE,
          customerName: 'A',
          jobLocation: 'B',
          workOrderNumber: 'C',
        });
        assert.deepEqual(job.assigneeIds, [JANE]);
      } else {
        // XOi refuses an assignee that is not a user id: the option is for ids that look like emails.
        const error = await rejection(
          client.createJob({ technicianEmail: JANE, customerName: 'A', jobLocation: 'B', workOrderNumber: 'C' }),
        );
        assert.equal(error.code, 'rejected');
      }
      assert.equal(listUsersCalls(env), start);
    });

    describe('routes', () => {
      const routesFor = (overrides = {}) =>
        createXoiRoutes(clientFor(env, overrides).client, createMemoryLinkStore(), {
          technician: (request) => request.headers.get('x-tech') ?? undefined,
          workOrder: () => WORK_ORDER,
          now: () => T0,
          lookbackDays: 0,
        });
      const get = (routes, path, tech) =>
        routes(new Request(`https://fsm.example/xoi${path}`, { headers: { 'x-tech': tech } }));
      const link = (routes, workOrder, jobId, tech) =>
        routes(
          new Request(`https://fsm.example/xoi/work-orders/${workOrder}/link`, {
            method: 'POST',
            headers: { 'x-tech': tech, 'content-type': 'application/json' },
            body: JSON.stringify({ jobId }),
          }),
        );

      test("a technician's list holds the jobs assigned to their user id; linking checks the same id", async () => {
        const mine = env.cloud.seedJob({ technicianEmail: JANE, label: 'Mine', completed: true });
        const theirs = env.cloud.seedJob({ technicianEmail: SAM, label: 'Theirs', completed: true });
        assert.deepEqual(mine.assigneeIds, [idOf(JANE)]);
        const routes = routesFor();
        const listed = await (await get(routes, '/work-orders/WO-77/jobs', JANE.toUpperCase())).json();
        assert.ok(listed.jobs.some((j) => j.id === mine.id));
        assert.ok(!listed.jobs.some((j) => j.id === theirs.id));
        assert.equal((await link(routes, `WO-a-${userIds}`, theirs.id, JANE)).status, 403);
        const made = await link(routes, `WO-b-${userIds}`, mine.id, JANE);
        assert.equal(made.status, 201);
      });

      test('the users service down: the routes fall back to the email (which works while ids look like emails)', async () => {
        const job = env.cloud.seedJob({ technicianEmail: JANE, label: 'Fallback', completed: true });
        env.cloud.fault({ type: 'http', status: 503, service: 'users', times: 1000 });
        try {
          const routes = routesFor();
          const listed = await (await get(routes, '/work-orders/WO-77/jobs', JANE)).json();
          assert.equal(
            listed.jobs.some((j) => j.id === job.id),
            userIds === 'email',
            userIds === 'email' ? 'found by email' : 'a UUID assignee cannot be matched by email',
          );
        } finally {
          env.cloud.clearFaults();
        }
      });
    });
  });
}
