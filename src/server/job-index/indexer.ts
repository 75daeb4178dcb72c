/**
 * `createXoiJobIndex`: the organisation's XOi jobs in the database, so that a technician's job
 * list is one query, complete within the look-back window, with no XOi call. XOi cannot list by
 * assignee (docs/xoi-api-notes.md §3); without the index the routes page through the whole
 * organisation's jobs for every list.
 *
 * Kept fresh two ways: each change notification (a hint, §6) makes the job be read from XOi and
 * stored, or removed when XOi says it is gone; and a sweep (sweep.ts) runs through the queue
 * every `sweepIntervalMs` on whichever instance takes it. `rebuild()` builds it again from XOi.
 * The routes (`createXoiRoutes(…, { jobIndex })`) list from it while it is built and caught up
 * within `staleAfterMs`, and from XOi otherwise.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { XoiError } from '../client/errors.js';
import { integerOption } from '../http.js';
import type { XoiQueue } from '../queue/queue.js';
import { indexRowOf } from './row.js';
import type { IndexedJob, JobIndexQuery, JobIndexState, JobIndexStore } from './store.js';
import { LeaseLost, sweepUnderLease, type JobIndexClient, type SweepConfig, type SweepReport } from './sweep.js';

export type { JobIndexClient, SweepReport } from './sweep.js';

/** The queue the sweep runs from. */
export const JOB_INDEX_QUEUE = 'xoi-job-index';

export interface XoiJobIndexOptions {
  /** Reads XOi: `listJobs` (the sweep) and `getJob` (notifications, checks). */
  client: JobIndexClient;
  /** `createPostgresStore`'s store: the index lives in its database, beside the links. */
  store: { jobIndex: JobIndexStore };
  /** Sweeps run as jobs of this queue, on any instance. Without it, call `sweep()` yourself. */
  queue?: XoiQueue;
  /** Its job notifications keep the index fresh between sweeps. */
  notifications?: { on(type: '*', listener: (event: { jobId: string }) => unknown): unknown };
  /** How often the sweep runs (across all instances). Default 60 s; 1 s to 24 h. */
  sweepIntervalMs?: number;
  /** The routes list from XOi when the last caught-up sweep is older. Default 2 × `sweepIntervalMs`. */
  staleAfterMs?: number;
  /** Jobs created in the last N days are indexed; 0: all. Default 90 (the routes' default). */
  lookbackDays?: number;
  /** listJobs page size. Default 1,000 (XOi's largest, docs/xoi-api-notes.md §3 [assumed]). */
  pageSize?: number;
  /** listJobs pages per pass per sweep; a longer backlog goes on next sweep. Default 50. */
  maxPagesPerSweep?: number;
  /** Pages of the recheck pass per sweep (sweep.ts); 0 turns it off. Default 1. */
  recheckPagesPerSweep?: number;
  /** Each pass reads again this far behind its cursor. Default 10 minutes. */
  overlapMs?: number;
  /** The clock of the look-back window, ms. Default `Date.now`. */
  now?: () => number;
  /** Told about failed sweeps and queue errors; a failing sweep is tried again next interval. */
  onError?: (error: unknown) => void;
}

export interface XoiJobIndexStatus {
  /** A build has completed (not rebuilding). */
  built: boolean;
  /** Built and caught up within `staleAfterMs`: the routes list from it. */
  fresh: boolean;
  /** Jobs held. */
  jobs: number;
  builtAt: string | null;
  /** The last sweep that reached the end of XOi's new and completed jobs. */
  caughtUpAt: string | null;
  lastError: { message: string; at: string | null } | null;
}

export interface XoiJobIndex {
  /** Resolves once this instance works the sweep queue (at once without a queue). */
  readonly ready: Promise<void>;
  readonly lookbackDays: number;
  /** A page of a technician's jobs, or null while the index is not built or is stale (list from XOi then). */
  page(query: JobIndexQuery): Promise<IndexedJob[] | null>;
  /** One sweep now; `ran: false` when another instance is sweeping. */
  sweep(): Promise<SweepReport>;
  /**
   * Builds the index again from XOi (a new installation, data lost or restored): the routes list
   * from XOi until it is done. Waits for a sweep in progress; throws what XOi or the database threw.
   */
  rebuild(): Promise<SweepReport>;
  /** Reads one job from XOi and stores it, or removes it when XOi says it is gone (what a notification does). */
  refresh(jobId: string): Promise<'stored' | 'removed'>;
  status(): Promise<XoiJobIndexStatus>;
  /** Stops this instance's sweep timer (the queue is yours to stop). */
  stop(): void;
}

const OWNER = 'createXoiJobIndex';

interface Settings extends SweepConfig {
  intervalMs: number;
  staleAfterMs: number;
}

function settings(options: XoiJobIndexOptions): Settings {
  const int = (name: keyof XoiJobIndexOptions, fallback: number, min: number, max: number) =>
    integerOption(OWNER, name, (options[name] as number | undefined) ?? fallback, min, max);
  const intervalMs = int('sweepIntervalMs', 60_000, 1000, 86_400_000);
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError(`${OWNER}: now must be a function`);
  return {
    intervalMs,
    staleAfterMs: int('staleAfterMs', 2 * intervalMs, intervalMs, 7 * 86_400_000),
    lookbackDays: int('lookbackDays', 90, 0, 36_500),
    pageSize: int('pageSize', 1000, 1, 1000),
    maxPages: int('maxPagesPerSweep', 50, 1, 100_000),
    recheckPages: int('recheckPagesPerSweep', 1, 0, 1000),
    confirms: 50,
    overlapMs: int('overlapMs', 600_000, 0, 86_400_000),
    // Renewed after every XOi call; one call with its retries stays well within it.
    leaseMs: Math.max(300_000, 2 * intervalMs),
    now,
  };
}

