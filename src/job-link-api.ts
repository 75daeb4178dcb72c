/**
 * The three host routes `<xoi-job-link>` calls (served by `createXoiRoutes` in
 * `xoi-share-button/server`), as functions that never throw: every outcome, a dropped
 * connection or an HTML error page included, is a `Result`. No DOM, no Lit: unit-testable alone.
 *
 *     GET  {endpoint}/work-orders/{id}/jobs[?label=]  → { jobs, truncated }
 *     GET  {endpoint}/work-orders/{id}/link           → { link | null }
 *     POST {endpoint}/work-orders/{id}/link { jobId } → 201 { link } | 409 already-linked { link }
 *
 * The element holds no credential: requests carry the page's own cookies (`same-origin`), and
 * the POST is JSON with `Content-Type: application/json`, which the routes require (a cross-site
 * form cannot send it without a CORS preflight).
 */
import type { XoiJobLinkErrorCode, XoiJobLinkErrorDetail } from './job-link-events.js';
import { toWellFormed } from './share.js';
import {
  ROUTE_ERROR_STATUS,
  type LinkableJob,
  type LinkableJobsBody,
  type WorkOrderLink,
  type WorkOrderLinkDeepLinks,
  type XoiRouteErrorCode,
} from './server/contract.js';

export type JobLinkResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: XoiJobLinkErrorDetail;
      /** With `already-linked`: the link that won (null while in progress). */ link?: WorkOrderLink | null;
    };

const failure = (
  code: XoiJobLinkErrorCode,
  message: string,
  status = 0,
): { ok: false; error: XoiJobLinkErrorDetail } => ({
  ok: false,
  error: { code, message, status },
});

/** `value` when it is an absolute http(s) URL (what the element may put in an `href`), else null. */
export function httpUrl(value: unknown): string | null {
  if (typeof value != 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol == 'https:' || url.protocol == 'http:' ? value : null;
  } catch {
    return null;
  }
}

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
  return url;
}

const str = (value: unknown): string | null => (typeof value == 'string' ? value : null);

function linkableJob(value: unknown): LinkableJob | null {
  if (!value || typeof value != 'object') return null;
  const j = value as Record<string, unknown>;
  if (typeof j.id != 'string' || !j.id) return null;
  return {
    id: j.id,
    label: str(j.label) ?? '',
    customerName: str(j.customerName),
    jobLocation: str(j.jobLocation),
    workOrderNumber: str(j.workOrderNumber),
    createdAt: str(j.createdAt),
    completedAt: str(j.completedAt),
  };
}

function deepLinks(value: unknown): WorkOrderLinkDeepLinks {
  const out: WorkOrderLinkDeepLinks = {};
  if (!value || typeof value != 'object') return out;
  const { visionWeb, visionMobile } = value as Record<string, Record<string, unknown> | undefined>;
  const viewJob = str(visionWeb?.viewJob);
  if (viewJob) out.visionWeb = { viewJob };
  const mobile: NonNullable<WorkOrderLinkDeepLinks['visionMobile']> = {};
  for (const key of ['viewJob', 'editJob', 'jobLocationActivitySearch', 'contributeToJob'] as const) {
    const url = str(visionMobile?.[key]);
    if (url) mobile[key] = url;
  }
  if (Object.keys(mobile).length) out.visionMobile = mobile;
  return out;
}

/** A `WorkOrderLink` as the routes send it, or null; the share link must be an http(s) URL. */
export function workOrderLink(value: unknown): WorkOrderLink | null {
  if (!value || typeof value != 'object') return null;
  const l = value as Record<string, unknown>;
  const shareLink = httpUrl(l.shareLink);
  if (typeof l.workOrderId != 'string' || typeof l.jobId != 'string' || !l.jobId || !shareLink) return null;
  return {
    workOrderId: l.workOrderId,
    jobId: l.jobId,
    label: str(l.label) ?? '',
    shareLink,
    deepLinks: deepLinks(l.deepLinks),
    linkedAt: str(l.linkedAt) ?? '',
    linkedBy: str(l.linkedBy) ?? '',
  };
}

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
    const error = record?.error as { code?: unknown; message?: unknown; link?: unknown } | undefined;
    const code = error?.code;
    if (typeof code != 'string' || !Object.hasOwn(ROUTE_ERROR_STATUS, code)) return unexpected();
    const result = failure(code as XoiRouteErrorCode, str(error?.message) ?? code, response.status);
    return code == 'already-linked' ? { ...result, link: workOrderLink(error?.link) } : result;
  }
  const value = record ? read(record) : null;
  return value === null ? unexpected() : { ok: true, value };
}

const JSON_ACCEPT = { accept: 'application/json' };

/** The technician's linkable jobs, newest first, filtered on `label` by the server. */
export function fetchJobs(url: URL, signal?: AbortSignal): Promise<JobLinkResult<LinkableJobsBody>> {
  return call(url, { headers: JSON_ACCEPT, signal }, (body) => {
    if (!Array.isArray(body.jobs)) return null;
    const jobs = body.jobs.map(linkableJob).filter((job): job is LinkableJob => job !== null);
    return { jobs, truncated: body.truncated === true };
  });
}

/** The work order's link, or `{ link: null }`. */
export function fetchLink(url: URL, signal?: AbortSignal): Promise<JobLinkResult<{ link: WorkOrderLink | null }>> {
  return call(url, { headers: JSON_ACCEPT, signal }, (body) => {
    if (body.link === null) return { link: null };
    const link = workOrderLink(body.link);
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
      const link = workOrderLink(body.link);
      return link && { link };
    },
  );
}
