// The store contract on the embedded database (PGlite served on a local socket), and what only
// the SQL stores promise: a committed link survives a restart of the process.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEmbeddedPostgres, createPostgresStore } from '../../dist/npm/server/index.js';
import { embedded, opener } from './database-helpers.mjs';
import { link, storeContract } from './store-contract.mjs';
import { sqlStoreContract } from './store-sql-contract.mjs';

const db = await embedded();
const open = opener(db.connectionString);
storeContract('PGlite', open);
sqlStoreContract('PGlite', open);

test('PGlite persisted to a directory: links and notifications are still there after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xoi-pglite-data-'));
  try {
    const first = await createEmbeddedPostgres({ dataDir });
    const store = await createPostgresStore(first);
    const r = await store.links.reserve('WO-restart', 'job-restart');
    await store.links.commit(r, link('WO-restart', 'job-restart'));
    await store.notifications.accept({ key: 'k-restart', type: 'job-completed', jobId: 'job-restart', event: {} });
    await store.close();
    await first.close();

    const second = await createEmbeddedPostgres({ dataDir });
    const again = await createPostgresStore(second);
    assert.deepEqual(await again.links.get('WO-restart'), link('WO-restart', 'job-restart'));
    assert.equal(
      await again.notifications.accept({ key: 'k-restart', type: 'job-completed', jobId: 'job-restart', event: {} }),
      'duplicate',
    );
    await again.close();
    await second.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('many concurrent parameterised queries from two stores and a polling queue: no crossed protocol messages', async () => {
  // pglite-socket interleaved connections message by message: two pools overwrote each other's
  // unnamed statement and portal ("portal \"\" does not exist"). src/server/db/pglite-turns.ts.
  const { createXoiQueue } = await import('../../dist/npm/server/index.js');
  const a = await open({ reservationTtlMs: 60_000 });
  const b = await createPostgresStore({ connectionString: db.connectionString, schema: a.database.schema });
  const queue = await createXoiQueue(a.database, { pollingIntervalMs: 500 });
  await queue.work({ name: 'noise', concurrency: 4, handler: async () => {} });
  try {
    const results = await Promise.allSettled(
      Array.from({ length: 120 }, async (_, i) => {
        const store = i % 2 ? a : b;
        const r = await store.links.reserve(`WO-c-${i}`, `job-c-${i}`);
        await store.links.saveProgress(r, { share: { id: `s-${i}`, shareLink: `https://s.example/${i}` } });
        await queue.send('noise', { i });
        await store.links.commit(r, link(`WO-c-${i}`, `job-c-${i}`));
        return (await (i % 2 ? b : a).links.get(`WO-c-${i}`)).jobId;
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    assert.deepEqual([...new Set(failed)], []);
    assert.deepEqual(
      results.map((r) => r.value),
      Array.from({ length: 120 }, (_, i) => `job-c-${i}`),
    );
  } finally {
    await queue.stop();
    await b.close();
  }
});
