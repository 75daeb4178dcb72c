/**
 * The job index on PostgreSQL (tables in migrations.ts), the same SQL on a server and on PGlite:
 * no extension, no LISTEN/NOTIFY, never a transaction held across an XOi call. A technician's
 * page is one statement: assignees through the GIN indexes, the folded filter with LIKE, linked
 * jobs left out by the `links` table beside it, keyset paging on (sort_ms, job_id).
 */
import { linkableJobOf } from '../../contract/mapping.js';
import type { LinkableJob } from '../../contract/routes.js';
import type { Database } from '../db/database.js';
import type { JobIndexRow } from './row.js';
import { likePattern } from './search.js';
import type { IndexedJob, JobIndexQuery, JobIndexState, JobIndexStatePatch, JobIndexStore } from './store.js';

/** Our bookkeeping's clock, in whole milliseconds so that what JavaScript reads back compares equal. */
const NOW = "date_trunc('milliseconds', clock_timestamp())";
const TOMBSTONE_KEEP = "interval '1 day'";

interface StateRow {
  created_cursor_ms: string | null;
  completed_cursor_ms: string | null;
  build_started_at: Date | null;
  built_at: Date | null;
  caught_up_at: Date | null;
  sweep_started_at: Date | null;
  recheck_before_ms: string | null;
  recheck_started_at: Date | null;
  recheck_confirming: boolean;
  lease_owner: string | null;
  last_error: string | null;
  last_error_at: Date | null;
}

const ms = (value: string | null): number | null => (value === null ? null : Number(value));

function stateOf(row: StateRow): JobIndexState {
  return {
    createdCursorMs: ms(row.created_cursor_ms),
    completedCursorMs: ms(row.completed_cursor_ms),
    buildStartedAt: row.build_started_at,
    builtAt: row.built_at,
    caughtUpAt: row.caught_up_at,
    sweepStartedAt: row.sweep_started_at,
    recheckBeforeMs: ms(row.recheck_before_ms),
    recheckStartedAt: row.recheck_started_at,
    recheckConfirming: row.recheck_confirming,
    leaseOwner: row.lease_owner,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}

const COLUMNS = {
  createdCursorMs: 'created_cursor_ms',
  completedCursorMs: 'completed_cursor_ms',
  recheckBeforeMs: 'recheck_before_ms',
  recheckConfirming: 'recheck_confirming',
  lastError: 'last_error',
  builtAt: 'built_at',
  caughtUpAt: 'caught_up_at',
  recheckStartedAt: 'recheck_started_at',
  lastErrorAt: 'last_error_at',
} as const;

/** `SET …` of a patch, its values from `$2` on (`$1` is the lease owner). */
function assignments(patch: JobIndexStatePatch): { sql: string; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const key of [
    'createdCursorMs',
    'completedCursorMs',
    'recheckBeforeMs',
    'recheckConfirming',
    'lastError',
  ] as const) {
    if (patch[key] === undefined) continue;
    values.push(patch[key]);
    sets.push(`${COLUMNS[key]} = $${values.length + 1}`);
  }
  for (const key of patch.now ?? []) sets.push(`${COLUMNS[key]} = ${NOW}`);
  for (const key of patch.clear ?? []) sets.push(`${COLUMNS[key]} = NULL`);
  return { sql: sets.join(', '), values };
}

/** The job index's store on PostgreSQL: the rows of jobs, and the one state row with the sweep's lease. */
export class PostgresJobIndex implements JobIndexStore {
  readonly #db: Database;
  /** The jobs, the state row, and the links a listed job must not have. */
  readonly #t: string;
  readonly #s: string;
  readonly #links: string;

  constructor(db: Database) {
    this.#db = db;
    this.#t = `${db.schema}.job_index`;
    this.#s = `${db.schema}.job_index_state`;
    this.#links = `${db.schema}.links`;
  }

  async clock(): Promise<Date> {
    const { rows } = await this.#db.query<{ now: Date }>(`SELECT ${NOW} AS now`);
    return rows[0].now;
  }

