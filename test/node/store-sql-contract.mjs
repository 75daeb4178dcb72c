// What the SQL stores promise beyond the store contract, on PGlite and PostgreSQL alike: the
// database itself keeps a link final, migrations are versioned and safe when instances start
// together, and bad options are refused before anything is created.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPostgresStore } from '../../dist/npm/server/index.js';
// Every feature's migrations (not a public export: the built module itself).
import { MIGRATIONS } from '../../dist/npm/server/stores/postgres-store.js';
import { uniqueSchema } from './database-helpers.mjs';
import { link } from './store-contract.mjs';

export function sqlStoreContract(label, open) {
  describe(`${label}: SQL store`, () => {
    test('the database refuses to change or delete a committed link, whatever SQL the application runs', async () => {
      const store = await open({});
      const t = `${store.database.schema}.links`;
      const r = await store.links.reserve('WO-final', 'job-final');
      await store.links.commit(r, link('WO-final', 'job-final'));
      await assert.rejects(store.database.query(`DELETE FROM ${t} WHERE work_order_id = 'WO-final'`), {
        code: '23000',
        message: /link of work order WO-final is final/,
      });
      await assert.rejects(store.database.query(`UPDATE ${t} SET job_id = 'other' WHERE work_order_id = 'WO-final'`), {
        code: '23000',
      });
      assert.deepEqual(await store.links.get('WO-final'), link('WO-final', 'job-final'));
    });

    test('migrations: five instances starting at once on an empty schema apply each migration once', async () => {
      const first = await open({});
      const { connectionString } = first.database;
      const schema = uniqueSchema('m');
      const stores = await Promise.all(
        Array.from({ length: 5 }, () => createPostgresStore({ connectionString, schema })),
      );
      try {
        const { rows } = await first.database.query(`SELECT version, name FROM ${schema}.migrations ORDER BY version`);
        assert.deepEqual(
          rows.map((r) => [r.version, r.name]),
          MIGRATIONS.map((m) => [m.version, m.name]).sort((a, b) => a[0] - b[0]),
        );
        assert.deepEqual(rows.slice(0, 2), [
          { version: 1, name: 'links' },
          { version: 2, name: 'notifications' },
        ]);
        const r = await stores[0].links.reserve('WO-m', 'job-m');
        assert.equal(await stores[4].links.reserve('WO-m', 'job-other'), null, 'all five see one table');
        assert.ok(r);
      } finally {
        await first.database.query(`DROP SCHEMA ${schema} CASCADE`);
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    test('bad options are refused before anything is created', async () => {
      const { database } = await open({});
      const { connectionString } = database;
      await assert.rejects(createPostgresStore({ connectionString, schema: 'x; DROP SCHEMA public' }), {
        name: 'TypeError',
        message: /schema must be a PostgreSQL identifier/,
      });
      await assert.rejects(createPostgresStore({ connectionString, reservationTtlMs: 5 }), /reservationTtlMs/);
      await assert.rejects(createPostgresStore({}), /needs \{ pool \} or \{ connectionString \}/);
      await assert.rejects(
        createPostgresStore({ connectionString, notificationRetentionMs: -1 }),
        /notificationRetentionMs/,
      );
    });
  });
}
