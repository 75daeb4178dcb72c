/**
 * The job index's storage, as the sweep (sweep.ts), the notification listener and the routes
 * use it. One implementation, on PostgreSQL and PGlite alike (postgres.ts): the index exists to
 * be shared by every instance, so a process-local one would serve nothing. Times of our own
 * bookkeeping are the database's clock; job times are XOi's, in ms (migrations.ts).
 */
import type { LinkableJob } from '../../contract/routes.js';
import type { ListPosition } from './order.js';
import type { JobIndexRow } from './row.js';

/** The technician as a job's assignees name them (client/users.ts `Technician`). */
export interface IndexedTechnician {
  email: string;
  userId: string | null;
}

export interface JobIndexQuery {
  technician: IndexedTechnician;
  /** The folded label filter (search.ts), '' for none. */
  query: string;
  /** Jobs created at or after this (ms), or null for all. */
  sinceMs: number | null;
  /** The page starts after this position (order.ts), or at the newest. */
  after: ListPosition | null;
  limit: number;
}

export interface IndexedJob {
  job: LinkableJob;
  sortMs: number;
}

/** The sweep's row (job_index_state). */
export interface JobIndexState {
  createdCursorMs: number | null;
  completedCursorMs: number | null;
  buildStartedAt: Date | null;
  builtAt: Date | null;
  caughtUpAt: Date | null;
  sweepStartedAt: Date | null;
  recheckBeforeMs: number | null;
  recheckStartedAt: Date | null;
  recheckConfirming: boolean;
  leaseOwner: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** What the sweep may change in its row, only while it holds the lease. */
export type JobIndexStatePatch = Partial<
  Pick<JobIndexState, 'createdCursorMs' | 'completedCursorMs' | 'recheckBeforeMs' | 'recheckConfirming' | 'lastError'>
> & {
  /** Set the column to the database's clock now. */
  now?: ('builtAt' | 'caughtUpAt' | 'recheckStartedAt' | 'lastErrorAt')[];
  /** Set these columns to null. */
  clear?: ('builtAt' | 'recheckStartedAt' | 'recheckBeforeMs' | 'createdCursorMs' | 'completedCursorMs')[];
};

export interface JobIndexStore {
  /** The database's clock: stamp an XOi read with it before making the read. */
  clock(): Promise<Date>;
  /** Stores what XOi said at `observedAt`; a row observed later (or deleted later) is kept. Returns rows written. */
  upsert(rows: readonly JobIndexRow[], observedAt: Date): Promise<number>;
  /** XOi said at `observedAt` that the job is gone: it leaves every list (a tombstone, kept a day). */
  remove(jobId: string, observedAt: Date): Promise<void>;
  /** One page of a technician's jobs not linked or being linked (the `links` table of the same schema), newest first. */
  list(query: JobIndexQuery): Promise<IndexedJob[]>;
  /** Built, and caught up with XOi within `staleAfterMs`. */
  freshness(staleAfterMs: number): Promise<{ built: boolean; fresh: boolean }>;
  state(): Promise<JobIndexState & { rows: number; now: Date }>;
  /**
   * Takes the sweep's lease for `leaseMs` (free, expired, or already `owner`'s); with `dueMs`, only
   * when no sweep started within it. Records the sweep's start. The state, or null when not taken.
   */
  acquire(owner: string, leaseMs: number, dueMs: number | null): Promise<JobIndexState | null>;
  /** Extends the lease; false when it was lost (another instance took it over): stop. */
  renew(owner: string, leaseMs: number): Promise<boolean>;
  release(owner: string): Promise<void>;
  /** Changes the state under the lease; false when the lease was lost. */
  save(owner: string, patch: JobIndexStatePatch): Promise<boolean>;
  /** Starts a rebuild under the lease: not built, cursors and recheck forgotten, the build's start recorded. */
  restart(owner: string): Promise<boolean>;
  /** Jobs (created at or after `sinceMs`) not observed since `before`: what a full listing did not show. */
  unobserved(before: Date, sinceMs: number | null, limit: number): Promise<string[]>;
  /** Drops tombstones older than a day, and jobs created before `beforeMs`. Returns how many. */
  prune(beforeMs: number | null): Promise<number>;
  /** Refreshes the planner's statistics after many writes (PGlite has no autovacuum to do it). */
  analyze(): Promise<void>;
}
