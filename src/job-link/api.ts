/**
 * The three host routes `<xoi-job-link>` calls (served by `createXoiRoutes` in
 * `xoi-share-button/server`), as functions that never throw: every outcome, a dropped
 * connection or an HTML error page included, is a `Result`. No DOM, no Lit: unit-testable alone.
 *
 *     GET  {endpoint}/work-orders/{id}/jobs[?label=][&cursor=]
 *                                                     → { jobs, hasMore, nextCursor, truncated, source }
 *     GET  {endpoint}/work-orders/{id}/link           → { link | null }
 *     POST {endpoint}/work-orders/{id}/link { jobId } → 201 { link } | 409 already-linked { reason[, link] }
 *
 * The element holds no credential: requests carry the page's own cookies (`same-origin`), and
 * the POST is JSON with `Content-Type: application/json`, which the routes require (a cross-site
 * form cannot send it without a CORS preflight).
 */
import type { XoiJobLinkErrorCode, XoiJobLinkErrorDetail } from './events.js';
import { toWellFormed } from '../shared/well-formed.js';
import { linkableJobOf, workOrderLinkOf } from '../contract/mapping.js';
import {
  ROUTE_ERROR_STATUS,
  type AlreadyLinkedReason,
  type LinkableJob,
  type LinkableJobsBody,
  type WorkOrderLink,
  type XoiRouteErrorCode,
} from '../contract/routes.js';

export { httpUrl } from '../contract/mapping.js';

export type JobLinkResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: XoiJobLinkErrorDetail;
      /** With `already-linked`: why (the routes' `reason`; `in-progress` when they gave none). */
      reason?: AlreadyLinkedReason;
      /** With `already-linked` and `reason: 'work-order-linked'`: the work order's link. */
      link?: WorkOrderLink | null;
    };

const failure = (
  code: XoiJobLinkErrorCode,
  message: string,
  status = 0,
): { ok: false; error: XoiJobLinkErrorDetail } => ({
  ok: false,
  error: { code, message, status },
});

/**
 * The URL of one route, or null when `endpoint` is not an http(s) URL (relative to `base`,
 * usually the document's) or carries a query or fragment. `workOrderId` is taken well-formed
 * (a lone surrogate becomes U+FFFD, as a form would send it); check it with `isWorkOrderId` first.
 */
export function routeUrl(
  endpoint: string,
  workOrderId: string,
  route: 'jobs' | 'link',
  base: string,
  label?: string,
  cursor?: string,
): URL | null {
  if (typeof endpoint != 'string' || !endpoint.trim() || /[?#]/.test(endpoint)) return null;
  let url: URL;
  try {
    url = new URL(
      `${endpoint.trim().replace(/\/+$/, '')}/work-orders/${encodeURIComponent(toWellFormed(workOrderId))}/${route}`,
      base,
    );
  } catch {
    return null;
  }
  if (url.protocol != 'https:' && url.protocol != 'http:') return null;
  if (label) url.searchParams.set('label', label);
  if (cursor) url.searchParams.set('cursor', cursor);
  return url;
}

const ALREADY_LINKED_REASONS: readonly AlreadyLinkedReason[] = ['work-order-linked', 'job-taken', 'in-progress'];

/** One request; `read` turns the 2xx JSON into the value, or null when it is not the expected shape. */
async function call<T>(
  url: URL,
  init: RequestInit,
  read: (body: Record<string, unknown>) => T | null,
): Promise<JobLinkResult<T>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
    text = await response.text();
  } catch (error) {
    return failure(
      'network',
      `${init.method ?? 'GET'} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record = body && typeof body == 'object' ? (body as Record<string, unknown>) : undefined;
  const unexpected = () =>
    failure(
      'bad-response',
      `${init.method ?? 'GET'} ${url.pathname}: HTTP ${response.status}, not the XOi routes' JSON answer.`,
      response.status,
    );
  if (!response.ok) {
    const error = record?.error as { code?: unknown; message?: unknown; reason?: unknown; link?: unknown } | undefined;
    const code = error?.code;
    if (typeof code != 'string' || !Object.hasOwn(ROUTE_ERROR_STATUS, code)) return unexpected();
    const result = failure(
      code as XoiRouteErrorCode,
      typeof error?.message == 'string' ? error.message : code,
      response.status,
    );
    if (code != 'already-linked') return result;
    const reason = ALREADY_LINKED_REASONS.find((r) => r == error?.reason) ?? 'in-progress';
    return { ...result, reason, link: reason == 'work-order-linked' ? workOrderLinkOf(error?.link) : null };
  }
  const value = record ? read(record) : null;
  return value === null ? unexpected() : { ok: true, value };
}

const JSON_ACCEPT = { accept: 'application/json' };

/**
 * A page of the technician's linkable jobs, newest first, filtered on `label` by the server. An
 * answer without paging fields (routes older than the element) is one whole page.
 */
export function fetchJobs(url: URL, signal?: AbortSignal): Promise<JobLinkResult<LinkableJobsBody>> {
  return call(url, { headers: JSON_ACCEPT, signal }, (body) => {
    if (!Array.isArray(body.jobs)) return null;
    const jobs = body.jobs.map(linkableJobOf).filter((job): job is LinkableJob => job !== null);
    const nextCursor = typeof body.nextCursor == 'string' && body.nextCursor ? body.nextCursor : null;
    return {
      jobs,
      hasMore: body.hasMore === true && nextCursor !== null,
      nextCursor,
      truncated: body.truncated === true,
      source: body.source == 'index' ? 'index' : 'live',
    };
  });
}

/** The work order's link, or `{ link: null }`. */
export function fetchLink(url: URL, signal?: AbortSignal): Promise<JobLinkResult<{ link: WorkOrderLink | null }>> {
  return call(url, { headers: JSON_ACCEPT, signal }, (body) => {
    if (body.link === null) return { link: null };
    const link = workOrderLinkOf(body.link);
    return link && { link };
  });
}

/** Links the work order to `jobId` (final). */
export function postLink(url: URL, jobId: string): Promise<JobLinkResult<{ link: WorkOrderLink }>> {
  return call(
    url,
    {
      method: 'POST',
      headers: { ...JSON_ACCEPT, 'content-type': 'application/json' },
      body: JSON.stringify({ jobId }),
    },
    (body) => {
      const link = workOrderLinkOf(body.link);
      return link && { link };
    },
  );
}