function checked(options: XoiJobIndexOptions): XoiJobIndexOptions {
  if (!options || typeof options !== 'object') throw new TypeError(`${OWNER}(options): options are required`);
  const { client, store, onError } = options;
  if (typeof client?.listJobs !== 'function' || typeof client.getJob !== 'function') {
    throw new TypeError(`${OWNER}: client must be an XOi client (listJobs and getJob)`);
  }
  if (!store?.jobIndex) throw new TypeError(`${OWNER}: store must be createPostgresStore's (it has jobIndex)`);
  if (onError !== undefined && typeof onError !== 'function')
    throw new TypeError(`${OWNER}: onError must be a function`);
  return options;
}

const isoOf = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * What a notification about `jobId` does: XOi is asked (a notification is a hint, §6), and the job
 * is stored as XOi has it; only XOi saying it does not exist removes it, so a forged `job_delete`
 * for a live job changes nothing. The read is stamped before it is made: a later one wins.
 */
async function refreshFromXoi(
  client: JobIndexClient,
  store: JobIndexStore,
  jobId: string,
): Promise<'stored' | 'removed'> {
  const observedAt = await store.clock();
  try {
    await store.upsert([indexRowOf(await client.getJob(jobId))], observedAt);
    return 'stored';
  } catch (error) {
    if (!(error instanceof XoiError && error.code === 'not-found')) throw error;
    await store.remove(jobId, observedAt);
    return 'removed';
  }
}

/** Creates the index; with a queue, this instance takes part in the sweeps from now on. */
export function createXoiJobIndex(options: XoiJobIndexOptions): XoiJobIndex {
  const { client, queue, notifications, onError } = checked(options);
  const store = options.store.jobIndex;
  const config = settings(options);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // A failing logger must not stop the sweeps.
    }
  };

  /** Runs a sweep under the lease `state` was taken with; records a failure and lets go of the lease. */
  async function leased(state: JobIndexState, unbounded: boolean): Promise<SweepReport> {
    try {
      return await sweepUnderLease({ client, store, config, owner }, state, unbounded);
    } catch (error) {
      if (!(error instanceof LeaseLost)) {
        const message = error instanceof Error ? error.message : String(error);
        await store.save(owner, { lastError: message.slice(0, 1000), now: ['lastErrorAt'] }).catch(() => {});
      }
      throw error;
    } finally {
      await store.release(owner).catch(report);
    }
  }

  const idle: SweepReport = { ran: false, built: false, caughtUp: false, calls: 0, upserted: 0, removed: 0 };

  async function sweep(dueMs: number | null): Promise<SweepReport> {
    const state = await store.acquire(owner, config.leaseMs, dueMs);
    return state ? leased(state, false) : { ...idle };
  }

  async function rebuild(): Promise<SweepReport> {
    const deadline = Date.now() + config.leaseMs + 5000;
    let state = await store.acquire(owner, config.leaseMs, null);
    while (!state) {
      if (Date.now() > deadline) throw new Error(`${OWNER}: another instance holds the sweep's lease; try again later`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = await store.acquire(owner, config.leaseMs, null);
    }
    if (!(await store.restart(owner))) throw new LeaseLost();
    return leased(await store.state(), true);
  }

  const refresh = (jobId: string) => refreshFromXoi(client, store, jobId);
  notifications?.on('*', async (event) => {
    await refresh(event.jobId);
  });
  const { ready, stop } = queue ? schedule(queue, config, () => sweep(0.75 * config.intervalMs), report) : idleSchedule;

  return {
    ready,
    lookbackDays: config.lookbackDays,
    async page(query) {
      const { fresh } = await store.freshness(config.staleAfterMs);
      return fresh ? store.list(query) : null;
    },
    sweep: () => sweep(null),
    rebuild,
    refresh,
    async status() {
      const [state, { fresh }] = await Promise.all([store.state(), store.freshness(config.staleAfterMs)]);
      return {
        built: state.builtAt !== null,
        fresh,
        jobs: state.rows,
        builtAt: isoOf(state.builtAt),
        caughtUpAt: isoOf(state.caughtUpAt),
        lastError: state.lastError ? { message: state.lastError, at: isoOf(state.lastErrorAt) } : null,
      };
    },
    stop,
  };
}

const idleSchedule = { ready: Promise.resolve(), stop: () => {} };

/**
 * Every instance asks the queue for a sweep each interval; the sweep itself runs only where the
 * lease is free and no sweep started within ¾ of an interval, so the organisation is swept once
 * per interval however many instances run. A failed sweep is not retried by the queue (no dead
 * letters while XOi is down): the next interval's sweep is the retry.
 */
function schedule(
  queue: XoiQueue,
  config: Settings,
  sweep: () => Promise<SweepReport>,
  report: (error: unknown) => void,
): { ready: Promise<void>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const ask = () => {
    queue.send(JOB_INDEX_QUEUE, {}).catch(report);
  };
  const ready = queue
    .work({
      name: JOB_INDEX_QUEUE,
      retryLimit: 0,
      concurrency: 1,
      expireInSeconds: Math.ceil(config.leaseMs / 1000),
      handler: async () => {
        await sweep().catch((error: unknown) => {
          if (!(error instanceof LeaseLost)) report(error);
        });
      },
    })
    .then(() => {
      if (stopped) return;
      ask();
      timer = setInterval(ask, config.intervalMs);
      timer.unref();
    });
  // Reported through `ready`; never an unhandled rejection in the host.
  ready.catch(() => {});
  return {
    ready,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
