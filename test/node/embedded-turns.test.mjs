// The embedded database serves many connections on PGlite's one session (src/server/db/pglite-turns.ts):
// transactions and queries with parameters from several connections at once must each run whole,
// and each query must get its own answer. Before the turns, a transaction starting inside another
// connection's Parse…Sync made that query fail with 'portal "" cannot be run'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPostgresStore } from '../../dist/npm/server/index.js';
import { embedded } from './database-helpers.mjs';

const db = await embedded();

test('20 transactions and 40 queries with parameters at once, on 6 connections: all run, each gets its answer', async () => {
  const store = await createPostgresStore({
    connectionString: db.connectionString,
    schema: 'turns',
    maxConnections: 6,
  });
  try {
    await store.database.query('CREATE TABLE turns.t (id text PRIMARY KEY, v int NOT NULL)');
    await store.database.query("INSERT INTO turns.t VALUES ('a', 0)");
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) =>
        store.database.transaction(async (tx) => {
          await tx.query('INSERT INTO turns.t VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET v = turns.t.v + 1', [
            'a',
            i,
          ]);
          await new Promise((resolve) => setTimeout(resolve, 2));
          return (await tx.query('SELECT $1::int AS i', [i])).rows[0].i === i;
        }),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        store.database
          .query('SELECT $1::int AS i, $2::text AS s', [i, `s${i}`])
          .then(({ rows }) => rows[0].s === `s${i}`),
      ),
    ]);
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    assert.deepEqual(failed, []);
    assert.ok(
      results.every((r) => r.value === true),
      'each query got its own answer',
    );
    const { rows } = await store.database.query("SELECT v FROM turns.t WHERE id = 'a'");
    assert.equal(rows[0].v, 20, 'every transaction committed once');
  } finally {
    await store.close();
  }
});
