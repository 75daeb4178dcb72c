/**
 * The appointment sync's tables, versions 100–199 (docs: src/server/db/migrations.ts). Applied by
 * `createPostgresStore` with every other feature's.
 */
import type { Migration } from '../db/migrations.js';

export const APPOINTMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: 'appointments',
    sql: `
-- One row per back-office appointment: what the back office said last, and what XOi holds for it.
CREATE TABLE {schema}.appointments (
  id text PRIMARY KEY,
  -- The appointment as last upserted (checked and trimmed).
  appointment jsonb NOT NULL,
  -- Bumped by every upsert that changes the appointment; synced_version is the one last synced.
  version integer NOT NULL DEFAULT 1,
  synced_version integer NOT NULL DEFAULT 0,
  -- Bumped by change notifications (notes to rebuild); refresh_done is the one last handled.
  refresh_requested integer NOT NULL DEFAULT 0,
  refresh_done integer NOT NULL DEFAULT 0,
  -- waiting | synced | not-scheduled | cancelled | technician-not-in-xoi | failed | job-deleted
  state text NOT NULL DEFAULT 'waiting',
  -- Why it is not synced (the last error), for the status page; NULL when synced.
  reason text,
  failures integer NOT NULL DEFAULT 0,
  -- The XOi job made for it (externalId = id), its public share, the fields written to it.
  job_id text UNIQUE,
  share_link text,
  written jsonb,
  job_deleted_at timestamptz,
  -- The notes built last (AppointmentNotes), their hash, and the hash deliverNotes accepted.
  notes jsonb,
  notes_hash text,
  delivered_hash text,
  delivered_at timestamptz,
  -- The worker holding it: one at a time per appointment, on any instance; expires if it dies.
  lease_token text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  synced_at timestamptz
);
CREATE INDEX appointments_state ON {schema}.appointments (state, updated_at DESC);

-- Poll mode: where the last pass over the back office's changes ended.
CREATE TABLE {schema}.appointment_cursors (
  name text PRIMARY KEY,
  cursor text,
  polled_at timestamptz,
  result jsonb,
  -- One pass at a time across instances.
  lease_until timestamptz
);
`,
  },
];
