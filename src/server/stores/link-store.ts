/**
 * Where work order ↔ XOi job links live. XOi has no field to remember the link (`externalId`
 * cannot be set after creation, docs/xoi-api-notes.md §3), so the host keeps it. A link is final:
 * the store has no delete. Both sides are unique: one job per work order, one work order per job.
 *
 * Linking takes several XOi calls, so the routes first `reserve` both ids, record the XOi work
 * done under the reservation (`saveProgress`: the public share), then `commit` the link, or
 * `release` the reservation when a step failed. A reservation whose holder died (a crash, a
 * deploy) expires; whoever reserves the same work order and job afterwards takes it over with its
 * progress, so the share made before the crash is used, not made again.
 *
 * Implementations: {@link createMemoryLinkStore} (one process; for unit tests and demos) and the
 * PostgreSQL store (`createPostgresStore`, stores/postgres-links.ts). The contract tests in
 * test/node/store-contract.mjs run unchanged against both.
 */
import { randomUUID } from 'node:crypto';
import type { WorkOrderLink } from '../../contract/routes.js';

type MaybePromise<T> = T | Promise<T>;

/** XOi work done under a reservation. */
export interface LinkProgress {
  /** The public share made for the job. */
  share?: { id: string; shareLink: string };
}

/** A claim on a work order and a job while they are being linked. */
export interface LinkReservation {
  readonly workOrderId: string;
  readonly jobId: string;
  /** Identifies this holder: a reservation taken over by someone else no longer accepts it. */
  readonly token: string;
  /** What an earlier holder of the same reservation recorded before it stopped. */
  readonly progress: LinkProgress | null;
}

export interface XoiLinkStore {
  /** The work order's committed link, or null (also while only reserved). */
  get(workOrderId: string): MaybePromise<WorkOrderLink | null>;
  /** The committed link holding this job, or null. */
  getByJob(jobId: string): MaybePromise<WorkOrderLink | null>;
  /** Which of these jobs are linked or held by a live reservation: hidden from the technician's list. */
  linkedJobIds(jobIds: readonly string[]): MaybePromise<ReadonlySet<string>>;
  /**
   * Atomically claims both ids; null when either is linked or held by a live reservation. An
   * expired reservation of the same pair is taken over with its progress; one of another pair is
   * dropped.
   */
  reserve(workOrderId: string, jobId: string): MaybePromise<LinkReservation | null>;
  /** Records XOi work done; false when the reservation is no longer this holder's (stop). */
  saveProgress(reservation: LinkReservation, progress: LinkProgress): MaybePromise<boolean>;
  /** Turns the reservation into the final link; throws when it is no longer this holder's. */
  commit(reservation: LinkReservation, link: WorkOrderLink): MaybePromise<void>;
  /**
   * Gives the reservation up: expired at once, its progress kept for whoever links the same pair
   * next. Never touches a committed link or another holder's reservation.
   */
  release(reservation: LinkReservation): MaybePromise<void>;
}

/** Thrown by `commit` when the reservation expired and was taken over (or released) meanwhile. */
export class ReservationLostError extends Error {
  constructor(workOrderId: string, jobId: string) {
    super(`the reservation of work order ${workOrderId} and job ${jobId} is no longer held`);
    this.name = 'ReservationLostError';
  }
}

export interface LinkStoreTiming {
  /** How long a reservation holds before another request may take it over. Default 5 minutes. */
  reservationTtlMs?: number;
  /** Clock (memory store only; PostgreSQL uses the server's). Default `Date.now`. */
  now?: () => number;
}

/** The default reservation lifetime: longer than the slowest link (two XOi calls, retries, timeouts). */
export const DEFAULT_RESERVATION_TTL_MS = 5 * 60_000;

export function reservationTtl(value: number | undefined): number {
  const ttl = value ?? DEFAULT_RESERVATION_TTL_MS;
  if (!Number.isInteger(ttl) || ttl < 100 || ttl > 24 * 3_600_000) {
    throw new TypeError(`reservationTtlMs must be an integer from 100 ms to 24 h, got ${String(value)}`);
  }
  return ttl;
}

export const newToken = (): string => randomUUID();

export interface MemoryLinkStore extends XoiLinkStore {
  /** Every committed link, oldest first (for demos and tests). */
  links(): WorkOrderLink[];
}

interface Row {
  workOrderId: string;
  jobId: string;
  token: string | null;
  expiresAt: number;
  progress: LinkProgress | null;
  link: WorkOrderLink | null;
}

/**
 * A process-local store: links are lost on restart and two processes do not share it. For unit
 * tests and demos only; production uses `createPostgresStore`.
 */
export function createMemoryLinkStore(
  initial: readonly WorkOrderLink[] = [],
  timing: LinkStoreTiming = {},
): MemoryLinkStore {
  const ttl = reservationTtl(timing.reservationTtlMs);
  const now = timing.now ?? Date.now;
  const byWorkOrder = new Map<string, Row>();
  const byJob = new Map<string, Row>();
  const put = (row: Row) => {
    byWorkOrder.set(row.workOrderId, row);
    byJob.set(row.jobId, row);
  };
  const drop = (row: Row) => {
    if (byWorkOrder.get(row.workOrderId) === row) byWorkOrder.delete(row.workOrderId);
    if (byJob.get(row.jobId) === row) byJob.delete(row.jobId);
  };
  const live = (row: Row | undefined) => row !== undefined && (row.link !== null || row.expiresAt > now());
  const held = (r: LinkReservation) => {
    const row = byWorkOrder.get(r.workOrderId);
    return row && row.link === null && row.jobId === r.jobId && row.token === r.token ? row : null;
  };
  for (const link of initial) put({ ...link, token: null, expiresAt: 0, progress: null, link: structuredClone(link) });

  return {
    get: (workOrderId) => structuredClone(byWorkOrder.get(workOrderId)?.link ?? null),
    getByJob: (jobId) => structuredClone(byJob.get(jobId)?.link ?? null),
    linkedJobIds: (jobIds) => new Set(jobIds.filter((id) => live(byJob.get(id)))),
    reserve(workOrderId, jobId) {
      const mine = byWorkOrder.get(workOrderId);
      const other = byJob.get(jobId);
      if (live(mine) || live(other)) return null;
      const same = mine && mine.jobId === jobId ? mine : undefined;
      for (const stale of [mine, other]) if (stale && stale !== same) drop(stale);
      const row: Row = {
        workOrderId,
        jobId,
        token: newToken(),
        expiresAt: now() + ttl,
        progress: same?.progress ?? null,
        link: null,
      };
      put(row);
      return { workOrderId, jobId, token: row.token!, progress: structuredClone(row.progress) };
    },
    saveProgress(reservation, progress) {
      const row = held(reservation);
      if (!row) return false;
      row.progress = structuredClone(progress);
      return true;
    },
    commit(reservation, link) {
      const row = held(reservation);
      if (!row || link.workOrderId !== reservation.workOrderId || link.jobId !== reservation.jobId) {
        throw new ReservationLostError(reservation.workOrderId, reservation.jobId);
      }
      Object.assign(row, { link: structuredClone(link), token: null, progress: null, expiresAt: 0 });
    },
    release(reservation) {
      const row = held(reservation);
      if (row) Object.assign(row, { token: null, expiresAt: 0 });
    },
    links: () => [...byWorkOrder.values()].flatMap((row) => (row.link ? [structuredClone(row.link)] : [])),
  };
}
