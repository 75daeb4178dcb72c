/**
 * The appointments' state in PostgreSQL (`XoiStore.appointments`): the same SQL on a server and
 * on PGlite. No transaction is held across an XOi call: a worker takes a lease on the row
 * (`claim`), works, and records each step; the lease makes one worker at a time work on one
 * appointment, across instances, and expires when its worker dies.
 */
import type { Database, Sql } from '../db/database.js';
import type { AppointmentNotes } from '../notes.js';
import type { Appointment, XoiJobFields } from './appointment.js';

/** Where an appointment stands with XOi. */
export type AppointmentSyncState =
  /** Queued or being worked (or retrying after an error: see `reason`). */
  | 'waiting'
  /** The XOi job exists with the appointment's fields, and the notes were delivered. */
  | 'synced'
  /** Not scheduled, or nobody assigned: no job yet. */
  | 'not-scheduled'
  /** Cancelled in the back office: no further XOi call, what XOi holds stays. */
  | 'cancelled'
  /** The technician's email is not an XOi user: no job. */
  | 'technician-not-in-xoi'
  /** Failed for good (refused by XOi, or still failing after every retry): see `reason`. */
  | 'failed'
  /** XOi deleted the job (confirmed with XOi). */
  | 'job-deleted';

export const ATTENTION_STATES: readonly AppointmentSyncState[] = ['technician-not-in-xoi', 'failed', 'job-deleted'];

export interface AppointmentRecord {
  id: string;
  appointment: Appointment;
  state: AppointmentSyncState;
  reason: string | null;
  jobId: string | null;
  shareLink: string | null;
  /** The notes built last (delivered once `deliveredHash === notesHash`). */
  notes: AppointmentNotes | null;
  notesHash: string | null;
  deliveredHash: string | null;
  deliveredAt: string | null;
  updatedAt: string;
  syncedAt: string | null;
}

/** A claimed row: the record plus what the worker needs. */
export interface ClaimedAppointment extends AppointmentRecord {
  version: number;
  refreshRequested: number;
  refreshWanted: boolean;
  written: XoiJobFields | null;
  jobDeleted: boolean;
}

/** What a step learnt, written at once (a crash after createJob must not forget the job). */
export interface AppointmentProgress {
  jobId?: string;
  shareLink?: string;
  written?: XoiJobFields;
  notes?: AppointmentNotes;
  notesHash?: string;
  deliveredHash?: string;
  jobDeleted?: boolean;
}

export interface RunEnd {
  state: AppointmentSyncState;
  reason: string | null;
  handled: boolean;
  /** What the run claimed. */
  version: number;
  refreshRequested: number;
}

export interface PollCursor {
  cursor: string | null;
  polledAt: string | null;
  result: unknown;
}

/** Sends the appointment's sync job inside the store's transaction. */
export type Enqueue = (tx: Sql, appointmentId: string) => Promise<unknown>;

export interface AppointmentStore {
  /**
   * Records the appointment; when it changed (or its last sync failed), marks it waiting and runs
   * `enqueue` in the same transaction. Returns whether it was queued, and its state.
   */
  upsert(appointment: Appointment, enqueue: Enqueue): Promise<{ queued: boolean; state: AppointmentSyncState }>;
  get(id: string): Promise<AppointmentRecord | null>;
  /** Takes the row for one worker for `leaseMs`; null when another holds it. */
  claim(id: string, token: string, leaseMs: number): Promise<ClaimedAppointment | null>;
  saveProgress(id: string, progress: AppointmentProgress): Promise<void>;
  /**
   * Records the run's end and lets go of the row. `handled`: the claimed version and refresh were
   * dealt with (false for a failure). True when more work arrived after the claim (a newer
   * version, another notification), which the same worker then does.
   */
  finish(id: string, token: string, end: RunEnd): Promise<boolean>;
  /** Notes to rebuild for the appointment of XOi job `jobId` (queued with `enqueue`); its id, or null. */
  requestRefresh(jobId: string, enqueue: Enqueue): Promise<string | null>;
  /** Queues an appointment that needs attention again; false when unknown or not in such a state. */
  retry(id: string, enqueue: Enqueue): Promise<boolean>;
  counts(): Promise<Record<AppointmentSyncState, number>>;
  /** Appointments that need attention, and those retrying after an error, newest first. */
  attention(limit: number): Promise<AppointmentRecord[]>;
  cursor(name: string): Promise<PollCursor | null>;
  /** Takes the poll for one instance for `leaseMs`; false when another instance is polling. */
  claimCursor(name: string, leaseMs: number): Promise<boolean>;
  saveCursor(name: string, cursor: string | null, result: unknown): Promise<void>;
  releaseCursor(name: string): Promise<void>;
}

