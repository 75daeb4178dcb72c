/**
 * The JSON the host endpoints of {@link createXoiRoutes} answer with: what `<xoi-job-link>`
 * reads. Free of Node and DOM (it imports nothing), so browser code imports it too: types, and
 * the one list of error codes.
 */

/**
 * The work order ids the routes take in their path (`{base}/work-orders/{id}/…`): not blank, at
 * most 256 UTF-16 code units, and not "." or "..", which no URL can carry as a path segment
 * (URL parsers resolve them, also written `%2E`). `<xoi-job-link>` checks its `work-order` with
 * the same rule, so it names a bad id instead of sending a request that cannot succeed.
 */
export const isWorkOrderId = (id: string): boolean => id.trim() !== '' && id.length <= 256 && id !== '.' && id !== '..';

/** A job the technician may link to a work order (`GET {base}/work-orders/{id}/jobs`). */
export interface LinkableJob {
  id: string;
  /** XOi's job label ("12345 - ABC Corp" as typed by the technician); '' when XOi has none. */
  label: string;
  customerName: string | null;
  jobLocation: string | null;
  workOrderNumber: string | null;
  /** ISO date-time. */
  createdAt: string | null;
  /** ISO date-time; null while the job is not complete. */
  completedAt: string | null;
}

export interface WorkOrderLinkDeepLinks {
  visionWeb?: { viewJob?: string };
  visionMobile?: {
    viewJob?: string;
    editJob?: string;
    jobLocationActivitySearch?: string;
    contributeToJob?: string;
  };
}

/** A work order's final link to one XOi job (`GET|POST {base}/work-orders/{id}/link`). */
export interface WorkOrderLink {
  /** The host's work order id (`<xoi-job-link work-order>`). */
  workOrderId: string;
  /** The XOi job linked to it. */
  jobId: string;
  /** The job's label in XOi as the link set it ("<work order> - <customer>"), to show instead of the id. */
  label: string;
  /** XOi's public share link: the customer's link, for the invoice or report. */
  shareLink: string;
  /** The job's deep links into XOi Vision (web and mobile), as far as XOi gives them. */
  deepLinks: WorkOrderLinkDeepLinks;
  /** ISO date-time of the link. */
  linkedAt: string;
  /** The technician who linked it (their email, lowercase). */
  linkedBy: string;
}

export type XoiRouteErrorCode =
  | 'unauthenticated'
  | 'invalid-request'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'already-linked'
  | 'xoi-unavailable'
  | 'internal';

/**
 * Each error code's HTTP status. The routes answer with it and the element accepts exactly
 * these codes: a code added to {@link XoiRouteErrorCode} does not compile until it is here.
 */
export const ROUTE_ERROR_STATUS = {
  unauthenticated: 401,
  'invalid-request': 400,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'already-linked': 409,
  'xoi-unavailable': 502,
  internal: 500,
} as const satisfies Record<XoiRouteErrorCode, number>;

/**
 * Why `POST …/link` answered `already-linked`: the work order has its link (`link` is it), the
 * job is linked to another work order (which one is not said: the technician may not see it), or
 * another request is linking one of them right now.
 */
export type AlreadyLinkedReason = 'work-order-linked' | 'job-taken' | 'in-progress';

/** Every non-2xx answer's body. */
export interface XoiRouteErrorBody {
  error: {
    code: XoiRouteErrorCode;
    message: string;
    /** With `already-linked` only. */
    reason?: AlreadyLinkedReason;
    /** With `already-linked` and `reason: 'work-order-linked'` only: this work order's link. */
    link?: WorkOrderLink;
  };
}

/**
 * Where a job list came from: `index`, the host's job index (its database, kept fresh by XOi's
 * change notifications and a sweep), or `live`, XOi read for this request (the index is not
 * built yet, is behind, or the host runs without one).
 */
export type LinkableJobsSource = 'index' | 'live';

/**
 * One page of `GET {base}/work-orders/{id}/jobs[?label=text][&cursor=…]`: the technician's jobs,
 * newest first. With `hasMore`, the next page is asked for with `cursor=nextCursor` (and the same
 * `label`).
 */
export interface LinkableJobsBody {
  jobs: LinkableJob[];
  /** More jobs follow this page: ask again with `cursor` set to `nextCursor`. */
  hasMore: boolean;
  /** Opaque; null when there is no next page. */
  nextCursor: string | null;
  /** True when XOi's live listing hit its paging limit: older jobs may be missing. Never from the index. */
  truncated: boolean;
  source: LinkableJobsSource;
}

export interface WorkOrderLinkBody {
  link: WorkOrderLink | null;
}
