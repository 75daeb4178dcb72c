/**
 * `listJobs` as XOi documents it (docs/xoi-api-notes.md §3): pages of `limit` (1–1,000
 * [assumed]), filters on one word of `customerName`/`jobLocation` and an exact `workOrderNumber`,
 * a `dateQuery` over CREATED_AT or COMPLETED_AT, newest first unless `ascending`. Nothing else:
 * XOi cannot filter by assignee, label or status, so neither does the mock.
 */
import { MockError } from '../errors.js';
import { page } from '../paging.js';
import type { MockJob } from '../types.js';
import { type ResolverContext, resolver } from './context.js';
import { jobView } from './views.js';

interface ListJobsInput {
  limit: number;
  nextToken?: string | null;
  filter?: { customerName?: string | null; jobLocation?: string | null; workOrderNumber?: string | null } | null;
  dateQuery?: {
    type: 'CREATED_AT' | 'COMPLETED_AT';
    gte?: string | null;
    lte?: string | null;
    ascending?: boolean | null;
  } | null;
  excludeJobIds?: string[] | null;
}

/** Does `value` (one word) appear as a word of `field`, case-insensitively? Absent: yes. */
function hasWord(field: string | null, value: string | null | undefined): boolean {
  if (value == null) return true;
  return (field ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .includes(value.trim().toLowerCase());
}

function matching(jobs: Iterable<MockJob>, input: ListJobsInput): MockJob[] {
  const filter = input.filter ?? {};
  for (const name of ['customerName', 'jobLocation'] as const) {
    if (/\s/.test(filter[name]?.trim() ?? '')) {
      throw new MockError('validation', `filter.${name} must be a single word`);
    }
  }
  const excluded = new Set(input.excludeJobIds ?? []);
  return [...jobs].filter(
    (j) =>
      hasWord(j.customerName, filter.customerName) &&
      hasWord(j.jobLocation, filter.jobLocation) &&
      (filter.workOrderNumber == null || j.workOrderNumber === filter.workOrderNumber) &&
      !excluded.has(j.id),
  );
}

function inDateRange(items: MockJob[], input: ListJobsInput, field: 'createdAt' | 'completedAt'): MockJob[] {
  const query = input.dateQuery;
  if (!query) return items;
  const gte = query.gte ? Date.parse(query.gte) : -Infinity;
  const lte = query.lte ? Date.parse(query.lte) : Infinity;
  return items.filter((j) => {
    const t = j[field] ? Date.parse(j[field]) : NaN;
    return !Number.isNaN(t) && t >= gte && t <= lte;
  });
}

export const listJobs = resolver<ListJobsInput>((input, { deps, origin }: ResolverContext) => {
  if (input.limit < 1 || input.limit > 1000) throw new MockError('validation', 'limit must be 1–1000');
  const field = input.dateQuery?.type === 'COMPLETED_AT' ? 'completedAt' : 'createdAt';
  const items = inDateRange(matching(deps.store.jobs.values(), input), input, field);
  const ascending = input.dateQuery?.ascending === true;
  // Code unit order: the same as localeCompare for ISO times and job-NNNN ids, and fast enough for
  // the server benchmark's 100,000 jobs (localeCompare took most of a call there).
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  items.sort((a, b) => {
    const d = order(a[field] ?? '', b[field] ?? '') || order(a.id, b.id);
    return ascending ? d : -d;
  });
  const { items: pageItems, next } = page(items, input.nextToken, input.limit);
  return {
    jobConnection: {
      items: pageItems.map((j) => jobView(j, { deps, origin })),
      // XOi's last page answers "" (docs/xoi-api-notes.md §3).
      nextToken: next ?? '',
    },
  };
});
