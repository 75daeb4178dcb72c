/**
 * XOi's `Retry-After` beyond one call: a handler whose error carries `retryAfterMs` (an XoiError
 * whose call XOi kept refusing) is retried by the queue no sooner than that.
 */
import type { Database } from '../db/database.js';

/**
 * Raises the failing job's `retry_delay` so that pg-boss's next start is no sooner than the wait.
 * pg-boss computes it when the job fails, from the row: `retry_delay × 2^retry_count × (1 + random)`
 * with back-off (our queues), so a delay of ⌈wait / 2^retry_count⌉ seconds makes even its
 * shortest draw at least the wait.
 */
export async function holdRetry(database: Database, schema: string, name: string, id: string, error: unknown) {
  const wait = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  if (typeof wait !== 'number' || !Number.isFinite(wait) || wait <= 0) return;
  const seconds = Math.min(Math.ceil(wait / 1000), 86_400);
  await database.query(
    `UPDATE ${schema}.job
        SET retry_delay = GREATEST(retry_delay,
              CEIL($3::float8 / CASE WHEN retry_backoff THEN power(2, retry_count) ELSE 1 END)::int)
      WHERE name = $1 AND id = $2::uuid AND state = 'active'`,
    [name, id, seconds],
  );
}
