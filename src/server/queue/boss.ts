/**
 * pg-boss 10, as the queue uses it: loaded lazily (an optional peer), started by one instance at a
 * time, queues created once even when instances start together.
 */
import type { Database, Sql } from '../db/database.js';

export interface Boss {
  on(event: 'error', listener: (error: Error) => void): void;
  start(): Promise<unknown>;
  stop(options: { graceful: boolean; wait: boolean; timeout?: number }): Promise<void>;
  createQueue(name: string, options?: object): Promise<void>;
  getQueue(name: string): Promise<object | null>;
  send(name: string, data: unknown, options?: object): Promise<string | null>;
  work(name: string, options: object, handler: (jobs: BossJob[]) => Promise<void>): Promise<string>;
  notifyWorker(id: string): void;
}
export interface BossJob {
  id: string;
  data: unknown;
  retryCount?: number;
}

/** pg-boss's `db` option: its SQL runs through our pool (or a transaction's connection). */
export const executor = (sql: Sql) => ({
  executeSql: (text: string, values?: unknown[]) => sql.query(text, values),
});

export async function loadBoss(): Promise<new (config: object) => Boss> {
  try {
    const module = (await import('pg-boss')) as unknown as { default: new (config: object) => Boss };
    return module.default;
  } catch (error) {
    throw new Error("xoi-share-button/server: the queue needs 'pg-boss' version 10: npm install pg-boss@10", {
      cause: error,
    });
  }
}

/**
 * Runs `start` while holding a session-level advisory lock: instances starting together install
 * pg-boss's tables one after the other. Without it, two fresh instances raced on creating its
 * schema (a duplicate key in pg_namespace) in about one start in three.
 */
export async function startAlone(database: Database, schema: string, start: () => Promise<unknown>): Promise<void> {
  const connection = await database.pool.connect();
  const key = `xoi-share-button:queue:${schema}`;
  try {
    await connection.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await start();
  } finally {
    await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => {});
    connection.release();
  }
}

/**
 * Creates a queue unless it exists. Instances starting together race here: pg-boss's create_queue
 * can then deadlock (PostgreSQL aborts one side, 40P01) or find the queue made meanwhile. Both are
 * retried; the queue is there afterwards either way.
 */
export async function ensureQueue(boss: Boss, name: string, options: object): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, options);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const raced = code === '40P01' || /already exists|duplicate key/i.test(String((error as Error).message));
      if (!raced || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}
