/**
 * Opaque `nextToken`s for the mock's paged answers (listJobs, getJobSummary, listUsers). XOi's
 * last page of a connection answers `nextToken: ""` (docs/xoi-api-notes.md §3).
 */
import { MockError } from './errors.js';

export const encodeToken = (offset: number): string =>
  Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');

/** The offset a token stands for (0 for none or ""); a `validation` MockError for one the mock never gave. */
export function decodeToken(token: string | null | undefined): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Not one of ours: refused below.
  }
  throw new MockError('validation', 'Invalid nextToken');
}

/** One page of `items` from `token`; `next` is the token of the page after it, `null` on the last. */
export function page<T>(
  items: readonly T[],
  token: string | null | undefined,
  size: number,
): { items: T[]; next: string | null } {
  const offset = decodeToken(token);
  const more = offset + size < items.length;
  return { items: items.slice(offset, offset + size), next: more ? encodeToken(offset + size) : null };
}
