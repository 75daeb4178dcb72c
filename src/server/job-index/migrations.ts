/**
 * The job index's tables (versions 200–299, this feature's range: db/migrations.ts). Job times
 * (`sort_ms`, `completed_ms`, the cursors) are XOi's, in milliseconds as `Date.parse` reads them,
 * so the index and the live listing order jobs alike; the times of our own bookkeeping
 * (`observed_at`, the lease, freshness) are the database server's clock, which every instance
 * shares.
 */
import type { Migration } from '../db/migrations.js';

export const JOB_INDEX_MIGRATIONS: readonly Migration[] = [
  {
    version: 200,
    name: 'job-index',
    sql: `
-- The organisation's XOi jobs a technician may link, one row per job.
CREATE TABLE {schema}.job_index (
  job_id text PRIMARY KEY,
  assignee_ids text[] NOT NULL,
  -- assignee_ids trimmed and lowercased: a technician is matched by user id or by email.
  assignee_emails text[] NOT NULL,
  -- Label, work order number and customer folded in JavaScript (no unaccent on PGlite).
  search text NOT NULL,
  sort_ms bigint NOT NULL,
  completed_ms bigint,
  -- The LinkableJob the routes answer with.
  job jsonb NOT NULL,
  -- When the XOi read this row comes from began: an older read never overwrites a newer one.
  observed_at timestamptz NOT NULL,
  -- XOi said the job is gone: kept a day so that a read begun before the deletion cannot bring it back.
  deleted_at timestamptz
);
-- fastupdate off: PGlite has no autovacuum to empty GIN's pending list, which every lookup then reads.
CREATE INDEX job_index_assignee_ids ON {schema}.job_index USING gin (assignee_ids) WITH (fastupdate = off)
  WHERE deleted_at IS NULL;
CREATE INDEX job_index_assignee_emails ON {schema}.job_index USING gin (assignee_emails) WITH (fastupdate = off)
  WHERE deleted_at IS NULL;
CREATE INDEX job_index_order ON {schema}.job_index (sort_ms DESC, job_id COLLATE "C");
CREATE INDEX job_index_observed ON {schema}.job_index (observed_at) WHERE deleted_at IS NULL;

-- The sweep's one row: its cursors, the build, the recheck pass, the lease of the instance sweeping.
CREATE TABLE {schema}.job_index_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  created_cursor_ms bigint,
  completed_cursor_ms bigint,
  build_started_at timestamptz,
  built_at timestamptz,
  caught_up_at timestamptz,
  sweep_started_at timestamptz,
  recheck_before_ms bigint,
  recheck_started_at timestamptz,
  recheck_confirming boolean NOT NULL DEFAULT false,
  lease_owner text,
  lease_until timestamptz,
  last_error text,
  last_error_at timestamptz
);
INSERT INTO {schema}.job_index_state DEFAULT VALUES;
`,
  },
];