interface Row {
  id: string;
  appointment: Appointment;
  version: number;
  refresh_requested: number;
  refresh_done: number;
  state: AppointmentSyncState;
  reason: string | null;
  job_id: string | null;
  share_link: string | null;
  written: XoiJobFields | null;
  job_deleted_at: Date | null;
  notes: AppointmentNotes | null;
  notes_hash: string | null;
  delivered_hash: string | null;
  delivered_at: Date | null;
  updated_at: Date;
  synced_at: Date | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function recordOf(row: Row): AppointmentRecord {
  return {
    id: row.id,
    appointment: row.appointment,
    state: row.state,
    reason: row.reason,
    jobId: row.job_id,
    shareLink: row.share_link,
    notes: row.notes,
    notesHash: row.notes_hash,
    deliveredHash: row.delivered_hash,
    deliveredAt: iso(row.delivered_at),
    updatedAt: iso(row.updated_at)!,
    syncedAt: iso(row.synced_at),
  };
}

const EMPTY_COUNTS = (): Record<AppointmentSyncState, number> => ({
  waiting: 0,
  synced: 0,
  'not-scheduled': 0,
  cancelled: 0,
  'technician-not-in-xoi': 0,
  failed: 0,
  'job-deleted': 0,
});

const RETRYABLE = `('failed', 'technician-not-in-xoi', 'job-deleted')`;

export function postgresAppointmentStore(db: Database): AppointmentStore {
  const t = `${db.schema}.appointments`;
  const c = `${db.schema}.appointment_cursors`;
  return {
    upsert: (appointment, enqueue) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ state: AppointmentSyncState }>(
          `INSERT INTO ${t} AS a (id, appointment) VALUES ($1, $2)
           ON CONFLICT (id) DO UPDATE SET
             appointment = EXCLUDED.appointment,
             version = a.version + CASE WHEN a.appointment IS DISTINCT FROM EXCLUDED.appointment THEN 1 ELSE 0 END,
             state = 'waiting', reason = NULL, updated_at = now()
           WHERE a.appointment IS DISTINCT FROM EXCLUDED.appointment OR a.state IN ${RETRYABLE}
           RETURNING state`,
          [appointment.id, JSON.stringify(appointment)],
        );
        if (rows.length) {
          await enqueue(tx, appointment.id);
          return { queued: true, state: rows[0].state };
        }
        const current = await tx.query<{ state: AppointmentSyncState }>(`SELECT state FROM ${t} WHERE id = $1`, [
          appointment.id,
        ]);
        return { queued: false, state: current.rows[0].state };
      }),

    async get(id) {
      const { rows } = await db.query<Row>(`SELECT * FROM ${t} WHERE id = $1`, [id]);
      return rows[0] ? recordOf(rows[0]) : null;
    },

    async claim(id, token, leaseMs) {
      const { rows } = await db.query<Row>(
        `UPDATE ${t} SET lease_token = $2, lease_until = now() + $3::interval
          WHERE id = $1 AND (lease_until IS NULL OR lease_until < now())
          RETURNING *`,
        [id, token, `${leaseMs} milliseconds`],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        ...recordOf(row),
        version: row.version,
        refreshRequested: row.refresh_requested,
        refreshWanted: row.refresh_requested > row.refresh_done,
        written: row.written,
        jobDeleted: row.job_deleted_at !== null,
      };
    },

    async saveProgress(id, p) {
      // The job id is XOi's truth for this externalId: recorded even by a worker whose lease ran out.
      await db.query(
        `UPDATE ${t} SET
           job_id = COALESCE(job_id, $2),
           share_link = COALESCE($3, share_link),
           written = COALESCE($4::jsonb, written),
           notes = COALESCE($5::jsonb, notes),
           notes_hash = COALESCE($6, notes_hash),
           delivered_hash = COALESCE($7, delivered_hash),
           delivered_at = CASE WHEN $7::text IS NULL THEN delivered_at ELSE now() END,
           job_deleted_at = CASE WHEN $8::boolean IS NULL THEN job_deleted_at
                                 WHEN $8 THEN COALESCE(job_deleted_at, now()) ELSE NULL END,
           updated_at = now()
         WHERE id = $1`,
        [
          id,
          p.jobId ?? null,
          p.shareLink ?? null,
          p.written ? JSON.stringify(p.written) : null,
          p.notes ? JSON.stringify(p.notes) : null,
          p.notesHash ?? null,
          p.deliveredHash ?? null,
          p.jobDeleted ?? null,
        ],
      );
    },

    async finish(id, token, end) {
      const { rows } = await db.query<{ more: boolean }>(
        // Work that came in meanwhile keeps it waiting: this worker (or the queue's retry) does it next.
        `UPDATE ${t} SET reason = $4,
           state = CASE WHEN version > $5 OR refresh_requested > $6 THEN 'waiting' ELSE $3 END,
           synced_version = CASE WHEN $7 THEN GREATEST(synced_version, $5) ELSE synced_version END,
           refresh_done = CASE WHEN $7 THEN GREATEST(refresh_done, $6) ELSE refresh_done END,
           failures = CASE WHEN $7 THEN 0 ELSE failures + 1 END,
           lease_token = NULL, lease_until = NULL, updated_at = now(),
           synced_at = CASE WHEN $3 = 'synced' AND version <= $5 THEN now() ELSE synced_at END
         WHERE id = $1 AND lease_token = $2
         RETURNING version > $5 OR refresh_requested > $6 AS more`,
        [id, token, end.state, end.reason?.slice(0, 1000) ?? null, end.version, end.refreshRequested, end.handled],
      );
      return rows[0]?.more ?? false;
    },

    requestRefresh: (jobId, enqueue) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `UPDATE ${t} SET refresh_requested = refresh_requested + 1, updated_at = now(),
             state = CASE WHEN state = 'synced' THEN 'waiting' ELSE state END
           WHERE job_id = $1 AND state <> 'cancelled' RETURNING id`,
          [jobId],
        );
        if (!rows[0]) return null;
        await enqueue(tx, rows[0].id);
        return rows[0].id;
      }),

    retry: (id, enqueue) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query(
          `UPDATE ${t} SET state = 'waiting', reason = NULL, updated_at = now(),
             refresh_requested = refresh_requested + CASE WHEN job_deleted_at IS NULL THEN 0 ELSE 1 END
           WHERE id = $1 AND state IN ${RETRYABLE} RETURNING id`,
          [id],
        );
        if (!rows[0]) return false;
        await enqueue(tx, id);
        return true;
      }),

    async counts() {
      const { rows } = await db.query<{ state: AppointmentSyncState; n: number }>(
        `SELECT state, count(*)::int AS n FROM ${t} GROUP BY state`,
      );
      const out = EMPTY_COUNTS();
      for (const { state, n } of rows) out[state] = n;
      return out;
    },

    async attention(limit) {
      const { rows } = await db.query<Row>(
        `SELECT * FROM ${t} WHERE state IN ${RETRYABLE} OR (state = 'waiting' AND reason IS NOT NULL)
          ORDER BY updated_at DESC, id LIMIT $1`,
        [limit],
      );
      return rows.map(recordOf);
    },

    async cursor(name) {
      const { rows } = await db.query<{ cursor: string | null; polled_at: Date | null; result: unknown }>(
        `SELECT cursor, polled_at, result FROM ${c} WHERE name = $1`,
        [name],
      );
      const row = rows[0];
      return row ? { cursor: row.cursor, polledAt: iso(row.polled_at), result: row.result } : null;
    },

    async claimCursor(name, leaseMs) {
      const { rows } = await db.query(
        `INSERT INTO ${c} AS p (name, lease_until) VALUES ($1, now() + $2::interval)
         ON CONFLICT (name) DO UPDATE SET lease_until = EXCLUDED.lease_until
           WHERE p.lease_until IS NULL OR p.lease_until < now()
         RETURNING name`,
        [name, `${leaseMs} milliseconds`],
      );
      return rows.length > 0;
    },

    async saveCursor(name, cursor, result) {
      await db.query(`UPDATE ${c} SET cursor = $2, polled_at = now(), result = $3 WHERE name = $1`, [
        name,
        cursor,
        JSON.stringify(result),
      ]);
    },

    async releaseCursor(name) {
      await db.query(`UPDATE ${c} SET lease_until = NULL WHERE name = $1`, [name]);
    },
  };
}
