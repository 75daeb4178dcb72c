/**
 * The sweep: what keeps the job index in step with XOi besides the change notifications. XOi's
 * `listJobs` filters only on CREATED_AT or COMPLETED_AT (docs/xoi-api-notes.md §3), so one sweep
 * reads, from cursors persisted in the database:
 *
 * 1. **created**: jobs created since the last sweep (CREATED_AT ≥ cursor − overlap, oldest first);
 *    until the index is built, this pass is the build, from the start of the look-back window;
 * 2. **completed**: jobs completed since the last sweep (COMPLETED_AT ≥ cursor − overlap);
 * 3. **recheck**: a few pages of the whole window, newest to oldest, a little more each sweep.
 *    What it catches that nothing else does: an open job edited or reassigned (XOi notifies
 *    changes of completed jobs only, §6), a job deleted or changed while notifications were lost,
 *    a job created offline whose creation time is older than the overlap. When a pass through the
 *    window ends, each indexed job it did not see is checked with `getJob` (gone → removed).
 *
 * Every read is stamped with the database's clock before it is made, and the store keeps the
 * newest observation of a job (store.ts): a sweep and a notification racing on one job cannot
 * bring back an older version, nor a deleted job. One instance sweeps at a time (a lease in the
 * database, renewed after every XOi call); another instance's sweep that finds it taken does
 * nothing. No transaction is held across an XOi call.
 */
import type { ListJobsPage, XoiClient } from '../client/client-types.js';
import { XoiError } from '../client/errors.js';
import type { XoiDateQuery } from '../client/types.js';
import { indexRowOf } from './row.js';
import type { JobIndexState, JobIndexStatePatch, JobIndexStore } from './store.js';

export type JobIndexClient = Pick<XoiClient, 'listJobs' | 'getJob'>;

export interface SweepConfig {
  /** listJobs `limit`. */
  pageSize: number;
  /** Pages per pass per sweep (the created and completed passes; the build goes on next sweep). */
  maxPages: number;
  /** Pages of the recheck pass per sweep; 0: no recheck. */
  recheckPages: number;
  /** `getJob` checks per sweep of jobs a pass did not see. */
  confirms: number;
  /** Each pass reads again this far behind its cursor (clock skew, late writes). */
  overlapMs: number;
  /** The window's length in days; 0: every job. */
  lookbackDays: number;
  leaseMs: number;
  now: () => number;
}

/** What one sweep did. */
export interface SweepReport {
  /** False when another instance was sweeping, or (scheduled) a sweep ran less than an interval ago. */
  ran: boolean;
  built: boolean;
  /** The created and completed passes reached the end of XOi's listings. */
  caughtUp: boolean;
  /** XOi calls made (listJobs and getJob). */
  calls: number;
  /** Jobs written (new or changed) and removed. */
  upserted: number;
  removed: number;
}

interface Run {
  client: JobIndexClient;
  store: JobIndexStore;
  config: SweepConfig;
  owner: string;
  report: SweepReport;
}

/** The lease went to another instance (this one was too slow): stop without writing more. */
export class LeaseLost extends Error {
  constructor() {
    super('the job index sweep lost its lease to another instance');
    this.name = 'LeaseLost';
  }
}

const windowStart = ({ config }: Run): number | null =>
  config.lookbackDays > 0 ? config.now() - config.lookbackDays * 86_400_000 : null;

const iso = (ms: number) => new Date(ms).toISOString();

async function keep(run: Run): Promise<void> {
  if (!(await run.store.renew(run.owner, run.config.leaseMs))) throw new LeaseLost();
}

async function save(run: Run, patch: JobIndexStatePatch): Promise<void> {
  if (!(await run.store.save(run.owner, patch))) throw new LeaseLost();
}

/** One listJobs page, stamped and stored. */
async function readPage(run: Run, dateQuery: XoiDateQuery, nextToken: string | null): Promise<ListJobsPage> {
  const observedAt = await run.store.clock();
  run.report.calls++;
  const page = await run.client.listJobs({ limit: run.config.pageSize, nextToken, dateQuery });
  run.report.upserted += await run.store.upsert(page.jobs.map(indexRowOf), observedAt);
  await keep(run);
  return page;
}

/**
 * Reads `dateQuery` page by page, at most `maxPages`; `onPage` saves the cursor after each one,
 * so a sweep that stops (a crash, the page limit) resumes there. True when the listing ended.
 */
async function pass(
  run: Run,
  dateQuery: XoiDateQuery,
  maxPages: number,
  onPage: (page: ListJobsPage) => Promise<void>,
): Promise<boolean> {
  let nextToken: string | null = null;
  for (let n = 0; n < maxPages; n++) {
    const page = await readPage(run, dateQuery, nextToken);
    await onPage(page);
    nextToken = page.nextToken;
    if (!nextToken) return true;
  }
  return false;
}

const newest = (values: (number | null)[], floor: number | null): number | null =>
  values.reduce<number | null>((max, v) => (v !== null && (max === null || v > max) ? v : max), floor);

