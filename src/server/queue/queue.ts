/**
 * The durable queue for XOi work (pg-boss 10, in the same PostgreSQL as the stores): a job sent
 * is in the database before `send` resolves, so a crash, a deploy or an XOi outage loses nothing;
 * every instance runs workers, each job runs on one of them at a time, failures are retried with
 * exponential back-off, and what still fails after the retries goes to a dead-letter queue, where
 * the status page lists it with its error and a retry action.
 *
 * A worker that dies mid-job (kill -9) leaves the job active: after `expireInSeconds` the queue's
 * maintenance retries it elsewhere. Handlers must therefore be idempotent; ours are (keys, hashes).
 *
 * `pg-boss` (10.x: it runs on Node 20) is an optional peer dependency. It talks to the database
 * through our own pool, so the embedded database needs no extra connections.
 */
import type { Database, Sql } from '../db/database.js';
import { schemaName } from '../db/database.js';

export interface XoiQueueOptions {
  /** PostgreSQL schema of the queue's tables. Default `<store schema>_queue`. */
  schema?: string;
  /** How often idle workers look for work (other instances' jobs). Default 1,000 ms; at least 500. */
  pollingIntervalMs?: number;
  /** How often expired jobs (a worker that died) are retried and old ones archived. Default 30 s. */
  maintenanceIntervalMs?: number;
  /** Told about queue errors (a lost connection, a maintenance failure): the queue keeps going. */
  onError?: (error: unknown) => void;
}

/** One kind of work: its queue, its retry policy and its handler. */
export interface XoiJobDefinition<T> {
  /** Queue name: letters, digits, `-` and `_`. */
  name: string;
  /**
   * Does the work; throwing retries it. An error with a numeric `retryAfterMs` (an `XoiError`
   * whose call XOi kept refusing with `Retry-After`) is retried no sooner than that.
   */
  handler: (data: T, job: { id: string; retryCount: number }) => Promise<void>;
  /** Retries after the first attempt. Default 8 (about 4 minutes of back-off in all). */
  retryLimit?: number;
  /** First retry delay; it doubles with each retry. Default 2 s. */
  retryDelaySeconds?: number;
  /** A job running longer is taken for dead and retried. Default 5 minutes. */
  expireInSeconds?: number;
  /** Jobs of this kind run at once in this instance. Default 4. */
  concurrency?: number;
}

export interface QueueSendOptions {
  /** Send inside this transaction: the job exists only if the transaction commits. */
  tx?: Sql;
  /** At most one waiting or running job with this key per queue. */
  singletonKey?: string;
  /** Not before this many ms from now. */
  startAfterMs?: number;
}

/** A job that failed after all its retries. */
export interface DeadLetter {
  id: string;
  /** The queue it failed in. */
  queue: string;
  data: unknown;
  /** The last error's message. */
  error: string;
  failedAt: string;
  retryCount: number;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  /** In the dead-letter queue. */
  dead: number;
}

export interface XoiQueue {
  /** Creates the job's queue and its dead-letter queue (idempotent) and starts this instance's workers. */
  work<T>(definition: XoiJobDefinition<T>): Promise<void>;
  /**
   * Enqueues; resolves to the job id (null: a job with that singletonKey is already waiting). This
   * instance's idle workers are woken at once; with `tx`, call {@link XoiQueue.wake} after the
   * commit instead (the job is not visible before it).
   */
  send<T>(name: string, data: T, options?: QueueSendOptions): Promise<string | null>;
  /** Wakes this instance's idle workers of `name` now rather than at their next poll. */
  wake(name: string): void;
  /** Jobs that failed after their retries, newest first. */
  deadLetters(name?: string): Promise<DeadLetter[]>;
  /** Sends a dead letter's data to its queue again (the status page's retry action); false when unknown. */
  retryDeadLetter(id: string): Promise<boolean>;
  /** Per queue. */
  counts(): Promise<Record<string, QueueCounts>>;
  /** Stops the workers after their current jobs. */
  stop(): Promise<void>;
}

const QUEUE_NAME = /^[a-z][a-z0-9_-]{0,60}$/;
const deadQueue = (name: string) => `${name}-dead`;

