/**
 * The host endpoints `<xoi-job-link>` calls, as one Fetch API handler `(Request) => Response`:
 *
 *     GET  {base}/work-orders/{id}/jobs[?label=text][&cursor=…]
 *                                                     → 200 { jobs: LinkableJob[], hasMore, nextCursor, truncated, source }
 *     GET  {base}/work-orders/{id}/link               → 200 { link: WorkOrderLink | null }
 *     POST {base}/work-orders/{id}/link  { jobId }    → 201 { link } | 409 already-linked { reason[, link] }
 *
 * Who is signed in and what the work order says come from the host (`technician`, `workOrder`),
 * never from the browser; the browser only names a work order id and a job id. The XOi client
 * (and its secret) stays here. Every outcome is a JSON answer: nothing throws into the host.
 * This file matches the route and hands it to its step: options.ts, session.ts, list.ts, link.ts.
 */
import { errorJson } from '../http.js';
import { createMemoryLinkStore, type XoiLinkStore } from '../stores/link-store.js';
import { routeContext, type RouteContext } from './context.js';
import { Answer, fail } from './failures.js';
import { linkJob, readLink } from './link.js';
import { listJobs } from './list.js';
import { routeConfig, type XoiRoutesClient, type XoiRoutesOptions } from './options.js';
import { allowedMethods, matchRoute, readJobId, UNMATCHED_HEADER } from './request.js';
import { hostWorkOrder, signedIn } from './session.js';

export type { XoiRoutesClient, XoiRoutesOptions, XoiWorkOrder } from './options.js';
export { isUnmatched } from './request.js';

export function createXoiRoutes(
  client: XoiRoutesClient,
  store: XoiLinkStore = createMemoryLinkStore(),
  options: XoiRoutesOptions,
): (request: Request) => Promise<Response> {
  const context = routeContext(routeConfig(client, options), client, store);
  // Links in progress in this process: a racing request waits for them, then sees the result.
  return async (request: Request): Promise<Response> => {
    try {
      return await handle(context, request);
    } catch (error) {
      if (error instanceof Answer) return error.response;
      context.report(error, request, 500);
      return errorJson(500, 'internal', 'Unexpected error on the server.');
    }
  };
}

async function handle(context: RouteContext, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const route = matchRoute(context.config.base, url.pathname);
  if (route === 'outside') {
    return errorJson(404, 'not-found', `No XOi route at ${url.pathname}.`, {}, { [UNMATCHED_HEADER]: '1' });
  }
  if (route === 'unknown') throw fail('not-found', `No XOi route at ${url.pathname}.`);
  if (route === 'bad-id') throw fail('invalid-request', 'The work order id in the path is not valid.');
  const allowed = allowedMethods(route);
  if (!allowed.includes(request.method)) {
    throw fail('method-not-allowed', `Use ${allowed.join(' or ')}.`, {}, { allow: allowed.join(', ') });
  }
  const { workOrderId } = route;
  const email = await signedIn(context, request);
  const order = await hostWorkOrder(context, request, workOrderId);
  if (route.kind === 'jobs') return listJobs(context, request, url, email);
  if (request.method === 'GET') return readLink(context, request, workOrderId);
  const jobId = await readJobId(request, context.config.maxBodyBytes);
  return linkJob(context, { request, workOrderId, jobId, order, email });
}
