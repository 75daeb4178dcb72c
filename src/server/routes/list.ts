/**
 * `GET …/jobs[?label=text][&cursor=…]`: one page of the technician's XOi jobs not linked yet,
 * newest first, filtered by label (case and accents ignored: job-index/search.ts).
 *
 * From the job index when the routes have one and it is built and caught up: one query, no XOi
 * call, every job in the look-back window. Otherwise from XOi, as before the index: the
 * organisation's jobs paged through and kept when assigned to the technician, bounded by
 * `pageSize` × `maxPages` (`truncated` says when that cut the list). Both answer in the same order
 * with the same cursor (job-index/order.ts), and say which they are (`source`).
 */
import { linkableJobOf } from '../../contract/mapping.js';
import type { LinkableJob, LinkableJobsBody, LinkableJobsSource } from '../../contract/routes.js';
import { json } from '../http.js';
import { compareListed, decodeCursor, encodeCursor, sortMsOf, type ListPosition } from '../job-index/order.js';
import { foldQuery, matchesQuery } from '../job-index/search.js';
import type { IndexedJob } from '../job-index/store.js';
import type { RouteContext } from './context.js';
import { fail } from './failures.js';
import { technicianOf } from './session.js';

const MAX_LABEL_FILTER = 200;

interface ListRequest {
  request: Request;
  email: string;
  /** The folded label filter. */
  query: string;
  after: ListPosition | null;
  /** Jobs created from this time (ms), or null. */
  sinceMs: number | null;
}

export async function listJobs(context: RouteContext, request: Request, url: URL, email: string): Promise<Response> {
  const { config } = context;
  const label = url.searchParams.get('label') ?? '';
  if (label.trim().length > MAX_LABEL_FILTER)
    throw fail('invalid-request', `label must be at most ${MAX_LABEL_FILTER} characters.`);
  const cursor = url.searchParams.get('cursor');
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after) throw fail('invalid-request', 'cursor is not one this server gave: ask for the list again.');
  const sinceMs = config.lookbackDays > 0 ? config.now() - config.lookbackDays * 86_400_000 : null;
  const list: ListRequest = { request, email, query: foldQuery(label), after, sinceMs };
  const body = (await fromIndex(context, list)) ?? (await fromXoi(context, list));
  return json(200, body);
}

/** The page of `items` (sorted, up to `limit` + 1: one more tells that more follow). */
function pageOf(
  items: readonly IndexedJob[],
  limit: number,
  source: LinkableJobsSource,
  truncated: boolean,
): LinkableJobsBody {
  const shown = items.slice(0, limit);
  const hasMore = items.length > limit;
  const last = shown.at(-1);
  return {
    jobs: shown.map((item) => item.job),
    hasMore,
    nextCursor: hasMore && last ? encodeCursor({ sortMs: last.sortMs, id: last.job.id }) : null,
    truncated,
    source,
  };
}

/** From the index, or null when the routes have none or it is not fresh. */
async function fromIndex(context: RouteContext, list: ListRequest): Promise<LinkableJobsBody | null> {
  const { jobIndex, listLimit } = context.config;
  if (!jobIndex) return null;
  const technician = await technicianOf(context, list.email);
  const rows = await context.host(list.request, 'read the job index', () =>
    jobIndex.page({
      technician,
      query: list.query,
      sinceMs: list.sinceMs,
      after: list.after,
      limit: listLimit + 1,
    }),
  );
  if (!rows) return null;
  const body = pageOf(rows, listLimit, 'index', false);
  // The index leaves out the jobs linked in its own database; a link store of another kind is asked too.
  const linked = await context.host(list.request, 'read the job links', () =>
    context.store.linkedJobIds(body.jobs.map((job) => job.id)),
  );
  if (linked.size) body.jobs = body.jobs.filter((job) => !linked.has(job.id));
  return body;
}

/** From XOi: the organisation's jobs, paged through, kept when assigned to the technician. */
async function fromXoi(context: RouteContext, list: ListRequest): Promise<LinkableJobsBody> {
  const { client, store, config } = context;
  const assigned = await context.xoi(list.request, 'list your XOi jobs', () =>
    client.listJobsAssignedTo(list.email, {
      pageSize: config.pageSize,
      maxPages: config.maxPages,
      ...(list.sinceMs !== null && { dateQuery: { type: 'CREATED_AT' as const, gte: new Date(list.sinceMs) } }),
    }),
  );
  const linked = await context.host(list.request, 'read the job links', () =>
    store.linkedJobIds(assigned.jobs.map((j) => j.id)),
  );
  const { after } = list;
  const items = assigned.jobs
    .filter((j) => !linked.has(j.id))
    .map((job) => linkableJobOf(job)!)
    .filter((job) => matchesQuery(job, list.query))
    .map((job: LinkableJob) => ({ job, sortMs: sortMsOf(job.createdAt) }))
    .filter((item) => !after || compareListed({ sortMs: item.sortMs, id: item.job.id }, after) > 0)
    .sort((a, b) => compareListed({ sortMs: a.sortMs, id: a.job.id }, { sortMs: b.sortMs, id: b.job.id }));
  return pageOf(items, config.listLimit, 'live', assigned.truncated);
}
