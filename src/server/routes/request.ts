/**
 * The request side of the routes: which route a path names, and the link request's body. Pure
 * except for reading the body; every refusal is an {@link Answer}.
 */
import { isWorkOrderId } from '../../contract/routes.js';
import { ID_SYNTAX } from '../client/inputs.js';
import { readText } from '../http.js';
import { fail } from './failures.js';

/** Set on the 404 for a path outside `basePath`, so an adapter can pass the request on. */
export const UNMATCHED_HEADER = 'x-xoi-unmatched';

/** True for the 404 the handler gives a path outside its `basePath`. */
export const isUnmatched = (response: Response): boolean => response.headers.get(UNMATCHED_HEADER) === '1';

export type Route = { kind: 'jobs' | 'link'; workOrderId: string } | 'outside' | 'unknown' | 'bad-id';

/** Splits on raw "/" before decoding, so an id with an encoded "%2F" stays one segment. */
export function matchRoute(base: string, pathname: string): Route {
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return 'outside';
  const parts = pathname.slice(base.length).split('/').slice(1);
  if (parts.length !== 3 || parts[0] !== 'work-orders' || (parts[2] !== 'jobs' && parts[2] !== 'link'))
    return 'unknown';
  let workOrderId: string;
  try {
    workOrderId = decodeURIComponent(parts[1]);
  } catch {
    return 'bad-id';
  }
  if (!isWorkOrderId(workOrderId)) return 'bad-id';
  return { kind: parts[2], workOrderId };
}

/** The methods a route takes. */
export const allowedMethods = (route: { kind: 'jobs' | 'link' }): string[] =>
  route.kind === 'jobs' ? ['GET'] : ['GET', 'POST'];

/** `{ "jobId": "…" }` from a link request, checked. */
export async function readJobId(request: Request, maxBytes: number): Promise<string> {
  // Only JSON: a cross-site form can post text/plain with the technician's cookies, but it cannot
  // send application/json without a CORS preflight the host never grants.
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    throw fail('invalid-request', 'Send the body as application/json: { "jobId": "…" }.');
  }
  const text = await readText(request, maxBytes);
  if (text === null) throw fail('invalid-request', `The request body is larger than ${maxBytes} bytes.`);
  if (text === undefined) throw fail('invalid-request', 'The request body is not UTF-8 text.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('invalid-request', 'The request body must be JSON: { "jobId": "…" }.');
  }
  const jobId = body && typeof body === 'object' ? (body as { jobId?: unknown }).jobId : undefined;
  if (typeof jobId !== 'string' || !jobId.trim()) throw fail('invalid-request', 'jobId is required: { "jobId": "…" }.');
  if (!ID_SYNTAX.test(jobId.trim()))
    throw fail('invalid-request', 'jobId must be at most 256 characters without spaces.');
  return jobId.trim();
}
