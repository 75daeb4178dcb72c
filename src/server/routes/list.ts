/** `GET …/jobs`: the technician's XOi jobs that are not linked yet, newest first, filtered by label. */
import { linkableJobOf } from '../../contract/mapping.js';
import type { LinkableJobsBody } from '../../contract/routes.js';
import { json } from '../http.js';
import type { RouteContext } from './context.js';
import { fail } from './failures.js';

const MAX_LABEL_FILTER = 200;

export async function listJobs(context: RouteContext, request: Request, url: URL, email: string): Promise<Response> {
  const { client, store, config } = context;
  const filter = (url.searchParams.get('label') ?? '').trim().toLowerCase();
  if (filter.length > MAX_LABEL_FILTER)
    throw fail('invalid-request', `label must be at most ${MAX_LABEL_FILTER} characters.`);
  const assigned = await context.xoi(request, 'list your XOi jobs', () =>
    client.listJobsAssignedTo(email, {
      pageSize: config.pageSize,
      maxPages: config.maxPages,
      ...(config.lookbackDays > 0 && {
        dateQuery: { type: 'CREATED_AT' as const, gte: new Date(config.now() - config.lookbackDays * 86_400_000) },
      }),
    }),
  );
  const linked = await context.host(request, 'read the job links', () =>
    store.linkedJobIds(assigned.jobs.map((j) => j.id)),
  );
  const jobs = assigned.jobs
    .filter((j) => !linked.has(j.id))
    .map((job) => linkableJobOf(job)!)
    .filter(
      (j) => !filter || [j.label, j.workOrderNumber, j.customerName].some((f) => f?.toLowerCase().includes(filter)),
    )
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.id.localeCompare(b.id));
  const body: LinkableJobsBody = { jobs, truncated: assigned.truncated };
  return json(200, body);
}
