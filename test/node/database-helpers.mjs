// The databases the durable tier's tests run on: the embedded PGlite, and a real PostgreSQL server
// (DATABASE_URL, which `npm test` sets to a throwaway cluster it starts; run alone, a test file
// starts its own). Each store a test opens gets a schema of its own, dropped at the end.
import { after } from 'node:test';
import { createEmbeddedPostgres, createPostgresStore } from '../../dist/npm/server/index.js';
import { findPostgresBin, startPostgres } from '../../scripts/postgres.mjs';

let counter = 0;
export const uniqueSchema = (prefix = 't') => `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;

/** A PostgreSQL URL for this file: DATABASE_URL, or a throwaway cluster stopped when the file ends. */
export async function postgresUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const server = await startPostgres({ bin: findPostgresBin() });
  after(() => server.stop());
  return server.url;
}

/** The embedded database, in memory, closed when the file ends. */
export async function embedded(dataDir = 'memory://') {
  const db = await createEmbeddedPostgres({ dataDir });
  after(() => db.close());
  return db;
}

/** `open(options)` for storeContract: a store in a fresh schema of `connectionString`, closed (and dropped) at the end. */
export function opener(connectionString) {
  const opened = [];
  after(async () => {
    for (const store of opened.reverse()) {
      await store.database.query(`DROP SCHEMA IF EXISTS ${store.database.schema} CASCADE`).catch(() => {});
      await store.close();
    }
  });
  return async (options = {}) => {
    const store = await createPostgresStore({
      connectionString,
      schema: uniqueSchema(),
      maxConnections: 4,
      ...options,
    });
    opened.push(store);
    return store;
  };
}
