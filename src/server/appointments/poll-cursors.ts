/**
 * Poll mode's cursors in PostgreSQL (table `<schema>.appointment_cursors`): where the last pass
 * over a back office's changes ended, and a lease so one instance at a time polls.
 */
import type { Database } from '../db/database.js';
import type { PollCursor } from './store.js';

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

export class PollCursors {
  readonly #db: Database;
  readonly #c: string;

  constructor(db: Database) {
    this.#db = db;
    this.#c = `${db.schema}.appointment_cursors`;
  }

  async cursor(name: string): Promise<PollCursor | null> {
    const { rows } = await this.#db.query<{ cursor: string | null; polled_at: Date | null; result: unknown }>(
      `SELECT cursor, polled_at, result FROM ${this.#c} WHERE name = $1`,
      [name],
    );
    const row = rows[0];
    return row ? { cursor: row.cursor, polledAt: iso(row.polled_at), result: row.result } : null;
  }

  async claimCursor(name: string, leaseMs: number): Promise<boolean> {
    const { rows } = await this.#db.query(
      `INSERT INTO ${this.#c} AS p (name, lease_until) VALUES ($1, now() + $2::interval)
       ON CONFLICT (name) DO UPDATE SET lease_until = EXCLUDED.lease_until
         WHERE p.lease_until IS NULL OR p.lease_until < now()
       RETURNING name`,
      [name, `${leaseMs} milliseconds`],
    );
    return rows.length > 0;
  }

  async saveCursor(name: string, cursor: string | null, result: unknown): Promise<void> {
    await this.#db.query(`UPDATE ${this.#c} SET cursor = $2, polled_at = now(), result = $3 WHERE name = $1`, [
      name,
      cursor,
      JSON.stringify(result),
    ]);
  }

  async releaseCursor(name: string): Promise<void> {
    await this.#db.query(`UPDATE ${this.#c} SET lease_until = NULL WHERE name = $1`, [name]);
  }
}