  async upsert(rows: readonly JobIndexRow[], observedAt: Date): Promise<number> {
    if (rows.length === 0) return 0;
    // One row per job: a page may repeat a job XOi moved while it was being paged.
    const byId = new Map(rows.map((row) => [row.jobId, row]));
    const records = [...byId.values()].map((row) => ({
      job_id: row.jobId,
      assignee_ids: row.assigneeIds,
      assignee_emails: row.assigneeEmails,
      search: row.search,
      sort_ms: row.sortMs,
      completed_ms: row.completedMs,
      job: row.job,
    }));
    const { rowCount } = await this.#db.query(
      `INSERT INTO ${this.#t} AS x (job_id, assignee_ids, assignee_emails, search, sort_ms, completed_ms, job, observed_at)
       SELECT r.job_id, r.assignee_ids, r.assignee_emails, r.search, r.sort_ms, r.completed_ms, r.job, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(job_id text, assignee_ids text[], assignee_emails text[],
              search text, sort_ms bigint, completed_ms bigint, job jsonb)
       ON CONFLICT (job_id) DO UPDATE SET
         assignee_ids = EXCLUDED.assignee_ids, assignee_emails = EXCLUDED.assignee_emails,
         search = EXCLUDED.search, sort_ms = EXCLUDED.sort_ms, completed_ms = EXCLUDED.completed_ms,
         job = EXCLUDED.job, observed_at = EXCLUDED.observed_at, deleted_at = NULL
       WHERE x.observed_at <= EXCLUDED.observed_at AND (x.deleted_at IS NULL OR x.deleted_at < EXCLUDED.observed_at)`,
      [JSON.stringify(records), observedAt],
    );
    return rowCount ?? 0;
  }

  async remove(jobId: string, observedAt: Date): Promise<void> {
    await this.#db.query(
      `INSERT INTO ${this.#t} AS x (job_id, assignee_ids, assignee_emails, search, sort_ms, job, observed_at, deleted_at)
         VALUES ($1, '{}', '{}', '', 0, '{}', $2, $2)
       ON CONFLICT (job_id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at, observed_at = EXCLUDED.observed_at,
         assignee_ids = '{}', assignee_emails = '{}'
       WHERE x.observed_at <= EXCLUDED.observed_at`,
      [jobId, observedAt],
    );
  }

  async list({ technician, query, sinceMs, after, limit }: JobIndexQuery): Promise<IndexedJob[]> {
    const values: unknown[] = [[technician.email]];
    const param = (value: unknown) => `$${values.push(value)}`;
    // A user id that is the email (XOi's ids today) is among the lowercased ids already: one lookup.
    const byId = technician.userId && technician.userId !== technician.email;
    const assigned = byId
      ? `(j.assignee_emails && $1::text[] OR j.assignee_ids && ${param([technician.userId])}::text[])`
      : 'j.assignee_emails && $1::text[]';
    const where = ['j.deleted_at IS NULL', assigned];
    if (sinceMs !== null) where.push(`j.sort_ms >= ${param(sinceMs)}`);
    if (query) where.push(`j.search LIKE ${param(likePattern(query))} ESCAPE '\\'`);
    if (after) {
      const at = param(after.sortMs);
      where.push(`(j.sort_ms < ${at} OR (j.sort_ms = ${at} AND j.job_id COLLATE "C" > ${param(after.id)}))`);
    }
    const { rows } = await this.#db.query<{ job: LinkableJob; sort_ms: string }>(
      `SELECT j.job, j.sort_ms FROM ${this.#t} j
        WHERE ${where.join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM ${this.#links} l
                           WHERE l.job_id = j.job_id AND (l.link IS NOT NULL OR l.expires_at > now()))
        ORDER BY j.sort_ms DESC, j.job_id COLLATE "C"
        LIMIT ${param(limit)}`,
      values,
    );
    // Through the one mapping, so the fields come in the order the live listing gives them.
    return rows.map((row) => ({ job: linkableJobOf(row.job)!, sortMs: Number(row.sort_ms) }));
  }

  async freshness(staleAfterMs: number): Promise<{ built: boolean; fresh: boolean }> {
    const { rows } = await this.#db.query<{ built: boolean; fresh: boolean }>(
      `SELECT built_at IS NOT NULL AS built,
              built_at IS NOT NULL AND caught_up_at >= now() - $1::interval AS fresh
         FROM ${this.#s}`,
      [`${staleAfterMs} milliseconds`],
    );
    return rows[0] ?? { built: false, fresh: false };
  }

  async state(): Promise<JobIndexState & { rows: number; now: Date }> {
    const { rows } = await this.#db.query<StateRow & { rows: number; now: Date }>(
      `SELECT *, (SELECT count(*)::int FROM ${this.#t} WHERE deleted_at IS NULL) AS rows, ${NOW} AS now FROM ${this.#s}`,
    );
    return { ...stateOf(rows[0]), rows: rows[0].rows, now: rows[0].now };
  }

  async acquire(owner: string, leaseMs: number, dueMs: number | null): Promise<JobIndexState | null> {
    const values: unknown[] = [owner, `${leaseMs} milliseconds`];
    const due = dueMs === null ? '' : `AND (sweep_started_at IS NULL OR sweep_started_at <= now() - $3::interval)`;
    if (dueMs !== null) values.push(`${dueMs} milliseconds`);
    const { rows } = await this.#db.query<StateRow>(
      `UPDATE ${this.#s} SET lease_owner = $1, lease_until = now() + $2::interval, sweep_started_at = ${NOW},
         -- Not built: the build starts now, unless it already started (it resumes from its cursor).
         build_started_at = CASE WHEN built_at IS NULL THEN COALESCE(build_started_at, ${NOW}) ELSE build_started_at END
        WHERE (lease_until IS NULL OR lease_until < now() OR lease_owner = $1) ${due}
        RETURNING *`,
      values,
    );
    return rows[0] ? stateOf(rows[0]) : null;
  }

  async renew(owner: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE ${this.#s} SET lease_until = now() + $2::interval WHERE lease_owner = $1`,
      [owner, `${leaseMs} milliseconds`],
    );
    return rowCount === 1;
  }

  async release(owner: string): Promise<void> {
    await this.#db.query(`UPDATE ${this.#s} SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1`, [
      owner,
    ]);
  }

  async save(owner: string, patch: JobIndexStatePatch): Promise<boolean> {
    const { sql, values } = assignments(patch);
    if (!sql) return true;
    const { rowCount } = await this.#db.query(`UPDATE ${this.#s} SET ${sql} WHERE lease_owner = $1`, [
      owner,
      ...values,
    ]);
    return rowCount === 1;
  }

  async restart(owner: string): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE ${this.#s} SET built_at = NULL, caught_up_at = NULL, build_started_at = ${NOW},
         created_cursor_ms = NULL, completed_cursor_ms = NULL,
         recheck_before_ms = NULL, recheck_started_at = NULL, recheck_confirming = false
       WHERE lease_owner = $1`,
      [owner],
    );
    return rowCount === 1;
  }

  async unobserved(before: Date, sinceMs: number | null, limit: number): Promise<string[]> {
    const { rows } = await this.#db.query<{ job_id: string }>(
      `SELECT job_id FROM ${this.#t}
        WHERE deleted_at IS NULL AND observed_at < $1 AND ($2::bigint IS NULL OR sort_ms >= $2)
        ORDER BY observed_at LIMIT $3`,
      [before, sinceMs, limit],
    );
    return rows.map((row) => row.job_id);
  }

  async prune(beforeMs: number | null): Promise<number> {
    const { rowCount } = await this.#db.query(
      `DELETE FROM ${this.#t}
        WHERE (deleted_at IS NOT NULL AND deleted_at < now() - ${TOMBSTONE_KEEP})
           OR ($1::bigint IS NOT NULL AND deleted_at IS NULL AND sort_ms < $1)`,
      [beforeMs],
    );
    return rowCount ?? 0;
  }

  async analyze(): Promise<void> {
    await this.#db.query(`ANALYZE ${this.#t}`);
  }
}
