// The job index's store on PGlite and PostgreSQL alike (run by store-pglite.test.mjs and
// store-postgres.test.mjs): the label filter folded in JavaScript finds "Café" for "cafe" on both
// (neither has unaccent here), the order and keyset paging agree with the live listing's rule,
// a technician is matched by user id or by email, and an older read never overwrites a newer one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { indexRowOf } from '../../dist/npm/server/job-index/row.js';
import { foldQuery } from '../../dist/npm/server/job-index/search.js';

const job = (id, over = {}) => ({
  id,
  assigneeIds: ['Jane.Tech@Example.com'],
  customerName: 'ABC Corp',
  jobLocation: '1 Main St',
  workOrderNumber: `TEMP-${id}`,
  label: `${id} - ABC Corp`,
  createdAt: '2025-03-10T08:00:00.000Z',
  updatedAt: null,
  completedAt: null,
  ...over,
});

const JANE = { email: 'jane.tech@example.com', userId: null };

export function jobIndexContract(label, open) {
  describe(`${label}: job index store`, () => {
    async function filled(jobs) {
      const { jobIndex } = await open({});
      await jobIndex.upsert(jobs.map(indexRowOf), await jobIndex.clock());
      const find = async (query, technician = JANE) =>
        (await jobIndex.list({ technician, query: foldQuery(query), sinceMs: null, after: null, limit: 100 })).map(
          (row) => row.job.id,
        );
      return { jobIndex, find };
    }

    test('the filter ignores case and accents, on label, work order number and customer, and nothing else', async () => {
      const { find } = await filled([
        job('a', { label: 'Café Nuñez - boiler', createdAt: '2025-03-10T08:00:00.000Z' }),
        job('b', { label: 'Roof', customerName: 'CAFE DE FLORE', createdAt: '2025-03-11T08:00:00.000Z' }),
        job('c', { label: 'Chiller', workOrderNumber: 'Ŵ-ÉTÉ-9', createdAt: '2025-03-12T08:00:00.000Z' }),
        job('d', { label: 'ﬁlter ｆｕｌｌ', jobLocation: 'Café street', createdAt: '2025-03-13T08:00:00.000Z' }),
        job('e', { label: 'Straße 50%_off', customerName: 'İstanbul Ltd', createdAt: '2025-03-14T08:00:00.000Z' }),
      ]);
      assert.deepEqual(await find('cafe'), ['b', 'a'], 'not the location');
      assert.deepEqual(await find('CAFÉ'), ['b', 'a']);
      assert.deepEqual(await find('NUNEZ'), ['a']);
      assert.deepEqual(await find('w-ete'), ['c']);
      assert.deepEqual(await find('fi'), ['d'], 'ligatures and full-width letters fold too');
      assert.deepEqual(await find('full'), ['d']);
      assert.deepEqual(await find('istanbul'), ['e']);
      assert.deepEqual(await find('straße'), ['e']);
      assert.deepEqual(await find('50%_'), ['e']);
      assert.deepEqual(await find('%'), ['e'], 'LIKE wildcards match themselves');
      assert.deepEqual(await find('r_o'), []);
      assert.deepEqual(await find('boiler abc'), [], 'not across two fields');
      assert.deepEqual(await find(''), ['e', 'd', 'c', 'b', 'a']);
    });

    test('matched by XOi user id or by email; newest first, then id; keyset pages meet', async () => {
      const at = '2025-03-10T08:00:00.000Z';
      const { jobIndex, find } = await filled([
        job('by-id', { assigneeIds: ['user-7f3a'], createdAt: '2025-03-12T08:00:00.000Z' }),
        job('b', { createdAt: at }),
        job('a', { createdAt: at }),
        job('B', { createdAt: at }),
        job('old', { createdAt: '2025-01-01T00:00:00.000Z' }),
        job('other', { assigneeIds: ['sam@example.com'] }),
      ]);
      const jane = { email: 'jane.tech@example.com', userId: 'user-7f3a' };
      assert.deepEqual(await find('', jane), ['by-id', 'B', 'a', 'b', 'old'], 'ids in code unit order');
      assert.deepEqual(await find('', JANE), ['B', 'a', 'b', 'old'], 'without the user id, by email only');
      const page = (after, limit = 2) =>
        jobIndex.list({ technician: jane, query: '', sinceMs: Date.parse(at), after, limit });
      const first = await page(null);
      const second = await page({ sortMs: first[1].sortMs, id: first[1].job.id });
      assert.deepEqual(
        [...first, ...second].map((r) => r.job.id),
        ['by-id', 'B', 'a', 'b'],
        'sinceMs leaves the old one out',
      );
    });

    test('a read begun earlier never overwrites a later one; a removal holds against older reads', async () => {
      const { jobIndex, find } = await filled([]);
      const early = await jobIndex.clock();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const late = await jobIndex.clock();
      assert.equal(await jobIndex.upsert([indexRowOf(job('x', { label: 'new' }))], late), 1);
      assert.equal(await jobIndex.upsert([indexRowOf(job('x', { label: 'old' }))], early), 0);
      assert.deepEqual(await find('new'), ['x']);
      await jobIndex.remove('x', late);
      assert.equal(await jobIndex.upsert([indexRowOf(job('x'))], early), 0);
      assert.deepEqual(await find(''), []);
      // The database clock moves on (whole milliseconds): a read begun after the removal is written.
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(await jobIndex.upsert([indexRowOf(job('x'))], await jobIndex.clock()), 1, 'XOi has it again');
    });

    test('one sweeper at a time: the lease, its renewal, and the state changed only by its holder', async () => {
      const { jobIndex } = await filled([]);
      assert.ok(await jobIndex.acquire('a', 60_000, null));
      assert.equal(await jobIndex.acquire('b', 60_000, null), null);
      assert.equal(await jobIndex.save('b', { createdCursorMs: 1 }), false);
      assert.equal(await jobIndex.save('a', { createdCursorMs: 42 }), true);
      await jobIndex.release('a');
      assert.equal(await jobIndex.acquire('b', 60_000, 3_600_000), null, 'a sweep started less than an hour ago');
      const state = await jobIndex.acquire('b', 60_000, null);
      assert.equal(state.createdCursorMs, 42);
      assert.equal(await jobIndex.renew('a', 60_000), false);
    });
  });
}
