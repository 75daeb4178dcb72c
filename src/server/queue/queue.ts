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
import { ensureQueue, executor, loadBoss, startAlone, type Boss } from './boss.js';
import { deadLetters, deadQueue, queueCounts, retryDeadLetter } from './dead-letters.js';
import { holdRetry } from './retry-after.js';

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

const integer = (name: string, value: number, min: number, max: number): number => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
};

/** One kind of work's checked policy. */
function policyOf<T>(definition: XoiJobDefinition<T>) {
  if (!QUEUE_NAME.test(definition.name))
    throw new TypeError(`queue name ${JSON.stringify(definition.name)} is not valid`);
  return {
    retryLimit: integer('retryLimit', definition.retryLimit ?? 8, 0, 100),
    retryDelay: integer('retryDelaySeconds', definition.retryDelaySeconds ?? 2, 0, 3600),
    expireInSeconds: integer('expireInSeconds', definition.expireInSeconds ?? 300, 1, 86_400),
    concurrency: integer('concurrency', definition.concurrency ?? 4, 1, 64),
  };
}

/** Creates the job's queue and its dead-letter queue, then starts `concurrency` workers; their ids. */
async function startWorkers<T>(
  boss: Boss,
  definition: XoiJobDefinition<T>,
  pollingIntervalMs: number,
  where: { database: Database; schema: string },
): Promise<string[]> {
  const { concurrency, ...policy } = policyOf(definition);
  const dead = deadQueue(definition.name);
  await ensureQueue(boss, dead, { retryLimit: 0 });
  await ensureQueue(boss, definition.name, { ...policy, retryBackoff: true, deadLetter: dead });
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    const self = { id: '' };
    self.id = await boss.work(
      definition.name,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: pollingIntervalMs / 1000 },
      async ([job]) => {
        // pg-boss 10 sleeps a worker for the rest of its polling interval even after a job: one
        // that found work looks again at once, so a backlog drains at `concurrency`, not at one
        // job per interval per worker (bench/server/appointments.mjs: 16 → 40+ appointments/s).
        if (self.id) boss.notifyWorker(self.id);
        try {
          await definition.handler(job.data as T, { id: job.id, retryCount: job.retryCount ?? 0 });
        } catch (error) {
          await holdRetry(where.database, where.schema, definition.name, job.id, error).catch(() => {});
          throw error;
        }
      },
    );
    ids.push(self.id);
  }
  return ids;
}

/** pg-boss on the store's database: its own schema, our pool, errors to `onError`. */
async function startBoss(
  database: Database,
  schema: string,
  options: XoiQueueOptions,
  inFlight: Set<Promise<unknown>>,
): Promise<Boss> {
  const maintenanceIntervalMs = integer(
    'maintenanceIntervalMs',
    options.maintenanceIntervalMs ?? 30_000,
    1000,
    3_600_000,
  );
  const PgBoss = await loadBoss();
  // pg-boss 10 does not await a finished job's completion (manager.js: `this.complete(…)`), and
  // its stop() can resolve before that SQL ran: stop() below waits for every statement in flight.
  const sql = executor(database);
  const boss = new PgBoss({
    db: {
      executeSql(text: string, values?: unknown[]) {
        const running = sql.executeSql(text, values);
        const settled: Promise<unknown> = running.then(
          (): unknown => inFlight.delete(settled),
          (): unknown => inFlight.delete(settled),
        );
        inFlight.add(settled);
        return running;
      },
    },
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
  return boss;
}

/** Starts the queue on the store's database (creating its tables on first start). */
export async function createXoiQueue(database: Database, options: XoiQueueOptions = {}): Promise<XoiQueue> {
  const schema = schemaName(options.schema ?? `${database.schema}_queue`, 'queue schema');
  const pollingIntervalMs = integer('pollingIntervalMs', options.pollingIntervalMs ?? 1000, 500, 600_000);
  const inFlight = new Set<Promise<unknown>>();
  const boss = await startBoss(database, schema, options, inFlight);
  const workers = new Map<string, string[]>();
  const wake = (name: string) => {
    for (const worker of workers.get(name) ?? []) boss.notifyWorker(worker);
  };
  return {
    async work(definition) {
      if (workers.has(definition.name)) throw new Error(`a handler for ${definition.name} is already working`);
      workers.set(definition.name, []);
      try {
        workers.set(definition.name, await startWorkers(boss, definition, pollingIntervalMs, { database, schema }));
      } catch (error) {
        workers.delete(definition.name);
        throw error;
      }
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
    deadLetters: (name) => deadLetters(database, schema, name ? [name] : [...workers.keys()]),
    retryDeadLetter: (id) => retryDeadLetter(database, schema, boss, id),
    counts: () => queueCounts(database, schema, [...workers.keys()]),
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      while (inFlight.size) await Promise.all(inFlight);
    },
  };
}
