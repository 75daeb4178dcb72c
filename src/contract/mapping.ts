/**
 * The one mapping between XOi's job and the routes' JSON, used by both sides: the routes build
 * a {@link LinkableJob} and a link's deep links from XOi's answer with it, and `<xoi-job-link>`
 * reads the routes' answer back with it. A field added here reaches both at once. No DOM, no
 * Node: `URL` is all it needs.
 */
import type { LinkableJob, WorkOrderLink, WorkOrderLinkDeepLinks } from './routes.js';

/** The deep links a link carries, per app (docs/xoi-api-notes.md §3). */
export const DEEP_LINK_KEYS = {
  visionWeb: ['viewJob'],
  visionMobile: ['viewJob', 'editJob', 'jobLocationActivitySearch', 'contributeToJob'],
} as const;

/** How a deep link is written: XOi's `{ url }` object, or the wire's plain string. */
export type UrlOf = (value: unknown) => string | null;

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value == 'object' ? (value as Record<string, unknown>) : null;
const str = (value: unknown): string | null => (typeof value == 'string' ? value : null);

/** XOi's `{ url: "…" }` (a job's `deepLinks`). */
export const xoiUrl: UrlOf = (value) => str(record(value)?.url) || null;
/** The routes' JSON: the URL itself. */
export const wireUrl: UrlOf = (value) => str(value) || null;

/** `value` when it is an absolute http(s) URL (what a page may put in an `href`), else null. */
export function httpUrl(value: unknown): string | null {
  if (typeof value != 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol == 'https:' || url.protocol == 'http:' ? value : null;
  } catch {
    return null;
  }
}

/** Deep links as the routes send them: each app's links that are there, nothing else. */
export function deepLinksOf(value: unknown, urlOf: UrlOf): WorkOrderLinkDeepLinks {
  const out: WorkOrderLinkDeepLinks = {};
  const links = record(value);
  for (const app of Object.keys(DEEP_LINK_KEYS) as (keyof typeof DEEP_LINK_KEYS)[]) {
    const given = record(links?.[app]);
    const kept: Record<string, string> = {};
    for (const key of DEEP_LINK_KEYS[app]) {
      const url = urlOf(given?.[key]);
      if (url) kept[key] = url;
    }
    if (Object.keys(kept).length) out[app] = kept;
  }
  return out;
}

/**
 * A job the technician may pick, from XOi's job (the routes) or from the routes' JSON (the
 * element): the same field names on both. Null when there is no id.
 */
export function linkableJobOf(value: unknown): LinkableJob | null {
  const job = record(value);
  if (!job || typeof job.id != 'string' || !job.id) return null;
  return {
    id: job.id,
    label: str(job.label) ?? '',
    customerName: str(job.customerName),
    jobLocation: str(job.jobLocation),
    workOrderNumber: str(job.workOrderNumber),
    createdAt: str(job.createdAt),
    completedAt: str(job.completedAt),
  };
}

/** A {@link WorkOrderLink} as the routes send it, or null; the share link must be an http(s) URL. */
export function workOrderLinkOf(value: unknown): WorkOrderLink | null {
  const link = record(value);
  const shareLink = httpUrl(link?.shareLink);
  if (!link || typeof link.workOrderId != 'string' || typeof link.jobId != 'string' || !link.jobId || !shareLink)
    return null;
  return {
    workOrderId: link.workOrderId,
    jobId: link.jobId,
    label: str(link.label) ?? '',
    shareLink,
    deepLinks: deepLinksOf(link.deepLinks, wireUrl),
    linkedAt: str(link.linkedAt) ?? '',
    linkedBy: str(link.linkedBy) ?? '',
  };
}
