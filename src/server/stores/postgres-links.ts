/**
 * The link store on PostgreSQL (table `<schema>.links`, migrations.ts): the database decides the
 * one winner. Two unique keys (work order, job) make a second reservation of either fail; expiry
 * uses the server's clock, so instances with skewed clocks agree; a committed row is final (a
 * trigger refuses any change to it).
 */
import type { WorkOrderLink } from '../../contract/routes.js';
import type { Database } from '../db/database.js';
import {
  newToken,
  ReservationLostError,
  type LinkProgress,
  type LinkReservation,
  type XoiLinkStore,
} from './link-store.js';

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown): boolean =>
  typeof error == 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;

export class PostgresLinkStore implements XoiLinkStore {
  readonly #db: Database;
  readonly #t: string;
  readonly #ttl: string;

  constructor(db: Database, reservationTtlMs: number) {
    this.#db = db;
    this.#t = `${db.schema}.links`;
    this.#ttl = `${reservationTtlMs} milliseconds`;
  }

  async get(workOrderId: string): Promise<WorkOrderLink | null> {
    const { rows } = await this.#db.query<{ link: WorkOrderLink }>(
      `SELECT link FROM ${this.#t} WHERE work_order_id = $1 AND link IS NOT NULL`,
      [workOrderId],
    );
    return rows[0]?.link ?? null;
  }

  async getByJob(jobId: string): Promise<WorkOrderLink | null> {
    const { rows } = await this.#db.query<{ link: WorkOrderLink }>(
      `SELECT link FROM ${this.#t} WHERE job_id = $1 AND link IS NOT NULL`,
      [jobId],
    );
    return rows[0]?.link ?? null;
  }

  async linkedJobIds(jobIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (jobIds.length === 0) return new Set();
    const { rows } = await this.#db.query<{ job_id: string }>(
      `SELECT job_id FROM ${this.#t} WHERE job_id = ANY($1::text[]) AND (link IS NOT NULL OR expires_at > now())`,
      [jobIds],
    );
    return new Set(rows.map((r) => r.job_id));
  }

  async reserve(workOrderId: string, jobId: string): Promise<LinkReservation | null> {
    const t = this.#t;
    const token = newToken();
    try {
      return await this.#db.transaction(async (tx) => {
        // Expired reservations of another pair on either id give way; the same pair's is taken over below.
        await tx.query(
          `DELETE FROM ${t} WHERE link IS NULL AND expires_at <= now()
             AND (work_order_id = $1 OR job_id = $2) AND NOT (work_order_id = $1 AND job_id = $2)`,
          [workOrderId, jobId],
        );
        const { rows } = await tx.query<{ progress: LinkProgress | null }>(
          `INSERT INTO ${t} (work_order_id, job_id, token, reserved_at, expires_at)
             VALUES ($1, $2, $3, now(), now() + $4::interval)
           ON CONFLICT (work_order_id) DO UPDATE
             SET token = EXCLUDED.token, reserved_at = EXCLUDED.reserved_at, expires_at = EXCLUDED.expires_at
             WHERE ${t}.link IS NULL AND ${t}.job_id = EXCLUDED.job_id AND ${t}.expires_at <= now()
           RETURNING progress`,
          [workOrderId, jobId, token, this.#ttl],
        );
        if (rows.length === 0) return null;
        return { workOrderId, jobId, token, progress: rows[0].progress ?? null };
      });
    } catch (error) {
      // The job is held for another work order (its unique key): someone else's.
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async saveProgress(reservation: LinkReservation, progress: LinkProgress): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE ${this.#t} SET progress = $4 WHERE work_order_id = $1 AND job_id = $2 AND token = $3 AND link IS NULL`,
      [reservation.workOrderId, reservation.jobId, reservation.token, JSON.stringify(progress)],
    );
    return rowCount === 1;
  }

  async commit(reservation: LinkReservation, link: WorkOrderLink): Promise<void> {
    if (link.workOrderId !== reservation.workOrderId || link.jobId !== reservation.jobId) {
      throw new ReservationLostError(reservation.workOrderId, reservation.jobId);
    }
    const { rowCount } = await this.#db.query(
      `UPDATE ${this.#t} SET link = $4, linked_at = now(), token = NULL, expires_at = NULL, progress = NULL
         WHERE work_order_id = $1 AND job_id = $2 AND token = $3 AND link IS NULL`,
      [reservation.workOrderId, reservation.jobId, reservation.token, JSON.stringify(link)],
    );
    if (rowCount !== 1) throw new ReservationLostError(reservation.workOrderId, reservation.jobId);
  }

  async release(reservation: LinkReservation): Promise<void> {
    await this.#db.query(
      `UPDATE ${this.#t} SET token = NULL, expires_at = now()
         WHERE work_order_id = $1 AND job_id = $2 AND token = $3 AND link IS NULL`,
      [reservation.workOrderId, reservation.jobId, reservation.token],
    );
  }
}
