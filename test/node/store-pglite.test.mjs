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
import { jobIndexContract } from './job-index-sql-contract.mjs';

const db = await embedded();
const open = opener(db.connectionString);
storeContract('PGlite', open);
sqlStoreContract('PGlite', open);
jobIndexContract('PGlite', open);

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
