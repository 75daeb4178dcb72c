/**
 * Where work order ↔ XOi job links live. XOi has no field to remember the link (externalId
 * cannot be changed after creation, docs/xoi-api-notes.md §3 and §9), so the host keeps it. A link is final: the
 * store has no delete. Both sides are unique: one job per work order and one work order per job.
 *
 * Linking takes several XOi calls, so the routes first `reserve` both ids, then `commit` the
 * finished link, or `release` the reservation when a step failed (a failed link stores nothing).
 * A database store gets the "exactly one winner" rule from two unique keys, e.g.
 *
 *     CREATE TABLE xoi_links (
 *       work_order_id TEXT PRIMARY KEY, job_id TEXT NOT NULL UNIQUE,
 *       link JSONB,               -- NULL while reserved
 *       reserved_at TIMESTAMPTZ NOT NULL);
 *
 * reserve = INSERT … ON CONFLICT DO NOTHING (true when a row was inserted), commit = UPDATE …
 * SET link = $3 WHERE work_order_id = $1 AND job_id = $2 AND link IS NULL (throw when no row
 * changed: the reservation expired and may be someone else's now), release = DELETE … WHERE
 * work_order_id = $1 AND job_id = $2 AND link IS NULL. A process that dies mid-link leaves a
 * reservation: expire rows with `link IS NULL` older than a few minutes.
 */
import type { WorkOrderLink } from '../../contract/routes.js';

type MaybePromise<T> = T | Promise<T>;

export interface XoiLinkStore {
  /** The work order's committed link, or null (also while only reserved). */
  get(workOrderId: string): MaybePromise<WorkOrderLink | null>;
  /** The committed link holding this job, or null. */
  getByJob(jobId: string): MaybePromise<WorkOrderLink | null>;
  /** Which of these jobs are linked or reserved: they are hidden from the technician's list. */
  linkedJobIds(jobIds: readonly string[]): MaybePromise<ReadonlySet<string>>;
  /** Atomically claims both ids; false when either is linked or reserved already. */
  reserve(workOrderId: string, jobId: string): MaybePromise<boolean>;
  /** Turns the reservation of `link.workOrderId`/`link.jobId` into the final link. */
  commit(link: WorkOrderLink): MaybePromise<void>;
  /** Drops a reservation that was never committed. Never removes a committed link. */
  release(workOrderId: string, jobId: string): MaybePromise<void>;
}

export interface MemoryLinkStore extends XoiLinkStore {
  /** Every committed link, oldest first (for demos and tests). */
  links(): WorkOrderLink[];
}

const PENDING = Symbol('pending');

/** The default store: a process-local Map. Links are lost on restart: use it for demos and tests. */
export function createMemoryLinkStore(initial: readonly WorkOrderLink[] = []): MemoryLinkStore {
  const byWorkOrder = new Map<string, WorkOrderLink | typeof PENDING>();
  const byJob = new Map<string, WorkOrderLink | typeof PENDING>();
  for (const link of initial) {
    byWorkOrder.set(link.workOrderId, link);
    byJob.set(link.jobId, link);
  }
  const committed = (value: WorkOrderLink | typeof PENDING | undefined): WorkOrderLink | null =>
    value === undefined || value === PENDING ? null : structuredClone(value);

  return {
    get: (workOrderId) => committed(byWorkOrder.get(workOrderId)),
    getByJob: (jobId) => committed(byJob.get(jobId)),
    linkedJobIds: (jobIds) => new Set(jobIds.filter((id) => byJob.has(id))),
    reserve(workOrderId, jobId) {
      if (byWorkOrder.has(workOrderId) || byJob.has(jobId)) return false;
      byWorkOrder.set(workOrderId, PENDING);
      byJob.set(jobId, PENDING);
      return true;
    },
    commit(link) {
      if (byWorkOrder.get(link.workOrderId) !== PENDING || byJob.get(link.jobId) !== PENDING) {
        throw new Error(`commit without a reservation for work order ${link.workOrderId} and job ${link.jobId}`);
      }
      const copy = structuredClone(link);
      byWorkOrder.set(link.workOrderId, copy);
      byJob.set(link.jobId, copy);
    },
    release(workOrderId, jobId) {
      if (byWorkOrder.get(workOrderId) === PENDING) byWorkOrder.delete(workOrderId);
      if (byJob.get(jobId) === PENDING) byJob.delete(jobId);
    },
    links: () =>
      [...byWorkOrder.values()].filter((v): v is WorkOrderLink => v !== PENDING).map((v) => structuredClone(v)),
  };
}
