/**
 * The order of the technician's job list, newest first, and the cursor that pages it: one rule
 * for the index (SQL) and the live listing (JavaScript), so a page from one and the next from the
 * other still meet. Pure.
 *
 * The key is the creation time in whole milliseconds (what `Date.parse` gives for XOi's
 * AWSDateTime), then the job id in code unit order (SQL compares it `COLLATE "C"`): two jobs
 * created in the same millisecond keep one order everywhere. A job without a readable creation
 * time sorts last.
 */

/** The sort key of a job without a readable `createdAt`: below every real date. */
export const NO_DATE_MS = -8_640_000_000_000_000;

export const sortMsOf = (createdAt: string | null): number => {
  const ms = createdAt ? Date.parse(createdAt) : NaN;
  return Number.isNaN(ms) ? NO_DATE_MS : ms;
};

/** Where a page ended: the last job's key. */
export interface ListPosition {
  sortMs: number;
  id: string;
}

/** Newest first, then id: negative when `a` comes first. */
export function compareListed(a: ListPosition, b: ListPosition): number {
  if (a.sortMs !== b.sortMs) return b.sortMs - a.sortMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Opaque to the browser: base64url of `[sortMs, id]`. */
export const encodeCursor = (position: ListPosition): string =>
  Buffer.from(JSON.stringify([position.sortMs, position.id]), 'utf8').toString('base64url');

/** The position, or null when `text` is not a cursor this server gave. */
export function decodeCursor(text: string): ListPosition | null {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [sortMs, id] = value as unknown[];
  if (!Number.isSafeInteger(sortMs) || typeof id !== 'string' || !id || id.length > 256) return null;
  return { sortMs: sortMs as number, id };
}