interface Boss {
  on(event: 'error', listener: (error: Error) => void): void;
  start(): Promise<unknown>;
  stop(options: { graceful: boolean; wait: boolean; timeout?: number }): Promise<void>;
  createQueue(name: string, options?: object): Promise<void>;
  getQueue(name: string): Promise<object | null>;
  send(name: string, data: unknown, options?: object): Promise<string | null>;
  work(name: string, options: object, handler: (jobs: BossJob[]) => Promise<void>): Promise<string>;
  notifyWorker(id: string): void;
}
interface BossJob {
  id: string;
  data: unknown;
  retryCount?: number;
}

async function loadBoss(): Promise<new (config: object) => Boss> {
  try {
    const module = (await import('pg-boss')) as unknown as { default: new (config: object) => Boss };
    return module.default;
  } catch (error) {
    throw new Error("xoi-share-button/server: the queue needs 'pg-boss' version 10: npm install pg-boss@10", {
      cause: error,
    });
  }
}

const integer = (name: string, value: number, min: number, max: number): number => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
};

/** Starts the queue on the store's database (creating its tables on first start). */
export async function createXoiQueue(database: Database, options: XoiQueueOptions = {}): Promise<XoiQueue> {
  const schema = schemaName(options.schema ?? `${database.schema}_queue`, 'queue schema');
  const pollingIntervalMs = integer('pollingIntervalMs', options.pollingIntervalMs ?? 1000, 500, 600_000);
  const maintenanceIntervalMs = integer(
    'maintenanceIntervalMs',
    options.maintenanceIntervalMs ?? 30_000,
    1000,
    3_600_000,
  );
  const PgBoss = await loadBoss();
  const executor = (sql: Sql) => ({
    executeSql: (text: string, values?: unknown[]) => sql.query(text, values),
  });
  const boss = new PgBoss({
    db: executor(database),
    schema,
    maintenanceIntervalSeconds: Math.max(1, Math.round(maintenanceIntervalMs / 1000)),
  });
  boss.on('error', (error) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing logger must not stop the queue.
    }
  });
  await startAlone(database, schema, () => boss.start());

  const workers = new Map<string, string[]>();
  const wake = (name: string) => {
    for (const worker of workers.get(name) ?? []) boss.notifyWorker(worker);
  };

  return {
    async work(definition) {
      if (!QUEUE_NAME.test(definition.name))
        throw new TypeError(`queue name ${JSON.stringify(definition.name)} is not valid`);
      if (workers.has(definition.name)) throw new Error(`a handler for ${definition.name} is already working`);
      const retryLimit = integer('retryLimit', definition.retryLimit ?? 8, 0, 100);
      const retryDelay = integer('retryDelaySeconds', definition.retryDelaySeconds ?? 2, 0, 3600);
      const expireInSeconds = integer('expireInSeconds', definition.expireInSeconds ?? 300, 1, 86_400);
      const concurrency = integer('concurrency', definition.concurrency ?? 4, 1, 64);
      const dead = deadQueue(definition.name);
      await ensureQueue(boss, dead, { retryLimit: 0 });
      await ensureQueue(boss, definition.name, {
        retryLimit,
        retryDelay,
        retryBackoff: true,
        expireInSeconds,
        deadLetter: dead,
      });
      const ids: string[] = [];
      for (let i = 0; i < concurrency; i++) {
        ids.push(
          await boss.work(
            definition.name,
            { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: pollingIntervalMs / 1000 },
            async ([job]) => {
              try {
                await definition.handler(job.data as never, { id: job.id, retryCount: job.retryCount ?? 0 });
              } catch (error) {
                await holdRetry(database, schema, definition.name, job.id, error).catch(() => {});
                throw error;
              }
            },
          ),
        );
      }
      workers.set(definition.name, ids);
    },

    async send(name, data, sendOptions = {}) {
      const id = await boss.send(name, data, {
        ...(sendOptions.tx && { db: executor(sendOptions.tx) }),
        ...(sendOptions.singletonKey && { singletonKey: sendOptions.singletonKey }),
        ...(sendOptions.startAfterMs && { startAfter: Math.ceil(sendOptions.startAfterMs / 1000) }),
      });
      // Wake this instance's idle workers now instead of at their next poll; other instances poll.
      if (id && !sendOptions.tx) wake(name);
      return id;
    },

    wake,

    async deadLetters(name) {
      const names = name ? [deadQueue(name)] : [...workers.keys()].map(deadQueue);
      if (names.length === 0) return [];
      const { rows } = await database.query<DeadRow>(
        `SELECT id, name, data, output, retry_limit, created_on FROM ${schema}.job
          WHERE name = ANY($1::text[]) AND state = 'created' ORDER BY created_on DESC LIMIT 500`,
        [names],
      );
      return rows.map(deadLetterOf);
    },

    async retryDeadLetter(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      // One transaction: the dead letter is gone only if its job is queued again.
      return database.transaction(async (tx) => {
        const { rows } = await tx.query<{ name: string; data: unknown }>(
          `DELETE FROM ${schema}.job WHERE id = $1::uuid AND name LIKE '%-dead' AND state = 'created' RETURNING name, data`,
          [id],
        );
        if (!rows[0]) return false;
        await boss.send(rows[0].name.slice(0, -'-dead'.length), rows[0].data, { db: executor(tx) });
        return true;
      });
    },

    async counts() {
      const { rows } = await database.query<{ name: string; state: string; n: number }>(
        `SELECT name, state, count(*)::int AS n FROM ${schema}.job
          WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
      );
      const out: Record<string, QueueCounts> = {};
      for (const name of workers.keys()) out[name] = { waiting: 0, active: 0, dead: 0 };
      for (const { name, state, n } of rows) {
        const base = name.endsWith('-dead') ? name.slice(0, -'-dead'.length) : name;
        const entry = (out[base] ??= { waiting: 0, active: 0, dead: 0 });
        if (name !== base) entry.dead += n;
        else if (state === 'active') entry.active += n;
        else entry.waiting += n;
      }
      return out;
    },

    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/**
 * When the error asks for a wait (`retryAfterMs`, XOi's `Retry-After`), raises the failing job's
 * `retry_delay` so that pg-boss's next start is no sooner. pg-boss computes it when the job fails,
 * from the row: `retry_delay × 2^retry_count × (1 + random)` with back-off (our queues), so a
 * delay of ⌈wait / 2^retry_count⌉ seconds makes even its shortest draw at least the wait.
 */
async function holdRetry(database: Database, schema: string, name: string, id: string, error: unknown) {
  const wait = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  if (typeof wait !== 'number' || !Number.isFinite(wait) || wait <= 0) return;
  const seconds = Math.min(Math.ceil(wait / 1000), 86_400);
  await database.query(
    `UPDATE ${schema}.job
        SET retry_delay = GREATEST(retry_delay,
              CEIL($3::float8 / CASE WHEN retry_backoff THEN power(2, retry_count) ELSE 1 END)::int)
      WHERE name = $1 AND id = $2::uuid AND state = 'active'`,
    [name, id, seconds],
  );
}

interface DeadRow {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_limit: number;
  created_on: Date | string;
}

/** pg-boss copies a failed job's data and output (the thrown error, serialized) into its dead letter. */
function deadLetterOf(row: DeadRow): DeadLetter {
  const output = row.output as { message?: unknown; value?: { message?: unknown } } | string | null;
  const text = (value: unknown) => (typeof value == 'string' ? value : undefined);
  const message =
    typeof output == 'string'
      ? output
      : (text(output?.message) ?? text(output?.value?.message) ?? (output ? JSON.stringify(output) : 'failed'));
  return {
    id: row.id,
    queue: row.name.slice(0, -'-dead'.length),
    data: row.data,
    error: message.slice(0, 500),
    failedAt: new Date(row.created_on).toISOString(),
    retryCount: Number(row.retry_limit ?? 0),
  };
}

/**
 * Runs `start` while holding a session-level advisory lock: instances starting together install
 * pg-boss's tables one after the other. Without it, two fresh instances raced on creating its
 * schema (a duplicate key in pg_namespace) in about one start in three.
 */
async function startAlone(database: Database, schema: string, start: () => Promise<unknown>): Promise<void> {
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
async function ensureQueue(boss: Boss, name: string, options: object): Promise<void> {
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
