/**
 * What the status page reads from the queue: failed jobs (pg-boss copies a job that failed after
 * its retries, data and error, into its queue's `<name>-dead` queue) and how many wait, run or died.
 */
import type { Database } from '../db/database.js';
import { executor, type Boss } from './boss.js';
import type { DeadLetter, QueueCounts } from './queue.js';

export const deadQueue = (name: string): string => `${name}-dead`;

interface DeadRow {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_limit: number;
  created_on: Date | string;
}

/** pg-boss copies a failed job's data and output (the thrown error, serialized) into its dead letter. */
export function deadLetterOf(row: DeadRow): DeadLetter {
  const output = row.output as { message?: unknown; value?: { message?: unknown } } | string | null;
  const text = (value: unknown) => (typeof value == 'string' ? value : undefined);
  const message =
    typeof output == 'string'
      ? output
      : (text(output?.message) ?? text(output?.value?.message) ?? (output ? JSON.stringify(output) : 'failed'));
  return {
    id: row.id,
    queue: row.name.slice(0, -'-dead'.length),
    data: row.data,
    error: message.slice(0, 500),
    failedAt: new Date(row.created_on).toISOString(),
    retryCount: Number(row.retry_limit ?? 0),
  };
}

/** Dead letters of `names` (queue names), newest first. */
export async function deadLetters(database: Database, schema: string, names: string[]): Promise<DeadLetter[]> {
  if (names.length === 0) return [];
  const { rows } = await database.query<DeadRow>(
    `SELECT id, name, data, output, retry_limit, created_on FROM ${schema}.job
      WHERE name = ANY($1::text[]) AND state = 'created' ORDER BY created_on DESC LIMIT 500`,
    [names.map(deadQueue)],
  );
  return rows.map(deadLetterOf);
}

/** Queues a dead letter's data again, in one transaction: it is gone only if its job is queued. */
export async function retryDeadLetter(database: Database, schema: string, boss: Boss, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  return database.transaction(async (tx) => {
    const { rows } = await tx.query<{ name: string; data: unknown }>(
      `DELETE FROM ${schema}.job WHERE id = $1::uuid AND name LIKE '%-dead' AND state = 'created' RETURNING name, data`,
      [id],
    );
    if (!rows[0]) return false;
    await boss.send(rows[0].name.slice(0, -'-dead'.length), rows[0].data, { db: executor(tx) });
    return true;
  });
}

/** Waiting, active and dead jobs per queue (`names` listed even when empty). */
export async function queueCounts(
  database: Database,
  schema: string,
  names: string[],
): Promise<Record<string, QueueCounts>> {
  const { rows } = await database.query<{ name: string; state: string; n: number }>(
    `SELECT name, state, count(*)::int AS n FROM ${schema}.job
      WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
  );
  const out: Record<string, QueueCounts> = {};
  for (const name of names) out[name] = { waiting: 0, active: 0, dead: 0 };
  for (const { name, state, n } of rows) {
    const base = name.endsWith('-dead') ? name.slice(0, -'-dead'.length) : name;
    const entry = (out[base] ??= { waiting: 0, active: 0, dead: 0 });
    if (name !== base) entry.dead += n;
    else if (state === 'active') entry.active += n;
    else entry.waiting += n;
  }
  return out;
}
