/**
 * The appointments' rows in PostgreSQL (table `<schema>.appointments`, migrations.ts): the same SQL
 * on a server and on PGlite. The row's version, refresh counters and lease (store.ts) make one
 * worker at a time work on an appointment, on any instance, without losing a change that comes in
 * meanwhile. The poll mode's cursors are poll-cursors.ts'.
 */
import type { Database } from '../db/database.js';
import type { AppointmentNotes } from '../notes.js';
import type { Appointment, XoiJobFields } from './appointment.js';
import { PollCursors } from './poll-cursors.js';
import type {
  AppointmentProgress,
  AppointmentRecord,
  AppointmentStore,
  AppointmentSyncState,
  ClaimedAppointment,
  Enqueue,
  RunEnd,
} from './store.js';

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

export class PostgresAppointmentStore implements AppointmentStore {
  readonly #db: Database;
  readonly #t: string;
  readonly cursor: AppointmentStore['cursor'];
  readonly claimCursor: AppointmentStore['claimCursor'];
  readonly saveCursor: AppointmentStore['saveCursor'];
  readonly releaseCursor: AppointmentStore['releaseCursor'];

  constructor(db: Database) {
    this.#db = db;
    this.#t = `${db.schema}.appointments`;
    const cursors = new PollCursors(db);
    this.cursor = (name) => cursors.cursor(name);
    this.claimCursor = (name, leaseMs) => cursors.claimCursor(name, leaseMs);
    this.saveCursor = (name, cursor, result) => cursors.saveCursor(name, cursor, result);
    this.releaseCursor = (name) => cursors.releaseCursor(name);
  }

  upsert(appointment: Appointment, enqueue: Enqueue): Promise<{ queued: boolean; state: AppointmentSyncState }> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ state: AppointmentSyncState }>(
        `INSERT INTO ${this.#t} AS a (id, appointment) VALUES ($1, $2)
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
      const current = await tx.query<{ state: AppointmentSyncState }>(`SELECT state FROM ${this.#t} WHERE id = $1`, [
        appointment.id,
      ]);
      return { queued: false, state: current.rows[0].state };
    });
  }

  async get(id: string): Promise<AppointmentRecord | null> {
    const { rows } = await this.#db.query<Row>(`SELECT * FROM ${this.#t} WHERE id = $1`, [id]);
    return rows[0] ? recordOf(rows[0]) : null;
  }

  async claim(id: string, token: string, leaseMs: number): Promise<ClaimedAppointment | null> {
    const { rows } = await this.#db.query<Row>(
      `UPDATE ${this.#t} SET lease_token = $2, lease_until = now() + $3::interval
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
  }

  async saveProgress(id: string, p: AppointmentProgress): Promise<void> {
    // The job id is XOi's truth for this externalId: recorded even by a worker whose lease ran out.
    await this.#db.query(
      `UPDATE ${this.#t} SET
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
  }

  async finish(id: string, token: string, end: RunEnd): Promise<boolean> {
    const { rows } = await this.#db.query<{ more: boolean }>(
      // Work that came in meanwhile keeps it waiting: this worker (or the queue's retry) does it next.
      `UPDATE ${this.#t} SET reason = $4,
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
  }

  requestRefresh(jobId: string, enqueue: Enqueue): Promise<string | null> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `UPDATE ${this.#t} SET refresh_requested = refresh_requested + 1, updated_at = now(),
           state = CASE WHEN state = 'synced' THEN 'waiting' ELSE state END
         WHERE job_id = $1 AND state <> 'cancelled' RETURNING id`,
        [jobId],
      );
      if (!rows[0]) return null;
      await enqueue(tx, rows[0].id);
      return rows[0].id;
    });
  }

  retry(id: string, enqueue: Enqueue): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `UPDATE ${this.#t} SET state = 'waiting', reason = NULL, updated_at = now(),
           refresh_requested = refresh_requested + CASE WHEN job_deleted_at IS NULL THEN 0 ELSE 1 END
         WHERE id = $1 AND state IN ${RETRYABLE} RETURNING id`,
        [id],
      );
      if (!rows[0]) return false;
      await enqueue(tx, id);
      return true;
    });
  }

  async counts(): Promise<Record<AppointmentSyncState, number>> {
    const { rows } = await this.#db.query<{ state: AppointmentSyncState; n: number }>(
      `SELECT state, count(*)::int AS n FROM ${this.#t} GROUP BY state`,
    );
    const out = EMPTY_COUNTS();
    for (const { state, n } of rows) out[state] = n;
    return out;
  }

  async attention(limit: number): Promise<AppointmentRecord[]> {
    const { rows } = await this.#db.query<Row>(
      `SELECT * FROM ${this.#t} WHERE state IN ${RETRYABLE} OR (state = 'waiting' AND reason IS NOT NULL)
        ORDER BY updated_at DESC, id LIMIT $1`,
      [limit],
    );
    return rows.map(recordOf);
  }
}
