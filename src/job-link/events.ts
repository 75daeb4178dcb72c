/**
 * `<xoi-job-link>`'s events, in one map: the element's `emit`, `GlobalEventHandlersEventMap`,
 * the React wrapper's `on…` props, the JSX typings and the custom elements manifest all read it.
 */
import type { WorkOrderLink, XoiRouteErrorCode } from '../contract/routes.js';

/**
 * `detail` of `xoi-job-link-linked`: the work order's final link to one XOi job (the
 * {@link WorkOrderLink} the routes answered with), and `existing`: `false` when this element's
 * request made the link, `true` when the link existed already (read when the element loaded, or
 * another request won the race to link this work order).
 */
export type XoiJobLinkDetail = WorkOrderLink & { existing: boolean };

/**
 * `code` of `xoi-job-link-error`: the host route's error code, or `network` (no answer),
 * `bad-response` (an answer that is not the routes' JSON), `invalid-endpoint` (`endpoint` is
 * not an http(s) URL) or `invalid-work-order` (`work-order` is not an id the routes take).
 */
export type XoiJobLinkErrorCode =
  XoiRouteErrorCode | 'network' | 'bad-response' | 'invalid-endpoint' | 'invalid-work-order';

/** `detail` of `xoi-job-link-error`. */
export interface XoiJobLinkErrorDetail {
  code: XoiJobLinkErrorCode;
  /** For developers and logs (English, from the host route when it sent one); the technician sees a translated text. */
  message: string;
  /** HTTP status of the answer; 0 when there was none. */
  status: number;
}

/** Each event's `detail`. All bubble and are composed. */
export interface XoiJobLinkEventDetails {
  /**
   * The work order is linked (final): this element linked it, or found it linked when it loaded
   * or when another request won the race (`existing: true`). Once each time the element reads
   * the work order (on load, after `reload()` or a `work-order` change), and once for each link
   * its request made: also when `reload()` or another `work-order` came while it was out
   * (`workOrderId` says which work order; the element shows it only if it still shows that one).
   */
  'xoi-job-link-linked': XoiJobLinkDetail;
  /** A request failed; the element shows why and how to go on. `{ code, message, status }`. */
  'xoi-job-link-error': XoiJobLinkErrorDetail;
}

export type XoiJobLinkEventName = keyof XoiJobLinkEventDetails;

export type XoiJobLinkEventMap = { [K in XoiJobLinkEventName]: CustomEvent<XoiJobLinkEventDetails[K]> };

export const XOI_JOB_LINK_EVENTS: readonly XoiJobLinkEventName[] = ['xoi-job-link-linked', 'xoi-job-link-error'];
