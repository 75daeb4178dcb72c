/**
 * Where accepted change notifications are recorded: the de-duplication (a key seen before its
 * retention ends is a re-delivery) and the log the status page reads (the last one received).
 * Recording and queueing happen in one transaction: a notification answered 2xx is queued, and
 * one that could not be queued is not recorded, so XOi's re-delivery is handled.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Sql } from '../db/database.js';

type MaybePromise<T> = T | Promise<T>;

export interface InboxEntry {
  /** The de-duplication key; null when the notification carries nothing to tell a re-delivery by. */
  key: string | null;
  type: string;
  jobId: string;
  /** The event as the listeners will get it. */
  event: unknown;
}

export interface LastNotification {
  receivedAt: string;
  type: string;
  jobId: string;
}

export interface NotificationInbox {
  /**
   * Records the notification unless its key was seen within the retention, and runs `queue` in
   * the same transaction (the queue's send): `'duplicate'` records and queues nothing.
   */
  accept(entry: InboxEntry, queue?: (tx: Sql | null) => Promise<unknown>): Promise<'accepted' | 'duplicate'>;
  /** The newest notification received, or null. */
  last(): MaybePromise<LastNotification | null>;
  /** Forgets keys past their retention (the newest entry is kept for `last()`); returns how many. */
  prune(): Promise<number>;
}

export const DEFAULT_NOTIFICATION_RETENTION_MS = 7 * 24 * 3_600_000;

export function retention(value: number | undefined): number {
  const ms = value ?? DEFAULT_NOTIFICATION_RETENTION_MS;
  if (!Number.isInteger(ms) || ms < 1000 || ms > 366 * 24 * 3_600_000) {
    throw new TypeError(`notificationRetentionMs must be an integer from 1 s to 366 days, got ${String(value)}`);
  }
  return ms;
}

const keyOf = (entry: InboxEntry) => entry.key ?? `unkeyed:${randomUUID()}`;

export function postgresNotificationInbox(db: Database, retentionMs: number): NotificationInbox {
  const t = `${db.schema}.notifications`;
  const keep = `${retentionMs} milliseconds`;
  return {
    accept(entry, queue) {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query(
          `INSERT INTO ${t} (key, received_at, expires_at, type, job_id, event)
             VALUES ($1, now(), now() + $2::interval, $3, $4, $5)
           ON CONFLICT (key) DO UPDATE
             SET received_at = EXCLUDED.received_at, expires_at = EXCLUDED.expires_at,
                 type = EXCLUDED.type, job_id = EXCLUDED.job_id, event = EXCLUDED.event
             WHERE ${t}.expires_at <= now()
           RETURNING key`,
          [keyOf(entry), keep, entry.type, entry.jobId, JSON.stringify(entry.event)],
        );
        if (rows.length === 0) return 'duplicate';
        await queue?.(tx);
        return 'accepted';
      });
    },
    async last() {
      const { rows } = await db.query<{ received_at: Date; type: string; job_id: string }>(
        `SELECT received_at, type, job_id FROM ${t} ORDER BY received_at DESC LIMIT 1`,
      );
      const row = rows[0];
      return row ? { receivedAt: new Date(row.received_at).toISOString(), type: row.type, jobId: row.job_id } : null;
    },
    async prune() {
      const { rowCount } = await db.query(
        `DELETE FROM ${t} WHERE expires_at <= now()
           AND key <> (SELECT key FROM ${t} ORDER BY received_at DESC LIMIT 1)`,
      );
      return rowCount ?? 0;
    },
  };
}

/** In memory: one process, lost on restart. For unit tests and demos only. */
export function createMemoryNotificationInbox({
  retentionMs,
  now = Date.now,
}: { retentionMs?: number; now?: () => number } = {}): NotificationInbox {
  const keep = retention(retentionMs);
  const seen = new Map<string, { expires: number; receivedAt: number; type: string; jobId: string }>();
  let newest: LastNotification | null = null;
  return {
    async accept(entry, queue) {
      const key = keyOf(entry);
      const at = now();
      const previous = seen.get(key);
      if (previous && previous.expires > at) return 'duplicate';
      // Claimed before queueing, so a delivery racing this one is a duplicate; forgotten if queueing fails.
      const claim = { expires: at + keep, receivedAt: at, type: entry.type, jobId: entry.jobId };
      seen.set(key, claim);
      try {
        await queue?.(null);
      } catch (error) {
        if (seen.get(key) === claim) seen.delete(key);
        throw error;
      }
      newest = { receivedAt: new Date(at).toISOString(), type: entry.type, jobId: entry.jobId };
      return 'accepted';
    },
    last: () => newest,
    prune() {
      const at = now();
      let n = 0;
      for (const [key, value] of seen) {
        if (value.expires <= at) {
          seen.delete(key);
          n++;
        }
      }
      return Promise.resolve(n);
    },
  };
}