/** Jobs created since the cursor (the build, from the window's start, while not built). */
async function createdPass(run: Run, state: JobIndexState, maxPages: number): Promise<boolean> {
  let cursor = state.createdCursorMs;
  const from = cursor === null ? windowStart(run) : cursor - (state.builtAt ? run.config.overlapMs : 0);
  const query: XoiDateQuery = { type: 'CREATED_AT', ascending: true, ...(from !== null && { gte: iso(from) }) };
  return pass(run, query, maxPages, async (page) => {
    const next = newest(
      page.jobs.map((job) => (job.createdAt ? Date.parse(job.createdAt) || null : null)),
      cursor,
    );
    if (next !== cursor) await save(run, { createdCursorMs: (cursor = next) });
  });
}

/** Jobs completed since the cursor. */
async function completedPass(run: Run, state: JobIndexState): Promise<boolean> {
  let cursor = state.completedCursorMs ?? run.config.now();
  const query: XoiDateQuery = { type: 'COMPLETED_AT', ascending: true, gte: iso(cursor - run.config.overlapMs) };
  return pass(run, query, run.config.maxPages, async (page) => {
    const next = newest(
      page.jobs.map((job) => (job.completedAt ? Date.parse(job.completedAt) || null : null)),
      cursor,
    )!;
    if (next !== cursor) await save(run, { completedCursorMs: (cursor = next) });
  });
}

/** `getJob` of each: still there → stored as XOi has it; gone → removed. */
export async function confirm(run: Run, jobIds: readonly string[]): Promise<void> {
  for (const jobId of jobIds) {
    const observedAt = await run.store.clock();
    run.report.calls++;
    try {
      run.report.upserted += await run.store.upsert([indexRowOf(await run.client.getJob(jobId))], observedAt);
    } catch (error) {
      if (!(error instanceof XoiError && error.code === 'not-found')) throw error;
      await run.store.remove(jobId, observedAt);
      run.report.removed++;
    }
    await keep(run);
  }
}

/** A slice of the recheck pass (see the file's comment); its end checks what it did not see. */
async function recheck(run: Run, state: JobIndexState): Promise<void> {
  const { config } = run;
  if (state.recheckConfirming && state.recheckStartedAt) {
    const ids = await run.store.unobserved(state.recheckStartedAt, windowStart(run), config.confirms);
    await confirm(run, ids);
    if (ids.length < config.confirms) {
      await save(run, { recheckConfirming: false, clear: ['recheckStartedAt', 'recheckBeforeMs'] });
      await run.store.analyze();
    }
    return;
  }
  if (!state.recheckStartedAt) await save(run, { now: ['recheckStartedAt'] });
  const before = state.recheckStartedAt ? state.recheckBeforeMs : null;
  const from = windowStart(run);
  const query: XoiDateQuery = {
    type: 'CREATED_AT',
    ...(from !== null && { gte: iso(from) }),
    ...(before !== null && { lte: iso(before) }),
  };
  const seen: { oldest: number | null } = { oldest: null };
  const ended = await pass(run, query, config.recheckPages, (page) => {
    const last = page.jobs.at(-1)?.createdAt;
    if (last) seen.oldest = Date.parse(last) || seen.oldest;
    return Promise.resolve();
  });
  if (ended) return save(run, { recheckConfirming: true });
  // Jobs sharing the boundary's millisecond are read again next time; no progress at all moves on by one.
  const { oldest } = seen;
  const stuck = oldest === null || (before !== null && oldest >= before);
  await save(run, { recheckBeforeMs: stuck ? (before ?? config.now()) - 1 : oldest });
}

/** Not built: the build goes on; at its end, what it did not see is checked, then it is built. */
async function build(run: Run, state: JobIndexState, unbounded: boolean): Promise<void> {
  const { config } = run;
  const ended = await createdPass(run, state, unbounded ? Infinity : config.maxPages);
  if (!ended || !state.buildStartedAt) return;
  const limit = unbounded ? 1000 : config.confirms;
  for (;;) {
    const ids = await run.store.unobserved(state.buildStartedAt, windowStart(run), limit);
    await confirm(run, ids);
    if (ids.length < limit) break;
    if (!unbounded) return;
  }
  await run.store.analyze();
  // Completions during the build of jobs already read are caught by the completed pass from here.
  await save(run, {
    completedCursorMs: state.buildStartedAt.getTime() - config.overlapMs,
    now: ['builtAt', 'caughtUpAt'],
  });
  run.report.built = run.report.caughtUp = true;
}

/** One sweep under the lease just taken (`state` is as the lease found it). */
export async function sweepUnderLease(
  deps: { client: JobIndexClient; store: JobIndexStore; config: SweepConfig; owner: string },
  state: JobIndexState,
  unbounded = false,
): Promise<SweepReport> {
  const run: Run = { ...deps, report: { ran: true, built: false, caughtUp: false, calls: 0, upserted: 0, removed: 0 } };
  if (!state.builtAt) {
    await build(run, state, unbounded);
    return run.report;
  }
  run.report.built = true;
  const created = await createdPass(run, state, deps.config.maxPages);
  const completed = await completedPass(run, state);
  if (created && completed) {
    await save(run, { now: ['caughtUpAt'] });
    run.report.caughtUp = true;
  }
  // The recheck reads its own progress as this sweep left the state.
  if (deps.config.recheckPages > 0) await recheck(run, await deps.store.state());
  await deps.store.prune(windowStart(run));
  return run.report;
}
